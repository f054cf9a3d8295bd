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
}

export type DeskRow = Selectable<DeskTable>;
export type PersonRow = Selectable<PersonTable>;
export type TagRow = Selectable<TagTable>;
export type ImageRow = Selectable<ImageTable>;
export type ArticleRow = Selectable<ArticleTable>;
export type NewArticle = Insertable<ArticleTable>;
export type ArticleUpdate = Updateable<ArticleTable>;
