import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { escapeHtml } from '../shared/html.js';
import { htmlToDoc, normalizeDoc, renderDoc, safeHref, type Block, type Doc, type FigureAttrs } from '../content/index.js';
import { AppError } from '../shared/errors.js';

/**
 * The writing screen's body without JavaScript is a textarea of HTML. These two functions make that HTML
 * round-trip with the stored document: images keep their library id (from their /media/ URL) with
 * caption and credit, and related-story links stay `relatedLink` blocks.
 */

const MEDIA_SRC = /^\/media\/(\d{1,12})-([a-f0-9]{10})-\d{2,4}\.(?:jpg|webp|avif)$/;

function editorFigure(a: FigureAttrs): string {
  if (a.imageId === null) return '';
  const src = `/media/${a.imageId}-${a.key}-640.jpg`;
  return `<figure${a.credit ? ` data-credit="${escapeHtml(a.credit)}"` : ''}><img src="${escapeHtml(src)}" alt="${escapeHtml(a.alt)}"${a.title ? ` title="${escapeHtml(a.title)}"` : ''}>${a.caption ? `<figcaption>${escapeHtml(a.caption)}</figcaption>` : ''}</figure>`;
}

/** HTML for the no-JavaScript textarea, one block per line. */
export function docToEditorHtml(doc: Doc): string {
  return doc.content.map((b) => renderDoc({ type: 'doc', content: [b] }, { figure: editorFigure, relatedLabel: 'Related' })).filter(Boolean).join('\n');
}

function isRelatedMarker(n: ChildNode): n is Element {
  if (n.type !== 'tag') return false;
  const el = n as Element;
  return (el.name === 'p' && /\brelated-link\b/.test(el.attribs.class ?? '')) || (el.name === 'aside' && 'data-related' in el.attribs);
}

function firstLink(el: Element): Element | null {
  for (const c of el.children) {
    if (c.type !== 'tag') continue;
    const e = c as Element;
    if (e.name === 'a') return e;
    const f = firstLink(e);
    if (f) return f;
  }
  return null;
}

function textOf(n: ChildNode): string {
  if (n.type === 'text') return (n as unknown as { data: string }).data;
  return 'children' in n ? (n as Element).children.map(textOf).join('') : '';
}

/** Parses the textarea's HTML into a document: the content sanitizer (htmlToDoc) plus the two newsroom blocks. */
export function editorHtmlToDoc(source: string): Doc {
  const dom = parseDocument(source, { withStartIndices: true, withEndIndices: true, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const blocks: Block[] = [];
  let pendingFrom: number | null = null;
  let pendingTo = 0;
  const flush = () => {
    if (pendingFrom !== null) blocks.push(...htmlToDoc(source.slice(pendingFrom, pendingTo)).content);
    pendingFrom = null;
  };
  for (const n of dom.children) {
    if (isRelatedMarker(n)) {
      flush();
      const a = firstLink(n);
      const href = safeHref(a?.attribs.href);
      const text = a ? textOf(a).replace(/\s+/g, ' ').trim() : '';
      if (href && text) blocks.push({ type: 'relatedLink', attrs: { href, text } });
      continue;
    }
    if (n.startIndex === null || n.endIndex === null) continue;
    pendingFrom ??= n.startIndex;
    pendingTo = n.endIndex + 1;
  }
  flush();
  const content = blocks.map((b): Block => {
    if (b.type !== 'figure' || b.attrs.imageId !== null || !b.attrs.src) return b;
    const m = MEDIA_SRC.exec(b.attrs.src);
    if (!m) return b;
    return { type: 'figure', attrs: { ...b.attrs, imageId: Number(m[1]), key: m[2]!, src: null } };
  });
  return normalizeDoc({ type: 'doc', content });
}

/** The editor's JSON (TipTap) validated into a document; refuses what is not JSON at all. */
export function editorJsonToDoc(json: string): Doc {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    throw new AppError('VALIDATION', 'the body sent by the editor is not valid JSON', { issues: [{ field: 'body', message: 'the body could not be read; reload the page (your text is kept in this browser)' }] });
  }
  return normalizeDoc(v);
}

/** Images used by a story body (for the alt-text rule). */
export function figureImageIds(doc: Doc): number[] {
  return doc.content.flatMap((b) => (b.type === 'figure' && b.attrs.imageId !== null ? [b.attrs.imageId] : []));
}
