import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type CreateTableBuilder } from 'kysely';
import type { Database } from '../schema.js';
import type { DialectCapabilities, Store } from '../store.js';

export const sqliteCapabilities: DialectCapabilities = {
  addIdColumn<T extends string>(tb: CreateTableBuilder<T, never>) {
    return tb.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()) as CreateTableBuilder<T, 'id'>;
  },
  bigint: 'integer',
  ilike: 'like',
};

/**
 * The embedded store: one file, WAL for concurrent readers, synchronous=FULL so that an acknowledged
 * write survives a power cut (DESIGN.md section 7), foreign keys on.
 */
export function openSqlite(file: string): Store & { raw: BetterSqlite3.Database } {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('cache_size = -65536');
  raw.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  return {
    dialect: 'sqlite',
    db,
    raw,
    caps: sqliteCapabilities,
    description: `sqlite:${file}`,
    transaction: (fn) => db.transaction().execute(fn),
    // better-sqlite3's online backup copies pages while writers continue; the copy is one consistent snapshot.
    backup: async (target) => {
      await raw.backup(target);
    },
    close: async () => {
      await db.destroy();
    },
  };
}
