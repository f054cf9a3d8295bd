import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../store.js';
import * as m0001 from './0001_content.js';
import * as m0002 from './0002_platform.js';

export interface NamedMigration {
  name: string;
  up(db: Kysely<any>, caps: DialectCapabilities): Promise<void>;
}

/** Every migration, in order. Names never change once released; add new files at the end. */
export const migrations: NamedMigration[] = [
  { name: '0001_content', up: m0001.up },
  { name: '0002_platform', up: m0002.up },
  { name: '0003_newsroom', up: (db, caps) => import('./0003_newsroom.js').then((m) => m.up(db, caps)) },
  { name: '0004_members', up: (db, caps) => import('./0004_members.js').then((m) => m.up(db, caps)) },
  { name: '0005_live', up: (db, caps) => import('./0005_live.js').then((m) => m.up(db, caps)) },
  { name: '0006_search', up: (db, caps) => import('./0006_search.js').then((m) => m.up(db, caps)) },
  { name: '0007_distribution', up: (db, caps) => import('./0007_distribution.js').then((m) => m.up(db, caps)) },
  { name: '0008_read_paths', up: (db) => import('./0008_read_paths.js').then((m) => m.up(db)) },
];
