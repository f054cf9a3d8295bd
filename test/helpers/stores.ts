import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import pg from 'pg';
import { migrateToLatest, openPostgres, openSqlite, type Store } from '../../src/storage/index.js';

/**
 * Storage tests are written once and run over every dialect (STYLE.md, example 5). SQLite always runs;
 * PostgreSQL runs when TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) answers, each
 * store in a schema of its own that is dropped afterwards. Where no server answers, the PostgreSQL
 * variants are reported as skipped with the reason.
 */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgAvailable: Promise<string | null> | undefined;
/** null when PostgreSQL answers, else the reason it is skipped. */
export function postgresSkipReason(): Promise<string | null> {
  pgAvailable ??= (async () => {
    if (process.env.SAMACHAR_TEST_DIALECTS && !process.env.SAMACHAR_TEST_DIALECTS.includes('postgres')) return 'SAMACHAR_TEST_DIALECTS excludes postgres';
    const u = new URL(TEST_PG_URL);
    const reachable = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: u.hostname, port: Number(u.port || 5432) });
      s.setTimeout(1000);
      s.once('connect', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
      s.once('timeout', () => { s.destroy(); resolve(false); });
    });
    if (!reachable) return `no PostgreSQL answers at ${u.host}`;
    const c = new pg.Client({ connectionString: TEST_PG_URL });
    try {
      await c.connect();
      await c.query('select 1');
      return null;
    } catch (e) {
      return `PostgreSQL at ${u.host} refused: ${(e as Error).message}`;
    } finally {
      await c.end().catch(() => {});
    }
  })();
  return pgAvailable;
}

export interface TestStore {
  store: Store;
  /** The data directory (SQLite file, media) for this store. */
  dataDir: string;
  /** Set for PostgreSQL stores: the URL and schema, so a second instance can open the same store. */
  pg?: { url: string; schema: string };
  cleanup(): Promise<void>;
}

export async function createTestStore(dialect: 'sqlite' | 'postgres', opts: { migrate?: boolean } = {}): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samachar-test-'));
  let store: Store;
  let pgInfo: TestStore['pg'];
  let dropSchema = async () => {};
  if (dialect === 'sqlite') {
    store = openSqlite(join(dataDir, 'samachar.db'));
  } else {
    const schema = `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    store = openPostgres(TEST_PG_URL, { schema, max: 5 });
    pgInfo = { url: TEST_PG_URL, schema };
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    };
  }
  if (opts.migrate !== false) await migrateToLatest(store);
  return {
    store,
    dataDir,
    ...(pgInfo ? { pg: pgInfo } : {}),
    cleanup: async () => {
      await store.close().catch(() => {});
      await dropSchema().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const DIALECTS = ['sqlite', 'postgres'] as const;

/** Calls `define` once per dialect with a `skip` value for node:test's describe/it options. */
export async function eachDialect(define: (dialect: 'sqlite' | 'postgres', skip: string | false) => void): Promise<void> {
  const pgReason = await postgresSkipReason();
  for (const d of DIALECTS) define(d, d === 'postgres' && pgReason ? pgReason : false);
}
