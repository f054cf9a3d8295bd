import type { FastifyRequest } from 'fastify';
import type { Container } from '../container.js';
import { cardsByIds, listDesks, relatedStories, type Article, type ArticleCard, type DeskRef } from '../content/index.js';
import { translator, type Locale } from '../i18n/index.js';
import type { PageContext } from './views/layout.js';

/**
 * Site-wide data that every page needs (the desk menu) kept in memory and reloaded when a desk changes,
 * so that a page render does not query it.
 */
export class SiteData {
  private desks: DeskRef[] | null = null;
  /** Related-story ids per story, with when they were worked out (most recently used last). */
  private readonly related = new Map<number, { at: number; ids: number[] }>();
  constructor(private readonly c: Container) {
    c.bus.subscribe('site.changed', () => {
      this.desks = null;
      this.related.clear();
    });
    // A story's own change, or an editor's pin or removal (which purges article:ID), means working its list out again.
    const forget = (p: { articleId?: unknown }) => {
      if (typeof p.articleId === 'number') this.related.delete(p.articleId);
    };
    c.bus.subscribe('article.updated', forget);
    c.bus.subscribe('article.unpublished', forget);
    c.bus.subscribe('cache.purge', (p) => {
      for (const t of Array.isArray(p.tags) ? p.tags : []) {
        const m = typeof t === 'string' ? /^article:(\d+)$/.exec(t) : null;
        if (m) this.related.delete(Number(m[1]));
      }
    });
  }
  async getDesks(): Promise<DeskRef[]> {
    this.desks ??= await listDesks(this.c.store.db);
    return this.desks;
  }

  /**
   * A story's related stories. Working out which they are (scoring shared keywords and tags) is most of
   * an uncached story page's queries, so the ids are kept for as long as a cached page is (RELATED_TTL_MS),
   * as readers who bypass the page cache (signed in, premium) would otherwise repeat it on every visit;
   * the cards themselves are read fresh, and a story no longer published drops out at once.
   */
  async relatedFor(a: Pick<Article, 'id' | 'desk' | 'tags'>, limit = 4): Promise<ArticleCard[]> {
    const db = this.c.store.db;
    const now = Date.now();
    const hit = this.related.get(a.id);
    if (hit && now - hit.at < RELATED_TTL_MS) {
      this.related.delete(a.id);
      this.related.set(a.id, hit);
      return (await cardsByIds(db, hit.ids)).filter((x) => x.status === 'published');
    }
    const cards = await relatedStories(db, a, limit);
    this.related.delete(a.id);
    this.related.set(a.id, { at: now, ids: cards.map((x) => x.id) });
    while (this.related.size > RELATED_MAX) {
      const oldest = this.related.keys().next().value;
      if (oldest === undefined) break;
      this.related.delete(oldest);
    }
    return cards;
  }
}

/** As long as a cached story page lives (site.ts ARTICLE_PAGE_TTL_MS), and as many stories as the page cache holds. */
const RELATED_TTL_MS = 60_000;
const RELATED_MAX = 5000;

export function localeOf(req: FastifyRequest): Locale {
  const q = req.query as Record<string, unknown> | undefined;
  return q?.lang === 'en' ? 'en' : 'hi';
}

export async function pageContext(c: Container, site: SiteData, req: FastifyRequest): Promise<PageContext> {
  const locale = localeOf(req);
  return {
    t: translator(locale),
    locale,
    siteName: c.config.siteName,
    baseUrl: c.config.baseUrl,
    assets: c.assets,
    desks: await site.getDesks(),
    nonce: req.nonce,
    path: req.url.split('?')[0] ?? '/',
    now: c.clock.now(),
  };
}
