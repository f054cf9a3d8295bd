import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor, ArticleRow, Database } from '../storage/index.js';
import { parseStoredDoc } from './document.js';
import { articlePath, type Access, type Article, type ArticleCard, type ArticleStatus, type DeskRef, type ImageRef, type Lang, type PersonRef, type TagRef } from './model.js';

/**
 * Read queries of the content module. Lists load their relations in batches (one query each for tags
 * and authors over the whole page), so no page runs a query per story.
 */

type CardRow = Pick<ArticleRow, 'id' | 'slug' | 'headline' | 'summary' | 'access' | 'status' | 'lang' | 'published_at' | 'updated_at' | 'desk_id' | 'editor_id' | 'image_id'> & {
  d_slug: string; d_name_hi: string; d_name_en: string; d_dateline: string;
  i_sha256: string | null; i_width: number | null; i_height: number | null; i_mime: string | null; i_title: string | null; i_alt: string | null; i_credit: string | null; i_caption: string | null;
  e_slug: string | null; e_name: string | null; e_name_en: string | null; e_role: string | null;
};

function cardBase(db: Executor) {
  return db
    .selectFrom('articles as a')
    .innerJoin('desks as d', 'd.id', 'a.desk_id')
    .leftJoin('images as i', 'i.id', 'a.image_id')
    .leftJoin('people as e', 'e.id', 'a.editor_id')
    .select([
      'a.id', 'a.slug', 'a.headline', 'a.summary', 'a.access', 'a.status', 'a.lang', 'a.published_at', 'a.updated_at', 'a.desk_id', 'a.editor_id', 'a.image_id',
      'd.slug as d_slug', 'd.name_hi as d_name_hi', 'd.name_en as d_name_en', 'd.dateline_label as d_dateline',
      'i.sha256 as i_sha256', 'i.width as i_width', 'i.height as i_height', 'i.mime as i_mime', 'i.title as i_title', 'i.alt as i_alt', 'i.credit as i_credit', 'i.caption as i_caption',
      'e.slug as e_slug', 'e.name as e_name', 'e.name_en as e_name_en', 'e.role as e_role',
    ]);
}

export function imageKey(sha256: string): string {
  return sha256.slice(0, 10);
}

function toCard(r: CardRow, tags: TagRef[], authors: PersonRef[]): ArticleCard {
  const desk: DeskRef = { id: r.desk_id, slug: r.d_slug, name: r.d_name_hi, nameEn: r.d_name_en, datelineLabel: r.d_dateline };
  const image: ImageRef | null = r.image_id !== null && r.i_sha256
    ? { id: r.image_id, key: imageKey(r.i_sha256), width: r.i_width ?? 0, height: r.i_height ?? 0, mime: r.i_mime ?? '', title: r.i_title ?? '', alt: r.i_alt ?? '', credit: r.i_credit ?? '', caption: r.i_caption ?? '' }
    : null;
  const editor: PersonRef | null = r.editor_id !== null && r.e_slug ? { id: r.editor_id, slug: r.e_slug, name: r.e_name ?? '', nameEn: r.e_name_en ?? '', role: r.e_role ?? '' } : null;
  return {
    id: r.id,
    slug: r.slug,
    path: articlePath(r.d_slug, r.slug, r.id),
    headline: r.headline,
    summary: r.summary,
    desk,
    tags,
    authors,
    editor,
    image,
    access: r.access as Access,
    status: r.status as ArticleStatus,
    lang: r.lang as Lang,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
  };
}

async function relationsFor(db: Executor, ids: number[]): Promise<{ tags: Map<number, TagRef[]>; authors: Map<number, PersonRef[]> }> {
  const tags = new Map<number, TagRef[]>();
  const authors = new Map<number, PersonRef[]>();
  if (ids.length === 0) return { tags, authors };
  const [tagRows, authorRows] = await Promise.all([
    db.selectFrom('article_tags as at').innerJoin('tags as t', 't.id', 'at.tag_id').select(['at.article_id', 't.id', 't.slug', 't.name']).where('at.article_id', 'in', ids).orderBy('at.article_id').orderBy('at.position').execute(),
    db.selectFrom('article_authors as aa').innerJoin('people as p', 'p.id', 'aa.person_id').select(['aa.article_id', 'p.id', 'p.slug', 'p.name', 'p.name_en', 'p.role']).where('aa.article_id', 'in', ids).orderBy('aa.article_id').orderBy('aa.position').execute(),
  ]);
  for (const r of tagRows) {
    const list = tags.get(r.article_id) ?? [];
    list.push({ id: r.id, slug: r.slug, name: r.name });
    tags.set(r.article_id, list);
  }
  for (const r of authorRows) {
    const list = authors.get(r.article_id) ?? [];
    list.push({ id: r.id, slug: r.slug, name: r.name, nameEn: r.name_en, role: r.role });
    authors.set(r.article_id, list);
  }
  return { tags, authors };
}

async function cardsFrom(db: Executor, rows: CardRow[]): Promise<ArticleCard[]> {
  const rel = await relationsFor(db, rows.map((r) => r.id));
  return rows.map((r) => toCard(r, rel.tags.get(r.id) ?? [], rel.authors.get(r.id) ?? []));
}

export async function getArticle(db: Executor, id: number): Promise<Article | null> {
  const r = await cardBase(db)
    .select(['a.body_doc', 'a.body_html', 'a.dateline', 'a.correction', 'a.external_id', 'a.scheduled_at', 'a.created_at', 'a.modified_at', 'a.version'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  const [card] = await cardsFrom(db, [r as CardRow]);
  return {
    ...card!,
    doc: parseStoredDoc(r.body_doc),
    bodyHtml: r.body_html,
    dateline: r.dateline,
    correction: r.correction,
    externalId: r.external_id,
    scheduledAt: r.scheduled_at,
    createdAt: r.created_at,
    modifiedAt: r.modified_at,
    version: r.version,
  };
}

export interface ListFilter {
  deskId?: number;
  tagId?: number;
  personId?: number;
  excludeIds?: number[];
  /** Only stories published before this instant (ISO); for stable pagination. */
  before?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

/** The published stories a filter selects, as a condition on `articles as a` (shared by the list and its count). */
function publishedWhere(db: Executor, f: ListFilter) {
  return (eb: ExpressionBuilder<Database & { a: Database['articles'] }, 'a'>) => {
    const all: Expression<SqlBool>[] = [eb('a.status', '=', 'published')];
    if (f.deskId !== undefined) all.push(eb('a.desk_id', '=', f.deskId));
    if (f.tagId !== undefined) all.push(eb('a.id', 'in', db.selectFrom('article_tags').select('article_id').where('tag_id', '=', f.tagId)));
    if (f.personId !== undefined) all.push(eb('a.id', 'in', db.selectFrom('article_authors').select('article_id').where('person_id', '=', f.personId)));
    if (f.excludeIds?.length) all.push(eb('a.id', 'not in', f.excludeIds));
    if (f.before) all.push(eb('a.published_at', '<', f.before));
    return eb.and(all);
  };
}

function publishedQuery(db: Executor, f: ListFilter) {
  return cardBase(db).where(publishedWhere(db, f));
}

/** How many stories a filter selects: counted on the stories table alone (the card's joins cost 40 ms a desk at 100,000). */
async function countPublished(db: Executor, f: ListFilter): Promise<number> {
  const r = await db.selectFrom('articles as a').where(publishedWhere(db, f)).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function listPublished(db: Executor, f: ListFilter, page = 1, limit = 20): Promise<Page<ArticleCard>> {
  const offset = (page - 1) * limit;
  const rows = await publishedQuery(db, f).orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(limit).offset(offset).execute();
  return { items: await cardsFrom(db, rows as CardRow[]), total: await countPublished(db, f), page, limit };
}

/** Latest published stories without counting (home page blocks). */
export async function latestPublished(db: Executor, f: ListFilter, limit: number): Promise<ArticleCard[]> {
  const rows = await publishedQuery(db, f).orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
  return cardsFrom(db, rows as CardRow[]);
}

export async function cardsByIds(db: Executor, ids: number[]): Promise<ArticleCard[]> {
  if (ids.length === 0) return [];
  const rows = await cardBase(db).where('a.id', 'in', ids).execute();
  const cards = await cardsFrom(db, rows as CardRow[]);
  const byId = new Map(cards.map((c) => [c.id, c]));
  return ids.map((id) => byId.get(id)).filter((c): c is ArticleCard => c !== undefined);
}

/** Related-story scoring: a shared keyword counts by its rarity, a shared tag and the desk by these. */
const RELATED = { postingsPerTerm: 200, storiesPerTag: 100, tag: 2.5, desk: 0.5, threshold: 2.5, closenessDays: 30 } as const;

/**
 * Related stories: an editor's pinned stories first (in their order); then stories similar in text
 * (the keywords that the search module keeps per published story, each weighted by how rare it is
 * among recent stories) and in tags, with the same desk and closeness in time counting a little,
 * shown newest first; then, to fill up, the desk's latest. A story an editor removed never shows.
 */
export async function relatedStories(db: Executor, article: Pick<Article, 'id' | 'desk' | 'tags'>, limit = 4): Promise<ArticleCard[]> {
  const overrides = await db.selectFrom('related_overrides').select(['related_id', 'action', 'position']).where('article_id', '=', article.id).orderBy('position').orderBy('related_id').execute();
  const excluded = new Set([article.id, ...overrides.map((o) => o.related_id)]);
  const pinnedIds = overrides.filter((o) => o.action === 'pin').map((o) => o.related_id);
  // Stories fetched by id filter on status in code: `status = ?` in SQL can lead a planner without
  // statistics to walk the whole status index instead of looking up a handful of ids.
  const pinned = pinnedIds.length ? (await db.selectFrom('articles').select(['id', 'status']).where('id', 'in', pinnedIds).execute()).filter((r) => r.status === 'published' && r.id !== article.id).map((r) => r.id) : [];
  const picked = pinnedIds.filter((id) => pinned.includes(id)).slice(0, limit);

  const score = new Map<number, number>();
  const add = (id: number, s: number) => {
    if (!excluded.has(id)) score.set(id, (score.get(id) ?? 0) + s);
  };
  const own = await db.selectFrom('search_keywords').select(['term', 'weight']).where('article_id', '=', article.id).execute();
  if (own.length && picked.length < limit) {
    const per = own.map((k, i) => db.selectFrom(db.selectFrom('search_keywords').select(['article_id', 'term', 'weight']).where('term', '=', k.term).where('article_id', '<>', article.id).orderBy('sort_key', 'desc').limit(RELATED.postingsPerTerm).as(`k${i}`)).selectAll());
    const rows = await per.slice(1).reduce((q, next) => q.unionAll(next), per[0]!).execute();
    const found = new Map<string, number>();
    for (const r of rows) found.set(r.term, (found.get(r.term) ?? 0) + 1);
    const mine = new Map(own.map((k) => [k.term, k.weight]));
    // A word that most recent stories share says little; one that few share says a lot.
    for (const r of rows) add(r.article_id, Math.log(1 + RELATED.postingsPerTerm / found.get(r.term)!) * Math.sqrt(Math.min(mine.get(r.term)!, r.weight)));
  }
  const tagIds = article.tags.map((t) => t.id);
  if (tagIds.length && picked.length < limit) {
    const per = tagIds.map((tagId, i) => db.selectFrom(db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId).orderBy('article_id', 'desc').limit(RELATED.storiesPerTag).as(`t${i}`)).selectAll());
    for (const r of await per.slice(1).reduce((q, next) => q.unionAll(next), per[0]!).execute()) add(r.article_id, RELATED.tag);
  }
  if (score.size && picked.length < limit) {
    const top = [...score].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, 50).map(([id]) => id);
    const self = await db.selectFrom('articles').select('published_at').where('id', '=', article.id).executeTakeFirst();
    const at = Date.parse(self?.published_at ?? '') || Date.now();
    const rows = await db.selectFrom('articles').select(['id', 'desk_id', 'published_at', 'status']).where('id', 'in', top).execute();
    const similar = rows
      .filter((r) => r.status === 'published')
      .map((r) => {
        const s = score.get(r.id)!;
        const days = Math.abs(Date.parse(r.published_at ?? '') - at) / 86_400_000 || 0;
        return { id: r.id, publishedAt: r.published_at ?? '', s, ranked: (s + (r.desk_id === article.desk.id ? RELATED.desk : 0)) / (1 + days / RELATED.closenessDays) };
      })
      .filter((r) => r.s >= RELATED.threshold)
      .sort((a, b) => b.ranked - a.ranked || b.id - a.id)
      .slice(0, limit - picked.length)
      .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.id - a.id);
    picked.push(...similar.map((r) => r.id));
  }
  if (picked.length < limit) {
    const more = await publishedQuery(db, { deskId: article.desk.id, excludeIds: [...excluded, ...picked] }).orderBy('a.published_at', 'desc').limit(limit - picked.length).execute();
    picked.push(...more.map((r) => r.id));
  }
  return cardsByIds(db, picked);
}

export async function listDesks(db: Executor): Promise<DeskRef[]> {
  const rows = await db.selectFrom('desks').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map((d) => ({ id: d.id, slug: d.slug, name: d.name_hi, nameEn: d.name_en, datelineLabel: d.dateline_label }));
}

export async function getDeskBySlug(db: Executor, slug: string): Promise<DeskRef | null> {
  const d = await db.selectFrom('desks').selectAll().where('slug', '=', slug).executeTakeFirst();
  return d ? { id: d.id, slug: d.slug, name: d.name_hi, nameEn: d.name_en, datelineLabel: d.dateline_label } : null;
}

export async function getTagBySlug(db: Executor, slug: string): Promise<TagRef | null> {
  const t = await db.selectFrom('tags').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
  return t ?? null;
}

export async function getPersonBySlug(db: Executor, slug: string): Promise<(PersonRef & { bio: string }) | null> {
  const p = await db.selectFrom('people').select(['id', 'slug', 'name', 'name_en', 'role', 'bio']).where('slug', '=', slug).executeTakeFirst();
  return p ? { id: p.id, slug: p.slug, name: p.name, nameEn: p.name_en, role: p.role, bio: p.bio } : null;
}

/** Resolves an old slug (kept when an editor renames a story) to the story's id. */
export async function articleIdForOldSlug(db: Executor, slug: string): Promise<number | null> {
  const r = await db.selectFrom('article_slugs').select('article_id').where('slug', '=', slug).executeTakeFirst();
  return r?.article_id ?? null;
}

export async function countArticles(db: Executor): Promise<number> {
  const r = await db.selectFrom('articles').select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}
