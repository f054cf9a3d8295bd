import { readFile } from 'node:fs/promises';
import { Parser } from 'htmlparser2';
import { AppError } from '../shared/errors.js';
import { cleanText } from '../shared/text.js';
import type { ImportReport } from './ndjson.js';
import type { ImportContext, ImportRecord } from './record.js';
import { applyPending, clip, htmlText, imageRef, langOf, lineCounter, rewriteImageSources, slugFrom, summaryFromBody, type PendingRecord } from './moving.js';

/**
 * WordPress eXtended RSS (WXR 1.1/1.2, Tools → Export) into Samachar: posts with their authors,
 * categories (the first becomes the desk), tags, featured and inline images (from --media, the
 * export's uploads folder, or their URLs), drafts kept as drafts, and old URLs (/2024/05/12/slug/,
 * /?p=123) kept as redirects. Pages, attachments and menu items are not stories and are passed over.
 */
export interface WxrItem {
  line: number;
  fields: Record<string, string>;
  categories: { domain: string; nicename: string; name: string }[];
  meta: Record<string, string>;
}

export interface WxrExport {
  siteUrl: string;
  authors: Map<string, string>;
  items: WxrItem[];
}

const UPLOAD_MARKERS = ['wp-content/uploads/', 'uploads/'];

/** Reads a WXR document with htmlparser2's XML mode (CDATA and entities decoded), keeping each item's line. */
export function parseWxr(xml: string): WxrExport {
  const text = xml.replace(/^\uFEFF/, '');
  if (!/<rss[\s>]/.test(text.slice(0, 5000)) || !/wordpress\.org\/export\//.test(text.slice(0, 5000))) {
    throw new AppError('VALIDATION', 'this is not a WordPress export (WXR): no <rss> element with the wordpress.org/export namespace at the top');
  }
  const lineAt = lineCounter(text);
  const out: WxrExport = { siteUrl: '', authors: new Map(), items: [] };
  const stack: string[] = [];
  let buf = '';
  let item: WxrItem | null = null;
  let author: Record<string, string> | null = null;
  let meta: { key: string; value: string } | null = null;
  let category: { domain: string; nicename: string } | null = null;

  const parser: Parser = new Parser(
    {
      onopentag(name, attrs) {
        stack.push(name);
        buf = '';
        if (name === 'item' && stack.length === 3) item = { line: lineAt(parser.startIndex), fields: {}, categories: [], meta: {} };
        else if (name === 'wp:author' && !item) author = {};
        else if (name === 'wp:postmeta' && item) meta = { key: '', value: '' };
        else if (name === 'category' && item) category = { domain: attrs.domain ?? 'category', nicename: attrs.nicename ?? '' };
      },
      ontext(t) {
        buf += t;
      },
      onclosetag(name) {
        const depth = stack.length;
        stack.pop();
        const value = buf;
        buf = '';
        if (item) {
          if (name === 'item') {
            out.items.push(item);
            item = null;
          } else if (name === 'category' && category) {
            item.categories.push({ ...category, name: value.trim() });
            category = null;
          } else if (meta && name === 'wp:meta_key') meta.key = value.trim();
          else if (meta && name === 'wp:meta_value') meta.value = value;
          else if (meta && name === 'wp:postmeta') {
            if (meta.key) item.meta[meta.key] = meta.value;
            meta = null;
          } else if (depth === 4) item.fields[name] = value;
          return;
        }
        if (author) {
          if (name === 'wp:author') {
            if (author['wp:author_login']) out.authors.set(author['wp:author_login'].trim(), cleanText(author['wp:author_display_name'] || author['wp:author_login']));
            author = null;
          } else author[name] = value;
          return;
        }
        if (depth === 3 && (name === 'wp:base_site_url' || (name === 'link' && !out.siteUrl))) out.siteUrl = value.trim().replace(/\/+$/, '');
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(text);
  parser.end();
  return out;
}

function gmtToIso(v: string | undefined): string | undefined {
  const s = (v ?? '').trim();
  if (!s || s.startsWith('0000')) return undefined;
  const d = new Date(`${s.replace(' ', 'T')}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The classic editor stores paragraphs as blank lines (wpautop adds <p> when WordPress renders): do the same. */
export function autop(body: string): string {
  const text = body.replace(/\r\n?/g, '\n');
  if (/<p[\s>]/i.test(text)) return text;
  return text
    .split(/\n\s*\n/)
    .map((chunk) => {
      const t = chunk.trim();
      if (!t) return '';
      if (/^<(h[1-6]|ul|ol|blockquote|figure|div|table|pre|hr|p)\b/i.test(t)) return t;
      return `<p>${t.replace(/\n/g, '<br>')}</p>`;
    })
    .join('\n');
}

/** [caption] becomes a figure with its caption, [embed]URL[/embed] a link; other shortcodes are removed. */
export function expandShortcodes(body: string): string {
  return body
    .replace(/\[caption\b[^\]]*\]([\s\S]*?)\[\/caption\]/gi, (_m, inner: string) => {
      const img = /<img\b[^>]*>/i.exec(inner)?.[0] ?? '';
      const caption = inner.replace(/<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>/gi, '').replace(/<img\b[^>]*>/gi, '').trim();
      return img ? `<figure>${img}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>` : caption;
    })
    .replace(/\[embed\]\s*(https?:\/\/[^\s[]+)\s*\[\/embed\]/gi, (_m, url: string) => `<p><a href="${url}">${url}</a></p>`)
    .replace(/\[\/?(?:gallery|audio|video|playlist|embed|vc_[a-z_]+|et_pb_[a-z_]+|su_[a-z_]+|contact-form-7|wpforms)\b[^\]]*\]/gi, '');
}

export function wxrToRecords(x: WxrExport, mediaDirs: string[]): PendingRecord[] {
  const attachments = new Map<string, WxrItem>();
  for (const it of x.items) if (it.fields['wp:post_type']?.trim() === 'attachment') attachments.set(it.fields['wp:post_id']!.trim(), it);
  const out: PendingRecord[] = [];
  for (const it of x.items) {
    const f = it.fields;
    if ((f['wp:post_type'] ?? 'post').trim() !== 'post') continue;
    const wpStatus = (f['wp:status'] ?? '').trim();
    if (['trash', 'auto-draft', 'inherit'].includes(wpStatus)) continue;
    const postId = (f['wp:post_id'] ?? '').trim();
    const label = `post ${postId || '?'}${f.title ? ` “${clip(htmlText(f.title), 60)}”` : ''}`;
    try {
      out.push({ line: it.line, label, record: itemToRecord(x, it, attachments, mediaDirs) });
    } catch (e) {
      out.push({ line: it.line, label, reason: (e as Error).message });
    }
  }
  return out;
}

function itemToRecord(x: WxrExport, it: WxrItem, attachments: Map<string, WxrItem>, mediaDirs: string[]): ImportRecord {
  const f = it.fields;
  const postId = (f['wp:post_id'] ?? '').trim();
  const guid = (f.guid ?? '').trim();
  const published = (f['wp:status'] ?? '').trim() === 'publish';
  const body = rewriteImageSources(autop(expandShortcodes(f['content:encoded'] ?? '')), mediaDirs, UPLOAD_MARKERS);
  let headline = htmlText(f.title ?? '');
  if (!headline) headline = clip(htmlText(body), 80);
  if (!headline) throw new AppError('VALIDATION', 'the post has neither a title nor any text');
  const excerpt = htmlText(f['excerpt:encoded'] ?? '');
  const cats = it.categories.filter((c) => c.domain === 'category' && c.nicename !== 'uncategorized');
  const rec: ImportRecord = {
    externalId: `wp:${guid || `${x.siteUrl}/?p=${postId}`}`,
    headline: clip(headline, 200),
    summary: clip(excerpt || summaryFromBody(body), 600),
    body,
    status: published ? 'published' : 'draft',
    access: (f['wp:post_password'] ?? '').trim() ? 'members' : 'free',
    lang: langOf(headline, htmlText(body).slice(0, 500)),
    tags: [...new Set(it.categories.filter((c) => c.domain === 'post_tag').map((c) => htmlText(c.name)).filter(Boolean))],
  };
  const slug = slugFrom(f['wp:post_name'], headline);
  if (slug) rec.slug = slug;
  if (cats[0]) rec.desk = htmlText(cats[0].name);
  const login = (f['dc:creator'] ?? '').trim();
  if (login) rec.authors = [x.authors.get(login) ?? login];
  if (published) {
    const pub = gmtToIso(f['wp:post_date_gmt']) ?? (f.pubDate && !Number.isNaN(Date.parse(f.pubDate)) ? new Date(f.pubDate).toISOString() : undefined);
    if (pub) rec.publishedAt = pub;
    const mod = gmtToIso(f['wp:post_modified_gmt']);
    if (mod && pub && mod > pub) rec.updatedAt = mod;
  }
  const thumb = it.meta._thumbnail_id?.trim();
  const att = thumb ? attachments.get(thumb) : undefined;
  if (att) {
    const file = att.meta._wp_attached_file?.trim();
    const url = (att.fields['wp:attachment_url'] ?? '').trim();
    const ref = imageRef(url || file || '', mediaDirs, UPLOAD_MARKERS);
    const fromFile = file ? imageRef(`wp-content/uploads/${file}`, mediaDirs, UPLOAD_MARKERS) : null;
    rec.image = {
      ...(fromFile?.path && !ref.path ? fromFile : ref),
      title: htmlText(att.fields.title ?? ''),
      alt: htmlText(att.meta._wp_attachment_image_alt ?? ''),
      caption: htmlText(att.fields['excerpt:encoded'] ?? ''),
    };
  }
  const link = (f.link ?? '').trim();
  rec.legacyPaths = [link, sameSite(guid, x.siteUrl) ? guid : '', postId ? `/?p=${postId}` : ''].filter(Boolean);
  return rec;
}

function sameSite(url: string, siteUrl: string): boolean {
  if (!url) return false;
  if (url.startsWith('/')) return true;
  try {
    return !siteUrl || new URL(url).host === new URL(siteUrl).host;
  } catch {
    return false;
  }
}

export async function importWxr(ctx: ImportContext, file: string): Promise<ImportReport> {
  const x = parseWxr(await readFile(file, 'utf8'));
  return applyPending(ctx, wxrToRecords(x, ctx.mediaDirs));
}
