import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { openPostgres } from '../../src/storage/index.js';
import {
  cleanupAll, destroyClusters, importLines, until, privateClusterSkipReason, readerPaths, readers, runCli, sleep, startPrivateCluster, startServe, tempDir,
  type LoadStats, type PrivateCluster, type Server,
} from './helpers.js';

/**
 * PostgreSQL restarted under load. The machine's shared server is never touched: the test starts a
 * throwaway cluster of its own (as the postgres OS user when run as root), serves the site on it, and
 * stops and starts that cluster while readers load pages: once cleanly (`fast`) and once as a crash
 * (`immediate`). The app process must survive, answer /healthz 503 while the store is away and 200
 * after, give readers errors only during the outage, and accept a write after the restart.
 */
const skip = privateClusterSkipReason() ?? false;

after(async () => {
  await cleanupAll();
  destroyClusters();
});

async function waitForHealth(base: string, status: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) }).catch(() => null);
    await r?.arrayBuffer();
    if (r?.status === status) return Date.now();
    if (Date.now() > deadline) throw new Error(`/healthz did not answer ${status} within ${timeoutMs} ms (last ${r?.status ?? 'no answer'})`);
    await sleep(50);
  }
}

const summary = (s: LoadStats['log']) => {
  const by = new Map<string, number>();
  for (const e of s) by.set(`${e.path} ${e.status ?? e.error}`, (by.get(`${e.path} ${e.status ?? e.error}`) ?? 0) + 1);
  return [...by].map(([k, n]) => `${k} ×${n}`).join(', ');
};

describe('PostgreSQL restarted under load', { skip }, () => {
  let cluster: PrivateCluster;
  let server: Server;

  it('keeps the site up, reports 503 only during the outage, and reconnects by itself', { timeout: 150_000 }, async () => {
    cluster = await startPrivateCluster();
    const dir = tempDir('pg-restart');
    const env = { DATABASE_URL: cluster.url };
    server = await startServe({ dataDir: join(dir, 'data'), env });
    const paths = await readerPaths(server.base);
    const uncached = [...paths.filter((p) => p.startsWith('/api/') || p === '/healthz')];

    // Warm every page once, so that the baseline measures serving rather than first renders on a busy machine.
    for (const p of paths) await (await fetch(server.base + p)).arrayBuffer();

    for (const mode of ['fast', 'immediate'] as const) {
      const load = readers(server.base, [...paths, ...uncached], 4);
      await until(() => load.stats.requests >= 30, 30_000);
      const outageStart = Date.now();
      cluster.stop(mode);
      let outageEnd: number;
      try {
        await waitForHealth(server.base, 503, 10_000);
        await sleep(1500);
        assert.ok(server.child.running, `the app died while PostgreSQL was down (${mode}):\n${server.child.stderr().slice(-3000)}`);
      } finally {
        cluster.start();
        outageEnd = Date.now();
      }
      const recoveredAt = await waitForHealth(server.base, 200, 30_000);
      await until(() => load.stats.log.filter((e) => e.at >= recoveredAt).length >= 30, 30_000);
      await load.stop();
      const log = load.stats.log;

      assert.ok(server.child.running, `the app died after PostgreSQL came back (${mode}):\n${server.child.stderr().slice(-3000)}`);
      assert.deepEqual([...load.stats.errors.keys()], [], `the app stopped accepting connections (${mode})`);
      const before = log.filter((e) => e.at < outageStart);
      const afterwards = log.filter((e) => e.at >= recoveredAt);
      assert.ok(before.length > 10 && afterwards.length > 10, `too few requests to judge (${before.length} before, ${afterwards.length} after)`);
      assert.ok(before.every((e) => e.status === 200), `errors before the outage (${mode}): ${summary(before.filter((e) => e.status !== 200))}`);
      assert.ok(afterwards.every((e) => e.status === 200), `errors after PostgreSQL came back (${mode}): ${summary(afterwards.filter((e) => e.status !== 200))}`);
      const during = log.filter((e) => e.at >= outageStart && e.at < recoveredAt);
      assert.ok(during.some((e) => e.path === '/healthz' && e.status === 503), `/healthz never answered 503 during the outage: ${summary(during)}`);
      // Pages that needed the store say it is away for a moment (503 with Retry-After), never a bare 500.
      assert.ok(during.every((e) => e.status === 200 || e.status === 503), `unexpected answers during the outage: ${summary(during)}`);
      assert.ok(recoveredAt - outageEnd < 15_000, `took ${recoveredAt - outageEnd} ms to reconnect`);

      // A write after the restart: the import command saves a story, and the running site serves it.
      const file = join(dir, `after-${mode}.ndjson`);
      writeFileSync(file, importLines(1, `after${mode}`));
      const imp = await runCli(['import', file, '--data', join(dir, 'data')], env);
      assert.equal(imp.code, 0, imp.stdout + imp.stderr);
      const store = openPostgres(cluster.url, { max: 1 });
      const row = await store.db.selectFrom('articles').select(['id', 'headline']).where('external_id', 'like', `after${mode}-%`).executeTakeFirstOrThrow().finally(() => store.close());
      const r = await fetch(`${server.base}/api/v1/articles/${row.id}`);
      assert.equal(r.status, 200);
      assert.equal(((await r.json()) as { headline: string }).headline, row.headline);
    }
    await server.child.stop();
  });
});
