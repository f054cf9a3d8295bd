import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.js';
import { getDeskBySlug, getPersonBySlug, getTagBySlug, type ListFilter } from '../../content/index.js';
import {
  DocumentCache, FEED_LIMIT, LOGO_PATH, SITEMAP_MAX_URLS, articleSitemapLastmods, articleSitemapUrls, countPublishedArticles, countTerms,
  deskSitemapUrls, etagOf, feedItems, httpDate, latest, newestChange, newsSitemapUrls, renderAtom, renderLogoPng, renderNewsSitemap, renderRobots,
  renderRss, renderSitemapIndex, renderUrlset, termSitemapUrls, type CachedDocument, type FeedChannel,
} from '../../feeds/index.js';
import { translator } from '../../i18n/index.js';
import { AppError } from '../../shared/errors.js';

const TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};
const FEED_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=600, stale-if-error=86400';
const SITEMAP_CACHE_CONTROL = 'public, max-age=900, stale-while-revalidate=3600';
const NEWS_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=300';
/**
 * Documents are purged by story events; the TTL bounds staleness when a change raises no event in this
 * process (a `samachar import` run beside a SQLite server) and how far the 48-hour window may lag.
 */
const LONG_TTL = 60 * 1000;
const NEWS_TTL = 60 * 1000;

/** 304 when the client's copy is current (If-None-Match first, If-Modified-Since otherwise, RFC 9110 13.2.2). */
export function notModified(req: FastifyRequest, etag: string, lastModified: string | null): boolean {
  const inm = req.headers['if-none-match'];
  if (inm) return inm.split(',').some((t) => { const v = t.trim(); return v === '*' || v === etag || v === `W/${etag}`; });
  const ims = req.headers['if-modified-since'];
  if (ims && lastModified) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Math.floor(Date.parse(lastModified) / 1000) <= Math.floor(since / 1000);
  }
  return false;
}

export function sendCached(req: FastifyRequest, reply: FastifyReply, doc: Pick<CachedDocument, 'body' | 'etag' | 'lastModified'>, type: string, cacheControl: string) {
  reply.header('ETag', doc.etag);
  if (doc.lastModified) reply.header('Last-Modified', httpDate(doc.lastModified));
  reply.header('Cache-Control', cacheControl);
  reply.header('Surrogate-Key', 'feeds sitemaps');
  reply.header('Vary', 'Accept-Encoding');
  if (notModified(req, doc.etag, doc.lastModified)) return reply.code(304).send();
  return reply.type(type).send(doc.body);
}

/** Feeds (RSS 2.0, Atom), sitemaps, robots.txt and the publisher logo. */
export function feedRoutes(app: FastifyInstance, c: Container): void {
  const db = c.store.db;
  const base = c.config.baseUrl;
  const cache = new DocumentCache();
  const purge = () => cache.purge();
  const unsubscribe = [
    c.bus.subscribe('article.published', purge),
    c.bus.subscribe('article.updated', purge),
    c.bus.subscribe('article.unpublished', purge),
    c.bus.subscribe('site.changed', purge),
    c.bus.subscribe('cache.purge', purge),
  ];
  app.addHook('onClose', async () => { for (const u of unsubscribe) u(); });
  const t = translator('hi');

  const channel = (title: string, description: string, pagePath: string, feedBase: string, updated: string | null): FeedChannel => ({
    title,
    description,
    link: base + pagePath,
    rssUrl: `${base}${feedBase}/rss.xml`,
    atomUrl: `${base}${feedBase}/atom.xml`,
    language: 'hi',
    updated: updated ?? c.clock.now().toISOString(),
    logoUrl: base + LOGO_PATH,
    siteName: c.config.siteName,
    baseUrl: base,
  });

  async function feed(req: FastifyRequest, reply: FastifyReply, kind: 'rss' | 'atom', scope: { title: string; description: string; pagePath: string; feedBase: string; filter: ListFilter }) {
    const key = `${scope.feedBase}/${kind}`;
    const doc = await cache.get(key, Date.now(), LONG_TTL, async () => {
      const now = c.clock.now();
      const items = await feedItems(db, scope.filter, base, now, FEED_LIMIT);
      const updated = latest(...items.map((i) => i.updatedAt));
      const ch = channel(scope.title, scope.description, scope.pagePath, scope.feedBase, updated);
      return { body: kind === 'rss' ? renderRss(ch, items) : renderAtom(ch, items), lastModified: updated };
    });
    return sendCached(req, reply, doc, TYPES[kind], FEED_CACHE_CONTROL);
  }

  const siteScope = { title: c.config.siteName, description: t('site.tagline'), pagePath: '/', feedBase: '', filter: {} };
  app.get('/rss.xml', (req, reply) => feed(req, reply, 'rss', siteScope));
  app.get('/atom.xml', (req, reply) => feed(req, reply, 'atom', siteScope));

  for (const kind of ['rss', 'atom'] as const) {
    app.get<{ Params: { desk: string } }>(`/:desk/${kind}.xml`, async (req, reply) => {
      const desk = await getDeskBySlug(db, req.params.desk);
      if (!desk) throw new AppError('NOT_FOUND', 'no such desk');
      return feed(req, reply, kind, { title: `${desk.name} | ${c.config.siteName}`, description: `${desk.name}: ${t('site.tagline')}`, pagePath: `/${desk.slug}`, feedBase: `/${desk.slug}`, filter: { deskId: desk.id } });
    });
    app.get<{ Params: { tag: string } }>(`/tag/:tag/${kind}.xml`, async (req, reply) => {
      const tag = await getTagBySlug(db, req.params.tag);
      if (!tag) throw new AppError('NOT_FOUND', 'no such tag');
      return feed(req, reply, kind, { title: `${tag.name} | ${c.config.siteName}`, description: `${t('tag.title')}: ${tag.name}`, pagePath: `/tag/${tag.slug}`, feedBase: `/tag/${tag.slug}`, filter: { tagId: tag.id } });
    });
    app.get<{ Params: { author: string } }>(`/author/:author/${kind}.xml`, async (req, reply) => {
      const p = await getPersonBySlug(db, req.params.author);
      if (!p) throw new AppError('NOT_FOUND', 'no such author');
      return feed(req, reply, kind, { title: `${p.name} | ${c.config.siteName}`, description: p.bio || `${t('author.title')}: ${p.name}`, pagePath: `/author/${p.slug}`, feedBase: `/author/${p.slug}`, filter: { personId: p.id } });
    });
  }

  // ------------------------------------------------------------ sitemaps

  app.get('/sitemap.xml', async (req, reply) => {
    const doc = await cache.get('sitemap-index', Date.now(), LONG_TTL, async () => {
      const [articleMods, tagCount, authorCount, newest] = await Promise.all([articleSitemapLastmods(db), countTerms(db, 'tags'), countTerms(db, 'authors'), newestChange(db)]);
      const entries = [
        ...articleMods.map((m, i) => ({ loc: `${base}/sitemaps/articles-${i + 1}.xml`, lastmod: m })),
        { loc: `${base}/sitemap-news.xml`, lastmod: newest },
        { loc: `${base}/sitemaps/desks.xml`, lastmod: newest },
        ...Array.from({ length: Math.max(1, Math.ceil(tagCount / SITEMAP_MAX_URLS)) }, (_, i) => ({ loc: `${base}/sitemaps/tags-${i + 1}.xml`, lastmod: newest })),
        ...Array.from({ length: Math.max(1, Math.ceil(authorCount / SITEMAP_MAX_URLS)) }, (_, i) => ({ loc: `${base}/sitemaps/authors-${i + 1}.xml`, lastmod: newest })),
      ];
      return { body: renderSitemapIndex(entries), lastModified: newest };
    });
    return sendCached(req, reply, doc, TYPES.xml, SITEMAP_CACHE_CONTROL);
  });

  app.get('/sitemap-news.xml', async (req, reply) => {
    const doc = await cache.get('sitemap-news', Date.now(), NEWS_TTL, async () => {
      const urls = await newsSitemapUrls(db, c.clock.now(), base, c.config.siteName);
      return { body: renderNewsSitemap(urls), lastModified: latest(...urls.map((u) => u.publicationDate)) };
    });
    return sendCached(req, reply, doc, TYPES.xml, NEWS_CACHE_CONTROL);
  });

  app.get<{ Params: { file: string } }>('/sitemaps/:file', async (req, reply) => {
    const m = /^(?:(articles|tags|authors)-(\d{1,6})|(desks))\.xml$/.exec(req.params.file);
    if (!m) throw new AppError('NOT_FOUND', 'no such sitemap');
    const doc = await cache.get(`sitemaps/${req.params.file}`, Date.now(), LONG_TTL, async () => {
      if (m[3]) {
        const urls = await deskSitemapUrls(db, base);
        return { body: renderUrlset(urls), lastModified: latest(...urls.map((u) => u.lastmod)) };
      }
      const page = Number(m[2]);
      const kind = m[1] as 'articles' | 'tags' | 'authors';
      const total = kind === 'articles' ? await countPublishedArticles(db) : await countTerms(db, kind);
      const pages = Math.max(1, Math.ceil(total / SITEMAP_MAX_URLS));
      if (page < 1 || page > pages) throw new AppError('NOT_FOUND', 'no such sitemap page');
      const urls = kind === 'articles' ? await articleSitemapUrls(db, page, base) : await termSitemapUrls(db, kind, page, base);
      return { body: renderUrlset(urls), lastModified: latest(...urls.map((u) => u.lastmod)) };
    });
    return sendCached(req, reply, doc, TYPES.xml, SITEMAP_CACHE_CONTROL);
  });

  const robots = renderRobots(base);
  const robotsDoc = { body: robots, etag: etagOf(robots), lastModified: null };
  app.get('/robots.txt', (req, reply) => sendCached(req, reply, robotsDoc, TYPES.text, 'public, max-age=86400'));

  // The publisher logo for structured data and feeds, drawn once, on its first request (drawing it at start
  // would load the image library and compete with the first pages served).
  let logo: Promise<{ png: Buffer; etag: string }> | null = null;
  app.get(LOGO_PATH, async (req, reply) => {
    logo ??= renderLogoPng(c.config.siteName).then((png) => ({ png, etag: etagOf(png) }));
    logo.catch((err) => {
      c.logger.error({ err }, 'publisher logo could not be drawn');
      logo = null;
    });
    const { png, etag } = await logo;
    reply.header('ETag', etag);
    reply.header('Cache-Control', 'public, max-age=86400');
    if (notModified(req, etag, null)) return reply.code(304).send();
    return reply.type('image/png').send(png);
  });
}
