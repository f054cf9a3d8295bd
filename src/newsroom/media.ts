import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Store, ImageRow } from '../storage/index.js';
import type { Clock } from '../shared/clock.js';
import type { MediaLibrary } from '../media/index.js';
import { AppError, forbidden } from '../shared/errors.js';
import { cleanText } from '../shared/text.js';
import { imageKey } from '../content/index.js';
import { policies, type StaffMember } from './policies.js';
import { recordAudit } from './audit.js';

/** The newsroom's media library: uploads (sniffed and limited by MediaLibrary.ingest), metadata, search. */
export interface MediaDeps {
  store: Store;
  clock: Clock;
  media: MediaLibrary;
}

export interface ImageMetaInput {
  title: string;
  alt: string;
  caption: string;
  credit: string;
}

export interface LibraryImage {
  id: number;
  key: string;
  width: number;
  height: number;
  mime: string;
  bytes: number;
  title: string;
  alt: string;
  caption: string;
  credit: string;
  createdAt: string;
}

export function toLibraryImage(r: ImageRow): LibraryImage {
  return { id: r.id, key: imageKey(r.sha256), width: r.width, height: r.height, mime: r.mime, bytes: r.bytes, title: r.title, alt: r.alt, caption: r.caption, credit: r.credit, createdAt: r.created_at };
}

const LIMITS = { title: 300, alt: 500, caption: 2000, credit: 300 };

function cleanMeta(m: Partial<ImageMetaInput>): Partial<ImageMetaInput> {
  const out: Partial<ImageMetaInput> = {};
  for (const k of ['title', 'alt', 'caption', 'credit'] as const) {
    if (m[k] === undefined) continue;
    const v = cleanText(m[k]);
    if (v.length > LIMITS[k]) throw new AppError('VALIDATION', `${k} is longer than ${LIMITS[k]} characters`, { issues: [{ field: k, message: `at most ${LIMITS[k]} characters` }] });
    out[k] = v;
  }
  return out;
}

/** Stores an uploaded image after checking what it really is; the same bytes uploaded again give the same image. */
export async function uploadImage(deps: MediaDeps, who: StaffMember, buf: Buffer, meta: Partial<ImageMetaInput>, ip = ''): Promise<{ image: LibraryImage; existed: boolean }> {
  if (!policies.uploadMedia(who)) throw forbidden('You may not upload images');
  if (buf.length === 0) throw new AppError('VALIDATION', 'Choose an image file to upload', { issues: [{ field: 'file', message: 'no file was chosen' }] });
  const clean = cleanMeta(meta);
  const now = deps.clock.now().toISOString();
  return deps.store.transaction(async (trx) => {
    const sha256 = createHash('sha256').update(buf).digest('hex');
    const existed = Boolean(await trx.selectFrom('images').select('id').where('sha256', '=', sha256).executeTakeFirst());
    const row = await deps.media.ingest(trx, buf, clean, now);
    await recordAudit(trx, now, { actorId: who.id, action: existed ? 'media.reupload' : 'media.upload', subjectType: 'image', subjectId: row.id, details: { bytes: row.bytes, mime: row.mime, width: row.width, height: row.height }, ip });
    return { image: toLibraryImage(row), existed };
  });
}

export async function updateImageMeta(deps: MediaDeps, who: StaffMember, id: number, meta: ImageMetaInput, ip = ''): Promise<LibraryImage> {
  if (!policies.uploadMedia(who)) throw forbidden('You may not edit images');
  const clean = cleanMeta(meta);
  const now = deps.clock.now().toISOString();
  return deps.store.transaction(async (trx) => {
    const before = await trx.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND', `image ${id} does not exist`);
    await trx.updateTable('images').set(clean).where('id', '=', id).execute();
    await recordAudit(trx, now, { actorId: who.id, action: 'media.update', subjectType: 'image', subjectId: id, details: { alt: clean.alt, title: clean.title }, ip });
    return toLibraryImage({ ...before, ...clean });
  });
}

export async function getLibraryImage(store: Store, id: number): Promise<LibraryImage | null> {
  const r = await store.db.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toLibraryImage(r) : null;
}

/** Images by title (newest first), for the library screen and the editor's picker. */
export async function searchImages(store: Store, q: string, page = 1, limit = 40): Promise<{ items: LibraryImage[]; total: number }> {
  let base = store.db.selectFrom('images');
  const text = cleanText(q);
  if (text) {
    const p = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    base = base.where(sql<boolean>`title ${sql.raw(store.caps.ilike)} ${p} escape '\\'`);
  }
  const rows = await base.selectAll().orderBy('id', 'desc').limit(limit).offset((page - 1) * limit).execute();
  const count = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return { items: rows.map(toLibraryImage), total: Number(count?.n ?? 0) };
}
