import type { Executor, Store } from '../storage/index.js';
import { AppError, validationError, type FieldIssue } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import type { EventBus } from '../shared/events.js';
import { cleanText, isSlug, nfc } from '../shared/text.js';
import { pictureHtml } from '../media/urls.js';
import { escapeHtml } from '../shared/html.js';
import { slugify } from '../shared/translit/index.js';
import { renderDoc, type Doc, type FigureAttrs } from './document.js';
import { ACCESS_LEVELS, LANGS, STATUSES, type Access, type ArticleStatus, type Lang } from './model.js';
import { imageKey } from './repo.js';

export interface ContentDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
}

/** What a writer, an importer or the API gives to save a story. Ids refer to existing desks, tags, people, images. */
export interface ArticleInput {
  headline: string;
  slug: string;
  summary: string;
  doc: Doc;
  deskId: number;
  tagIds: number[];
  authorIds: number[];
  editorId: number | null;
  dateline: string;
  imageId: number | null;
  access: Access;
  status: ArticleStatus;
  lang: Lang;
  externalId: string | null;
  correction: string;
  /** Set explicitly only by importers; otherwise derived by the publishing rules. */
  publishedAt?: string | null;
  updatedAt?: string | null;
  scheduledAt?: string | null;
}

export const HEADLINE_MAX = 200;
export const SUMMARY_MAX = 600;

export function validateArticleInput(input: ArticleInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!input.headline) issues.push({ field: 'headline', message: 'headline is required' });
  else if (input.headline.length > HEADLINE_MAX) issues.push({ field: 'headline', message: `headline is longer than ${HEADLINE_MAX} characters` });
  if (!isSlug(input.slug)) issues.push({ field: 'slug', message: 'slug must be lowercase a–z, 0–9 and single hyphens (for example "monsoon-reaches-kerala"), at most 120 characters' });
  if (input.summary.length > SUMMARY_MAX) issues.push({ field: 'summary', message: `summary is longer than ${SUMMARY_MAX} characters` });
  if (!ACCESS_LEVELS.includes(input.access)) issues.push({ field: 'access', message: `access must be one of ${ACCESS_LEVELS.join(', ')}` });
  if (!STATUSES.includes(input.status)) issues.push({ field: 'status', message: `status must be one of ${STATUSES.join(', ')}` });
  if (!LANGS.includes(input.lang)) issues.push({ field: 'lang', message: `lang must be one of ${LANGS.join(', ')}` });
  for (const [field, v] of [['publishedAt', input.publishedAt], ['updatedAt', input.updatedAt], ['scheduledAt', input.scheduledAt]] as const) {
    if (v && Number.isNaN(Date.parse(v))) issues.push({ field, message: `${field} must be an ISO 8601 date-time` });
  }
  if (input.status === 'scheduled' && !input.scheduledAt) issues.push({ field: 'scheduledAt', message: 'a scheduled story needs a time to publish' });
  if (input.doc.content.some((b) => b.type === 'figure' && b.attrs.imageId === null)) issues.push({ field: 'body', message: 'every image in the body must be a stored image' });
  return issues;
}

/** Cleans text fields to NFC and trims them; the one place input strings are normalized for stories. */
export function cleanArticleInput(input: ArticleInput): ArticleInput {
  return {
    ...input,
    headline: cleanText(input.headline),
    slug: cleanText(input.slug).toLowerCase(),
    summary: cleanText(input.summary),
    dateline: cleanText(input.dateline),
    correction: cleanText(input.correction, { multiline: true }),
    externalId: input.externalId ? cleanText(input.externalId) : null,
  };
}

const toIso = (v: string | null | undefined) => (v ? new Date(v).toISOString() : null);

/** Fills width, height and URL key of every body image from the images table, so rendering needs no lookups. */
async function resolveFigures(db: Executor, doc: Doc): Promise<Doc> {
  const ids = doc.content.flatMap((b) => (b.type === 'figure' && b.attrs.imageId !== null ? [b.attrs.imageId] : []));
  if (ids.length === 0) return doc;
  const rows = await db.selectFrom('images').select(['id', 'sha256', 'width', 'height', 'alt', 'title', 'credit', 'caption']).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) throw validationError([{ field: 'body', message: `image ${missing.join(', ')} does not exist` }]);
  return {
    type: 'doc',
    content: doc.content.map((b) => {
      if (b.type !== 'figure' || b.attrs.imageId === null) return b;
      const r = byId.get(b.attrs.imageId)!;
      const attrs: FigureAttrs = { ...b.attrs, src: null, width: r.width, height: r.height, key: imageKey(r.sha256), alt: b.attrs.alt || r.alt, title: b.attrs.title || r.title, caption: b.attrs.caption || r.caption, credit: b.attrs.credit || r.credit };
      return { type: 'figure', attrs };
    }),
  };
}

/** Body figures as responsive pictures with caption and credit. */
export function figureHtml(a: FigureAttrs): string {
  if (a.imageId === null) return '';
  const pic = pictureHtml({ id: a.imageId, key: a.key, width: a.width, height: a.height }, { alt: a.alt, title: a.title, sizes: '(min-width: 720px) 680px, 100vw' });
  const cap = [a.title && a.title !== a.caption ? `<strong class="fig-title">${escapeHtml(a.title)}</strong>` : '', a.caption ? escapeHtml(a.caption) : '', a.credit ? `<span class="credit">${escapeHtml(a.credit)}</span>` : ''].filter(Boolean).join(' ');
  return `<figure>${pic}${cap ? `<figcaption>${cap}</figcaption>` : ''}</figure>`;
}

export function renderBody(doc: Doc): string {
  return renderDoc(doc, { figure: figureHtml });
}

async function slugTakenBy(db: Executor, slug: string, exceptId: number | null): Promise<number | null> {
  const a = await db.selectFrom('articles').select('id').where('slug', '=', slug).$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!)).executeTakeFirst();
  if (a) return a.id;
  const old = await db.selectFrom('article_slugs').select('article_id').where('slug', '=', slug).$if(exceptId !== null, (q) => q.where('article_id', '!=', exceptId!)).executeTakeFirst();
  return old?.article_id ?? null;
}

export async function isSlugAvailable(db: Executor, slug: string, exceptId: number | null = null): Promise<boolean> {
  return (await slugTakenBy(db, slug, exceptId)) === null;
}

async function setRelations(db: Executor, articleId: number, tagIds: number[], authorIds: number[]) {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  const tags = [...new Set(tagIds)];
  const authors = [...new Set(authorIds)];
  if (tags.length) await db.insertInto('article_tags').values(tags.map((tag_id, position) => ({ article_id: articleId, tag_id, position }))).execute();
  if (authors.length) await db.insertInto('article_authors').values(authors.map((person_id, position) => ({ article_id: articleId, person_id, position }))).execute();
}

export interface SaveResult {
  id: number;
  version: number;
  created: boolean;
  status: ArticleStatus;
}

/**
 * Creates or updates a story in one transaction. Publishing rules (DESIGN.md section 2):
 * - publishedAt is set when a story is first published and never moves afterwards;
 * - updatedAt moves only for a substantive edit (headline, summary or body) after publication;
 * - an importer may set both explicitly.
 * An update with `expectedVersion` that does not match the stored version is refused as a conflict
 * with the stored version in the error details, never silently overwritten.
 */
export async function saveArticle(
  deps: ContentDeps,
  input: ArticleInput,
  opts: { id?: number; expectedVersion?: number; trx?: Executor } = {},
): Promise<SaveResult> {
  const clean = cleanArticleInput(input);
  const issues = validateArticleInput(clean);
  if (issues.length) throw validationError(issues);
  const now = deps.clock.now().toISOString();

  const run = async (db: Executor) => {
    const desk = await db.selectFrom('desks').select('id').where('id', '=', clean.deskId).executeTakeFirst();
    if (!desk) throw validationError([{ field: 'desk', message: `desk ${clean.deskId} does not exist` }]);
    const taken = await slugTakenBy(db, clean.slug, opts.id ?? null);
    if (taken !== null) throw validationError([{ field: 'slug', message: `slug "${clean.slug}" is already used by story ${taken}` }]);
    const doc = await resolveFigures(db, clean.doc);
    const docJson = JSON.stringify(doc);
    const bodyHtml = renderBody(doc);

    if (opts.id === undefined) {
      const publishedAt = clean.status === 'published' ? toIso(clean.publishedAt) ?? now : toIso(clean.publishedAt);
      const updatedAt = toIso(clean.updatedAt) ?? publishedAt;
      const row = await db
        .insertInto('articles')
        .values({
          slug: clean.slug, headline: clean.headline, summary: clean.summary, body_doc: docJson, body_html: bodyHtml,
          desk_id: clean.deskId, editor_id: clean.editorId, dateline: clean.dateline, image_id: clean.imageId,
          access: clean.access, status: clean.status, lang: clean.lang, external_id: clean.externalId,
          published_at: publishedAt, updated_at: updatedAt, scheduled_at: toIso(clean.scheduledAt), correction: clean.correction,
          created_at: now, modified_at: now, version: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await setRelations(db, row.id, clean.tagIds, clean.authorIds);
      return { result: { id: row.id, version: 1, created: true, status: clean.status }, before: null };
    }

    const before = await db.selectFrom('articles').selectAll().where('id', '=', opts.id).executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND', `story ${opts.id} does not exist`);
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== before.version) {
      throw new AppError('CONFLICT', 'This story was changed by someone else after you opened it', { details: { storedVersion: before.version, yourVersion: opts.expectedVersion } });
    }
    const beforeTags = (await db.selectFrom('article_tags').select('tag_id').where('article_id', '=', opts.id).execute()).map((r) => r.tag_id);
    const beforeAuthors = (await db.selectFrom('article_authors').select('person_id').where('article_id', '=', opts.id).execute()).map((r) => r.person_id);
    const substantive = before.headline !== clean.headline || before.summary !== clean.summary || before.body_doc !== docJson;
    const wasPublished = before.published_at !== null;
    let publishedAt = before.published_at;
    if (clean.publishedAt !== undefined && clean.publishedAt !== null) publishedAt = toIso(clean.publishedAt);
    else if (clean.status === 'published' && !publishedAt) publishedAt = now;
    let updatedAt = before.updated_at ?? publishedAt;
    if (clean.updatedAt) updatedAt = toIso(clean.updatedAt);
    else if (clean.status === 'published' && !wasPublished) updatedAt = publishedAt;
    else if (substantive && wasPublished && clean.status === 'published') updatedAt = now;
    if (before.slug !== clean.slug) {
      await db.insertInto('article_slugs').values({ slug: before.slug, article_id: opts.id, created_at: now }).onConflict((oc) => oc.column('slug').doUpdateSet({ article_id: opts.id!, created_at: now })).execute();
      await db.deleteFrom('article_slugs').where('slug', '=', clean.slug).execute();
    }
    const version = before.version + 1;
    await db
      .updateTable('articles')
      .set({
        slug: clean.slug, headline: clean.headline, summary: clean.summary, body_doc: docJson, body_html: bodyHtml,
        desk_id: clean.deskId, editor_id: clean.editorId, dateline: clean.dateline, image_id: clean.imageId,
        access: clean.access, status: clean.status, lang: clean.lang, external_id: clean.externalId,
        published_at: publishedAt, updated_at: updatedAt, scheduled_at: toIso(clean.scheduledAt), correction: clean.correction,
        modified_at: now, version,
      })
      .where('id', '=', opts.id)
      .execute();
    await setRelations(db, opts.id, clean.tagIds, clean.authorIds);
    return { result: { id: opts.id, version, created: false, status: clean.status }, before: { status: before.status, deskId: before.desk_id, tagIds: beforeTags, authorIds: beforeAuthors } };
  };

  const { result, before } = opts.trx ? await run(opts.trx) : await deps.store.transaction(run);
  emitChange(deps.bus, result.id, clean, before);
  return result;
}

function emitChange(bus: EventBus, articleId: number, now: ArticleInput, before: { status: string; deskId: number; tagIds: number[]; authorIds: number[] } | null) {
  const payload = { articleId, deskId: now.deskId, tagIds: now.tagIds, authorIds: now.authorIds };
  const wasLive = before?.status === 'published';
  const isLive = now.status === 'published';
  if (isLive && !wasLive) bus.publish('article.published', payload);
  else if (isLive && wasLive) bus.publish('article.updated', { ...payload, previousDeskId: before!.deskId, previousTagIds: before!.tagIds, previousAuthorIds: before!.authorIds });
  else if (!isLive && wasLive) bus.publish('article.unpublished', { articleId, deskId: before!.deskId, tagIds: before!.tagIds, authorIds: before!.authorIds });
}

// ------------------------------------------------------------ desks, tags, people

export async function ensureDesk(db: Executor, ref: string, now: string, fallback?: { nameEn?: string; datelineLabel?: string }): Promise<number> {
  const name = nfc(ref.trim());
  const bySlugOrName = await db.selectFrom('desks').select('id').where((eb) => eb.or([eb('slug', '=', name.toLowerCase()), eb('name_hi', '=', name), eb('name_en', '=', name)])).executeTakeFirst();
  if (bySlugOrName) return bySlugOrName.id;
  const slug = isSlug(name) ? name : slugify(name) || `desk-${Date.now().toString(36)}`;
  const pos = await db.selectFrom('desks').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
  const nameEn = fallback?.nameEn ?? (isSlug(name) ? name.replace(/-/g, ' ').replace(/\b\w/g, (ch: string) => ch.toUpperCase()) : slug.replace(/-/g, ' ').replace(/\b\w/g, (ch: string) => ch.toUpperCase()));
  const row = await db
    .insertInto('desks')
    .values({ slug, name_hi: name, name_en: nameEn, dateline_label: fallback?.datelineLabel ?? `${nameEn} Desk`, position: Number(pos?.p ?? 0) + 1, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function ensureTag(db: Executor, name: string, now: string, slugHint?: string): Promise<number> {
  const clean = cleanText(name);
  const existing = await db.selectFrom('tags').select('id').where((eb) => eb.or([eb('name', '=', clean), ...(slugHint ? [eb('slug', '=', slugHint)] : [])])).executeTakeFirst();
  if (existing) return existing.id;
  let slug = slugHint && isSlug(slugHint) ? slugHint : slugify(clean) || 'tag';
  for (let i = 2; await db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst(); i++) slug = `${slug.replace(/-\d+$/, '')}-${i}`;
  const row = await db.insertInto('tags').values({ slug, name: clean, created_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function ensurePerson(db: Executor, name: string, now: string, extra: { slug?: string; nameEn?: string; role?: string; email?: string | null; bio?: string } = {}): Promise<number> {
  const clean = cleanText(name);
  const existing = await db.selectFrom('people').select('id').where((eb) => eb.or([eb('name', '=', clean), eb('slug', '=', extra.slug ?? clean), ...(extra.email ? [eb('email', '=', extra.email)] : [])])).executeTakeFirst();
  if (existing) return existing.id;
  let slug = extra.slug && isSlug(extra.slug) ? extra.slug : slugify(extra.nameEn || clean) || 'person';
  for (let i = 2; await db.selectFrom('people').select('id').where('slug', '=', slug).executeTakeFirst(); i++) slug = `${slug.replace(/-\d+$/, '')}-${i}`;
  const row = await db
    .insertInto('people')
    .values({ slug, name: clean, name_en: extra.nameEn ?? '', role: extra.role ?? 'reporter', email: extra.email ?? null, password_hash: null, bio: extra.bio ?? '', photo_image_id: null, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
