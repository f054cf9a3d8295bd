import { readFile } from 'node:fs/promises';
import { AppError } from '../shared/errors.js';
import { cleanText } from '../shared/text.js';
import type { Access } from '../content/index.js';
import type { ImportReport } from './ndjson.js';
import type { ImportContext, ImportRecord } from './record.js';
import { applyPending, clip, htmlText, imageRef, langOf, lineCounter, rewriteImageSources, slugFrom, summaryFromBody, type PendingRecord } from './moving.js';

/**
 * A Ghost JSON export (Settings → Labs → Export, Ghost 1–5) into Samachar: posts with their authors and
 * tags (the primary public tag becomes the desk; internal #tags are left out), feature and inline
 * images (from --media, the export's content/images folder, or their URLs), visibility as access
 * (members → members, paid and tiers → premium), drafts kept as drafts and the old /slug/ URL kept as
 * a redirect. Pages are not stories and are passed over.
 */
type Row = Record<string, unknown>;
export interface GhostData {
  posts: Row[];
  posts_meta: Row[];
  users: Row[];
  tags: Row[];
  posts_tags: Row[];
  posts_authors: Row[];
  settings: Row[];
}

const IMAGE_MARKERS = ['content/images/', 'images/'];
const s = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** Accepts the shapes Ghost has written over the years: {db:[{meta,data}]}, {meta,data} and {data}. */
export function parseGhost(json: string): GhostData {
  let doc: unknown;
  try {
    doc = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AppError('VALIDATION', `the Ghost export is not valid JSON (${(e as Error).message})`);
  }
  const root = doc as { db?: { data?: Row }[]; data?: Row };
  const data = (Array.isArray(root?.db) ? root.db[0]?.data : root?.data) as Record<string, unknown> | undefined;
  if (!data || typeof data !== 'object' || !Array.isArray(data.posts)) throw new AppError('VALIDATION', 'this is not a Ghost export: no db[0].data.posts array');
  const arr = (k: string) => (Array.isArray(data[k]) ? (data[k] as Row[]) : []);
  return { posts: arr('posts'), posts_meta: arr('posts_meta'), users: arr('users'), tags: arr('tags'), posts_tags: arr('posts_tags'), posts_authors: arr('posts_authors'), settings: arr('settings') };
}

function iso(v: unknown): string | undefined {
  const t = s(v);
  if (!t) return undefined;
  const d = new Date(/^\d+$/.test(t) ? Number(t) : t);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function accessOf(visibility: string): Access {
  if (visibility === 'members') return 'members';
  if (visibility === 'paid' || visibility === 'tiers') return 'premium';
  return 'free';
}

export function ghostToRecords(g: GhostData, raw: string, mediaDirs: string[]): PendingRecord[] {
  const siteUrl = s(g.settings.find((x) => x.key === 'url')?.value).replace(/\/+$/, '');
  const users = new Map(g.users.map((u) => [s(u.id), cleanText(s(u.name) || s(u.slug))]));
  const tags = new Map(g.tags.map((t) => [s(t.id), t]));
  const metas = new Map(g.posts_meta.map((m) => [s(m.post_id), m]));
  const byPost = <T>(rows: Row[], pick: (r: Row) => T | undefined) => {
    const m = new Map<string, { order: number; v: T }[]>();
    for (const r of rows) {
      const v = pick(r);
      if (v === undefined) continue;
      const list = m.get(s(r.post_id)) ?? [];
      list.push({ order: Number(r.sort_order ?? 0), v });
      m.set(s(r.post_id), list);
    }
    return (postId: string) => (m.get(postId) ?? []).sort((a, b) => a.order - b.order).map((x) => x.v);
  };
  const tagsOf = byPost(g.posts_tags, (r) => tags.get(s(r.tag_id)));
  const authorsOf = byPost(g.posts_authors, (r) => users.get(s(r.author_id)));
  const lineAt = lineCounter(raw);
  const positions = g.posts.map((p) => ({ p, at: raw.search(new RegExp(`"id"\\s*:\\s*"${s(p.id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`)) }));
  positions.sort((a, b) => a.at - b.at);
  const lines = new Map(positions.map(({ p, at }) => [p, at >= 0 ? lineAt(at) : 0]));

  const out: PendingRecord[] = [];
  for (const p of g.posts) {
    if ((s(p.type) || 'post') !== 'post' || s(p.page) === '1' || p.page === true) continue;
    const label = `post ${s(p.id)}${p.title ? ` “${clip(s(p.title), 60)}”` : ''}`;
    try {
      const publicTags = tagsOf(s(p.id)).filter((t) => s(t.visibility) !== 'internal' && !s(t.name).startsWith('#'));
      const meta = metas.get(s(p.id));
      // Ghost writes its own origin as __GHOST_URL__ in links and images; the site's url setting says what it was.
      const html = s(p.html) || plaintextHtml(s(p.plaintext));
      const body = rewriteImageSources(siteUrl ? html.replaceAll('__GHOST_URL__', siteUrl) : html, mediaDirs, IMAGE_MARKERS);
      const headline = cleanText(s(p.title)) || clip(htmlText(body), 80);
      if (!headline) throw new AppError('VALIDATION', 'the post has neither a title nor any text');
      const published = s(p.status) === 'published';
      const rec: ImportRecord = {
        externalId: `ghost:${s(p.id)}`,
        headline: clip(headline, 200),
        summary: clip(s(p.custom_excerpt) || s(meta?.meta_description) || s(p.meta_description) || summaryFromBody(body), 600),
        body,
        status: published ? 'published' : 'draft',
        access: accessOf(s(p.visibility) || 'public'),
        lang: langOf(headline, htmlText(body).slice(0, 500)),
        tags: [...new Set(publicTags.map((t) => cleanText(s(t.name))).filter(Boolean))],
      };
      const slug = slugFrom(s(p.slug), headline);
      if (slug) rec.slug = slug;
      if (publicTags[0]) rec.desk = cleanText(s(publicTags[0].name));
      const authors = authorsOf(s(p.id)).filter(Boolean);
      if (authors.length) rec.authors = [...new Set(authors)];
      else if (users.get(s(p.author_id))) rec.authors = [users.get(s(p.author_id))!];
      if (published) {
        const pub = iso(p.published_at);
        if (pub) rec.publishedAt = pub;
        const upd = iso(p.updated_at);
        if (upd && pub && upd > pub) rec.updatedAt = upd;
      }
      const feature = s(p.feature_image);
      if (feature) {
        rec.image = {
          ...imageRef(siteUrl ? feature.replace('__GHOST_URL__', siteUrl) : feature, mediaDirs, IMAGE_MARKERS),
          alt: cleanText(s(meta?.feature_image_alt) || s(p.feature_image_alt)),
          caption: htmlText(s(meta?.feature_image_caption) || s(p.feature_image_caption)),
        };
        if (rec.image.path?.includes('__GHOST_URL__')) throw new AppError('VALIDATION', `feature image ${feature} was not found: give the export's content/images folder with --media`);
      }
      if (/<img\b[^>]*\ssrc="__GHOST_URL__/.test(body)) throw new AppError('VALIDATION', `an image of the post was not found and the export names no site url: give the export's content/images folder with --media`);
      rec.legacyPaths = [`/${s(p.slug)}/`, ...(siteUrl ? [`${siteUrl}/${s(p.slug)}/`] : [])];
      out.push({ line: lines.get(p) ?? 0, label, record: rec });
    } catch (e) {
      out.push({ line: lines.get(p) ?? 0, label, reason: (e as Error).message });
    }
  }
  return out;
}

function plaintextHtml(text: string): string {
  return text.split(/\n\s*\n/).map((t) => t.trim()).filter(Boolean).map((t) => `<p>${t.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('');
}

export async function importGhost(ctx: ImportContext, file: string): Promise<ImportReport> {
  const raw = await readFile(file, 'utf8');
  return applyPending(ctx, ghostToRecords(parseGhost(raw), raw, ctx.mediaDirs));
}
