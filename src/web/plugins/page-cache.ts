import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { EventBus } from '../../shared/events.js';
import { SESSION_COOKIE } from './session.js';
import { newNonce } from './security.js';

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
    return n;
  }

  purgeAll(): void {
    this.entries.clear();
    this.byTag.clear();
  }
}

/** Requests with a session cookie never get or make a cached page. */
export function bypassesPageCache(req: { headers: IncomingHttpHeaders }): boolean {
  const cookie = req.headers.cookie;
  if (!cookie) return false;
  return cookie.includes(`${SESSION_COOKIE.reader}=`) || cookie.includes(`${SESSION_COOKIE.staff}=`);
}

/** The stored copy a client can take: brotli or gzip where it accepts them and the page is big enough to have them. */
function bodyFor(e: Entry, acceptEncoding: string | undefined): { body: Buffer; encoding: 'br' | 'gzip' | null } {
  const ae = acceptEncoding ?? '';
  if (e.br && /\bbr\b/.test(ae)) return { body: e.br, encoding: 'br' };
  if (e.gzip && /\bgzip\b/.test(ae)) return { body: e.gzip, encoding: 'gzip' };
  return { body: e.identity, encoding: null };
}

function matchesEtag(inm: string | undefined, etag: string): boolean {
  return !!inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`);
}

/** The entry an anonymous GET or HEAD would be answered with, if there is one. */
function hitFor(cache: PageCache, req: IncomingMessage): Entry | undefined {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url || bypassesPageCache(req)) return undefined;
  return cache.get(req.url);
}

/**
 * Writes a cached page: the stored bytes with the headers the rendering response carried, the cache's own
 * headers, and a Content-Security-Policy with a fresh nonce (reader pages load their scripts from 'self'
 * and carry no nonce attribute, so any nonce fits them). One writer for both ways a hit arrives.
 */
function writeHit(cache: PageCache, e: Entry, req: IncomingMessage, res: ServerResponse): void {
  cache.hits++;
  const headers: Record<string, string | number> = { ...e.headers, 'x-cache': 'HIT', etag: e.etag, 'cache-control': cacheControlOf(cache.opts), 'surrogate-key': surrogateKeys(e), vary: 'Accept-Encoding, Cookie' };
  const csp = headers['content-security-policy'];
  if (typeof csp === 'string') headers['content-security-policy'] = csp.replace(NONCE_SLOT, `'nonce-${newNonce()}'`);
  if (matchesEtag(req.headers['if-none-match'], e.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const { body, encoding } = bodyFor(e, req.headers['accept-encoding']);
  headers['content-type'] = e.type;
  headers['content-length'] = body.length;
  if (encoding) headers['content-encoding'] = encoding;
  res.writeHead(e.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Answers page-cache hits straight from the HTTP server, before the framework builds a request (app.ts
 * puts it in front of Fastify). Returns false for anything that is not a hit, which then takes the
 * normal path. Cookies that are not sessions (the CSRF cookie) do not matter: cached pages carry no form token.
 */
export function createCacheFastPath(cache: PageCache): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const e = hitFor(cache, req);
    if (!e) return false;
    writeHit(cache, e, req, res);
    return true;
  };
}

/** Stands for the rendering response's nonce in a stored Content-Security-Policy. */
const NONCE_SLOT = '\u0000nonce\u0000';

function cacheControlOf(o: PageCacheOptions): string {
  return `public, max-age=${o.maxAge}, stale-while-revalidate=${o.staleWhileRevalidate}, stale-if-error=86400`;
}

export function pageCachePlugin(app: FastifyInstance, cache: PageCache, bus: EventBus, opts: { cdnPurge?: ((keys: string[]) => void) | null } = {}): void {
  const cacheControl = cacheControlOf(cache.opts);
  app.decorateRequest('cacheTags', null);
  app.decorateRequest('cacheTtlMs', null);

  // Requests that reach the framework (inject() in tests, or a server without the fast path) are
  // answered by the same writer.
  app.addHook('onRequest', async (req, reply) => {
    const e = hitFor(cache, req.raw);
    if (!e) return;
    reply.hijack();
    writeHit(cache, e, req.raw, reply.raw);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.routeOptions.config?.pageCache || (req.method !== 'GET' && req.method !== 'HEAD')) return payload;
    if (bypassesPageCache(req) || reply.statusCode !== 200 || req.cacheTags === null || req.csrfUsed) {
      if (bypassesPageCache(req)) {
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
    if (headers['content-security-policy']) headers['content-security-policy'] = headers['content-security-policy'].replace(`'nonce-${req.nonce}'`, NONCE_SLOT);
    const e: Entry = {
      key: req.url,
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
    const { body, encoding } = bodyFor(e, req.headers['accept-encoding']);
    if (encoding) {
      reply.header('Content-Encoding', encoding);
      reply.header('Content-Length', String(body.length));
    }
    return body;
  });

  // Every instance purges its own cache on every event, and asks for the CDN purge too: the purges that
  // several instances ask for at once are one job (cdn-purge.ts), and an event from a process that serves
  // no pages (an import) is purged by the instances that hear it.
  const purge = (tags: string[]) => {
    if (tags[0] === ALL) cache.purgeAll();
    else cache.purgeTags(tags);
    opts.cdnPurge?.(tags);
  };
  const onStory = (p: Parameters<typeof tagsForStoryChange>[0]) => purge(tagsForStoryChange(p));
  bus.subscribe('article.published', onStory);
  bus.subscribe('article.updated', onStory);
  bus.subscribe('article.unpublished', onStory);
  bus.subscribe('site.changed', () => purge([ALL]));
  bus.subscribe('cache.purge', (p) => {
    const tags = (p as { tags?: unknown }).tags;
    if (Array.isArray(tags)) purge(tags.filter((t): t is string => typeof t === 'string'));
  });
}

/** The surrogate key every cached page carries: purging it purges the whole site. */
const ALL = 'all';
const surrogateKeys = (e: Entry) => [...e.tags, ALL].join(' ');
