import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Container } from '../container.js';
import { getArticle, renderDoc, type Article, type Block, type Doc, type Inline } from '../content/index.js';
import { escapeHtml } from '../shared/html.js';
import type { ImportRecord } from './record.js';
import { legacyPathsOf } from './legacy.js';

/**
 * The renderer wraps a text's marks first to last, so the last mark ends up outermost, while the HTML
 * parser lists marks outermost first: reversing them before rendering makes export → import give back
 * the same document.
 */
function forExport(doc: Doc): Doc {
  const inl = (items?: Inline[]) => items?.map((i) => (i.type === 'text' && i.marks && i.marks.length > 1 ? { ...i, marks: [...i.marks].reverse() } : i));
  const block = (b: Block): Block => {
    if (b.type === 'paragraph' || b.type === 'heading') return b.content ? { ...b, content: inl(b.content)! } : b;
    if (b.type === 'blockquote') return { ...b, content: b.content.map(block) };
    if (b.type === 'bulletList' || b.type === 'orderedList') return { ...b, content: b.content.map((li) => ({ ...li, content: li.content.map(block) })) };
    return b;
  };
  return { type: 'doc', content: doc.content.map(block) };
}

/** A story in the import format; images point at their stored originals so that a re-import brings them. */
export function toImportRecord(c: Container, a: Article, imagePaths: Map<number, string>, extra: { oldSlugs?: string[]; legacyPaths?: string[] } = {}): ImportRecord {
  const body = renderDoc(forExport(a.doc), {
    figure: (f) => {
      const path = f.imageId !== null ? imagePaths.get(f.imageId) : undefined;
      if (!path) return '';
      return `<figure${f.credit ? ` data-credit="${escapeHtml(f.credit)}"` : ''}><img src="${escapeHtml(path)}" alt="${escapeHtml(f.alt)}"${f.title ? ` title="${escapeHtml(f.title)}"` : ''}>${f.caption ? `<figcaption>${escapeHtml(f.caption)}</figcaption>` : ''}</figure>`;
    },
  });
  const rec: ImportRecord = {
    headline: a.headline,
    slug: a.slug,
    summary: a.summary,
    body,
    desk: a.desk.slug,
    tags: a.tags.map((t) => t.name),
    authors: a.authors.map((p) => p.name),
    access: a.access,
    status: a.status === 'published' ? 'published' : 'draft',
    lang: a.lang,
    externalId: a.externalId ?? `samachar-${a.id}`,
    dateline: a.dateline,
  };
  if (a.correction) rec.correction = a.correction;
  if (extra.oldSlugs?.length) rec.oldSlugs = extra.oldSlugs;
  if (extra.legacyPaths?.length) rec.legacyPaths = extra.legacyPaths;
  if (a.editor) rec.editor = a.editor.name;
  if (a.publishedAt) rec.publishedAt = a.publishedAt;
  if (a.updatedAt) rec.updatedAt = a.updatedAt;
  if (a.image) {
    const path = imagePaths.get(a.image.id);
    if (path) rec.image = { path, title: a.image.title, alt: a.image.alt, credit: a.image.credit, caption: a.image.caption };
  }
  return rec;
}

export async function exportNdjson(c: Container, file: string): Promise<number> {
  const db = c.store.db;
  const images = await db.selectFrom('images').select(['id', 'path']).execute();
  const imagePaths = new Map(images.map((i) => [i.id, c.media.originalPath(i.path)]));
  const out = createWriteStream(file, { encoding: 'utf8' });
  let n = 0;
  let lastId = 0;
  for (;;) {
    const ids = await db.selectFrom('articles').select('id').where('id', '>', lastId).orderBy('id').limit(200).execute();
    if (ids.length === 0) break;
    for (const { id } of ids) {
      const a = await getArticle(db, id);
      if (!a) continue;
      const oldSlugs = (await db.selectFrom('article_slugs').select('slug').where('article_id', '=', id).orderBy('slug').execute()).map((r) => r.slug);
      const legacyPaths = await legacyPathsOf(db, id);
      if (!out.write(JSON.stringify(toImportRecord(c, a, imagePaths, { oldSlugs, legacyPaths })) + '\n')) await once(out, 'drain');
      n++;
      lastId = id;
    }
  }
  out.end();
  await once(out, 'finish');
  return n;
}
