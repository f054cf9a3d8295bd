import type { Generated, Selectable } from 'kysely';

/**
 * The live module's tables (migration 0005_live), added to the shared Database type by augmentation.
 * A match and a live blog each keep an append-only journal whose sequence number is the SSE event id:
 * it only grows, so a reader resuming with Last-Event-ID gets every change it missed, once.
 */
export interface MatchTable {
  id: Generated<number>;
  title: string;
  /** MatchSetup as JSON. */
  setup: string;
  /** MatchMeta as JSON: venue, event, source file details kept for export. */
  meta: string;
  /** ISO 8601 date or date-time of the (scheduled) start. */
  start_time: string;
  /** Derived after every change (scheduled, live, innings break, complete, no result, abandoned). */
  status: string;
  /** The reader summary (LiveScore) as JSON, derived after every change, so lists and widgets never replay events. */
  summary: string;
  /** Sequence number of the newest journal entry: the optimistic version a scorer must name. */
  last_seq: number;
  /** e.g. "cricsheet:1473511" for an imported match; several copies may exist. */
  external_id: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface MatchEventTable {
  match_id: number;
  seq: number;
  /** create | event | undo | correct | setup */
  op: string;
  /** For correct: the position in the event list that was replaced. */
  position: number | null;
  /** The MatchEvent (event, correct) or MatchSetup (create, setup) as JSON. */
  data: string | null;
  /** Hindi commentary for the event, if it has one. */
  line: string | null;
  /** The public message readers receive for this entry (JSON, the "full" view). */
  payload: string;
  created_by: number | null;
  created_at: string;
}

export interface LiveBlogTable {
  article_id: number;
  live: number;
  last_seq: number;
  started_at: string;
  ended_at: string | null;
  created_by: number | null;
}

export interface LiveBlogUpdateTable {
  id: Generated<number>;
  article_id: number;
  body: string;
  image_id: number | null;
  key_event: number;
  pinned: number;
  deleted: number;
  author_id: number | null;
  /** Journal seq of the latest change to this update. */
  seq: number;
  created_at: string;
  edited_at: string | null;
}

export interface LiveBlogEventTable {
  article_id: number;
  seq: number;
  payload: string;
  created_at: string;
}

export type MatchRow = Selectable<MatchTable>;
export type MatchEventRow = Selectable<MatchEventTable>;
export type LiveBlogRow = Selectable<LiveBlogTable>;
export type LiveBlogUpdateRow = Selectable<LiveBlogUpdateTable>;

declare module '../storage/schema.js' {
  interface Database {
    matches: MatchTable;
    match_events: MatchEventTable;
    live_blogs: LiveBlogTable;
    live_blog_updates: LiveBlogUpdateTable;
    live_blog_events: LiveBlogEventTable;
  }
}
