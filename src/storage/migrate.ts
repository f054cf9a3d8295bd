import { sql } from 'kysely';
import { AppError } from '../shared/errors.js';
import { migrations } from './migrations/index.js';
import type { Store } from './store.js';

/**
 * Brings the store to the newest schema, in one transaction: every pending migration applies, or none.
 * Safe to run from several instances at once: on PostgreSQL a transaction-scoped advisory lock serializes
 * migrators; on SQLite the write transaction does.
 *
 * A small migrator of our own rather than Kysely's: Kysely's introspects every schema of the database to
 * find its tables, which fails when another schema is dropped meanwhile (parallel test runs, tenants), and
 * may take another schema's migration table for ours.
 */
const LOCK_KEY = 727_274_1; // arbitrary, constant: "samachar migrations"

export async function migrateToLatest(store: Store): Promise<string[]> {
  try {
    return await store.transaction(async (trx) => {
      if (store.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      await sql`create table if not exists samachar_migrations (name text primary key, applied_at text not null)`.execute(trx);
      let applied = new Set((await sql<{ name: string }>`select name from samachar_migrations`.execute(trx)).rows.map((r) => r.name));
      if (applied.size === 0) applied = await adoptKyselyHistory(store, trx);
      const done: string[] = [];
      for (const m of migrations) {
        if (applied.has(m.name)) continue;
        try {
          await m.up(trx, store.caps);
        } catch (e) {
          throw new AppError('INTERNAL', `migration ${m.name} failed: ${(e as Error).message}`, { cause: e });
        }
        await sql`insert into samachar_migrations (name, applied_at) values (${m.name}, ${new Date().toISOString()})`.execute(trx);
        done.push(m.name);
      }
      return done;
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('INTERNAL', `migration failed: ${(e as Error).message}`, { cause: e });
  }
}

/** Stores migrated by an early build kept their history in Kysely's table; carry it over once. */
async function adoptKyselyHistory(store: Store, trx: Parameters<Parameters<Store['transaction']>[0]>[0]): Promise<Set<string>> {
  const exists =
    store.dialect === 'postgres'
      ? (await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = current_schema() and table_name = 'kysely_migration'`.execute(trx)).rows[0]?.n
      : (await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(trx)).rows[0]?.n;
  if (!Number(exists)) return new Set();
  const names = (await sql<{ name: string }>`select name from kysely_migration`.execute(trx)).rows.map((r) => r.name);
  for (const name of names) await sql`insert into samachar_migrations (name, applied_at) values (${name}, ${new Date().toISOString()})`.execute(trx);
  return new Set(names);
}
