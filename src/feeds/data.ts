import { sql } from 'kysely';
import type { Executor } from '../storage/index.js';
import { imageKey, latestPublished, parseStoredDoc, renderDoc, articlePath, type ArticleCard, type FigureAttrs, type ListFilter } from '../content/index.js';
import { ANONYMOUS, lockFor } from '../members/index.js';
import { mediaUrl, widthsFor } from '../media/index.js';
import { escapeHtml } from '../shared/html.js';
import { latest } from './dates.js';
import type { FeedImage, FeedItem } from './model.js';
import { NEWS_MAX_URLS, NEWS_WINDOW_MS, SITEMAP_MAX_URLS, type NewsUrl, type SitemapUrl } from './sitemap.js';

/**
 * Queries and shaping for feeds and sitemaps. Feeds are read by anonymous readers: a story's whole text
 * goes out only when lockFor says an anonymous reader may read it (free stories); premium and
 * members-only stories give their summary alone.
 */
export const FEED_LIMIT = 50;

function absolutize(htmlText: string, baseUrl: string): string {
  return htmlText.replace(/(\s(?:href|src)=")\/(?!\/)/g, `$1${baseUrl}/`);
}

function feedFigure(baseUrl: string) {
  return (a: FigureAttrs): string => {
    if (a.imageId === null) return '';
    const w = Math.max(...widthsFor(a.width || 960).filter((x) => x <= 960));
    const h = a.width ? Math.round((w / a.width) * a.height) : 0;
    const cap = [a.caption ? escapeHtml(a.caption) : '', a.credit ? escapeHtml(a.credit) : ''].filter(Boolean).join(' — ');
    return `<figure><img src="${escapeHtml(baseUrl + mediaUrl({ id: a.imageId, key: a.key }, w, 'jpg'))}" alt="${escapeHtml(a.alt)}"${h ? ` width="${w}" height="${h}"` : ''}>${cap ? `<figcaption>${cap}</figcaption>` : ''}</figure>`;
  };
}

/** A stored body rendered for feed readers: plain img elements and absolute links. */
export function feedBodyHtml(bodyDocJson: string, baseUrl: string): string {
  return absolutize(renderDoc(parseStoredDoc(bodyDocJson), { figure: feedFigure(baseUrl) }), baseUrl);
}

export function feedImage(card: Pick<ArticleCard, 'image'>, baseUrl: string): FeedImage | null {
  const img = card.image;
  if (!img) return null;
  const w = Math.max(...widthsFor(img.width).filter((x) => x <= 1280), Math.min(...widthsFor(img.width)));
  return { url: baseUrl + mediaUrl(img, w, 'jpg'), width: w, height: Math.round((w / img.width) * img.height), type: 'image/jpeg', alt: img.alt, title: img.title, credit: img.credit, caption: img.caption };
}

export function feedItem(card: ArticleCard, bodyDocJson: string | null, baseUrl: string, now: Date): FeedItem {
  const open = lockFor(card.access, ANONYMOUS, now) === null;
  const publishedAt = card.publishedAt ?? now.toISOString();
  return {
    id: card.id,
    guid: `${baseUrl}/api/v1/articles/${card.id}`,
    url: baseUrl + card.path,
    title: card.headline,
    summary: card.summary,
    contentHtml: open && bodyDocJson !== null ? feedBodyHtml(bodyDocJson, baseUrl) : null,
    publishedAt,
    updatedAt: latest(card.updatedAt, publishedAt) ?? publishedAt,
    authors: card.authors.map((p) => ({ name: p.name, url: `${baseUrl}/author/${p.slug}` })),
    categories: [
      { term: card.desk.slug, label: card.desk.name, scheme: `${baseUrl}/${card.desk.slug}` },
      ...card.tags.map((t) => ({ term: t.slug, label: t.name, scheme: `${baseUrl}/tag/${t.slug}` })),
    ],
    image: feedImage(card, baseUrl),
    lang: card.lang,
  };
}

/** The newest published stories of a feed, shaped for the renderers (bodies loaded in one query, free stories only). */
export async function feedItems(db: Executor, filter: ListFilter, baseUrl: string, now: Date, limit = FEED_LIMIT): Promise<FeedItem[]> {
  const cards = await latestPublished(db, filter, limit);
  const openIds = cards.filter((c) => lockFor(c.access, ANONYMOUS, now) === null).map((c) => c.id);
  const bodies = new Map<number, string>();
  if (openIds.length) {
    for (const r of await db.selectFrom('articles').select(['id', 'body_doc']).where('id', 'in', openIds).execute()) bodies.set(r.id, r.body_doc);
  }
  return cards.map((c) => feedItem(c, bodies.get(c.id) ?? null, baseUrl, now));
}

// ---------------------------------------------------------------- sitemaps

const lastmodExpr = sql<string>`coalesce(a.updated_at, a.published_at)`;

export async function countPublishedArticles(db: Executor): Promise<number> {
  const r = await db.selectFrom('articles').select(sql<number>`count(*)`.as('n')).where('status', '=', 'published').executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** One page of the article sitemap, in id order so that a story stays in the same file. */
export async function articleSitemapUrls(db: Executor, page: number, baseUrl: string, perFile = SITEMAP_MAX_URLS): Promise<SitemapUrl[]> {
  const rows = await db
    .selectFrom('articles as a')
    .innerJoin('desks as d', 'd.id', 'a.desk_id')
    .leftJoin('images as i', 'i.id', 'a.image_id')
    .select(['a.id', 'a.slug', 'd.slug as desk_slug', 'a.image_id', 'i.sha256', 'i.width', lastmodExpr.as('lastmod')])
    .where('a.status', '=', 'published')
    .orderBy('a.id')
    .limit(perFile)
    .offset((page - 1) * perFile)
    .execute();
  return rows.map((r) => ({
    loc: baseUrl + articlePath(r.desk_slug, r.slug, r.id),
    lastmod: r.lastmod,
    images: r.image_id !== null && r.sha256 && r.width ? [baseUrl + mediaUrl({ id: r.image_id, key: imageKey(r.sha256) }, Math.max(...widthsFor(r.width).filter((w) => w <= 1600)), 'jpg')] : [],
  }));
}

/** The newest change within each article sitemap file, for the index. */
export async function articleSitemapLastmods(db: Executor, perFile = SITEMAP_MAX_URLS): Promise<(string | null)[]> {
  const total = await countPublishedArticles(db);
  const pages = Math.max(1, Math.ceil(total / perFile));
  const out: (string | null)[] = [];
  for (let p = 0; p < pages; p++) {
    const bounds = db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').limit(perFile).offset(p * perFile);
    const r = await db
      .selectFrom('articles as a')
      .select(sql<string | null>`max(coalesce(a.updated_at, a.published_at))`.as('m'))
      .where('a.id', 'in', bounds)
      .executeTakeFirst();
    out.push(r?.m ?? null);
  }
  return out;
}

/** Stories published in the last 48 hours, newest first, at most 1,000. */
export async function newsSitemapUrls(db: Executor, now: Date, baseUrl: string, publicationName: string): Promise<NewsUrl[]> {
  const since = new Date(now.getTime() - NEWS_WINDOW_MS).toISOString();
  const rows = await db
    .selectFrom('articles as a')
    .innerJoin('desks as d', 'd.id', 'a.desk_id')
    .select(['a.id', 'a.slug', 'a.headline', 'a.lang', 'a.published_at', 'd.slug as desk_slug'])
    .where('a.status', '=', 'published')
    .where('a.published_at', '>=', since)
    .where('a.published_at', '<=', now.toISOString())
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(NEWS_MAX_URLS)
    .execute();
  return rows.map((r) => ({ loc: baseUrl + articlePath(r.desk_slug, r.slug, r.id), title: r.headline, publicationName, language: r.lang === 'en' ? 'en' : 'hi', publicationDate: r.published_at! }));
}

export async function deskSitemapUrls(db: Executor, baseUrl: string): Promise<SitemapUrl[]> {
  const rows = await db
    .selectFrom('desks as d')
    .leftJoin('articles as a', (j) => j.onRef('a.desk_id', '=', 'd.id').on('a.status', '=', 'published'))
    .select(['d.slug', 'd.position', 'd.id', sql<string | null>`max(coalesce(a.updated_at, a.published_at))`.as('lastmod')])
    .groupBy(['d.id', 'd.slug', 'd.position'])
    .orderBy('d.position')
    .orderBy('d.id')
    .execute();
  return [{ loc: `${baseUrl}/`, lastmod: latest(...rows.map((r) => r.lastmod)) }, ...rows.map((r) => ({ loc: `${baseUrl}/${r.slug}`, lastmod: r.lastmod }))];
}

/** Tags or authors that have at least one published story, one sitemap page of them. */
export async function termSitemapUrls(db: Executor, kind: 'tags' | 'authors', page: number, baseUrl: string, perFile = SITEMAP_MAX_URLS): Promise<SitemapUrl[]> {
  const rows = kind === 'tags'
    ? await db
        .selectFrom('tags as t')
        .innerJoin('article_tags as x', 'x.tag_id', 't.id')
        .innerJoin('articles as a', 'a.id', 'x.article_id')
        .select(['t.id', 't.slug', lastmodMax()])
        .where('a.status', '=', 'published')
        .groupBy(['t.id', 't.slug'])
        .orderBy('t.id')
        .limit(perFile)
        .offset((page - 1) * perFile)
        .execute()
    : await db
        .selectFrom('people as t')
        .innerJoin('article_authors as x', 'x.person_id', 't.id')
        .innerJoin('articles as a', 'a.id', 'x.article_id')
        .select(['t.id', 't.slug', lastmodMax()])
        .where('a.status', '=', 'published')
        .groupBy(['t.id', 't.slug'])
        .orderBy('t.id')
        .limit(perFile)
        .offset((page - 1) * perFile)
        .execute();
  const prefix = kind === 'tags' ? 'tag' : 'author';
  return rows.map((r) => ({ loc: `${baseUrl}/${prefix}/${r.slug}`, lastmod: r.lastmod }));
}

function lastmodMax() {
  return sql<string | null>`max(coalesce(a.updated_at, a.published_at))`.as('lastmod');
}

export async function countTerms(db: Executor, kind: 'tags' | 'authors'): Promise<number> {
  const q = kind === 'tags'
    ? db.selectFrom('article_tags as x').innerJoin('articles as a', 'a.id', 'x.article_id').where('a.status', '=', 'published').select(sql<number>`count(distinct x.tag_id)`.as('n'))
    : db.selectFrom('article_authors as x').innerJoin('articles as a', 'a.id', 'x.article_id').where('a.status', '=', 'published').select(sql<number>`count(distinct x.person_id)`.as('n'));
  const r = await q.executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The newest change among all published stories (Last-Modified of whole-site documents). */
export async function newestChange(db: Executor): Promise<string | null> {
  const r = await db.selectFrom('articles as a').select(sql<string | null>`max(coalesce(a.updated_at, a.published_at))`.as('m')).where('a.status', '=', 'published').executeTakeFirst();
  return r?.m ?? null;
}
