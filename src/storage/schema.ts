import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The typed shape of the store, shared by both dialects. Timestamps are ISO 8601 UTC text (fixed width,
 * sortable); booleans are 0/1 integers; structured values are JSON text. These choices keep one schema
 * and one set of migrations valid on SQLite and PostgreSQL alike.
 */
export interface DeskTable {
  id: Generated<number>;
  slug: string;
  name_hi: string;
  name_en: string;
  dateline_label: string;
  position: number;
  created_at: string;
}

export interface PersonTable {
  id: Generated<number>;
  slug: string;
  name: string;
  name_en: string;
  role: string;
  email: string | null;
  /** scrypt hash for staff who sign in to the newsroom; null for bylines without a login. */
  password_hash: string | null;
  active: Generated<number>;
  bio: string;
  photo_image_id: number | null;
  created_at: string;
}

export interface TagTable {
  id: Generated<number>;
  slug: string;
  name: string;
  created_at: string;
}

export interface ImageTable {
  id: Generated<number>;
  sha256: string;
  path: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  title: string;
  alt: string;
  credit: string;
  caption: string;
  created_at: string;
}

export interface ArticleTable {
  id: Generated<number>;
  slug: string;
  headline: string;
  summary: string;
  /** The body as a structured document (JSON text); body_html is its sanitized rendering. */
  body_doc: string;
  body_html: string;
  desk_id: number;
  editor_id: number | null;
  dateline: string;
  image_id: number | null;
  access: string;
  status: string;
  lang: string;
  external_id: string | null;
  published_at: string | null;
  updated_at: string | null;
  scheduled_at: string | null;
  correction: string;
  created_at: string;
  modified_at: string;
  version: number;
}

export interface ArticleTagTable {
  article_id: number;
  tag_id: number;
  position: number;
}

export interface ArticleAuthorTable {
  article_id: number;
  person_id: number;
  position: number;
}

export interface ArticleSlugTable {
  slug: string;
  article_id: number;
  created_at: string;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface SessionTable {
  /** sha256 of the cookie value: a stolen database does not yield usable session cookies. */
  id_hash: string;
  kind: string;
  subject_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  user_agent: string;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  unique_key: string | null;
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  done_at: string | null;
  failed_at: string | null;
  created_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
}

export interface Database {
  desks: DeskTable;
  people: PersonTable;
  tags: TagTable;
  images: ImageTable;
  articles: ArticleTable;
  article_tags: ArticleTagTable;
  article_authors: ArticleAuthorTable;
  article_slugs: ArticleSlugTable;
  settings: SettingTable;
  sessions: SessionTable;
  jobs: JobTable;
  outbox: OutboxTable;
}

export type DeskRow = Selectable<DeskTable>;
export type PersonRow = Selectable<PersonTable>;
export type TagRow = Selectable<TagTable>;
export type ImageRow = Selectable<ImageTable>;
export type ArticleRow = Selectable<ArticleTable>;
export type NewArticle = Insertable<ArticleTable>;
export type ArticleUpdate = Updateable<ArticleTable>;
