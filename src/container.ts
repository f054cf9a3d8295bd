import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config/index.js';
import { createLogger, type Logger } from './shared/logger.js';
import { systemClock, type Clock } from './shared/clock.js';
import { createEventBus, type EventBus } from './shared/events.js';
import { openStore, migrateToLatest, type Store } from './storage/index.js';
import { MediaLibrary, DEFAULT_LIMITS } from './media/index.js';
import type { ContentDeps } from './content/index.js';
import { loadAssets, type AssetManifest } from './web/assets/pipeline.js';
import type { SafeHtml } from './shared/html.js';
import { JobQueue } from './jobs/index.js';
import { Outbox, smtpTransport, type MailTransport } from './mail/index.js';
import { SessionStore } from './sessions/index.js';

/** A sidebar widget that a module contributes to reader pages (live score, most read …). */
export interface WidgetContext {
  kind: 'home' | 'article' | 'listing';
  deskSlug?: string;
  articleId?: number;
}
export type WidgetProvider = (ctx: WidgetContext) => Promise<SafeHtml | null>;

/**
 * The composition root: the one place where concrete adapters and services are constructed
 * (STYLE.md, example 2). Tests build one with their own store and clock.
 */
export interface Container {
  config: Config;
  logger: Logger;
  clock: Clock;
  bus: EventBus;
  store: Store;
  media: MediaLibrary;
  content: ContentDeps;
  jobs: JobQueue;
  mail: Outbox;
  sessions: SessionStore;
  assets: AssetManifest;
  widgets: WidgetProvider[];
  /** Things to stop on shutdown, in reverse order of registration. */
  onClose(fn: () => Promise<void> | void): void;
  close(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
/** dist/public when running the built program; the same folder when running the sources under tsx. */
export const PUBLIC_DIR = resolve(here, '..', 'dist', 'public');

export interface ContainerOverrides {
  store?: Store;
  clock?: Clock;
  logger?: Logger;
  bus?: EventBus;
  assetsDir?: string;
  mailTransport?: MailTransport;
}

export async function createContainer(config: Config, o: ContainerOverrides = {}): Promise<Container> {
  const logger = o.logger ?? createLogger(config.logLevel);
  const clock = o.clock ?? systemClock;
  const bus = o.bus ?? createEventBus((err, msg) => logger.error({ err, event: msg.type }, 'event handler failed'));
  const store = o.store ?? openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  await migrateToLatest(store);
  const media = new MediaLibrary(config.dataDir, { ...DEFAULT_LIMITS, maxBytes: config.maxImageBytes });
  const assets = await loadAssets(o.assetsDir ?? PUBLIC_DIR);
  const jobs = new JobQueue(store, clock, logger);
  const transport = o.mailTransport ?? (config.smtpUrl ? smtpTransport(config.smtpUrl) : null);
  const mail = new Outbox(jobs, clock, logger, config.mailFrom, transport).bind(store.db);
  const sessions = new SessionStore(store.db, clock);
  const closers: (() => Promise<void> | void)[] = [() => jobs.stop()];
  const c: Container = {
    config,
    logger,
    clock,
    bus,
    store,
    media,
    content: { store, bus, clock },
    jobs,
    mail,
    sessions,
    assets,
    widgets: [],
    onClose: (fn) => closers.push(fn),
    close: async () => {
      for (const fn of closers.reverse()) await fn();
      await store.close();
    },
  };
  return c;
}
