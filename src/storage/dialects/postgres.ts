import pg from 'pg';
import { Kysely, PostgresDialect, type CreateTableBuilder } from 'kysely';
import type { Database } from '../schema.js';
import type { DialectCapabilities, Store } from '../store.js';

export const postgresCapabilities: DialectCapabilities = {
  addIdColumn<T extends string>(tb: CreateTableBuilder<T, never>) {
    return tb.addColumn('id', 'serial', (c) => c.primaryKey()) as CreateTableBuilder<T, 'id'>;
  },
  bigint: 'bigint',
  ilike: 'ilike',
  fullText: 'tsvector',
};

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/**
 * The scale-out store. `schema` (optional) isolates a test run or a tenant: the pool sets search_path
 * on every connection. COUNT(*) and BIGINT come back as strings from pg by default; we parse int8 to
 * number because our counts and paise amounts stay far below 2^53.
 */
export function openPostgres(url: string, opts: { schema?: string; max?: number } = {}): Store & { pool: pg.Pool } {
  pg.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  // An idle client losing its connection (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // pg-pool listens for errors only on idle clients. A checked-out client that the server terminates
  // between two queries (Kysely holds one through a transaction) would emit 'error' with no listener and
  // crash the process; its pending queries fail anyway, and the pool drops it on release (not queryable).
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    dialect: 'postgres',
    db,
    pool,
    caps: postgresCapabilities,
    description: `postgres:${redactUrl(url)}${opts.schema ? ` (schema ${opts.schema})` : ''}`,
    ...(opts.schema ? { schema: opts.schema } : {}),
    transaction: (fn) => db.transaction().execute(fn),
    close: async () => {
      await db.destroy();
    },
  };
}
