import { createHash } from 'node:crypto';

/**
 * Rendered feeds and sitemaps kept in memory until a story changes (the bus carries article events to
 * every instance), each with its ETag and Last-Modified so that conditional requests cost nothing.
 */
export interface CachedDocument {
  body: string;
  etag: string;
  lastModified: string | null;
  expiresAt: number;
}

export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;
}

export class DocumentCache {
  private readonly entries = new Map<string, CachedDocument>();
  private readonly building = new Map<string, Promise<CachedDocument>>();
  private generation = 0;
  constructor(private readonly maxEntries = 2000) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached document, or one built now; concurrent misses for the same key share one build. */
  async get(key: string, nowMs: number, ttlMs: number, build: () => Promise<{ body: string; lastModified: string | null }>): Promise<CachedDocument> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > nowMs) return hit;
    const pending = this.building.get(key);
    if (pending) return pending;
    const gen = this.generation;
    const p = build()
      .then(({ body, lastModified }) => {
        const doc: CachedDocument = { body, etag: etagOf(body), lastModified, expiresAt: nowMs + ttlMs };
        // A purge that happened while this was being built makes it stale already: serve it once, keep nothing.
        if (gen === this.generation) {
          this.entries.delete(key);
          this.entries.set(key, doc);
          while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
        }
        return doc;
      })
      .finally(() => this.building.delete(key));
    this.building.set(key, p);
    return p;
  }

  purge(): void {
    this.generation++;
    this.entries.clear();
    this.building.clear();
  }
}
