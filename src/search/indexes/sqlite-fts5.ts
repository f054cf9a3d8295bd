import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Executor } from '../../storage/index.js';
import type { Candidate, FieldScope, IndexedText, SearchIndex, TermGroup, WindowFilter } from './port.js';
import { windowFilterSql } from './filter.js';

/**
 * SQLite FTS5. One contentless table (the text lives in `articles`; snippets are made from there), its
 * rowid being search_docs.sort_key so that "newest first" is FTS5's own reverse rowid walk, which
 * stops as soon as it has enough. Columns: h (headline terms), s (summary terms), b (body stems),
 * r (body roman keys). Our terms are already normalized, stemmed and space-joined, so the tokenizer
 * must only split at spaces: unicode61's default would cut Devanagari words at every vowel sign.
 */
const TOKENIZER = `unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'`;

/**
 * Rowids are bound as BigInt: better-sqlite3 binds a JS number as a REAL, and FTS5 then does not use a
 * rowid range (it checks every match: 30 ms instead of 0.5 ms at 100,000 stories), and with MATCH and
 * `rowid = ?` it even ignores the MATCH.
 */
const rowid = (n: number) => BigInt(n);

/** An FTS5 string literal: one term (or, with spaces inside, a phrase of terms). */
const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;
const groupExpr = (g: TermGroup) => `(${g.map(quote).join(' OR ')})`;

export function fts5Match(groups: readonly TermGroup[], scope: FieldScope): string {
  const expr = groups.map(groupExpr).join(' AND ');
  return scope === 'headSummary' ? `{h s} : (${expr})` : expr;
}

function filterSql(f: WindowFilter): RawBuilder<unknown> {
  const range: RawBuilder<unknown>[] = [];
  if (f.minSortKey !== undefined) range.push(sql`and f.rowid >= ${rowid(f.minSortKey)}`);
  if (f.maxSortKey !== undefined) range.push(sql`and f.rowid <= ${rowid(f.maxSortKey)}`);
  return windowFilterSql(f, range);
}

type Row = { article_id: number; sort_key: number; head_terms: string; summary_terms: string; published_at: string | null; status: string; access: string; desk_id: number };
const toCandidate = (r: Row): Candidate => ({
  articleId: r.article_id, sortKey: Number(r.sort_key), headTerms: r.head_terms, summaryTerms: r.summary_terms,
  publishedAt: r.published_at, status: r.status, access: r.access, deskId: r.desk_id,
});

async function newestMatching(db: Executor, match: string, f: WindowFilter, limit: number): Promise<Candidate[]> {
  const r = await sql<Row>`select d.article_id, d.sort_key, d.head_terms, d.summary_terms, d.published_at, d.status, d.access, d.desk_id
    from search_fts f join search_docs d on d.sort_key = f.rowid
    where search_fts match ${match} ${filterSql(f)}
    order by f.rowid desc limit ${limit}`.execute(db);
  return r.rows.map(toCandidate);
}

export const sqliteFts5Index: SearchIndex = {
  kind: 'fts5',

  async create(db: Kysely<any>) {
    await sql.raw(`create virtual table search_fts using fts5(h, s, b, r, tokenize="${TOKENIZER}", content='', contentless_delete=1)`).execute(db);
    // A story deleted outright takes its search_docs row with it (foreign key cascade); this takes the FTS5 entry.
    await sql.raw(`create trigger search_docs_fts_delete after delete on search_docs begin delete from search_fts where rowid = old.sort_key; end`).execute(db);
  },

  async put(db, _articleId, t: IndexedText) {
    await sql`insert into search_fts (rowid, h, s, b, r) values (${rowid(t.sortKey)}, ${t.head.join(' ')}, ${t.summary.join(' ')}, ${t.bodyStems.join(' ')}, ${t.bodyKeys.join(' ')})`.execute(db);
  },

  async remove(db, _articleId, sortKey) {
    await sql`delete from search_fts where rowid = ${rowid(sortKey)}`.execute(db);
  },

  newest(db, groups, scope, f, limit) {
    return newestMatching(db, fts5Match(groups, scope), f, limit);
  },

  newestWithPrefix(db, groups, prefixes, f, limit) {
    const last = `(${prefixes.map((p) => `${quote(p)}*`).join(' OR ')})`;
    const expr = [...groups.map(groupExpr), last].join(' AND ');
    return newestMatching(db, `{h s} : (${expr})`, f, limit);
  },

  async sampleCounts(db, groups, size) {
    const edge = await sql<{ sort_key: number }>`select sort_key from search_docs order by sort_key desc limit 1 offset ${size - 1}`.execute(db);
    if (!edge.rows[0]) {
      const all = await sql<{ n: number }>`select count(*) as n from search_docs`.execute(db);
      const counts: number[] = [];
      for (const g of groups) counts.push(Number((await sql<{ n: number }>`select count(*) as n from search_fts where search_fts match ${groupExpr(g)}`.execute(db)).rows[0]!.n));
      return { sample: Number(all.rows[0]!.n), counts };
    }
    const from = rowid(Number(edge.rows[0].sort_key));
    const counts: number[] = [];
    for (const g of groups) counts.push(Number((await sql<{ n: number }>`select count(*) as n from search_fts where search_fts match ${groupExpr(g)} and rowid >= ${from}`.execute(db)).rows[0]!.n));
    return { sample: size, counts };
  },

  async bodyPhrase(db, minSortKey, maxSortKey, phrase) {
    if (phrase.length < 2) return new Set();
    // A rowid range is handed to FTS5 itself (an IN list would not be: it would check every match).
    const r = await sql<{ article_id: number }>`select d.article_id from search_fts f join search_docs d on d.sort_key = f.rowid
      where search_fts match ${`{b} : ${quote(phrase.join(' '))}`} and f.rowid >= ${rowid(minSortKey)} and f.rowid <= ${rowid(maxSortKey)}`.execute(db);
    return new Set(r.rows.map((x) => x.article_id));
  },

  async prune(db) {
    const r = await sql`delete from search_fts where rowid not in (select sort_key from search_docs)`.execute(db);
    return Number(r.numAffectedRows ?? 0);
  },
};
