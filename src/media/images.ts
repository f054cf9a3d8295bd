import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadSharp, type Sharp } from './sharp.js';
import { AppError } from '../shared/errors.js';
import { cleanText } from '../shared/text.js';
import type { Executor } from '../storage/index.js';
import type { ImageRow } from '../storage/index.js';
import { VARIANT_WIDTHS, cropSizes, widthsFor, type VariantFormat } from './urls.js';

/** Formats accepted, identified by their content (sharp reads the header), never by file name or declared type. */
const ACCEPTED: Record<string, { mime: string; ext: string }> = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  webp: { mime: 'image/webp', ext: 'webp' },
  avif: { mime: 'image/avif', ext: 'avif' },
  heif: { mime: 'image/avif', ext: 'avif' },
  gif: { mime: 'image/gif', ext: 'gif' },
};

export interface MediaLimits {
  maxBytes: number;
  /** Decompression bombs are refused by pixel count before any pixel is decoded. */
  maxPixels: number;
  maxSide: number;
}
export const DEFAULT_LIMITS: MediaLimits = { maxBytes: 15 * 1024 * 1024, maxPixels: 40_000_000, maxSide: 12_000 };

export interface ImageMeta {
  title?: string;
  alt?: string;
  credit?: string;
  caption?: string;
}

export interface Sniffed {
  format: string;
  mime: string;
  ext: string;
  width: number;
  height: number;
}

/** Reads the header of an upload and says what it really is, refusing anything that is not an accepted raster image. */
export async function sniffImage(buf: Buffer, limits: MediaLimits = DEFAULT_LIMITS): Promise<Sniffed> {
  if (buf.length === 0) throw new AppError('UNSUPPORTED_MEDIA', 'the file is empty');
  if (buf.length > limits.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `the image is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB`);
  const sharp = await loadSharp();
  let meta: Awaited<ReturnType<ReturnType<Sharp>['metadata']>>;
  try {
    meta = await sharp(buf, { limitInputPixels: limits.maxPixels, failOn: 'error' }).metadata();
  } catch (e) {
    // A header declaring more pixels than we accept is a decompression bomb: refused before decoding.
    if (/pixel limit/i.test((e as Error).message)) throw new AppError('PAYLOAD_TOO_LARGE', `the image declares more than ${limits.maxPixels / 1_000_000} megapixels, more than we accept`);
    throw new AppError('UNSUPPORTED_MEDIA', 'the file is not an image we accept (JPEG, PNG, WebP, AVIF or GIF)');
  }
  const kind = meta.format ? ACCEPTED[meta.format] : undefined;
  if (!kind || meta.format === 'svg') throw new AppError('UNSUPPORTED_MEDIA', `the file is ${meta.format ?? 'unknown'}, not an image we accept (JPEG, PNG, WebP, AVIF or GIF)`);
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (!width || !height) throw new AppError('UNSUPPORTED_MEDIA', 'the image has no size');
  if (width * height > limits.maxPixels || width > limits.maxSide || height > limits.maxSide) {
    throw new AppError('PAYLOAD_TOO_LARGE', `the image is ${width}×${height} pixels, more than we accept (at most ${limits.maxSide} px a side and ${limits.maxPixels / 1_000_000} megapixels)`);
  }
  // Decode fully once, so that a truncated or corrupt body is refused now rather than when a reader asks for it.
  try {
    await sharp(buf, { limitInputPixels: limits.maxPixels, failOn: 'error' }).resize(8).raw().toBuffer();
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA', 'the image is damaged and cannot be read');
  }
  return { format: meta.format!, mime: kind.mime, ext: kind.ext, width, height };
}

/**
 * Writes a file whole or not at all: into a temp file that is renamed into place, and removed again when
 * the write fails part-way (a full disk), so that no half-written file is left behind.
 */
async function writeWhole(file: string, buf: Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(tmp, buf);
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new AppError('INTERNAL', `the media folder is full: no space left to store ${file}`, { cause: e });
    throw e;
  }
}

/**
 * Stores originals under `${dataDir}/media/originals` (content-addressed, so the same bytes are stored
 * once) and makes variants on first request under `${dataDir}/media/variants`.
 */
export class MediaLibrary {
  private readonly inflight = new Map<string, Promise<string>>();
  constructor(
    private readonly dataDir: string,
    private readonly limits: MediaLimits = DEFAULT_LIMITS,
  ) {}

  originalPath(rel: string): string {
    return join(this.dataDir, 'media', 'originals', rel);
  }

  /** Validates and stores an image; returns the existing row when the same bytes were stored before. */
  async ingest(db: Executor, buf: Buffer, meta: ImageMeta, now: string): Promise<ImageRow> {
    const s = await sniffImage(buf, this.limits);
    const sha256 = createHash('sha256').update(buf).digest('hex');
    const existing = await db.selectFrom('images').selectAll().where('sha256', '=', sha256).executeTakeFirst();
    const fields = { title: cleanText(meta.title ?? ''), alt: cleanText(meta.alt ?? ''), credit: cleanText(meta.credit ?? ''), caption: cleanText(meta.caption ?? '') };
    if (existing) {
      // Fill in metadata that was missing; never blank out what an editor wrote before.
      const patch = Object.fromEntries(Object.entries(fields).filter(([k, v]) => v && !existing[k as keyof typeof fields]));
      if (Object.keys(patch).length) {
        await db.updateTable('images').set(patch).where('id', '=', existing.id).execute();
        return { ...existing, ...patch };
      }
      return existing;
    }
    const rel = `${sha256.slice(0, 2)}/${sha256}.${s.ext}`;
    const file = this.originalPath(rel);
    await writeWhole(file, buf);
    return db
      .insertInto('images')
      .values({ sha256, path: rel, mime: s.mime, width: s.width, height: s.height, bytes: buf.length, ...fields, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Path of a variant file, made on first request (concurrent requests for the same variant share one job). */
  async variant(img: Pick<ImageRow, 'id' | 'sha256' | 'path' | 'width'>, width: number, format: VariantFormat): Promise<string> {
    const allowed = widthsFor(img.width);
    if (!allowed.includes(width) && !(VARIANT_WIDTHS as readonly number[]).includes(width)) throw new AppError('NOT_FOUND', 'no such image size');
    const w = Math.min(width, img.width);
    const file = join(this.dataDir, 'media', 'variants', img.sha256.slice(0, 2), `${img.sha256}-${w}.${format}`);
    try {
      await stat(file);
      return file;
    } catch {
      /* not made yet */
    }
    const key = file;
    let job = this.inflight.get(key);
    if (!job) {
      job = (async () => {
        const [src, sharp] = await Promise.all([readFile(this.originalPath(img.path)), loadSharp()]);
        let pipeline = sharp(src, { limitInputPixels: this.limits.maxPixels }).rotate().resize({ width: w, withoutEnlargement: true });
        if (format === 'avif') pipeline = pipeline.avif({ quality: 50, effort: 2 });
        else if (format === 'webp') pipeline = pipeline.webp({ quality: 72 });
        else pipeline = pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 78, mozjpeg: true, progressive: true });
        const out = await pipeline.toBuffer();
        await writeWhole(file, out);
        return file;
      })().finally(() => this.inflight.delete(key));
      this.inflight.set(key, job);
    }
    return job;
  }

  /**
   * A cropped variant (cover crop around the most interesting region) at one of the sizes cropSizes
   * allows for this original, made on first request like the width variants.
   */
  async crop(img: Pick<ImageRow, 'sha256' | 'path' | 'width' | 'height'>, width: number, height: number, format: VariantFormat): Promise<string> {
    if (!cropSizes(img.width, img.height).some((c) => c.width === width && c.height === height)) throw new AppError('NOT_FOUND', 'no such image size');
    const file = join(this.dataDir, 'media', 'variants', img.sha256.slice(0, 2), `${img.sha256}-${width}x${height}.${format}`);
    try {
      await stat(file);
      return file;
    } catch {
      /* not made yet */
    }
    let job = this.inflight.get(file);
    if (!job) {
      job = (async () => {
        const [src, sharp] = await Promise.all([readFile(this.originalPath(img.path)), loadSharp()]);
        let pipeline = sharp(src, { limitInputPixels: this.limits.maxPixels }).rotate().resize({ width, height, fit: 'cover', position: sharp.strategy.attention, withoutEnlargement: true });
        if (format === 'avif') pipeline = pipeline.avif({ quality: 50, effort: 2 });
        else if (format === 'webp') pipeline = pipeline.webp({ quality: 74 });
        else pipeline = pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 80, mozjpeg: true, progressive: true });
        const out = await pipeline.toBuffer();
        await writeWhole(file, out);
        return file;
      })().finally(() => this.inflight.delete(file));
      this.inflight.set(file, job);
    }
    return job;
  }
}

/** Fetches an image by URL with a time limit and a size cap, for importers. */
export async function fetchImage(url: string, opts: { timeoutMs?: number; maxBytes: number; fetchImpl?: typeof fetch }): Promise<Buffer> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('VALIDATION', `image url "${url}" is not a valid URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AppError('VALIDATION', `image url must be http or https (got ${u.protocol})`);
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), opts.timeoutMs ?? 10_000);
  try {
    const res = await (opts.fetchImpl ?? fetch)(u, { signal: ctrl.signal, redirect: 'follow' });
    if (!res.ok || !res.body) throw new AppError('VALIDATION', `image at ${url} answered ${res.status}`);
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > opts.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `image at ${url} is larger than ${opts.maxBytes} bytes`);
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.length;
      if (total > opts.maxBytes) {
        ctrl.abort();
        throw new AppError('PAYLOAD_TOO_LARGE', `image at ${url} is larger than ${opts.maxBytes} bytes`);
      }
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (ctrl.signal.aborted) throw new AppError('VALIDATION', `image at ${url} took too long to download`);
    throw new AppError('VALIDATION', `image at ${url} could not be downloaded: ${(e as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}
