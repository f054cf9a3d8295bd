import { createHash } from 'node:crypto';
import type { Container } from '../container.js';

export const CDN_PURGE_JOB = 'cdn.purge';

/**
 * Purges at a CDN in front of the site, by surrogate key: every cached page carries a Surrogate-Key
 * header naming what it shows (article:12, desk:3, tag:7, author:4, home, feeds, sitemaps, and `all`),
 * and when an event purges keys here, the same keys are sent to CDN_PURGE_URL as a POST with a
 * `Surrogate-Key` header and a JSON body `{"surrogate_keys": [...]}` (Fastly's purge-by-keys API takes
 * either; other CDNs take a small adapter). Purges go through the job queue, so a CDN that is down gets
 * them later (with backoff) rather than never. Every instance that hears an event asks for its purge;
 * the job is keyed by the set of keys, so the asks that arrive while one is pending are that one job.
 */
export function cdnPurger(c: Pick<Container, 'config' | 'jobs' | 'logger'>): ((keys: string[]) => void) | null {
  const url = c.config.cdnPurgeUrl;
  if (!url) return null;
  c.jobs.register(CDN_PURGE_JOB, async (payload) => {
    const keys = Array.isArray(payload.keys) ? payload.keys.filter((k): k is string => typeof k === 'string') : [];
    if (!keys.length) return;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'surrogate-key': keys.join(' '), ...c.config.cdnPurgeHeaders },
      body: JSON.stringify({ surrogate_keys: keys }),
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer().catch(() => {});
    if (!res.ok) throw new Error(`the CDN purge API answered ${res.status} for ${keys.length} keys`);
  });
  return (keys) => {
    const uniqueKey = `${CDN_PURGE_JOB}:${createHash('sha1').update([...keys].sort().join(' ')).digest('base64url')}`;
    c.jobs.enqueue(CDN_PURGE_JOB, { keys }, { maxAttempts: 8, uniqueKey }).catch((err) => c.logger.error({ err, keys }, 'CDN purge could not be queued'));
  };
}
