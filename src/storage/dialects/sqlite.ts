import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type CreateTableBuilder, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import type { Database } from '../schema.js';
import type { DialectCapabilities, Store } from '../store.js';

/**
 * Transactions begin IMMEDIATE: they take the write lock up front, waiting for it under busy_timeout.
 * A deferred BEGIN reads first and upgrades later; when another process (import, a second worker) has
 * committed in between, the upgrade fails at once with SQLITE_BUSY ("database is locked"), no waiting.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly config: SqliteDialectConfig) {
    super(config);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.config);
  }
}

export const sqliteCapabilities: DialectCapabilities = {
  addIdColumn<T extends string>(tb: CreateTableBuilder<T, never>) {
    return tb.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()) as CreateTableBuilder<T, 'id'>;
  },
  bigint: 'integer',
  ilike: 'like',
  fullText: 'fts5',
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
  // Planner statistics (sqlite_stat1), as SQLite advises for long-lived connections: refreshed where stale
  // when opened and every few hours, each run bounded by analysis_limit. Without them the planner reads
  // `status = 'published'` through its index as if it were selective, and scans every published story to
  // find fifty by id.
  raw.pragma('analysis_limit = 1000');
  const optimize = (flags = '') => {
    try {
      raw.pragma(`optimize${flags}`);
    } catch {
      /* read-only or busy: statistics can wait for the next run */
    }
  };
  if (file !== ':memory:') optimize(' = 0x10002');
  const optimizeTimer = setInterval(() => optimize(), 4 * 60 * 60 * 1000);
  optimizeTimer.unref();
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: raw }) });
  return {
    dialect: 'sqlite',
    db,
    raw,
    caps: sqliteCapabilities,
    description: `sqlite:${file}`,
    transaction: (fn) => db.transaction().execute(fn),
    // better-sqlite3's online backup copies pages while writers continue; the copy is one consistent snapshot.
    // All pages go in one step (one read transaction; WAL writers carry on): copied 100 pages at a time,
    // every commit by another process restarted the copy, and on a busy site it never finished.
    backup: async (target) => {
      await raw.backup(target, { progress: () => 0x7fffffff });
    },
    close: async () => {
      clearInterval(optimizeTimer);
      if (raw.open) optimize();
      await db.destroy();
    },
  };
}
