import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import pg from 'pg';
import { postgresSkipReason } from '../helpers/stores.js';
import { openPostgres } from '../../src/storage/index.js';
import { pgSchema, sleep } from './helpers.js';

/**
 * The regression test for a crash found by pg-restart.test.ts: when PostgreSQL terminates a connection
 * that Kysely has checked out of the pool (inside a transaction, between two statements), pg emits
 * 'error' on a client that pg-pool no longer listens to, and the whole process died of an unhandled
 * 'error' event. Here only this test's own backend is terminated, so the shared server is untouched.
 */
const skip = (await postgresSkipReason()) ?? false;
const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const d of drops) await d().catch(() => {});
});

describe('a PostgreSQL connection lost while checked out', { skip }, () => {
  it('fails the transaction that held it, does not crash the process, and the store works again', { timeout: 30_000 }, async () => {
    const s = await pgSchema();
    drops.push(s.drop);
    const store = openPostgres(s.url, { schema: s.schema, max: 2 });
    const admin = new pg.Client({ connectionString: s.url });
    await admin.connect();
    const crashes: unknown[] = [];
    const onUncaught = (e: unknown) => crashes.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const failed = await store
        .transaction(async (trx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
          // The termination notice arrives while the client is checked out and idle.
          await sleep(300);
          await sql`select 1`.execute(trx);
        })
        .then(() => null, (e: Error) => e);
      assert.ok(failed, 'the transaction on the terminated connection must fail');
      await sleep(100);
      assert.deepEqual(crashes, [], 'the lost connection escaped as an uncaught error');
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(store.db);
      assert.equal(rows[0]!.one, 1);
    } finally {
      process.off('uncaughtException', onUncaught);
      await admin.end();
      await store.close();
    }
  });
});
