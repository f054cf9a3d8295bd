import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Executor } from '../../storage/index.js';
import type { Candidate, FieldScope, IndexedText, SearchIndex, TermGroup, WindowFilter } from './port.js';
import { windowFilterSql } from './filter.js';

/**
 * PostgreSQL: two tsvector columns on search_docs, each with a GIN index: `tsv` (everything) and
 * `tsv_hs` (headline and summary only, small, for the headline window and suggestions). Both are built
 * here from our own terms, written as tsvector literals and queried with tsquery literals (::tsquery),
 * so no text-search configuration, parser or locale ever touches a Hindi word (to_tsvector would split
 * "r_putin" at the underscore, and Devanagari depends on LC_CTYPE). In `tsv`, weights mark the field of
 * each position: A headline, B summary, C body stems (consecutive, for phrases); the body's roman keys
 * and everything in `tsv_hs` need no positions (no phrase or field is ever asked of them), which keeps
 * the rows small.
 */

/** tsvector positions run from 1 to 16383 and a lexeme keeps at most 256 of them. */
const MAX_POS = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;

const lexeme = (term: string) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** A tsvector literal of fields laid out one after another, each with its weight letter, or without positions. */
export function tsvectorLiteral(fields: readonly (readonly [terms: readonly string[], weight: 'A' | 'B' | 'C' | null])[]): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  for (const [terms, weight] of fields) {
    for (const term of terms) {
      let list = positions.get(term);
      if (!list) positions.set(term, (list = []));
      if (weight === null) continue;
      pos = Math.min(pos + 1, MAX_POS);
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${pos}${weight}`);
    }
  }
  return [...positions].map(([term, list]) => (list.length ? `${lexeme(term)}:${list.join(',')}` : lexeme(term))).join(' ');
}

const groupQuery = (g: TermGroup, suffix = '') => `(${g.map((t) => lexeme(t) + suffix).join(' | ')})`;
export function tsqueryOf(groups: readonly TermGroup[]): string {
  return groups.map((g) => groupQuery(g)).join(' & ');
}

function filterSql(f: WindowFilter): RawBuilder<unknown> {
  const range: RawBuilder<unknown>[] = [];
  if (f.minSortKey !== undefined) range.push(sql`and d.sort_key >= ${f.minSortKey}`);
  if (f.maxSortKey !== undefined) range.push(sql`and d.sort_key <= ${f.maxSortKey}`);
  return windowFilterSql(f, range);
}

type Row = { article_id: number; sort_key: number | string; head_terms: string; summary_terms: string; published_at: string | null; status: string; access: string; desk_id: number };
const toCandidate = (r: Row): Candidate => ({
  articleId: r.article_id, sortKey: Number(r.sort_key), headTerms: r.head_terms, summaryTerms: r.summary_terms,
  publishedAt: r.published_at, status: r.status, access: r.access, deskId: r.desk_id,
});

/**
 * The planner cannot know how common one of our terms is (a term it has no statistics for looks as
 * common as the rarest word it sampled), and for a common term the GIN index is the slow way: it
 * decodes every posting before anything is sorted. So a search never leaves the way to the planner's
 * guess. It walks the newest stories (in sort-key order, checking each: cheap while matches are dense)
 * over a first span; if that did not find enough, over a longer span sized by the density seen so
 * far; and only for what is left, older stories, it asks the GIN index, which is cheap because the
 * words are then rare.
 */
export interface WalkSpans {
  /** Stories the first walk covers. */
  first: number;
  /** The longest second walk; when more would be needed, the rest comes from the GIN index. */
  maxWalk: number;
}
const SPANS: WalkSpans = { first: 1000, maxWalk: 4000 };

/**
 * Runs a query with sequential and plain index scans off, so that PostgreSQL answers it from the GIN
 * index (a bitmap) and sorts the few matches.
 */
async function fromGin<R>(db: Executor, q: RawBuilder<R>): Promise<R[]> {
  const run = async (trx: Executor, restore: boolean) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local enable_indexscan = off`.execute(trx);
    const rows = (await q.execute(trx)).rows;
    if (restore) {
      // Inside the caller's transaction: give it its planner back (SET LOCAL lasts to its end).
      await sql`set local enable_seqscan = on`.execute(trx);
      await sql`set local enable_indexscan = on`.execute(trx);
    }
    return rows;
  };
  return db.isTransaction ? run(db, true) : db.transaction().execute((trx) => run(trx, false));
}

/** The sort key of the story `offset` places down from the newest that passes the filters, or null. */
async function keyAt(db: Executor, f: WindowFilter, offset: number): Promise<number | null> {
  const r = await sql<{ sort_key: number | string }>`select d.sort_key from search_docs d where true ${filterSql(f)} order by d.sort_key desc offset ${offset} limit 1`.execute(db);
  return r.rows[0] ? Number(r.rows[0].sort_key) : null;
}

const COLUMNS = sql`d.article_id, d.sort_key, d.head_terms, d.summary_terms, d.published_at, d.status, d.access, d.desk_id`;

async function newestMatching(db: Executor, column: 'tsv' | 'tsv_hs', query: string, f: WindowFilter, limit: number, spans: WalkSpans): Promise<Candidate[]> {
  const col = sql.ref(column);
  // A walk over at most `span` stories older than `below` (newest first), checking each: the inner
  // LIMIT bounds the work whatever the planner thinks of the terms.
  const walk = async (span: number, below: number | null, n: number) => (await sql<Row>`select * from (
      select ${COLUMNS}, d.${col} as t from search_docs d where true ${filterSql(f)} ${below === null ? sql`` : sql`and d.sort_key < ${below}`}
      order by d.sort_key desc limit ${span}) d
    where d.t @@ ${query}::tsquery order by d.sort_key desc limit ${n}`.execute(db)).rows;
  const found: Row[] = await walk(spans.first, null, limit);
  if (found.length >= limit) return found.map(toCandidate);
  const b1 = await keyAt(db, f, spans.first - 1);
  if (b1 === null) return found.map(toCandidate); // the walk saw every story
  // Long enough to find the rest at the density seen so far, twice over, within a bound.
  const density = found.length / spans.first;
  const span = density > 0 ? Math.ceil((2 * (limit - found.length)) / density) : Infinity;
  let edge = b1;
  // A longer walk only while it stays short: sparser matches are cheaper to take from the GIN index.
  if (span <= spans.maxWalk) {
    found.push(...(await walk(span, b1, limit - found.length)));
    if (found.length >= limit) return found.map(toCandidate);
    const b2 = await keyAt(db, f, spans.first + span - 1);
    if (b2 === null) return found.map(toCandidate);
    edge = b2;
  }
  found.push(...(await fromGin(db, sql<Row>`select ${COLUMNS} from search_docs d
    where d.${col} @@ ${query}::tsquery ${filterSql(f)} and d.sort_key < ${edge}
    order by d.sort_key desc limit ${limit - found.length}`)));
  return found.map(toCandidate);
}

/** The PostgreSQL index; tests shorten the walks to reach every stage with a few stories. */
export function createPostgresIndex(spans: WalkSpans = SPANS): SearchIndex {
  return {
    kind: 'tsvector',

    async create(db: Kysely<any>) {
      await sql`alter table search_docs add column tsv tsvector not null default ''::tsvector, add column tsv_hs tsvector not null default ''::tsvector`.execute(db);
      // Compressed but in the row (not TOASTed): a walk checks each story's tsv, and a detour through
      // the TOAST table per story costs ten times the check itself.
      await sql`alter table search_docs alter column tsv set storage main`.execute(db);
      await sql`create index search_docs_tsv on search_docs using gin (tsv)`.execute(db);
      await sql`create index search_docs_tsv_hs on search_docs using gin (tsv_hs)`.execute(db);
    },

    async put(db, articleId, t: IndexedText) {
      const all = tsvectorLiteral([[t.head, 'A'], [t.summary, 'B'], [t.bodyStems, 'C'], [t.bodyKeys, null]]);
      const hs = tsvectorLiteral([[t.head, null], [t.summary, null]]);
      await sql`update search_docs set tsv = ${all}::tsvector, tsv_hs = ${hs}::tsvector where article_id = ${articleId}`.execute(db);
    },

    async remove() {
      // The tsvectors live in the search_docs row, which the caller deletes.
    },

    newest(db, groups, scope: FieldScope, f, limit) {
      return newestMatching(db, scope === 'headSummary' ? 'tsv_hs' : 'tsv', tsqueryOf(groups), f, limit, spans);
    },

    newestWithPrefix(db, groups, prefixes, f, limit) {
      const last = `(${prefixes.map((p) => `${lexeme(p)}:*`).join(' | ')})`;
      return newestMatching(db, 'tsv_hs', [...groups.map((g) => groupQuery(g)), last].join(' & '), f, limit, spans);
    },

    async sampleCounts(db, groups, size) {
      // One walk over the newest `size` stories (their index entries, drafts included), every group
      // checked on each; tsv is not in the WHERE clause, so no plan can involve the GIN index.
      const counts = groups.map((g, i) => sql`count(*) filter (where tsv @@ ${groupQuery(g)}::tsquery) as ${sql.ref(`c${i}`)}`);
      const r = (await sql<Record<string, number | string>>`select count(*) as n, ${sql.join(counts)} from (select tsv from search_docs order by sort_key desc limit ${size}) s`.execute(db)).rows[0]!;
      return { sample: Number(r.n), counts: groups.map((_, i) => Number(r[`c${i}`])) };
    },

    async bodyPhrase(db, minSortKey, maxSortKey, phrase) {
      if (phrase.length < 2) return new Set();
      const query = phrase.map((t) => `${lexeme(t)}:C`).join(' <-> ');
      // OFFSET 0 keeps the range a walk: left to itself the planner would AND in the GIN index, which
      // decodes every posting of the (common) words to check a few hundred stories.
      const r = await sql<{ article_id: number }>`select article_id from (
          select article_id, tsv from search_docs where sort_key >= ${minSortKey} and sort_key <= ${maxSortKey} offset 0) x
        where tsv @@ ${query}::tsquery`.execute(db);
      return new Set(r.rows.map((x) => x.article_id));
    },

    async prune() {
      return 0;
    },
  };
}

export const postgresIndex: SearchIndex = createPostgresIndex();
