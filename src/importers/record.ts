import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { AppError, isAppError, type FieldIssue } from '../shared/errors.js';
import { cleanText, isSlug } from '../shared/text.js';
import { slugify } from '../shared/translit/index.js';
import {
  ACCESS_LEVELS, LANGS, ensureDesk, ensurePerson, ensureTag, isSlugAvailable, saveArticle,
  type Access, type ArticleInput, type ContentDeps, type Doc, type Lang,
} from '../content/index.js';
import { fetchImage, type MediaLibrary } from '../media/index.js';
import type { Executor } from '../storage/index.js';
import { importBodyToDoc } from './body.js';
import { LEGACY_PATH_MAX, recordLegacyPaths } from './legacy.js';

/**
 * One article in the import format of DESIGN.md section 5. Every importer (NDJSON, WordPress, Ghost)
 * turns its input into these records, and applyImportRecord is the one place they are written.
 */
export interface ImportImage {
  path?: string;
  url?: string;
  title?: string;
  alt?: string;
  credit?: string;
  caption?: string;
}
export interface ImportRecord {
  headline: string;
  slug?: string;
  summary?: string;
  body?: string;
  desk?: string;
  tags?: string[];
  authors?: string[];
  editor?: string;
  access?: Access;
  status?: 'published' | 'draft';
  publishedAt?: string;
  updatedAt?: string;
  image?: ImportImage;
  lang?: Lang;
  externalId?: string;
  /** Extension for importers that move a site: old slugs that must redirect to the story. */
  oldSlugs?: string[];
  /** Extension: old URLs or paths of the story on the site it came from (301 to the story; see legacy.ts). */
  legacyPaths?: string[];
  /** Extension: the dateline label and correction note, so that `samachar export` round-trips them. */
  dateline?: string;
  correction?: string;
}

const STR_FIELDS = ['slug', 'summary', 'body', 'desk', 'editor', 'publishedAt', 'updatedAt', 'externalId', 'dateline', 'correction'] as const;

/** Checks the shape of one parsed JSON line; returns a typed record or every problem found. */
export function parseImportRecord(v: unknown): { record?: ImportRecord; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { issues: [{ field: '', message: 'line is not a JSON object' }] };
  const o = v as Record<string, unknown>;
  if (typeof o.headline !== 'string' || !cleanText(o.headline)) issues.push({ field: 'headline', message: 'headline is required' });
  for (const f of STR_FIELDS) if (o[f] !== undefined && o[f] !== null && typeof o[f] !== 'string') issues.push({ field: f, message: `${f} must be a string` });
  for (const f of ['tags', 'authors'] as const) {
    if (o[f] !== undefined && o[f] !== null && (!Array.isArray(o[f]) || (o[f] as unknown[]).some((x) => typeof x !== 'string'))) issues.push({ field: f, message: `${f} must be an array of strings` });
  }
  if (o.access !== undefined && o.access !== null && !ACCESS_LEVELS.includes(o.access as Access)) issues.push({ field: 'access', message: `access must be one of ${ACCESS_LEVELS.join(', ')}` });
  if (o.status !== undefined && o.status !== null && o.status !== 'published' && o.status !== 'draft') issues.push({ field: 'status', message: 'status must be "published" or "draft"' });
  if (o.lang !== undefined && o.lang !== null && !LANGS.includes(o.lang as Lang)) issues.push({ field: 'lang', message: `lang must be one of ${LANGS.join(', ')}` });
  for (const f of ['publishedAt', 'updatedAt'] as const) {
    if (typeof o[f] === 'string' && (!/^\d{4}-\d{2}-\d{2}/.test(o[f] as string) || Number.isNaN(Date.parse(o[f] as string)))) issues.push({ field: f, message: `${f} must be an ISO 8601 date-time such as 2025-12-27T14:06:00+05:30` });
  }
  if (typeof o.slug === 'string' && o.slug !== '' && !isSlug(o.slug)) issues.push({ field: 'slug', message: `slug "${o.slug}" must be lowercase a–z, 0–9 and single hyphens` });
  if (o.image !== undefined && o.image !== null) {
    const im = o.image as Record<string, unknown>;
    if (typeof im !== 'object' || Array.isArray(im)) issues.push({ field: 'image', message: 'image must be an object with path or url' });
    else {
      if (typeof im.path !== 'string' && typeof im.url !== 'string') issues.push({ field: 'image', message: 'image needs a path or a url' });
      for (const f of ['path', 'url', 'title', 'alt', 'credit', 'caption']) if (im[f] !== undefined && typeof im[f] !== 'string') issues.push({ field: `image.${f}`, message: `image.${f} must be a string` });
    }
  }
  if (issues.length) return { issues };
  const rec: ImportRecord = { headline: o.headline as string };
  for (const f of STR_FIELDS) if (typeof o[f] === 'string' && o[f] !== '') (rec as unknown as Record<string, unknown>)[f] = o[f];
  if (Array.isArray(o.tags)) rec.tags = o.tags as string[];
  if (Array.isArray(o.authors)) rec.authors = o.authors as string[];
  if (o.access) rec.access = o.access as Access;
  if (o.status) rec.status = o.status as 'published' | 'draft';
  if (o.lang) rec.lang = o.lang as Lang;
  if (o.image) rec.image = o.image as ImportImage;
  if (Array.isArray(o.oldSlugs)) rec.oldSlugs = (o.oldSlugs as unknown[]).filter((s): s is string => typeof s === 'string' && isSlug(s));
  if (o.dateline === '') rec.dateline = '';
  if (Array.isArray(o.legacyPaths)) rec.legacyPaths = (o.legacyPaths as unknown[]).filter((s): s is string => typeof s === 'string' && s.length > 0 && s.length <= LEGACY_PATH_MAX);
  return { record: rec, issues };
}

export interface ImportContext {
  deps: ContentDeps;
  media: MediaLibrary;
  /** Folder that relative image paths are resolved against (the import file's folder, or --media). */
  mediaDirs: string[];
  maxImageBytes: number;
  fetchTimeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export type ImportOutcome = { action: 'created' | 'updated'; id: number } | { action: 'rejected'; reason: string };

async function loadImageBytes(ctx: ImportContext, ref: { path?: string; url?: string; src?: string }): Promise<Buffer> {
  const src = ref.url ?? ref.path ?? ref.src ?? '';
  if (/^https?:\/\//i.test(src)) return fetchImage(src, { maxBytes: ctx.maxImageBytes, timeoutMs: ctx.fetchTimeoutMs ?? 10_000, ...(ctx.fetchImpl ? { fetchImpl: ctx.fetchImpl } : {}) });
  if (/^[a-z]+:/i.test(src) && !/^[a-z]:\\/i.test(src)) throw new AppError('VALIDATION', `image "${src}" is neither a local path nor an http(s) URL`);
  const rel = decodeURIComponent(src.replace(/^\/+/, ''));
  // An absolute path is the operator's own (the CLI reads their files); relative ones stay inside the named folders.
  const candidates = [...(isAbsolute(src) ? [src] : []), ...ctx.mediaDirs.map((base) => resolve(base, rel)).filter((full, i) => full.startsWith(resolve(ctx.mediaDirs[i]!) + sep))];
  for (const full of candidates) {
    let buf: Buffer;
    try {
      buf = await readFile(full);
    } catch {
      continue;
    }
    if (buf.length > ctx.maxImageBytes) throw new AppError('PAYLOAD_TOO_LARGE', `image ${src} is larger than ${ctx.maxImageBytes} bytes`);
    return buf;
  }
  throw new AppError('VALIDATION', `image "${src}" was not found${ctx.mediaDirs.length ? ` (looked in ${ctx.mediaDirs.join(', ')})` : ''}`);
}

async function uniqueSlug(db: Executor, base: string, exceptId: number | null): Promise<string> {
  let slug = base;
  for (let i = 2; !(await isSlugAvailable(db, slug, exceptId)); i++) slug = `${base}-${i}`;
  return slug;
}

/**
 * Writes one record in its own transaction: desks, tags and people it names are created if missing,
 * images are stored, and a record whose externalId is known updates that story in place. Any failure
 * rolls the whole record back and is reported as a reason, never half-written.
 */
export async function applyImportRecord(ctx: ImportContext, rec: ImportRecord): Promise<ImportOutcome> {
  try {
    // Bytes are gathered before the transaction so that no network wait holds the store.
    const heroBytes = rec.image ? await loadImageBytes(ctx, rec.image) : null;
    let doc: Doc = importBodyToDoc(rec.body ?? '');
    const figureBytes = new Map<string, Buffer>();
    for (const b of doc.content) {
      if (b.type === 'figure' && b.attrs.src && !figureBytes.has(b.attrs.src)) figureBytes.set(b.attrs.src, await loadImageBytes(ctx, { src: b.attrs.src }));
    }
    const { deps } = ctx;
    return await deps.store.transaction(async (trx) => {
      const now = deps.clock.now().toISOString();
      const existing = rec.externalId ? await trx.selectFrom('articles').select(['id', 'version']).where('external_id', '=', rec.externalId).executeTakeFirst() : undefined;
      const deskId = rec.desk ? await ensureDesk(trx, rec.desk, now) : await defaultDesk(trx, now);
      const tagIds: number[] = [];
      for (const t of rec.tags ?? []) if (cleanText(t)) tagIds.push(await ensureTag(trx, t, now));
      const authorIds: number[] = [];
      for (const a of rec.authors ?? []) if (cleanText(a)) authorIds.push(await ensurePerson(trx, a, now, { role: 'reporter' }));
      const editorId = rec.editor && cleanText(rec.editor) ? await ensurePerson(trx, rec.editor, now, { role: 'editor' }) : null;
      let imageId: number | null = null;
      if (heroBytes && rec.image) {
        const img = await ctx.media.ingest(trx, heroBytes, rec.image, now);
        imageId = img.id;
      }
      const idsBySrc = new Map<string, number>();
      for (const [src, bytes] of figureBytes) idsBySrc.set(src, (await ctx.media.ingest(trx, bytes, {}, now)).id);
      doc = { type: 'doc', content: doc.content.map((b) => (b.type === 'figure' && b.attrs.src ? { type: 'figure', attrs: { ...b.attrs, imageId: idsBySrc.get(b.attrs.src) ?? null } } : b)) };
      const wantSlug = rec.slug ?? (slugify(rec.headline) || 'story');
      const slug = rec.slug ? rec.slug : await uniqueSlug(trx, wantSlug, existing?.id ?? null);
      const desk = await trx.selectFrom('desks').select('dateline_label').where('id', '=', deskId).executeTakeFirstOrThrow();
      const input: ArticleInput = {
        headline: rec.headline,
        slug,
        summary: rec.summary ?? '',
        doc,
        deskId,
        tagIds,
        authorIds,
        editorId,
        dateline: rec.dateline ?? desk.dateline_label,
        imageId,
        access: rec.access ?? 'free',
        status: rec.status ?? 'published',
        lang: rec.lang ?? 'hi',
        externalId: rec.externalId ?? null,
        correction: rec.correction ?? '',
        publishedAt: rec.publishedAt ?? null,
        updatedAt: rec.updatedAt ?? null,
      };
      const saved = await saveArticle(deps, input, existing ? { id: existing.id, trx } : { trx });
      for (const old of rec.oldSlugs ?? []) {
        if (old !== slug) await trx.insertInto('article_slugs').values({ slug: old, article_id: saved.id, created_at: now }).onConflict((oc) => oc.column('slug').doUpdateSet({ article_id: saved.id })).execute();
      }
      if (rec.legacyPaths?.length) await recordLegacyPaths(trx, saved.id, rec.legacyPaths, rec.externalId?.split(':')[0] ?? 'import', now);
      return { action: saved.created ? 'created' : 'updated', id: saved.id } as const;
    });
  } catch (e) {
    if (isAppError(e)) {
      const detail = e.issues.length ? e.issues.map((i) => `${i.field}: ${i.message}`).join('; ') : e.message;
      return { action: 'rejected', reason: detail };
    }
    return { action: 'rejected', reason: `could not be stored: ${(e as Error).message}` };
  }
}

async function defaultDesk(db: Executor, now: string): Promise<number> {
  const first = await db.selectFrom('desks').select('id').orderBy('position').orderBy('id').limit(1).executeTakeFirst();
  return first?.id ?? ensureDesk(db, 'news', now, { nameEn: 'News', datelineLabel: 'News Desk' });
}

export function mediaDirsFor(file: string, extra?: string): string[] {
  const dirs = [] as string[];
  if (extra) dirs.push(resolve(extra));
  dirs.push(resolve(join(file, '..')));
  return dirs;
}
