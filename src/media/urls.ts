import { escapeHtml } from '../shared/html.js';

/** Widths that variants are made at; a variant is never wider than its original. */
export const VARIANT_WIDTHS = [320, 480, 640, 960, 1280, 1600] as const;
export const VARIANT_FORMATS = ['avif', 'webp', 'jpg'] as const;
export type VariantFormat = (typeof VARIANT_FORMATS)[number];

export interface PictureSource {
  id: number;
  key: string;
  width: number;
  height: number;
}

/** URL of one variant: /media/{id}-{key}-{width}.{format}. The key changes when the image does, so URLs are immutable. */
export function mediaUrl(img: Pick<PictureSource, 'id' | 'key'>, width: number, format: VariantFormat): string {
  return `/media/${img.id}-${img.key}-${width}.${format}`;
}

/**
 * Cropped variants for structured data and social cards (Google asks for 16:9, 4:3 and 1:1 images at
 * least 1200 px wide): exactly the ratio in whole pixels, 1200 px wide when the original holds it,
 * otherwise the largest crop it holds, never upscaled.
 */
export const CROP_RATIOS = [[16, 9], [4, 3], [1, 1]] as const;
export const CROP_TARGET_WIDTH = 1200;

export interface CropSize {
  ratio: string;
  width: number;
  height: number;
}

export function cropSize(originalWidth: number, originalHeight: number, rw: number, rh: number): CropSize | null {
  const units = Math.min(Math.floor(originalWidth / rw), Math.floor(originalHeight / rh), Math.floor(CROP_TARGET_WIDTH / rw));
  if (!Number.isFinite(units) || units < 1) return null;
  return { ratio: `${rw}:${rh}`, width: units * rw, height: units * rh };
}

export function cropSizes(originalWidth: number, originalHeight: number): CropSize[] {
  return CROP_RATIOS.map(([rw, rh]) => cropSize(originalWidth, originalHeight, rw, rh)).filter((c): c is CropSize => c !== null);
}

/** URL of a cropped variant: /media/{id}-{key}-{width}x{height}.{format}. */
export function cropUrl(img: Pick<PictureSource, 'id' | 'key'>, width: number, height: number, format: VariantFormat = 'jpg'): string {
  return `/media/${img.id}-${img.key}-${width}x${height}.${format}`;
}

export function widthsFor(originalWidth: number): number[] {
  const ws: number[] = VARIANT_WIDTHS.filter((w) => w <= originalWidth);
  if (ws.length === 0) ws.push(Math.max(1, originalWidth));
  return ws;
}

export function srcset(img: PictureSource, format: VariantFormat): string {
  return widthsFor(img.width).map((w) => `${mediaUrl(img, w, format)} ${w}w`).join(', ');
}

/**
 * A responsive <picture>: AVIF, then WebP, then a JPEG fallback, with width and height set so that the
 * layout does not shift while it loads. `sizes` says how wide it is drawn.
 */
export function pictureHtml(img: PictureSource, opts: { alt: string; title?: string; sizes: string; eager?: boolean; fallbackWidth?: number }): string {
  const ws = widthsFor(img.width);
  const fallbackW = ws.reduce((best, w) => (Math.abs(w - (opts.fallbackWidth ?? 960)) < Math.abs(best - (opts.fallbackWidth ?? 960)) ? w : best), ws[0]!);
  const load = opts.eager ? ' fetchpriority="high" decoding="async"' : ' loading="lazy" decoding="async"';
  return `<picture><source type="image/avif" srcset="${srcset(img, 'avif')}" sizes="${escapeHtml(opts.sizes)}"><source type="image/webp" srcset="${srcset(img, 'webp')}" sizes="${escapeHtml(opts.sizes)}"><img src="${mediaUrl(img, fallbackW, 'jpg')}" srcset="${srcset(img, 'jpg')}" sizes="${escapeHtml(opts.sizes)}" width="${img.width}" height="${img.height}" alt="${escapeHtml(opts.alt)}"${opts.title ? ` title="${escapeHtml(opts.title)}"` : ''}${load}></picture>`;
}
