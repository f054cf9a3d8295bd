/**
 * The search and discovery module: the Hindi-aware index (kept current from the bus and by a catch-up
 * job), searching and suggestions, related-story overrides, and most-read counts. Built once per
 * container from its store, bus, clock and jobs; the web routes, the CLI and the serving process
 * reach it through searchModule(c).
 */
import type { Clock } from '../shared/clock.js';
import type { EventBus } from '../shared/events.js';
import type { Logger } from '../shared/logger.js';
import type { JobQueue } from '../jobs/index.js';
import type { Store } from '../storage/index.js';
import { searchIndexFor, type SearchIndex } from './indexes/index.js';
import { SearchIndexer, type IndexReport } from './indexer.js';
import { systemClock } from '../shared/clock.js';
import { silentLogger } from '../shared/logger.js';
import { IndexQueue } from './queue.js';
import { SearchService } from './service.js';
import { ViewCounter, purgeOldViews } from './most-read.js';

export * from './service.js';
export * from './indexer.js';
export * from './most-read.js';
export * from './related.js';
export { searchIndexFor } from './indexes/index.js';
export type { SearchIndex, Candidate, WindowFilter } from './indexes/index.js';
export { sortKeyOf, sortKeyRange, SORT_KEY_ID_SPAN } from './document.js';

export interface SearchHost {
  store: Store;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  jobs: JobQueue;
  config: { teaserParagraphs: number };
  onClose(fn: () => Promise<void> | void): void;
}

export interface SearchModule {
  index: SearchIndex;
  indexer: SearchIndexer;
  service: SearchService;
  views: ViewCounter;
  /** Resolves when every story queued by events so far is indexed (tests). */
  idle(): Promise<void>;
}

export const CATCH_UP_JOB = 'search.catch-up';
export const CATCH_UP_KEY = 'search.catch-up';
/** How often stories changed elsewhere (another process, drafts) are picked up. */
export const CATCH_UP_EVERY_MS = 60_000;
export const VIEW_FLUSH_EVERY_MS = 60_000;

const modules = new WeakMap<object, SearchModule>();

export function searchModule(host: SearchHost): SearchModule {
  const existing = modules.get(host);
  if (existing) return existing;
  const index = searchIndexFor(host.store.caps);
  const indexer = new SearchIndexer(host.store, index, host.clock, host.logger);
  const service = new SearchService(host.store, index, host.clock, host.config.teaserParagraphs, indexer.memo);
  const views = new ViewCounter(host.store, host.clock, host.logger);
  const queue = new IndexQueue(
    (ids) => indexer.indexIds(ids),
    (err, ids) => host.logger.error({ err, ids }, 'search: stories not indexed; the catch-up will retry'),
  );
  // Only the instance where a story changed indexes it: the index is in the shared store.
  const onStory = (p: { articleId: number }, msg: { origin?: string }) => {
    if (!msg.origin) queue.add(p.articleId);
  };
  const offs = [
    host.bus.subscribe('article.published', onStory),
    host.bus.subscribe('article.updated', onStory),
    host.bus.subscribe('article.unpublished', onStory),
  ];

  host.jobs.register(CATCH_UP_JOB, async (payload) => {
    const r = await indexer.catchUp({ full: payload.full === true });
    if (r.indexed || r.removed) host.logger.info({ indexed: r.indexed, removed: r.removed, more: r.more }, 'search: caught up');
    // Next run: at once while a (re)build is under way, else after a minute. Re-enqueueing under the
    // job's own key replaces this run's row, so exactly one catch-up is ever pending.
    await host.jobs.enqueue(CATCH_UP_JOB, { full: r.more && payload.full === true }, { uniqueKey: CATCH_UP_KEY, runAt: new Date(host.clock.now().getTime() + (r.more ? 0 : CATCH_UP_EVERY_MS)) });
    if (!r.more) await purgeOldViews(host.store.db, host.clock.now());
  });

  const module: SearchModule = { index, indexer, service, views, idle: () => queue.idle() };
  host.onClose(async () => {
    for (const off of offs) off();
    await queue.idle();
    await views.flush().catch((err) => host.logger.error({ err }, 'view counts not saved'));
  });
  modules.set(host, module);
  return module;
}

/**
 * Builds the whole index again from the stories, for a command or a script (the serving process does
 * this by itself when it finds stories the index lacks).
 */
export async function reindexAll(store: Store, onProgress?: (done: number, total: number) => void): Promise<IndexReport> {
  return new SearchIndexer(store, searchIndexFor(store.caps), systemClock, silentLogger).reindexAll(onProgress);
}

/**
 * Background work of a serving process: a full catch-up now (it builds the whole index when it is
 * empty, after the demo load or an import, in short runs that leave the job queue free for others),
 * then one a minute; view counts saved every minute.
 */
export async function startSearch(host: SearchHost): Promise<void> {
  const m = searchModule(host);
  await host.jobs.enqueue(CATCH_UP_JOB, { full: true }, { uniqueKey: CATCH_UP_KEY });
  const timer = setInterval(() => {
    m.views.flush().catch((err) => host.logger.error({ err }, 'view counts not saved'));
  }, VIEW_FLUSH_EVERY_MS);
  timer.unref();
  host.onClose(() => clearInterval(timer));
}
