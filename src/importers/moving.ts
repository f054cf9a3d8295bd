import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { isSlugAvailable } from '../content/index.js';
import { cleanText, isSlug, nfc } from '../shared/text.js';
import { slugify } from '../shared/translit/index.js';
import { emptyReport, type ImportReport } from './ndjson.js';
import { applyImportRecord, type ImportContext, type ImportRecord } from './record.js';

/**
 * What the WordPress and Ghost importers share: finding an export's images in its uploads folder,
 * plain text of HTML, summaries, language, slugs that stay unique, and applying the records one by one
 * through applyImportRecord (the single writer), with a report line per rejected post.
 */
export interface PendingRecord {
  /** Where the post starts in the export file (1-based), for the report. */
  line: number;
  /** Short label for the report ("post 123 “शीर्षक”"). */
  label: string;
  record?: ImportRecord;
  reason?: string;
}

/** Text of HTML with entities decoded and whitespace collapsed. */
export function htmlText(htmlText: string): string {
  const dom = parseDocument(htmlText ?? '', { decodeEntities: true });
  const walk = (n: ChildNode): string => {
    if (n.type === 'text') return (n as unknown as { data: string }).data;
    if (n.type === 'tag' && ['script', 'style'].includes((n as Element).name)) return '';
    if ('children' in n) return (n as Element).children.map(walk).join(n.type === 'tag' && /^(p|br|li|h\d|div|figure)$/.test((n as Element).name) ? ' ' : '');
    return '';
  };
  return nfc(dom.children.map(walk).join('')).replace(/[\s\u00A0]+/g, ' ').trim();
}

/** A summary of at most `max` characters, cut at a word boundary. */
export function clip(text: string, max: number): string {
  const t = cleanText(text);
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const at = cut.lastIndexOf(' ');
  return `${(at > max / 2 ? cut.slice(0, at) : cut).trim()}…`;
}

/** The first paragraph's text, for posts that have no excerpt of their own. */
export function summaryFromBody(bodyHtml: string, max = 300): string {
  const m = /<p[^>]*>([\s\S]*?)<\/p>/i.exec(bodyHtml);
  return clip(htmlText(m ? m[1]! : bodyHtml.slice(0, 4000)), max);
}

export function langOf(...texts: string[]): 'hi' | 'en' {
  return /[\u0900-\u097F]/.test(texts.join(' ').slice(0, 2000)) ? 'hi' : 'en';
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The export's slug when it is a valid Samachar slug, else one made from it (Devanagari transliterated). */
export function slugFrom(raw: string | undefined, headline: string): string | undefined {
  const decoded = nfc(safeDecode(raw ?? '')).trim().toLowerCase();
  if (decoded && isSlug(decoded)) return decoded;
  const made = slugify(decoded.replace(/-/g, ' ')) || slugify(headline);
  return made || undefined;
}

/**
 * Finds an image of the export on disk: the part of its URL after the uploads folder marker
 * (wp-content/uploads/, content/images/) looked up in the media folders, preferring the original over
 * WordPress' resized copies (-300x200) and Ghost's (size/w600/). Falls back to the URL itself.
 */
export function imageRef(src: string, mediaDirs: string[], markers: string[]): { path?: string; url?: string } {
  const clean = src.trim().replace(/[?#].*$/, '');
  let rel: string | null = null;
  for (const m of markers) {
    const i = clean.indexOf(m);
    if (i >= 0) {
      rel = safeDecode(clean.slice(i + m.length));
      break;
    }
  }
  if (rel !== null) {
    rel = rel.replace(/^size\/w\d+\//, '');
    const original = rel.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1').replace(/-scaled(\.[a-z0-9]+)$/i, '$1');
    const prefixes = ['', ...markers];
    for (const candidate of [original, rel]) {
      for (const prefix of prefixes) {
        const p = normalize(prefix + candidate);
        if (p.startsWith('..') || p.startsWith(sep)) continue;
        for (const dir of mediaDirs) {
          const full = join(dir, p);
          try {
            if (existsSync(full) && statSync(full).isFile()) return { path: p };
          } catch {
            /* unreadable: try the next */
          }
        }
      }
    }
  }
  if (/^https?:\/\//i.test(clean)) return { url: src.trim() };
  return { path: rel ?? clean };
}

/** Rewrites every <img src> of a body to where the image really is (a file in the media folders, or its URL). */
export function rewriteImageSources(bodyHtml: string, mediaDirs: string[], markers: string[]): string {
  return bodyHtml.replace(/(<img\b[^>]*?\ssrc=)(["'])(.*?)\2/gi, (_m, pre: string, q: string, src: string) => {
    const ref = imageRef(src, mediaDirs, markers);
    const v = (ref.path ?? ref.url ?? src).replace(/"/g, '&quot;');
    return `${pre}${q === "'" ? '"' : q}${v}"`;
  });
}

/** Keeps the export's slug when it is free (or already this story's), otherwise the first free -2, -3 … */
export async function availableSlug(ctx: ImportContext, slug: string, externalId: string): Promise<string> {
  const db = ctx.deps.store.db;
  const own = await db.selectFrom('articles').select('id').where('external_id', '=', externalId).executeTakeFirst();
  let candidate = slug;
  for (let i = 2; !(await isSlugAvailable(db, candidate, own?.id ?? null)); i++) candidate = `${slug.slice(0, 110)}-${i}`;
  return candidate;
}

/** Applies records in order; a post that fails is reported with its line and reason and never stops the others. */
export async function applyPending(ctx: ImportContext, pending: PendingRecord[]): Promise<ImportReport> {
  const report = emptyReport();
  for (const p of pending) {
    if (!p.record) {
      report.rejected.push({ line: p.line, reason: `${p.label}: ${p.reason ?? 'cannot be imported'}` });
      continue;
    }
    if (p.record.slug && p.record.externalId) p.record.slug = await availableSlug(ctx, p.record.slug, p.record.externalId);
    const out = await applyImportRecord(ctx, p.record);
    if (out.action === 'rejected') report.rejected.push({ line: p.line, reason: `${p.label}: ${out.reason}` });
    else report[out.action]++;
  }
  return report;
}

/** 1-based line of a character offset, counted incrementally (offsets must not decrease). */
export function lineCounter(text: string): (offset: number) => number {
  let pos = 0;
  let line = 1;
  return (offset: number) => {
    for (; pos < offset && pos < text.length; pos++) if (text.charCodeAt(pos) === 10) line++;
    return line;
  };
}
