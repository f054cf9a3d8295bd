import { sql } from 'kysely';
import type { Executor } from '../storage/index.js';

/** Desks, tags and authors as partners see them: only what has published stories, with counts. */
export interface TermCount {
  slug: string;
  name: string;
  nameEn?: string;
  stories: number;
}

export async function deskCounts(db: Executor): Promise<(TermCount & { nameEn: string })[]> {
  const rows = await db
    .selectFrom('desks as d')
    .leftJoin('articles as a', (j) => j.onRef('a.desk_id', '=', 'd.id').on('a.status', '=', 'published'))
    .select(['d.id', 'd.slug', 'd.name_hi', 'd.name_en', 'd.position', sql<number>`count(a.id)`.as('n')])
    .groupBy(['d.id', 'd.slug', 'd.name_hi', 'd.name_en', 'd.position'])
    .orderBy('d.position')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({ slug: r.slug, name: r.name_hi, nameEn: r.name_en, stories: Number(r.n) }));
}

export async function tagCounts(db: Executor, page: number, limit: number): Promise<{ items: TermCount[]; total: number }> {
  const base = db.selectFrom('tags as t').innerJoin('article_tags as x', 'x.tag_id', 't.id').innerJoin('articles as a', 'a.id', 'x.article_id').where('a.status', '=', 'published');
  const rows = await base
    .select(['t.id', 't.slug', 't.name', sql<number>`count(distinct a.id)`.as('n')])
    .groupBy(['t.id', 't.slug', 't.name'])
    .orderBy(sql`count(distinct a.id)`, 'desc')
    .orderBy('t.slug')
    .limit(limit)
    .offset((page - 1) * limit)
    .execute();
  const total = await base.select(sql<number>`count(distinct t.id)`.as('n')).executeTakeFirst();
  return { items: rows.map((r) => ({ slug: r.slug, name: r.name, stories: Number(r.n) })), total: Number(total?.n ?? 0) };
}

export async function authorCounts(db: Executor, page: number, limit: number): Promise<{ items: (TermCount & { nameEn: string; bio: string })[]; total: number }> {
  const base = db.selectFrom('people as p').innerJoin('article_authors as x', 'x.person_id', 'p.id').innerJoin('articles as a', 'a.id', 'x.article_id').where('a.status', '=', 'published');
  const rows = await base
    .select(['p.id', 'p.slug', 'p.name', 'p.name_en', 'p.bio', sql<number>`count(distinct a.id)`.as('n')])
    .groupBy(['p.id', 'p.slug', 'p.name', 'p.name_en', 'p.bio'])
    .orderBy(sql`count(distinct a.id)`, 'desc')
    .orderBy('p.slug')
    .limit(limit)
    .offset((page - 1) * limit)
    .execute();
  const total = await base.select(sql<number>`count(distinct p.id)`.as('n')).executeTakeFirst();
  return { items: rows.map((r) => ({ slug: r.slug, name: r.name, nameEn: r.name_en, bio: r.bio, stories: Number(r.n) })), total: Number(total?.n ?? 0) };
}
