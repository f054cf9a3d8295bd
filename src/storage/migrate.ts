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
  const migrator = new Migrator({ db: store.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new AppError('INTERNAL', `migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
