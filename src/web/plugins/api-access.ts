import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Container } from '../../container.js';
import { RateLimiter, touchApiKey, verifyApiKey, type ApiKey } from '../../partners/index.js';
import { etagOf } from '../../feeds/index.js';
import { AppError } from '../../shared/errors.js';
import { notModified } from '../routes/feeds.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The partner key the request presented (X-API-Key or Authorization: Bearer), or null. */
    apiKey: ApiKey | null;
  }
}

export const ANONYMOUS_API_PER_MINUTE = 300;

/**
 * What the reader site's own pages call from browsers is not limited per IP address: many readers in
 * India share one address behind carrier NAT, and a live stream is one long request. Partner keys are
 * limited on these too.
 */
const UNLIMITED_WITHOUT_KEY = /^\/api\/v1\/(?:views\/|search\/suggest(?:\?|$)|(?:matches|liveblogs)\/[^/?]+\/events(?:\?|$))/;

export function presentedKey(req: FastifyRequest): string | null {
  const x = req.headers['x-api-key'];
  if (typeof x === 'string' && x.trim()) return x.trim();
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim() || null;
  return null;
}

/**
 * The public API's gate, for every /api/v1/ route (the contract's and those other modules add):
 * an optional partner key, rate limits per key (per IP address without one) answered with 429 and
 * Retry-After, and ETags with 304 on every JSON answer. Keyed answers are private to their key.
 */
export function apiAccess(app: FastifyInstance, c: Container, opts: { anonymousPerMinute?: number } = {}): void {
  const limiter = new RateLimiter();
  const anonymousLimit = opts.anonymousPerMinute ?? ANONYMOUS_API_PER_MINUTE;
  const touched = new Map<number, number>();
  app.decorateRequest('apiKey', null);

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/v1/') || req.method === 'OPTIONS') return;
    const presented = presentedKey(req);
    let client: string;
    let limit: number;
    if (presented) {
      const key = await verifyApiKey(c.store.db, presented);
      req.apiKey = key;
      client = `key:${key.id}`;
      limit = key.ratePerMinute;
      // last_used_at is for the newsroom list: at most one write a minute per key.
      const nowMs = c.clock.now().getTime();
      if ((touched.get(key.id) ?? 0) < nowMs - 60_000) {
        touched.set(key.id, nowMs);
        touchApiKey(c.store.db, key.id, new Date(nowMs).toISOString()).catch((err) => c.logger.warn({ err }, 'could not record API key use'));
      }
    } else {
      if (UNLIMITED_WITHOUT_KEY.test(req.url)) return;
      client = `ip:${req.ip}`;
      limit = anonymousLimit;
    }
    const d = limiter.hit(client, limit, Date.now());
    reply.header('RateLimit-Limit', String(d.limit));
    reply.header('RateLimit-Remaining', String(d.remaining));
    reply.header('RateLimit-Reset', String(d.resetSeconds));
    if (!d.allowed) {
      reply.header('Retry-After', String(d.resetSeconds));
      throw new AppError('RATE_LIMITED', `Too many requests: at most ${d.limit} a minute ${presented ? 'for this API key' : 'without an API key'}. Try again in ${d.resetSeconds} s.`);
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.url.startsWith('/api/v1/') || (req.method !== 'GET' && req.method !== 'HEAD') || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams (Server-Sent Events) pass untouched
    // A route (or the page cache) that set its own ETag keeps it; every other JSON answer gets one here.
    const existing = reply.getHeader('etag');
    const etag = typeof existing === 'string' && existing ? existing : etagOf(payload);
    reply.header('ETag', etag);
    if (req.apiKey) reply.header('Cache-Control', 'private, no-cache');
    else if (!reply.getHeader('cache-control')) reply.header('Cache-Control', 'public, max-age=60, stale-while-revalidate=300');
    const vary = String(reply.getHeader('vary') ?? '');
    reply.header('Vary', [vary, 'Authorization, X-API-Key, Cookie'].filter(Boolean).join(', '));
    if (notModified(req, etag, null)) {
      reply.code(304);
      return '';
    }
    return payload;
  });
}
