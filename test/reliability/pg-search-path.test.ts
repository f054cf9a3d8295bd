import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { postgresSkipReason } from '../helpers/stores.js';
import { migrateToLatest, openPostgres } from '../../src/storage/index.js';
import { pgDatabase, runCli, withSearchPath } from './helpers.js';

/**
 * An operator may put Samachar's tables in a schema of their own by DATABASE_URL alone
 * (`?options=-c search_path=news`). Found while running the CLI this way in the crash tests: when
 * another schema of the same database already held Kysely's migration tables, `samachar migrate` took
 * those for its own and failed with `relation "kysely_migration_lock" does not exist` (with Kysely's migrator).
 */
const skip = (await postgresSkipReason()) ?? false;
const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const d of drops) await d().catch(() => {});
});

describe('a store in a schema chosen by search_path in DATABASE_URL', { skip }, () => {
  it('migrates and is used although another schema in the database holds a migrated store', { timeout: 60_000 }, async () => {
    const db = await pgDatabase();
    drops.push(db.drop);
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      await admin.query('create schema other_site; create schema news');
      const other = openPostgres(db.url, { schema: 'other_site', max: 1 });
      await migrateToLatest(other);
      await other.close();

      const url = withSearchPath(db.url, 'news');
      const first = await runCli(['migrate'], { DATABASE_URL: url });
      assert.equal(first.code, 0, first.stdout + first.stderr);
      const again = await runCli(['migrate'], { DATABASE_URL: url });
      assert.equal(again.code, 0, again.stdout + again.stderr);
      const { rows } = await admin.query<{ table_schema: string; table_name: string }>(
        `select table_schema, table_name from information_schema.tables where table_name in ('articles', 'samachar_migrations') order by 1, 2`,
      );
      assert.deepEqual(
        rows.map((r) => `${r.table_schema}.${r.table_name}`),
        ['news.articles', 'news.samachar_migrations', 'other_site.articles', 'other_site.samachar_migrations'],
      );
      const applied = await admin.query<{ n: string }>('select count(*) as n from news.samachar_migrations');
      const appliedOther = await admin.query<{ n: string }>('select count(*) as n from other_site.samachar_migrations');
      assert.equal(applied.rows[0]!.n, appliedOther.rows[0]!.n);
    } finally {
      await admin.end();
    }
  });
});
