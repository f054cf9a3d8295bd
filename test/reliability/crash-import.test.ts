import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { eachDialect } from '../helpers/stores.js';
import { migrateToLatest, type Store } from '../../src/storage/index.js';
import {
  cleanupAll, countWhereExternalPrefix, importLines, openTarget, pgDatabase, randomInt, runCli, sleep, spawnCli, storeProblems, tempDir, type StoreTarget,
} from './helpers.js';

/**
 * `samachar import` killed with SIGKILL in the middle of a file: every line is its own transaction, so
 * the store holds whole stories only; running the same import again takes every line, updating the
 * stories it had already written (externalId) instead of duplicating them.
 */
const drops: (() => Promise<void>)[] = [];
after(async () => {
  await cleanupAll();
  for (const d of drops) await d().catch(() => {});
});


await eachDialect((dialect, skip) => {
  describe(`an import killed with SIGKILL on ${dialect}`, { skip }, () => {
    it('leaves only whole stories, and the same import run again ends with every line exactly once', { timeout: 120_000 }, async () => {
      // PostgreSQL takes a round trip per statement, so its file is shorter to keep the test quick.
      const LINES = dialect === 'sqlite' ? 1000 : 400;
      const dir = tempDir('crash-import');
      const dataDir = join(dir, 'data');
      const file = join(dir, 'stories.ndjson');
      writeFileSync(file, importLines(LINES, 'imp'));
      let target: StoreTarget;
      let env: Record<string, string> = {};
      if (dialect === 'sqlite') target = { sqlite: join(dataDir, 'samachar.db') };
      else {
        const d = await pgDatabase();
        drops.push(d.drop);
        target = { pg: { url: d.url } };
        env = { DATABASE_URL: d.url };
      }
      const setup = openTarget(target);
      await migrateToLatest(setup);
      await setup.close();

      const importer = spawnCli(['import', file, '--data', dataDir], env);
      const killAt = randomInt(50, Math.floor(LINES / 3));
      let watcher: Store | undefined;
      let seen = 0;
      try {
        watcher = openTarget(target);
        while (importer.running && seen < killAt) {
          seen = await countWhereExternalPrefix(watcher, 'imp-');
          await sleep(20);
        }
      } finally {
        await importer.kill9();
        await watcher?.close();
      }
      assert.ok(seen > 0 && seen < LINES, `the import must be killed mid-file (saw ${seen} of ${LINES} stories; stderr: ${importer.stderr().slice(-1000)})`);

      const store = openTarget(target);
      let before: number;
      try {
        assert.deepEqual(await storeProblems(store), [], 'store inconsistent after the import was killed');
        before = await countWhereExternalPrefix(store, 'imp-');
      } finally {
        await store.close();
      }

      const again = await runCli(['import', file, '--data', dataDir], env, 100_000);
      assert.equal(again.code, 0, `second import failed: ${again.stdout.slice(-2000)} ${again.stderr.slice(-2000)}`);
      const m = /created (\d+), updated (\d+), rejected (\d+)/.exec(again.stdout);
      assert.ok(m, again.stdout);
      assert.deepEqual({ created: Number(m[1]), updated: Number(m[2]), rejected: Number(m[3]) }, { created: LINES - before, updated: before, rejected: 0 });

      const end = openTarget(target);
      try {
        assert.equal(await countWhereExternalPrefix(end, 'imp-'), LINES);
        assert.deepEqual(await storeProblems(end), [], 'store inconsistent after the import was run again');
      } finally {
        await end.close();
      }
    });
  });
});
