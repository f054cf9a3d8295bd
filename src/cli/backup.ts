import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../shared/errors.js';
import { loadConfig, type Flags } from '../config/index.js';
import { openStore, redactUrl } from '../storage/index.js';

/** `samachar backup FILE`: a consistent online copy of the SQLite store; for PostgreSQL, the pg_dump route. */
export async function backupCommand(pos: string[], flags: Flags): Promise<number> {
  const config = loadConfig(flags);
  if (config.databaseUrl) {
    process.stdout.write(
      `This store is PostgreSQL (${redactUrl(config.databaseUrl)}). Back it up with pg_dump, which takes a consistent snapshot while the site runs:\n` +
        `  pg_dump --format=custom --file=${pos[0] ?? 'samachar.dump'} "$DATABASE_URL"\n` +
        `Restore with: pg_restore --clean --if-exists --dbname="$DATABASE_URL" ${pos[0] ?? 'samachar.dump'}\n` +
        `Media originals live under ${config.dataDir}/media: copy that folder too (e.g. rsync -a).\n`,
    );
    return 0;
  }
  const file = pos[0];
  if (!file) throw new AppError('VALIDATION', 'usage: samachar backup FILE');
  const target = resolve(file);
  if (existsSync(target) && flags.force !== true) throw new AppError('CONFLICT', `${target} exists; choose another name or pass --force`);
  const store = openStore(config);
  try {
    await store.backup!(target);
    process.stdout.write(`backed up ${store.description} to ${target}\nMedia originals live under ${config.dataDir}/media: copy that folder too.\n`);
    return 0;
  } finally {
    await store.close();
  }
}
