import { docText, normalizeDoc, type Article, type ArticleInput, type Doc } from '../content/index.js';
import type { Executor } from '../storage/index.js';
import { diffWords, type DiffPart } from './diff.js';
import type { RevisionRow } from './schema.js';
import './schema.js';

/**
 * The whole story as it was at one save: enough to show it, compare it and restore it. The fields a
 * writer gives (ArticleInput) less the importer's own, with the scheduled time always present.
 */
export type StorySnapshot = Omit<ArticleInput, 'externalId' | 'publishedAt' | 'updatedAt' | 'scheduledAt'> & { scheduledAt: string | null };

export type RevisionKind = 'import' | 'create' | 'save' | 'autosave' | 'submit' | 'publish' | 'schedule' | 'unschedule' | 'unpublish' | 'restore' | 'conflict';

export function snapshotOfArticle(a: Article): StorySnapshot {
  return {
    headline: a.headline, slug: a.slug, summary: a.summary, doc: a.doc, deskId: a.desk.id, tagIds: a.tags.map((t) => t.id), authorIds: a.authors.map((p) => p.id),
    editorId: a.editor?.id ?? null, dateline: a.dateline, imageId: a.image?.id ?? null, access: a.access, status: a.status, lang: a.lang, correction: a.correction, scheduledAt: a.scheduledAt,
  };
}

export function snapshotOfInput(i: ArticleInput): StorySnapshot {
  return {
    headline: i.headline, slug: i.slug, summary: i.summary, doc: i.doc, deskId: i.deskId, tagIds: i.tagIds, authorIds: i.authorIds, editorId: i.editorId, dateline: i.dateline,
    imageId: i.imageId, access: i.access, status: i.status, lang: i.lang, correction: i.correction, scheduledAt: i.scheduledAt ?? null,
  };
}

export function parseSnapshot(json: string): StorySnapshot {
  const v = JSON.parse(json) as StorySnapshot;
  return { ...v, doc: normalizeDoc(v.doc), tagIds: v.tagIds ?? [], authorIds: v.authorIds ?? [] };
}

export interface Revision {
  id: number;
  articleId: number;
  version: number;
  kind: RevisionKind;
  applied: boolean;
  authorId: number | null;
  authorName: string | null;
  createdAt: string;
  updatedAt: string;
  snapshot: StorySnapshot;
}

/** Consecutive autosaves by one person within this window share one revision row, updated in place. */
export const AUTOSAVE_COALESCE_MS = 10 * 60 * 1000;

export interface NewRevision {
  articleId: number;
  version: number;
  kind: RevisionKind;
  applied: boolean;
  authorId: number | null;
  snapshot: StorySnapshot;
}

/**
 * Writes a revision (inside the caller's transaction). An applied autosave that follows the same
 * person's autosave within AUTOSAVE_COALESCE_MS updates that row instead of adding one, so that a
 * writer typing for an hour leaves a readable history; a kept-aside autosave (of a live story)
 * replaces that person's previous kept-aside autosave. Every other save adds a row.
 */
export async function recordRevision(db: Executor, now: Date, r: NewRevision): Promise<number> {
  const nowIso = now.toISOString();
  const snapshot = JSON.stringify(r.snapshot);
  if (r.kind === 'autosave' && r.applied) {
    const last = await db.selectFrom('revisions').select(['id', 'kind', 'applied', 'author_id', 'created_at']).where('article_id', '=', r.articleId).where('applied', '=', 1).orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (last && last.kind === 'autosave' && last.author_id === r.authorId && now.getTime() - Date.parse(last.created_at) < AUTOSAVE_COALESCE_MS) {
      await db.updateTable('revisions').set({ snapshot, version: r.version, updated_at: nowIso }).where('id', '=', last.id).execute();
      return last.id;
    }
  }
  if (r.kind === 'autosave' && !r.applied) await discardKeptAutosaves(db, r.articleId, r.authorId);
  const row = await db
    .insertInto('revisions')
    .values({ article_id: r.articleId, version: r.version, kind: r.kind, applied: r.applied ? 1 : 0, author_id: r.authorId, snapshot, created_at: nowIso, updated_at: nowIso })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A person's kept-aside autosaves of a story are superseded once they save it for real. */
export async function discardKeptAutosaves(db: Executor, articleId: number, authorId: number | null): Promise<void> {
  let q = db.deleteFrom('revisions').where('article_id', '=', articleId).where('kind', '=', 'autosave').where('applied', '=', 0);
  q = authorId === null ? q.where('author_id', 'is', null) : q.where('author_id', '=', authorId);
  await q.execute();
}

function toRevision(r: RevisionRow & { author_name: string | null }): Revision {
  return {
    id: r.id, articleId: r.article_id, version: r.version, kind: r.kind as RevisionKind, applied: r.applied === 1, authorId: r.author_id, authorName: r.author_name,
    createdAt: r.created_at, updatedAt: r.updated_at, snapshot: parseSnapshot(r.snapshot),
  };
}

export async function listRevisions(db: Executor, articleId: number): Promise<Revision[]> {
  const rows = await db.selectFrom('revisions as r').leftJoin('people as p', 'p.id', 'r.author_id').selectAll('r').select('p.name as author_name').where('r.article_id', '=', articleId).orderBy('r.id', 'desc').execute();
  return rows.map(toRevision);
}

export async function getRevision(db: Executor, articleId: number, revisionId: number): Promise<Revision | null> {
  const r = await db.selectFrom('revisions as r').leftJoin('people as p', 'p.id', 'r.author_id').selectAll('r').select('p.name as author_name').where('r.article_id', '=', articleId).where('r.id', '=', revisionId).executeTakeFirst();
  return r ? toRevision(r) : null;
}

/** The newest kept-aside autosave of this person, if it is newer than the story itself. */
export async function pendingAutosave(db: Executor, articleId: number, authorId: number, storyModifiedAt: string): Promise<Revision | null> {
  const r = await db.selectFrom('revisions as r').leftJoin('people as p', 'p.id', 'r.author_id').selectAll('r').select('p.name as author_name')
    .where('r.article_id', '=', articleId).where('r.author_id', '=', authorId).where('r.kind', '=', 'autosave').where('r.applied', '=', 0).where('r.updated_at', '>=', storyModifiedAt)
    .orderBy('r.id', 'desc').limit(1).executeTakeFirst();
  return r ? toRevision(r) : null;
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export interface SnapshotDiff {
  headline: DiffPart[];
  summary: DiffPart[];
  body: DiffPart[];
  /** Other fields that differ, as display strings the caller resolves (ids are looked up by the route). */
  fields: FieldChange[];
}

/** What changed from one snapshot to another: words of headline, summary and body, and the other fields. */
export function diffSnapshots(a: StorySnapshot, b: StorySnapshot): SnapshotDiff {
  const fields: FieldChange[] = [];
  const cmp = (field: string, x: unknown, y: unknown) => {
    const sx = Array.isArray(x) ? x.join(', ') : x === null || x === undefined ? '' : String(x);
    const sy = Array.isArray(y) ? y.join(', ') : y === null || y === undefined ? '' : String(y);
    if (sx !== sy) fields.push({ field, before: sx, after: sy });
  };
  cmp('slug', a.slug, b.slug);
  cmp('status', a.status, b.status);
  cmp('desk', a.deskId, b.deskId);
  cmp('tags', a.tagIds, b.tagIds);
  cmp('authors', a.authorIds, b.authorIds);
  cmp('editor', a.editorId, b.editorId);
  cmp('dateline', a.dateline, b.dateline);
  cmp('image', a.imageId, b.imageId);
  cmp('access', a.access, b.access);
  cmp('lang', a.lang, b.lang);
  cmp('correction', a.correction, b.correction);
  cmp('scheduledAt', a.scheduledAt, b.scheduledAt);
  const figures = (d: Doc) => JSON.stringify(d.content.filter((x) => x.type === 'figure' || x.type === 'relatedLink'));
  if (figures(a.doc) !== figures(b.doc)) fields.push({ field: 'media', before: describeEmbeds(a.doc), after: describeEmbeds(b.doc) });
  return { headline: diffWords(a.headline, b.headline), summary: diffWords(a.summary, b.summary), body: diffWords(docText(a.doc), docText(b.doc)), fields };
}

function describeEmbeds(d: Doc): string {
  return d.content
    .flatMap((x) => (x.type === 'figure' ? [`image ${x.attrs.imageId ?? '?'}${x.attrs.caption ? ` (${x.attrs.caption})` : ''}`] : x.type === 'relatedLink' ? [`related: ${x.attrs.text}`] : []))
    .join('; ');
}
