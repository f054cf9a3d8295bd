import type { Flags } from '../config/index.js';
import { loadConfig } from '../config/index.js';
import { openStore, migrateToLatest } from '../storage/index.js';
import { reindexAll } from '../search/index.js';

/**
 * `samachar reindex`: rebuilds the search index (and the keywords related stories use) from the stories
 * in the store. A serving process keeps the index current by itself; this is for after rows were
 * changed outside the program (a restore, a bulk SQL fix) or to rebuild it at once rather than in the
 * background. Safe while a site is serving: readers keep searching the old entries until each is replaced.
 */
export async function reindexCommand(_pos: string[], flags: Flags): Promise<number> {
  const config = loadConfig(flags);
  const store = openStore(config);
  try {
    await migrateToLatest(store);
    const started = performance.now();
    let last = 0;
    const report = await reindexAll(store, (done, total) => {
      if (done - last >= 10_000 || done === total) {
        last = done;
        process.stderr.write(`  ${done}/${total}\n`);
      }
    });
    process.stdout.write(`indexed ${report.indexed} stories, removed ${report.removed} entries, in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  } finally {
    await store.close();
  }
}
