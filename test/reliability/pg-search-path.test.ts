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
      // Every migration applied in the schema of its own, and the other store left as it was.
      const columns = async (schema: string) =>
        (await admin.query<{ c: string }>(`select table_name || '.' || column_name as c from information_schema.columns where table_schema = $1 order by 1`, [schema])).rows.map((r) => r.c);
      const news = await columns('news');
      assert.ok(news.includes('articles.headline'), 'no articles table in the chosen schema');
      assert.deepEqual(news, await columns('other_site'));
    } finally {
      await admin.end();
    }
  });
});
