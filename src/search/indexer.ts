import { sql } from 'kysely';
import { parseStoredDoc } from '../content/index.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Executor, Store } from '../storage/index.js';
import { buildEntry, TermMemo, type SearchEntry, type SearchSource } from './document.js';
import type { SearchIndex } from './indexes/index.js';
import './schema.js';

/**
 * Keeps the index in step with the stories. Every write of a story's entry is one transaction (the
 * portable row, the engine entry, the keywords), so a process killed half-way leaves either the old
 * entry or the new one. Stories are found to (re)index three ways: the bus events of this process
 * (queue.ts), a catch-up that compares each story's modified_at/status with what was indexed (a
 * story saved by another process, such as `samachar import`, or a draft, which raises no event),
 * and reindexAll.
 */

export interface IndexReport {
  indexed: number;
  removed: number;
}

export interface CatchUpReport extends IndexReport {
  /** More stale stories are left than this run took on. */
  more: boolean;
}

/** A setting that remembers up to when the catch-up has compared every story. */
export const CAUGHT_UP_SETTING = 'search.caught_up_to';
/** Stories saved this close before the last catch-up are looked at again (transactions commit late, clocks differ). */
const CATCH_UP_OVERLAP_MS = 10 * 60_000;

export class SearchIndexer {
  readonly memo = new TermMemo();

  /** Writes of this process go one after another (the queue, the catch-up, a rebuild). */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    readonly index: SearchIndex,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Loads what the entries of these stories are built from; a story that no longer exists is absent. */
  async sources(db: Executor, ids: number[]): Promise<SearchSource[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('articles')
      .select(['id', 'headline', 'summary', 'body_doc', 'status', 'access', 'desk_id', 'published_at', 'modified_at'])
      .where('id', 'in', ids)
      .execute();
    const tags = await db.selectFrom('article_tags as at').innerJoin('tags as t', 't.id', 'at.tag_id').select(['at.article_id', 't.name']).where('at.article_id', 'in', ids).execute();
    const tagNames = new Map<number, string[]>();
    for (const t of tags) tagNames.set(t.article_id, [...(tagNames.get(t.article_id) ?? []), t.name]);
    return rows.map((r) => ({
      id: r.id, headline: r.headline, summary: r.summary, doc: parseStoredDoc(r.body_doc), tagNames: tagNames.get(r.id) ?? [],
      status: r.status, access: r.access, deskId: r.desk_id, publishedAt: r.published_at, modifiedAt: r.modified_at,
    }));
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => {});
    return run;
  }

  /** (Re)indexes the given stories, and removes the entries of those that no longer exist. */
  async indexIds(ids: readonly number[]): Promise<IndexReport> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return { indexed: 0, removed: 0 };
    const report = await this.exclusive(() => this.store.transaction(async (trx) => {
      const sources = await this.sources(trx, unique);
      const found = new Set(sources.map((s) => s.id));
      const gone = unique.filter((id) => !found.has(id));
      let removed = 0;
      if (gone.length) removed = await this.removeIn(trx, gone);
      await this.write(trx, sources);
      return { indexed: sources.length, removed };
    }));
    return report;
  }

  async remove(ids: readonly number[]): Promise<number> {
    return this.exclusive(() => this.store.transaction((trx) => this.removeIn(trx, [...ids])));
  }

  private async removeIn(db: Executor, ids: number[]): Promise<number> {
    const rows = await db.selectFrom('search_docs').select(['article_id', 'sort_key']).where('article_id', 'in', ids).execute();
    for (const r of rows) await this.index.remove(db, r.article_id, Number(r.sort_key));
    if (rows.length) await db.deleteFrom('search_docs').where('article_id', 'in', rows.map((r) => r.article_id)).execute();
    await db.deleteFrom('search_keywords').where('article_id', 'in', ids).execute();
    return rows.length;
  }

  /**
   * Writes the entries of `sources` (one transaction is the caller's). Rows are upserted, never deleted
   * and inserted again, so that two writers of one story (this process's queue and another instance's
   * catch-up) simply follow each other; stories go in id order, so that they lock rows in one order.
   */
  private async write(db: Executor, sources: SearchSource[]): Promise<void> {
    if (sources.length === 0) return;
    const now = this.clock.now().toISOString();
    const ordered = [...sources].sort((a, b) => a.id - b.id);
    const entries = ordered.map((s) => buildEntry(s, this.memo));
    const ids = entries.map((e) => e.articleId);
    const previous = new Map((await db.selectFrom('search_docs').select(['article_id', 'sort_key']).where('article_id', 'in', ids).execute()).map((r) => [r.article_id, Number(r.sort_key)]));
    await this.resolveKeyCollisions(db, entries);
    // The engine's old entries go first (FTS5 keys them by the old sort key).
    for (const e of entries) {
      const prev = previous.get(e.articleId);
      if (prev !== undefined) await this.index.remove(db, e.articleId, prev);
    }
    // A story of this batch taking the key that another one of it still holds: park the old keys.
    const heldBy = new Map([...previous].map(([id, key]) => [key, id]));
    if (entries.some((e) => heldBy.has(e.sortKey) && heldBy.get(e.sortKey) !== e.articleId)) {
      await db.updateTable('search_docs').set((eb) => ({ sort_key: eb.neg(eb.ref('article_id')) })).where('article_id', 'in', ids).execute();
    }
    const byId = new Map(ordered.map((s) => [s.id, s]));
    for (let i = 0; i < entries.length; i += 200) {
      const rows = entries.slice(i, i + 200).map((e) => {
        const s = byId.get(e.articleId)!;
        return {
          article_id: e.articleId, sort_key: e.sortKey, public: e.isPublic ? 1 : 0, status: s.status, desk_id: s.deskId, access: s.access,
          published_at: s.publishedAt, source_modified_at: s.modifiedAt, source_status: s.status, indexed_at: now,
          head_terms: e.headTerms, summary_terms: e.summaryTerms,
        };
      });
      await db
        .insertInto('search_docs')
        .values(rows)
        .onConflict((oc) => oc.column('article_id').doUpdateSet((eb) => ({
          sort_key: eb.ref('excluded.sort_key'), public: eb.ref('excluded.public'), status: eb.ref('excluded.status'), desk_id: eb.ref('excluded.desk_id'),
          access: eb.ref('excluded.access'), published_at: eb.ref('excluded.published_at'), source_modified_at: eb.ref('excluded.source_modified_at'),
          source_status: eb.ref('excluded.source_status'), indexed_at: eb.ref('excluded.indexed_at'), head_terms: eb.ref('excluded.head_terms'), summary_terms: eb.ref('excluded.summary_terms'),
        })))
        .execute();
    }
    await db.deleteFrom('search_keywords').where('article_id', 'in', ids).execute();
    const keywords = entries.flatMap((e) => e.keywords.map((k) => ({ article_id: e.articleId, term: k.term, sort_key: e.sortKey, weight: k.weight })));
    for (let j = 0; j < keywords.length; j += 500) {
      await db
        .insertInto('search_keywords')
        .values(keywords.slice(j, j + 500))
        .onConflict((oc) => oc.columns(['article_id', 'term']).doUpdateSet((eb) => ({ sort_key: eb.ref('excluded.sort_key'), weight: eb.ref('excluded.weight') })))
        .execute();
    }
    for (const e of entries) await this.index.put(db, e.articleId, e.text);
  }

  /**
   * Two stories of the same minute whose ids agree in their low 22 bits would share a key: the later
   * one moves up by one (at most a few million stories apart, so practically never).
   */
  private async resolveKeyCollisions(db: Executor, entries: SearchEntry[]): Promise<void> {
    const mine = new Set(entries.map((e) => e.articleId));
    const taken = new Map<number, number>();
    const holder = async (key: number) => (await db.selectFrom('search_docs').select('article_id').where('sort_key', '=', key).executeTakeFirst())?.article_id;
    for (const r of await db.selectFrom('search_docs').select(['sort_key', 'article_id']).where('sort_key', 'in', entries.map((e) => e.sortKey)).execute()) {
      if (!mine.has(r.article_id)) taken.set(Number(r.sort_key), r.article_id);
    }
    for (const e of entries) {
      while (taken.has(e.sortKey) && taken.get(e.sortKey) !== e.articleId) {
        e.sortKey += 1;
        const other = await holder(e.sortKey);
        if (other !== undefined && !mine.has(other)) taken.set(e.sortKey, other);
      }
      e.text.sortKey = e.sortKey;
      taken.set(e.sortKey, e.articleId);
    }
  }

  /**
   * Stories whose entry is missing or older than the story, oldest change first. `since` limits the
   * look to stories changed from then on (the periodic run); without it every story is compared.
   */
  async staleIds(limit: number, since?: string): Promise<number[]> {
    const db = this.store.db;
    const rows = await db
      .selectFrom('articles as a')
      .leftJoin('search_docs as d', 'd.article_id', 'a.id')
      .select('a.id')
      .$if(since !== undefined, (q) => q.where('a.modified_at', '>=', since!))
      .where((eb) => eb.or([eb('d.article_id', 'is', null), eb('d.source_modified_at', '<>', eb.ref('a.modified_at')), eb('d.source_status', '<>', eb.ref('a.status'))]))
      .orderBy('a.modified_at')
      .orderBy('a.id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Indexes stale stories for up to `budgetMs`, in batches. A full run compares every story; otherwise
   * only those changed since the last complete run (less an overlap). Returns whether more remain.
   */
  async catchUp(opts: { full?: boolean; budgetMs?: number; batch?: number } = {}): Promise<CatchUpReport> {
    const started = Date.now();
    const scanFrom = this.clock.now().toISOString();
    const batch = opts.batch ?? 500;
    const budget = opts.budgetMs ?? 5000;
    let since: string | undefined;
    if (!opts.full) {
      const row = await this.store.db.selectFrom('settings').select('value').where('key', '=', CAUGHT_UP_SETTING).executeTakeFirst();
      if (row) since = new Date(Date.parse(row.value) - CATCH_UP_OVERLAP_MS).toISOString();
    }
    const total: IndexReport = { indexed: 0, removed: 0 };
    for (;;) {
      const ids = await this.staleIds(batch, since);
      if (ids.length) {
        const r = await this.indexIds(ids);
        total.indexed += r.indexed;
        total.removed += r.removed;
      }
      if (ids.length < batch) {
        await this.store.db
          .insertInto('settings')
          .values({ key: CAUGHT_UP_SETTING, value: scanFrom })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: scanFrom }))
          .execute();
        if (opts.full) {
          // Deletes take their engine entries with them; this only sweeps up after the unexpected.
          const pruned = await this.index.prune(this.store.db);
          if (pruned) this.logger.warn({ pruned }, 'search: removed index entries of deleted stories');
        }
        return { ...total, more: false };
      }
      if (Date.now() - started >= budget) return { ...total, more: true };
    }
  }

  /** Builds the whole index again from the stories (after a change to the text pipeline). */
  async reindexAll(onProgress?: (done: number, total: number) => void): Promise<IndexReport> {
    const db = this.store.db;
    const totalRow = await db.selectFrom('articles').select(sql<number>`count(*)`.as('n')).executeTakeFirst();
    const total = Number(totalRow?.n ?? 0);
    const report: IndexReport = { indexed: 0, removed: 0 };
    let after = 0;
    for (;;) {
      const ids = (await db.selectFrom('articles').select('id').where('id', '>', after).orderBy('id').limit(500).execute()).map((r) => r.id);
      if (ids.length === 0) break;
      const r = await this.indexIds(ids);
      report.indexed += r.indexed;
      after = ids[ids.length - 1]!;
      onProgress?.(report.indexed, total);
    }
    // Entries whose story is gone (deleted while the index was not listening).
    const orphans = (await db.selectFrom('search_docs as d').leftJoin('articles as a', 'a.id', 'd.article_id').select('d.article_id').where('a.id', 'is', null).execute()).map((r) => r.article_id);
    if (orphans.length) report.removed += await this.remove(orphans);
    await this.index.prune(db);
    return report;
  }

  /** True when no story has an entry yet. */
  async isEmpty(): Promise<boolean> {
    return !(await this.store.db.selectFrom('search_docs').select('article_id').limit(1).executeTakeFirst());
  }
}
