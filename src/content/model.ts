import type { Doc } from './document.js';

export const ACCESS_LEVELS = ['free', 'members', 'premium'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];
export const STATUSES = ['draft', 'submitted', 'scheduled', 'published', 'unpublished'] as const;
export type ArticleStatus = (typeof STATUSES)[number];
export const LANGS = ['hi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export interface DeskRef {
  id: number;
  slug: string;
  name: string;
  nameEn: string;
  datelineLabel: string;
}
export interface TagRef {
  id: number;
  slug: string;
  name: string;
}
export interface PersonRef {
  id: number;
  slug: string;
  name: string;
  nameEn: string;
  role: string;
}
export interface ImageRef {
  id: number;
  key: string;
  width: number;
  height: number;
  mime: string;
  title: string;
  alt: string;
  credit: string;
  caption: string;
}

/** What a list (home, desk, tag, author, API list) shows of a story. */
export interface ArticleCard {
  id: number;
  slug: string;
  path: string;
  headline: string;
  summary: string;
  desk: DeskRef;
  tags: TagRef[];
  authors: PersonRef[];
  editor: PersonRef | null;
  image: ImageRef | null;
  access: Access;
  status: ArticleStatus;
  lang: Lang;
  publishedAt: string | null;
  updatedAt: string | null;
}

/** A whole story as stored. Whether a reader may see all of `doc` is the members module's decision. */
export interface Article extends ArticleCard {
  doc: Doc;
  bodyHtml: string;
  dateline: string;
  correction: string;
  externalId: string | null;
  scheduledAt: string | null;
  createdAt: string;
  modifiedAt: string;
  version: number;
}

/** The canonical path of a story: /{desk-slug}/news/{slug}-{id}. */
export function articlePath(deskSlug: string, slug: string, id: number): string {
  return `/${deskSlug}/news/${slug}-${id}`;
}

/** Parses the last path segment `{slug}-{id}`. */
export function parseArticleSegment(segment: string): { slug: string; id: number } | null {
  const m = /^(?:([a-z0-9-]*)-)?(\d{1,12})$/.exec(segment);
  if (!m) return null;
  const id = Number(m[2]);
  return Number.isSafeInteger(id) && id > 0 ? { slug: m[1] ?? '', id } : null;
}
