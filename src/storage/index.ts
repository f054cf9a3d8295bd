import { join } from 'node:path';
import { openPostgres } from './dialects/postgres.js';
import { openSqlite } from './dialects/sqlite.js';
import type { Store } from './store.js';

export type { Store, Db, Tx, Executor, DialectName, DialectCapabilities } from './store.js';
export type * from './schema.js';
export { migrateToLatest } from './migrate.js';
export { openSqlite } from './dialects/sqlite.js';
export { openPostgres, redactUrl } from './dialects/postgres.js';
export { isStoreUnavailable } from './unavailable.js';

export const SQLITE_FILE = 'samachar.db';

/** Opens the store that the configuration names: PostgreSQL for a postgres:// URL, else the SQLite file. */
export function openStore(opts: { dataDir: string; databaseUrl?: string | undefined; pgSchema?: string }): Store {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.pgSchema ? { schema: opts.pgSchema } : {});
  return openSqlite(join(opts.dataDir, SQLITE_FILE));
}
