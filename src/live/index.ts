/**
 * The live module: cricket matches scored ball by ball, live blogs, and the hub that fans their
 * journals out to SSE readers. Built once per container from its store, bus and clock; the web
 * routes and the CLI reach it through liveModule(c).
 */
import type { Clock } from '../shared/clock.js';
import type { EventBus } from '../shared/events.js';
import type { Logger } from '../shared/logger.js';
import type { Store } from '../storage/index.js';
import { Hub } from './hub.js';
import { LiveBlogService } from './liveblogs.js';
import { MatchService, type MatchListItem } from './matches.js';
import { DEFAULT_KEEP_ALIVE_MS } from './sse.js';
import type { MatchMessage } from './score-text.js';
import { LIVEBLOG_UPDATED, MATCH_UPDATED } from './bus.js';

export * from './matches.js';
export * from './liveblogs.js';
export * from './summary.js';
export * from './entry.js';
export * from './scorer.js';
export * from './importer.js';
export { Hub, type HubOptions, type TopicSource } from './hub.js';
export { streamSse, sseFrame, lastEventIdOf, SseStream, DEFAULT_KEEP_ALIVE_MS, type SseOptions, type SseMessage } from './sse.js';
export { shortTeamName, hindiTeamNames } from './teams.js';
export type { ScorecardInningsJson, ScorecardJson, MatchSetup, MatchEvent, MatchState } from './scoring/index.js';

export interface LiveHost {
  store: Store;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  onClose(fn: () => Promise<void> | void): void;
}

export interface LiveOptions {
  /** Keep-alive comment interval of SSE streams (15 s). */
  keepAliveMs?: number;
  /** Poll of topics with readers, for a lost notification (5 s; 1 s on SQLite, which has no cross-process bus). */
  pollMs?: number;
  /** Journal entries kept in memory per followed topic (512). */
  ringSize?: number;
}

export interface LiveModule {
  matches: MatchService;
  blogs: LiveBlogService;
  hub: Hub;
  keepAliveMs: number;
  /** The widget's match (cached until a match changes). */
  featured(): Promise<MatchListItem | null>;
}

export const MATCH_TOPIC = 'match';
export const LIVEBLOG_TOPIC = 'liveblog';

/** The "score" view of a match entry: everything but the innings card, for the small widget. */
export function scoreView(payload: string): string {
  const { card: _card, ...rest } = JSON.parse(payload) as MatchMessage;
  return JSON.stringify(rest);
}

const modules = new WeakMap<object, LiveModule>();
const pending = new WeakMap<object, LiveOptions>();

/** Sets options before the module is first built (tests shorten the keep-alive). */
export function configureLive(host: LiveHost, opts: LiveOptions): void {
  if (modules.has(host)) throw new Error('the live module is already built for this container');
  pending.set(host, opts);
}

export function liveModule(host: LiveHost): LiveModule {
  const existing = modules.get(host);
  if (existing) return existing;
  const opts = pending.get(host) ?? {};
  const deps = { store: host.store, bus: host.bus, clock: host.clock };
  const matches = new MatchService(deps);
  const blogs = new LiveBlogService(deps);
  // SQLite has no cross-process bus: processes of `serve --workers N` learn of each other's balls by
  // polling, so it is frequent there; with PostgreSQL the poll only covers a lost notification.
  const pollMs = opts.pollMs ?? (host.store.dialect === 'sqlite' ? 1000 : 5000);
  const hub = new Hub({ logger: host.logger, pollMs, ...(opts.ringSize ? { ringSize: opts.ringSize } : {}) });
  hub.register(MATCH_TOPIC, {
    since: (id, after, limit) => matches.since(id, after, limit),
    latest: (id, count) => matches.latest(id, count),
    project: (payload, view) => (view === 'score' ? scoreView(payload) : payload),
  });
  hub.register(LIVEBLOG_TOPIC, {
    since: (id, after, limit) => blogs.since(id, after, limit),
    latest: (id, count) => blogs.latest(id, count),
  });

  let featured: Promise<MatchListItem | null> | null = null;
  const offMatch = host.bus.subscribe(MATCH_UPDATED, (p, msg) => {
    featured = null;
    hub.poke(MATCH_TOPIC, p.matchId);
    // Which match the widget features may have changed: cached pages are rendered again. Only the
    // instance where the change happened says so; the bus carries it to the others.
    if (!msg.origin && p.status !== p.previousStatus) host.bus.publish('site.changed', { what: 'live match' });
  });
  const offBlog = host.bus.subscribe(LIVEBLOG_UPDATED, (p) => hub.poke(LIVEBLOG_TOPIC, p.articleId));

  const module: LiveModule = {
    matches,
    blogs,
    hub,
    keepAliveMs: opts.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS,
    featured: () => {
      featured ??= matches.featured().catch((err) => {
        featured = null;
        throw err;
      });
      return featured;
    },
  };
  host.onClose(() => {
    offMatch();
    offBlog();
    hub.close();
  });
  modules.set(host, module);
  return module;
}
