import { sql } from 'kysely';
import type { Store } from '../storage/index.js';
import { STATUSES, type ArticleStatus } from '../content/index.js';
import './schema.js';

/** The newsroom's list of stories: every state, newest change first, with filters and headline search. */
export interface StoryListFilter {
  status?: ArticleStatus;
  deskId?: number;
  authorId?: number;
  /** Only stories changed at or after / before these instants (ISO). */
  from?: string;
  to?: string;
  q?: string;
  /** Reporters see only stories they created or are an author of. */
  onlyFor?: number;
}

export interface StoryListItem {
  id: number;
  headline: string;
  slug: string;
  status: ArticleStatus;
  deskId: number;
  deskSlug: string;
  deskName: string;
  authors: string[];
  modifiedAt: string;
  publishedAt: string | null;
  scheduledAt: string | null;
  version: number;
}

export function isStatus(s: unknown): s is ArticleStatus {
  return typeof s === 'string' && (STATUSES as readonly string[]).includes(s);
}

export async function listStories(store: Store, f: StoryListFilter, page = 1, limit = 50): Promise<{ items: StoryListItem[]; total: number }> {
  const db = store.db;
  let q = db.selectFrom('articles as a').innerJoin('desks as d', 'd.id', 'a.desk_id');
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.deskId !== undefined) q = q.where('a.desk_id', '=', f.deskId);
  if (f.authorId !== undefined) {
    const pid = f.authorId;
    q = q.where((eb) => eb.or([eb('a.created_by', '=', pid), eb('a.id', 'in', db.selectFrom('article_authors').select('article_id').where('person_id', '=', pid))]));
  }
  if (f.onlyFor !== undefined) {
    const pid = f.onlyFor;
    q = q.where((eb) => eb.or([eb('a.created_by', '=', pid), eb('a.id', 'in', db.selectFrom('article_authors').select('article_id').where('person_id', '=', pid))]));
  }
  if (f.from) q = q.where('a.modified_at', '>=', f.from);
  if (f.to) q = q.where('a.modified_at', '<', f.to);
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    q = q.where(sql<boolean>`a.headline ${sql.raw(store.caps.ilike)} ${pattern} escape '\\'`);
  }
  const rows = await q
    .select(['a.id', 'a.headline', 'a.slug', 'a.status', 'a.desk_id', 'd.slug as desk_slug', 'd.name_hi as desk_name', 'a.modified_at', 'a.published_at', 'a.scheduled_at', 'a.version'])
    .orderBy('a.modified_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .offset((page - 1) * limit)
    .execute();
  const count = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  const ids = rows.map((r) => r.id);
  const authors = new Map<number, string[]>();
  if (ids.length) {
    const ar = await db.selectFrom('article_authors as aa').innerJoin('people as p', 'p.id', 'aa.person_id').select(['aa.article_id', 'p.name']).where('aa.article_id', 'in', ids).orderBy('aa.article_id').orderBy('aa.position').execute();
    for (const r of ar) authors.set(r.article_id, [...(authors.get(r.article_id) ?? []), r.name]);
  }
  return {
    items: rows.map((r) => ({
      id: r.id, headline: r.headline, slug: r.slug, status: r.status as ArticleStatus, deskId: r.desk_id, deskSlug: r.desk_slug, deskName: r.desk_name,
      authors: authors.get(r.id) ?? [], modifiedAt: r.modified_at, publishedAt: r.published_at, scheduledAt: r.scheduled_at, version: r.version,
    })),
    total: Number(count?.n ?? 0),
  };
}

/** Published stories by headline, for embedding a related story in a body. */
export async function findPublishedByHeadline(store: Store, text: string, limit = 10): Promise<Array<{ id: number; headline: string; path: string }>> {
  const pattern = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const rows = await store.db
    .selectFrom('articles as a')
    .innerJoin('desks as d', 'd.id', 'a.desk_id')
    .select(['a.id', 'a.headline', 'a.slug', 'd.slug as desk_slug'])
    .where('a.status', '=', 'published')
    .where(sql<boolean>`a.headline ${sql.raw(store.caps.ilike)} ${pattern} escape '\\'`)
    .orderBy('a.published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, headline: r.headline, path: `/${r.desk_slug}/news/${r.slug}-${r.id}` }));
}
