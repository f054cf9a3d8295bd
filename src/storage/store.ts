import type { Kysely, Transaction, ColumnDefinitionBuilder, CreateTableBuilder } from 'kysely';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the root handle or a transaction: operations accept both, so callers choose the boundary. */
export type Executor = Kysely<Database>;

/**
 * What differs between the engines, expressed as capabilities rather than `if (sqlite)` checks
 * scattered through the domain code. Each dialect folder implements this once.
 */
export interface DialectCapabilities {
  /** Adds an auto-generated integer primary key named `id`. */
  addIdColumn<T extends string>(tb: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'>;
  /** Column type for a 64-bit integer (counts, money in paise). */
  bigint: 'integer' | 'bigint';
  /** Case-insensitive LIKE operator. */
  ilike: 'like' | 'ilike';
  /** The engine's full-text index: SQLite FTS5 or PostgreSQL tsvector + GIN (src/search/indexes/). */
  fullText: 'fts5' | 'tsvector';
}

export interface Store {
  readonly dialect: DialectName;
  readonly db: Db;
  readonly caps: DialectCapabilities;
  /** A short human description (file path or redacted URL) for logs. */
  readonly description: string;
  /** The PostgreSQL schema this store lives in, when it is not the default search_path. */
  readonly schema?: string;
  transaction<T>(fn: (trx: Tx) => Promise<T>): Promise<T>;
  /** A consistent online copy of the whole store to a file, where the engine can make one itself. */
  backup?(file: string): Promise<void>;
  close(): Promise<void>;
}

export type ColumnBuilder = (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
