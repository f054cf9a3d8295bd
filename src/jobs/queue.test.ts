import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStore, eachDialect, type TestStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../shared/clock.js';
import { silentLogger } from '../shared/logger.js';
import { JobQueue } from './queue.js';

await eachDialect((dialect, skip) => {
  describe(`job queue on ${dialect}`, { skip }, () => {
    let t: TestStore;
    const clock = fixedClock('2026-01-01T00:00:00Z');
    before(async () => { t = await createTestStore(dialect); });
    after(async () => { await t?.cleanup(); });

    it('runs a due job once even when two instances race for it', async () => {
      const a = new JobQueue(t.store, clock, silentLogger);
      const b = new JobQueue(t.store, clock, silentLogger);
      const seen: string[] = [];
      a.register('race', async () => { seen.push('a'); });
      b.register('race', async () => { seen.push('b'); });
      await a.enqueue('race', {});
      await Promise.all([a.runDue(), b.runDue()]);
      assert.equal(seen.length, 1);
    });

    it('waits until run_at and survives a new queue object (a restart)', async () => {
      const q = new JobQueue(t.store, clock, silentLogger);
      await q.enqueue('later', { n: 1 }, { runAt: new Date('2026-01-01T01:00:00Z') });
      const fresh = new JobQueue(t.store, clock, silentLogger);
      const got: unknown[] = [];
      fresh.register('later', async (p) => { got.push(p); });
      assert.equal(await fresh.runDue(), 0);
      clock.advance(60 * 60 * 1000);
      assert.equal(await fresh.runDue(), 1);
      assert.deepEqual(got, [{ n: 1 }]);
    });

    it('retries a failing job with backoff and gives up after max attempts', async () => {
      const q = new JobQueue(t.store, clock, silentLogger);
      let calls = 0;
      q.register('flaky', async () => { calls++; throw new Error('receiver down'); });
      const id = await q.enqueue('flaky', {}, { maxAttempts: 2 });
      await q.runDue();
      assert.equal(calls, 1);
      await q.runDue();
      assert.equal(calls, 1, 'not before the backoff');
      clock.advance(10_000);
      await q.runDue();
      assert.equal(calls, 2);
      const row = await t.store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.ok(row.failed_at);
      assert.equal(row.last_error, 'receiver down');
    });

    it('replaces a pending job with the same unique key', async () => {
      const q = new JobQueue(t.store, clock, silentLogger);
      await q.enqueue('publish', { v: 1 }, { uniqueKey: 'publish:1', runAt: new Date(clock.now().getTime() + 1000) });
      await q.enqueue('publish', { v: 2 }, { uniqueKey: 'publish:1', runAt: new Date(clock.now().getTime() + 2000) });
      const rows = await t.store.db.selectFrom('jobs').selectAll().where('unique_key', '=', 'publish:1').execute();
      assert.equal(rows.length, 1);
      assert.equal(JSON.parse(rows[0]!.payload).v, 2);
    });
  });
});
