import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BusMessage, EventBus } from '../../shared/events.js';
import { SESSION_COOKIE } from './session.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Surrogate keys of what this response shows (article:12, desk:3, home …), set by the route. */
    cacheTags: string[] | null;
    /** How long the cached copy may be served before it is rendered again (sidebars of latest stories). */
    cacheTtlMs: number | null;
  }
  interface FastifyContextConfig {
    /** Anonymous GET responses of this route may be kept in the page cache. */
    pageCache?: boolean;
  }
}

interface Entry {
  key: string;
  status: number;
  type: string;
  etag: string;
  identity: Buffer;
  br: Buffer | null;
  gzip: Buffer | null;
  tags: string[];
  /** The headers the first (rendering) response carried, less those that differ per response. */
  headers: Record<string, string>;
  expiresAt: number;
}

/** Headers that are not repeated from the rendering response: the cache sets its own, or they are per response. */
const NOT_REPEATED = new Set(['set-cookie', 'content-length', 'content-encoding', 'content-type', 'x-cache', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'etag', 'cache-control', 'surrogate-key', 'vary']);

export interface PageCacheOptions {
  maxEntries: number;
  /** Seconds a CDN or browser may keep a page before revalidating, and serve it stale meanwhile. */
  maxAge: number;
  staleWhileRevalidate: number;
  /** Called with surrogate keys whenever something is purged (a CDN purge hook). */
  onPurge?: (tags: string[]) => void;
}

/** Tags purged when a story changes: exactly the pages that can show it. */
export function tagsForStoryChange(p: { articleId: number; deskId: number; tagIds: number[]; authorIds: number[]; previousDeskId?: number; previousTagIds?: number[]; previousAuthorIds?: number[] }): string[] {
  const tags = new Set<string>([`article:${p.articleId}`, 'home', 'feeds', 'sitemaps', `desk:${p.deskId}`]);
  if (p.previousDeskId !== undefined) tags.add(`desk:${p.previousDeskId}`);
  for (const t of [...p.tagIds, ...(p.previousTagIds ?? [])]) tags.add(`tag:${t}`);
  for (const a of [...p.authorIds, ...(p.previousAuthorIds ?? [])]) tags.add(`author:${a}`);
  return [...tags];
}

/**
 * The in-memory page cache for anonymous readers: a page is rendered once, stored with brotli and gzip
 * copies, answered with ETag/304, and dropped exactly when an event names one of its surrogate keys.
 * Requests that carry a session cookie bypass it entirely, so an entitled response is never stored
 * or served to anyone else.
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byTag = new Map<string, Set<string>>();
  hits = 0;
  misses = 0;
  constructor(readonly opts: PageCacheOptions) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, now = Date.now()): Entry | undefined {
    const e = this.entries.get(key);
    if (e && e.expiresAt <= now) {
      this.delete(key);
      return undefined;
    }
    if (e) {
      // Map order is insertion order: re-inserting keeps the most recently used at the end (LRU).
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    return e;
  }

  set(e: Entry): void {
    this.delete(e.key);
    this.entries.set(e.key, e);
    for (const t of e.tags) {
      let s = this.byTag.get(t);
      if (!s) this.byTag.set(t, (s = new Set()));
      s.add(e.key);
    }
    while (this.entries.size > this.opts.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  private delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    for (const t of e.tags) this.byTag.get(t)?.delete(key);
  }

  purgeTags(tags: string[]): number {
    let n = 0;
    for (const t of tags) {
      for (const key of [...(this.byTag.get(t) ?? [])]) {
        this.delete(key);
        n++;
      }
      this.byTag.delete(t);
    }
    this.opts.onPurge?.(tags);
    return n;
  }

  purgeAll(): void {
    this.entries.clear();
    this.byTag.clear();
    this.opts.onPurge?.(['all']);
  }
}

/** Requests with a session cookie never get or make a cached page. */
export function bypassesPageCache(req: FastifyRequest): boolean {
  return hasSession(req);
}

function hasSession(req: FastifyRequest): boolean {
  const cookie = req.headers.cookie;
  if (!cookie) return false;
  return cookie.includes(`${SESSION_COOKIE.reader}=`) || cookie.includes(`${SESSION_COOKIE.staff}=`);
}

function cacheKey(req: FastifyRequest): string {
  return req.url;
}

function pickEncoding(req: FastifyRequest): 'br' | 'gzip' | null {
  const ae = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(ae)) return 'br';
  if (/\bgzip\b/.test(ae)) return 'gzip';
  return null;
}

function matchesEtag(inm: string | undefined, etag: string): boolean {
  return !!inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`);
}

function sendEntry(req: FastifyRequest, reply: FastifyReply, e: Entry, cacheControl: string) {
  reply.header('ETag', e.etag);
  reply.header('Cache-Control', cacheControl);
  reply.header('Surrogate-Key', surrogateKeys(e));
  reply.header('Vary', 'Accept-Encoding, Cookie');
  if (matchesEtag(req.headers['if-none-match'], e.etag)) {
    return reply.code(304).send();
  }
  reply.code(e.status).type(e.type);
  const enc = pickEncoding(req);
  const body = enc === 'br' ? e.br : enc === 'gzip' ? e.gzip : null;
  if (body) {
    reply.header('Content-Encoding', enc!);
    return reply.send(body);
  }
  return reply.send(e.identity);
}

/**
 * Answers a page-cache hit straight from the HTTP server, before the framework builds a request: the
 * stored bytes with the headers the rendering response carried (security headers and CSP included;
 * reader pages load scripts from 'self' only, so the stored CSP fits the stored page). Returns false
 * for anything that is not a hit for an anonymous GET or HEAD, which then takes the normal path.
 * Cookies that are not sessions (the CSRF cookie) do not matter here: cached pages carry no form token.
 */
export function createCacheFastPath(cache: PageCache): (req: IncomingMessage, res: ServerResponse) => boolean {
  const cacheControl = cacheControlOf(cache.opts);
  return (req, res) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url) return false;
    const cookie = req.headers.cookie;
    if (cookie && (cookie.includes(`${SESSION_COOKIE.reader}=`) || cookie.includes(`${SESSION_COOKIE.staff}=`))) return false;
    const e = cache.get(req.url);
    if (!e) return false;
    cache.hits++;
    const headers: Record<string, string | number> = { ...e.headers, 'x-cache': 'HIT', etag: e.etag, 'cache-control': cacheControl, 'surrogate-key': surrogateKeys(e), vary: 'Accept-Encoding, Cookie' };
    if (matchesEtag(req.headers['if-none-match'], e.etag)) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    const ae = String(req.headers['accept-encoding'] ?? '');
    const enc = e.br && /\bbr\b/.test(ae) ? 'br' : e.gzip && /\bgzip\b/.test(ae) ? 'gzip' : null;
    const body = enc === 'br' ? e.br! : enc === 'gzip' ? e.gzip! : e.identity;
    headers['content-type'] = e.type;
    headers['content-length'] = body.length;
    if (enc) headers['content-encoding'] = enc;
    res.writeHead(e.status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}

function cacheControlOf(o: PageCacheOptions): string {
  return `public, max-age=${o.maxAge}, stale-while-revalidate=${o.staleWhileRevalidate}, stale-if-error=86400`;
}

export function pageCachePlugin(app: FastifyInstance, cache: PageCache, bus: EventBus, opts: { cdnPurge?: ((keys: string[]) => void) | null } = {}): void {
  const cacheControl = cacheControlOf(cache.opts);
  app.decorateRequest('cacheTags', null);
  app.decorateRequest('cacheTtlMs', null);

  app.addHook('onRequest', async (req, reply) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || hasSession(req)) return;
    const e = cache.get(cacheKey(req));
    if (!e) return;
    cache.hits++;
    reply.header('X-Cache', 'HIT');
    return sendEntry(req, reply, e, cacheControl);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.routeOptions.config?.pageCache || (req.method !== 'GET' && req.method !== 'HEAD')) return payload;
    if (hasSession(req) || reply.statusCode !== 200 || req.cacheTags === null || req.csrfUsed) {
      if (hasSession(req)) {
        reply.header('Cache-Control', 'private, no-store');
        reply.header('Vary', 'Cookie');
      }
      return payload;
    }
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const identity = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    const etag = `"${createHash('sha1').update(identity).digest('base64url').slice(0, 22)}"`;
    const big = identity.length > 1024;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(reply.getHeaders())) {
      if (v !== undefined && !NOT_REPEATED.has(k)) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
    }
    const e: Entry = {
      key: cacheKey(req),
      status: 200,
      type: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'),
      etag,
      identity,
      br: big ? brotliCompressSync(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length } }) : null,
      gzip: big ? gzipSync(identity, { level: 9 }) : null,
      tags: req.cacheTags,
      headers,
      expiresAt: req.cacheTtlMs === null ? Number.POSITIVE_INFINITY : Date.now() + req.cacheTtlMs,
    };
    cache.misses++;
    cache.set(e);
    reply.header('X-Cache', 'MISS');
    reply.header('ETag', etag);
    reply.header('Cache-Control', cacheControl);
    reply.header('Surrogate-Key', surrogateKeys(e));
    reply.header('Vary', 'Accept-Encoding, Cookie');
    const enc = pickEncoding(req);
    const body = enc === 'br' ? e.br : enc === 'gzip' ? e.gzip : null;
    if (body) {
      reply.header('Content-Encoding', enc!);
      reply.header('Content-Length', String(body.length));
      return body;
    }
    return identity;
  });

  // Every instance purges its own cache on every event; a CDN is told once, by the instance where the
  // event happened (messages from other instances carry their origin).
  const purge = (tags: string[], msg: BusMessage) => {
    if (tags[0] === ALL) cache.purgeAll();
    else cache.purgeTags(tags);
    if (!msg.origin) opts.cdnPurge?.(tags);
  };
  const onStory = (p: Parameters<typeof tagsForStoryChange>[0], msg: BusMessage) => purge(tagsForStoryChange(p), msg);
  bus.subscribe('article.published', onStory);
  bus.subscribe('article.updated', onStory);
  bus.subscribe('article.unpublished', onStory);
  bus.subscribe('site.changed', (_p, msg) => purge([ALL], msg));
  bus.subscribe('cache.purge', (p, msg) => {
    const tags = (p as { tags?: unknown }).tags;
    if (Array.isArray(tags)) purge(tags.filter((t): t is string => typeof t === 'string'), msg);
  });
}

/** The surrogate key every cached page carries: purging it purges the whole site. */
const ALL = 'all';
const surrogateKeys = (e: Entry) => [...e.tags, ALL].join(' ');
