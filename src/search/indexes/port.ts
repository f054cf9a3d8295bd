import type { Kysely } from 'kysely';
import type { Executor } from '../../storage/index.js';

/**
 * The one place where the two engines differ: the full-text objects and the queries that use them.
 * Everything else (what is indexed, how results are ranked, snippets) is the same code on both, so
 * both give the same results on the same data. An implementation never ranks: it answers boolean
 * questions ("which of the newest stories match?", "how many hold this term?") that have one right
 * answer, and the ranking in ranking.ts is computed from those answers.
 */

/** The alternatives of one query word: a story matches the word when it holds any of them. */
export type TermGroup = readonly string[];

/** What the engine stores for one story, as index terms (text order, repeats kept). */
export interface IndexedText {
  sortKey: number;
  head: string[];
  summary: string[];
  /** Body stems only (no roman keys), so that consecutive body words are consecutive positions. */
  bodyStems: string[];
  /** The body's "r_" roman keys. */
  bodyKeys: string[];
}

export interface WindowFilter {
  /** Published stories only (readers); false for the newsroom's search, which includes drafts. */
  publicOnly: boolean;
  /**
   * With publicOnly false: stories that are not published only if this person started or wrote them (a
   * reporter's newsroom search, which shows what their story list shows); published ones all the same.
   */
  unpublishedOf?: number;
  deskId?: number;
  authorId?: number;
  /** Inclusive bounds on search_docs.sort_key (a date range). */
  minSortKey?: number;
  maxSortKey?: number;
}

/** Where the words must be found. */
export type FieldScope = 'all' | 'headSummary';

/** A matching story with what ranking needs, straight from search_docs. */
export interface Candidate {
  articleId: number;
  sortKey: number;
  headTerms: string;
  summaryTerms: string;
  publishedAt: string | null;
  status: string;
  access: string;
  deskId: number;
}

export interface SearchIndex {
  readonly kind: 'fts5' | 'tsvector';
  /** Creates the engine's objects (called by migration 0006_search). */
  create(db: Kysely<any>): Promise<void>;
  /**
   * Writes the engine entry of a story whose search_docs row is already written in this transaction
   * (any entry it had before was removed first).
   */
  put(db: Executor, articleId: number, text: IndexedText): Promise<void>;
  /** Removes the engine entry (the caller deletes the search_docs row). */
  remove(db: Executor, articleId: number, sortKey: number): Promise<void>;
  /** The newest `limit` stories that hold every group (each group within `scope`), newest first. */
  newest(db: Executor, groups: readonly TermGroup[], scope: FieldScope, filter: WindowFilter, limit: number): Promise<Candidate[]>;
  /** The newest stories whose headline or summary hold every group and a word starting with one of `prefixes`. */
  newestWithPrefix(db: Executor, groups: readonly TermGroup[], prefixes: readonly string[], filter: WindowFilter, limit: number): Promise<Candidate[]>;
  /**
   * Of the newest `size` indexed stories (all of them when there are fewer), how many hold each group:
   * the sample that document frequencies are estimated from. `sample` is how many stories it covered.
   */
  sampleCounts(db: Executor, groups: readonly TermGroup[], size: number): Promise<{ sample: number; counts: number[] }>;
  /**
   * The stories with sort keys from `minSortKey` to `maxSortKey` whose body holds `phrase` (one term per
   * word) as consecutive words. The range is that of a window of matches, so the work is bounded by it.
   */
  bodyPhrase(db: Executor, minSortKey: number, maxSortKey: number, phrase: readonly string[]): Promise<Set<number>>;
  /** Removes engine entries whose search_docs row is gone (a story deleted outright); returns how many. */
  prune(db: Executor): Promise<number>;
}
