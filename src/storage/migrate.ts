import { Migrator, type Migration } from 'kysely/migration';
import { AppError } from '../shared/errors.js';
import { migrations } from './migrations/index.js';
import type { Store } from './store.js';

/** Brings the store to the newest schema. Safe to run from several instances at once (Kysely takes a lock). */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const provider = {
    async getMigrations(): Promise<Record<string, Migration>> {
      const out: Record<string, Migration> = {};
      for (const m of migrations) out[m.name] = { up: (db) => m.up(db, store.caps) };
      return out;
    },
  };
  // In a schema of its own (tests, tenants) the migration tables must be looked up there, not in any
  // schema on the search path: otherwise two stores migrating at once trip over each other's lock table.
  const migrator = new Migrator({ db: store.db, provider, allowUnorderedMigrations: true, ...(store.schema ? { migrationTableSchema: store.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new AppError('INTERNAL', `migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
