import type { Selectable } from 'kysely';

/**
 * The search module's portable tables (migration 0006_search), added to the shared Database type by
 * augmentation. The engine's own full-text objects (an FTS5 table on SQLite, tsvector columns with GIN
 * indexes on PostgreSQL) sit beside these and are reached only through a SearchIndex (indexes/).
 */
export interface SearchDocTable {
  article_id: number;
  /**
   * Time order of the story as one integer: minute of publication (of the last change, for a story never
   * published) × 2^22 + the id's low 22 bits. It is the FTS5 rowid on SQLite and the sort key on both,
   * so that "the newest matches" is a cheap, identical walk on either engine, and a date range is a range.
   */
  sort_key: number;
  /** 1 when readers may find the story (published); drafts and withdrawn stories are for staff only. */
  public: number;
  status: string;
  desk_id: number;
  access: string;
  published_at: string | null;
  /** articles.modified_at and status when this row was written: the catch-up compares them. */
  source_modified_at: string;
  source_status: string;
  indexed_at: string;
  /** Headline and summary as index terms per word ("t1|t2 t3"), for field weights and phrases in ranking. */
  head_terms: string;
  summary_terms: string;
}

/** A story's few most telling terms, for "related stories" by shared terms (published stories only). */
export interface SearchKeywordTable {
  article_id: number;
  term: string;
  sort_key: number;
  weight: number;
}

/** An editor's choice for one story's related block: another story pinned at a position, or removed. */
export interface RelatedOverrideTable {
  article_id: number;
  related_id: number;
  /** 'pin' | 'remove' */
  action: string;
  position: number;
  created_by: number | null;
  created_at: string;
}

/** Anonymous reads per story per hour (UTC, "2026-11-26T06"); no cookie, no address is ever stored. */
export interface ArticleViewTable {
  article_id: number;
  hour: string;
  views: number;
}

declare module '../storage/schema.js' {
  interface Database {
    search_docs: SearchDocTable;
    search_keywords: SearchKeywordTable;
    related_overrides: RelatedOverrideTable;
    article_views: ArticleViewTable;
  }
}

export type SearchDocRow = Selectable<SearchDocTable>;
