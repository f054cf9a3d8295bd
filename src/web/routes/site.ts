import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Container, WidgetContext } from '../../container.js';
import {
  getArticle, getDeskBySlug, getPersonBySlug, getTagBySlug, latestPublished, listPublished, parseArticleSegment, relatedStories,
  renderBody, teaserBlocks, type Article,
} from '../../content/index.js';
import { AppError } from '../../shared/errors.js';
import type { SafeHtml } from '../../shared/html.js';
import { lockFor, type ReaderIdentity } from '../../members/index.js';
import { breadcrumbJsonLd, newsArticleJsonLd } from '../../feeds/jsonld.js';
import { liveBlogForArticle } from './live.js';
import { pageContext, type SiteData } from '../page.js';
import { bypassesPageCache } from '../plugins/page-cache.js';
import { homePage } from '../views/home.js';
import { listingPage } from '../views/listing.js';
import { articlePage, socialMeta } from '../views/article.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is reading; the members module sets it from the session. Anonymous by default. */
    reader: ReaderIdentity;
  }
}

export const LIST_LIMIT = 20;
/** Article pages carry sidebars of the latest stories, so their cached copy is rendered again after a minute. */
export const ARTICLE_PAGE_TTL_MS = 60_000;
const cached = { config: { pageCache: true } } as const;
const cardTags = (cards: { id: number }[]) => cards.map((x) => `article:${x.id}`);

export function pageParam(req: FastifyRequest): number {
  const raw = (req.query as Record<string, unknown>).page;
  if (raw === undefined || raw === '') return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new AppError('BAD_REQUEST', 'page must be a whole number from 1 to 10000');
  return n;
}

export async function sidebar(c: Container, w: WidgetContext): Promise<SafeHtml[]> {
  const parts = await Promise.all(c.widgets.map((p) => p(w).catch((err) => { c.logger.error({ err }, 'widget failed'); return null; })));
  return parts.filter((p): p is SafeHtml => p !== null);
}

/** The body a reader may see: the whole story, or only its opening when they are not entitled. */
export function visibleBody(c: Container, a: Article, reader: ReaderIdentity) {
  const lock = lockFor(a.access, reader, c.clock.now());
  const bodyHtml = lock ? renderBody({ type: 'doc', content: teaserBlocks(a.doc, c.config.teaserParagraphs) }) : a.bodyHtml;
  return { lock, bodyHtml };
}

export function siteRoutes(app: FastifyInstance, c: Container, site: SiteData): void {
  const db = c.store.db;

  app.get('/', cached, async (req, reply) => {
    const ctx = await pageContext(c, site, req);
    const desks = ctx.desks;
    const top = await latestPublished(db, {}, 7);
    const shown = top.map((a) => a.id);
    // One small indexed query per desk (desks_status_published index): measured faster over 100,000
    // stories than one window-function query, which ranks every published story.
    const deskBlocks = await Promise.all(desks.map(async (desk) => ({ desk, cards: await latestPublished(db, { deskId: desk.id, excludeIds: shown }, 4) })));
    const latest = await latestPublished(db, { excludeIds: [...shown, ...deskBlocks.flatMap((b) => b.cards.map((x) => x.id))] }, 8);
    const html = homePage(ctx, { lead: top[0] ?? null, top: top.slice(1), deskBlocks, latest, sidebar: await sidebar(c, { kind: 'home' }) });
    req.cacheTags = ['home', ...desks.map((d) => `desk:${d.id}`)];
    return reply.type('text/html; charset=utf-8').send(html.value);
  });

  app.get<{ Params: { tag: string } }>('/tag/:tag', cached, async (req, reply) => {
    const tag = await getTagBySlug(db, req.params.tag);
    if (!tag) throw new AppError('NOT_FOUND', 'no such tag');
    const page = pageParam(req);
    const list = await listPublished(db, { tagId: tag.id }, page, LIST_LIMIT);
    if (page > 1 && list.items.length === 0) throw new AppError('NOT_FOUND', 'no such page');
    const ctx = await pageContext(c, site, req);
    req.cacheTags = [`tag:${tag.id}`, ...cardTags(list.items)];
    const html = listingPage(ctx, { kind: 'tag', title: tag.name, basePath: `/tag/${tag.slug}`, cards: list.items, page, total: list.total, limit: LIST_LIMIT, sidebar: await sidebar(c, { kind: 'listing' }) });
    return reply.type('text/html; charset=utf-8').send(html.value);
  });

  app.get<{ Params: { author: string } }>('/author/:author', cached, async (req, reply) => {
    const person = await getPersonBySlug(db, req.params.author);
    if (!person) throw new AppError('NOT_FOUND', 'no such author');
    const page = pageParam(req);
    const list = await listPublished(db, { personId: person.id }, page, LIST_LIMIT);
    const ctx = await pageContext(c, site, req);
    req.cacheTags = [`author:${person.id}`, ...cardTags(list.items)];
    const html = listingPage(ctx, { kind: 'author', title: person.name, subtitle: person.bio || undefined, basePath: `/author/${person.slug}`, cards: list.items, page, total: list.total, limit: LIST_LIMIT, sidebar: await sidebar(c, { kind: 'listing' }) });
    return reply.type('text/html; charset=utf-8').send(html.value);
  });

  app.get<{ Params: { desk: string } }>('/:desk', cached, async (req, reply) => {
    const desk = await getDeskBySlug(db, req.params.desk);
    if (!desk) throw new AppError('NOT_FOUND', 'no such desk');
    const page = pageParam(req);
    const list = await listPublished(db, { deskId: desk.id }, page, LIST_LIMIT);
    if (page > 1 && list.items.length === 0) throw new AppError('NOT_FOUND', 'no such page');
    const ctx = await pageContext(c, site, req);
    req.cacheTags = [`desk:${desk.id}`, ...cardTags(list.items)];
    const html = listingPage(ctx, { kind: 'desk', title: desk.name, basePath: `/${desk.slug}`, cards: list.items, page, total: list.total, limit: LIST_LIMIT, sidebar: await sidebar(c, { kind: 'listing', deskSlug: desk.slug }), currentDeskSlug: desk.slug, feedPath: `/${desk.slug}/rss.xml` });
    return reply.type('text/html; charset=utf-8').send(html.value);
  });

  app.get<{ Params: { desk: string; seg: string } }>('/:desk/news/:seg', cached, async (req, reply) => {
    const parsed = parseArticleSegment(req.params.seg);
    if (!parsed) throw new AppError('NOT_FOUND', 'no such story');
    const a = await getArticle(db, parsed.id);
    if (!a || (a.status !== 'published' && a.status !== 'unpublished') || (a.status === 'unpublished' && !a.publishedAt)) throw new AppError('NOT_FOUND', 'no such story');
    if (a.status === 'unpublished') throw new AppError('GONE', 'this story has been withdrawn');
    if (req.params.desk !== a.desk.slug || parsed.slug !== a.slug) {
      const qs = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      return reply.code(301).header('Cache-Control', 'public, max-age=3600').redirect(a.path + qs, 301);
    }
    const ctx = await pageContext(c, site, req);
    const { lock, bodyHtml } = visibleBody(c, a, req.reader);
    // A page that will be cached works its related stories out afresh (the cached page then lives its minute);
    // readers who bypass the cache reuse the list worked out for the last minute.
    const related = bypassesPageCache(req) ? await site.relatedFor(a, 4) : await relatedStories(db, a, 4);
    const siteInfo = { baseUrl: c.config.baseUrl, siteName: c.config.siteName };
    const jsonLd = [
      newsArticleJsonLd(a, siteInfo, { locked: lock !== null }),
      breadcrumbJsonLd(siteInfo, [{ name: ctx.siteName, path: '/' }, { name: a.desk.name, path: `/${a.desk.slug}` }, { name: a.headline, path: a.path }]),
    ];
    const liveBlog = await liveBlogForArticle(c, a, lock, ctx.locale);
    if (liveBlog.jsonLd) jsonLd.push(liveBlog.jsonLd);
    if (lock === null && a.access !== 'free') reply.header('Cache-Control', 'private, no-store');
    else {
      req.cacheTags = [`article:${a.id}`, ...cardTags(related)];
      req.cacheTtlMs = ARTICLE_PAGE_TTL_MS;
    }
    const html = articlePage(ctx, { article: a, bodyHtml, lock, related, sidebar: await sidebar(c, { kind: 'article', articleId: a.id, deskSlug: a.desk.slug }), jsonLd, head: socialMeta(ctx, a), ...(liveBlog.section ? { liveBlog: liveBlog.section } : {}) });
    return reply.type('text/html; charset=utf-8').send(html.value);
  });
}
