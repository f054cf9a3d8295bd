import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { eachDialect } from '../helpers/stores.js';
import {
  cleanupAll, countWhereExternalPrefix, importLines, missingAcks, openTarget, parseAcks, pgDatabase, randomInt, readerPaths, readers, runCli, sleep,
  spawnCli, spawnWriter, startServe, storeProblems, tempDir, until, type StoreTarget,
} from './helpers.js';

/**
 * `samachar serve` killed with SIGKILL while a writer process saves stories and `samachar import` runs
 * against the same store and readers load pages: after a restart on the same store the site serves
 * again, every acknowledged story is there and readable, and the interrupted import completes.
 */
const drops: (() => Promise<void>)[] = [];
after(async () => {
  await cleanupAll();
  for (const d of drops) await d().catch(() => {});
});

await eachDialect((dialect, skip) => {
  describe(`serve killed with SIGKILL under write load on ${dialect}`, { skip }, () => {
    it('restarts on the same store, serves every acknowledged story and lets the import finish', { timeout: 150_000 }, async () => {
      const dir = tempDir('crash-serve');
      const dataDir = join(dir, 'data');
      const file = join(dir, 'stories.ndjson');
      const LINES = dialect === 'sqlite' ? 800 : 300;
      writeFileSync(file, importLines(LINES, 'srv'));
      let target: StoreTarget;
      let env: Record<string, string> = {};
      if (dialect === 'sqlite') target = { sqlite: join(dataDir, 'samachar.db') };
      else {
        const d = await pgDatabase();
        drops.push(d.drop);
        target = { pg: { url: d.url } };
        env = { DATABASE_URL: d.url };
      }

      // The server migrates the empty store itself; the readers read the writer's stories (no demo
      // newsroom: its images take long to make on a busy machine and add nothing here).
      const server = await startServe({ dataDir, env, demo: false });
      const writer = spawnWriter(target, { prefix: 'srvw', concurrency: 2, pauseMs: 2 });
      const importer = spawnCli(['import', file, '--data', dataDir], env);
      let load: ReturnType<typeof readers> | undefined;
      let paths: string[] = [];
      try {
        await writer.waitForLine(/^ACK /, 60_000);
        paths = await readerPaths(server.base);
        load = readers(server.base, paths, 4);
        const l = load;
        await until(() => l.stats.requests >= 8, 60_000, 'readers answered');
        await sleep(randomInt(300, 2000));
      } finally {
        await Promise.all([server.child.kill9(), writer.kill9(), importer.kill9()]);
        await load?.stop();
      }
      const loadStats = load!.stats;
      const beforeKill = loadStats.log.filter((e) => e.status !== null);
      assert.ok(beforeKill.length > 0, 'readers got no answer before the kill');
      const serverErrors = beforeKill.filter((e) => e.status! >= 500);
      assert.deepEqual(serverErrors.slice(0, 5), [], 'readers got server errors while other processes wrote');
      const acks = parseAcks(writer.lines());
      assert.doesNotMatch(writer.stderr(), /save failed/);

      const store = openTarget(target);
      let published: { id: number; headline: string }[];
      try {
        assert.deepEqual(await storeProblems(store), [], 'store inconsistent after serve, writer and import were killed');
        assert.deepEqual(await missingAcks(store, acks), [], 'acknowledged saves lost');
        const ids = [...new Set(acks.map((a) => a.id))].slice(-20);
        published = ids.length ? await store.db.selectFrom('articles').select(['id', 'headline']).where('id', 'in', ids).where('status', '=', 'published').execute() : [];
      } finally {
        await store.close();
      }

      const again = await startServe({ dataDir, env, port: server.port });
      try {
        for (const p of paths) {
          const r = await fetch(again.base + p);
          await r.arrayBuffer();
          assert.equal(r.status, 200, `${p} after the restart`);
        }
        for (const a of published) {
          const r = await fetch(`${again.base}/api/v1/articles/${a.id}`);
          assert.equal(r.status, 200, `acknowledged story ${a.id} after the restart`);
          assert.equal(((await r.json()) as { headline: string }).headline, a.headline);
        }
        const imp = await runCli(['import', file, '--data', dataDir], env, 100_000);
        assert.equal(imp.code, 0, `${imp.stdout.slice(-1500)}\n${imp.stderr.slice(-1500)}`);
        assert.match(imp.stdout, /rejected 0/);
        const end = openTarget(target);
        try {
          assert.equal(await countWhereExternalPrefix(end, 'srv-'), LINES);
          assert.deepEqual(await storeProblems(end), []);
        } finally {
          await end.close();
        }
        const health = await fetch(`${again.base}/healthz`);
        assert.equal(health.status, 200);
      } finally {
        await again.child.stop();
      }
    });
  });
});
