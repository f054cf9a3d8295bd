import type { Flags } from '../config/index.js';
import { loadConfig } from '../config/index.js';
import { openStore, migrateToLatest } from '../storage/index.js';

export async function migrateCommand(_pos: string[], flags: Flags): Promise<number> {
  const config = loadConfig(flags);
  const store = openStore(config);
  try {
    const done = await migrateToLatest(store);
    process.stdout.write(done.length ? `applied ${done.length} migration(s): ${done.join(', ')}\n` : 'the store is up to date\n');
    return 0;
  } finally {
    await store.close();
  }
}
