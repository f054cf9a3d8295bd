import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { escapeHtml } from '../shared/html.js';
import { nfc } from '../shared/text.js';

/**
 * An article body is a structured document (ProseMirror/TipTap-compatible JSON), never stored HTML.
 * HTML from importers and the API is parsed into this schema, which *is* the sanitizer: anything outside
 * the allowed nodes is unwrapped to its text or dropped, so the only markup a reader ever receives is
 * what renderDoc writes, with every text and attribute escaped.
 */
export type Mark = { type: 'bold' } | { type: 'italic' } | { type: 'link'; attrs: { href: string } };
export type TextNode = { type: 'text'; text: string; marks?: Mark[] };
export type HardBreak = { type: 'hardBreak' };
export type Inline = TextNode | HardBreak;

export interface FigureAttrs {
  imageId: number | null;
  /** Where an importer found the image; resolved to imageId before the document is saved. */
  src: string | null;
  width: number;
  height: number;
  /** First characters of the image's hash, part of its media URL so that a replaced image gets a new URL. */
  key: string;
  alt: string;
  title: string;
  caption: string;
  credit: string;
}

export type Block =
  | { type: 'paragraph'; content?: Inline[] }
  | { type: 'heading'; attrs: { level: 2 | 3 }; content?: Inline[] }
  | { type: 'blockquote'; content: Block[] }
  | { type: 'bulletList' | 'orderedList'; content: ListItem[] }
  | { type: 'figure'; attrs: FigureAttrs }
  | { type: 'relatedLink'; attrs: { href: string; text: string } };
export type ListItem = { type: 'listItem'; content: Block[] };
export interface Doc {
  type: 'doc';
  content: Block[];
}

export const emptyDoc = (): Doc => ({ type: 'doc', content: [] });

// ---------------------------------------------------------------- links

/** Allowed link targets: http(s), mailto, and site-relative paths. Everything else (javascript:, data:) is dropped. */
export function safeHref(href: string | undefined | null): string | null {
  if (!href) return null;
  const h = href.trim();
  if (/^\/(?!\/)/.test(h) || h.startsWith('#')) return h;
  try {
    const u = new URL(h);
    if (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:') return u.href;
  } catch {
    return null;
  }
  return null;
}

// ---------------------------------------------------------------- HTML → Doc

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'figure', 'img', 'div', 'section', 'article', 'li', 'table', 'pre', 'hr', 'aside', 'header', 'footer', 'main']);
const DROP_TAGS = new Set(['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'svg', 'math', 'head', 'title', 'form', 'input', 'button', 'select', 'textarea', 'video', 'audio', 'canvas', 'link', 'meta', 'base']);

function textOf(node: ChildNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if ('children' in node && !DROP_TAGS.has((node as Element).name)) return (node as Element).children.map(textOf).join('');
  return '';
}

function collapse(s: string): string {
  return nfc(s).replace(/[\s\u00A0]+/g, ' ');
}

function inlineFrom(nodes: ChildNode[], marks: Mark[] = []): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    if (n.type === 'text') {
      const text = collapse((n as unknown as { data: string }).data);
      if (text) out.push(marks.length ? { type: 'text', text, marks: [...marks] } : { type: 'text', text });
      continue;
    }
    if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') continue;
    const el = n as Element;
    const name = el.name.toLowerCase();
    if (DROP_TAGS.has(name)) continue;
    if (name === 'br') { out.push({ type: 'hardBreak' }); continue; }
    let next = marks;
    if ((name === 'strong' || name === 'b') && !marks.some((m) => m.type === 'bold')) next = [...marks, { type: 'bold' }];
    else if ((name === 'em' || name === 'i') && !marks.some((m) => m.type === 'italic')) next = [...marks, { type: 'italic' }];
    else if (name === 'a') {
      const href = safeHref(el.attribs.href);
      if (href && !marks.some((m) => m.type === 'link')) next = [...marks, { type: 'link', attrs: { href } }];
    }
    out.push(...inlineFrom(el.children, next));
  }
  return tidyInline(out);
}

/** Merges adjacent text with equal marks and trims the edges of a block. */
function tidyInline(items: Inline[]): Inline[] {
  const merged: Inline[] = [];
  for (const it of items) {
    const prev = merged[merged.length - 1];
    if (it.type === 'text' && prev?.type === 'text' && JSON.stringify(prev.marks ?? []) === JSON.stringify(it.marks ?? [])) {
      merged[merged.length - 1] = { ...prev, text: prev.text + it.text };
    } else merged.push(it);
  }
  const first = merged[0];
  if (first?.type === 'text') merged[0] = { ...first, text: first.text.replace(/^ +/, '') };
  const lastI = merged.length - 1;
  const last = merged[lastI];
  if (last?.type === 'text') merged[lastI] = { ...last, text: last.text.replace(/ +$/, '') };
  return merged.filter((i) => i.type !== 'text' || i.text.length > 0);
}

function figureFrom(el: Element): Block | null {
  const img = el.name === 'img' ? el : findFirst(el, 'img');
  if (!img) return null;
  const cap = el.name === 'img' ? undefined : findFirst(el, 'figcaption');
  const src = img.attribs.src?.trim();
  if (!src) return null;
  const captionText = cap ? collapse(textOf(cap)).trim() : '';
  return {
    type: 'figure',
    attrs: {
      imageId: null,
      src,
      width: 0,
      height: 0,
      key: '',
      alt: collapse(img.attribs.alt ?? '').trim(),
      title: collapse(img.attribs.title ?? '').trim(),
      caption: captionText,
      credit: collapse(el.attribs?.['data-credit'] ?? img.attribs['data-credit'] ?? '').trim(),
    },
  };
}

function findFirst(el: Element, name: string): Element | undefined {
  for (const c of el.children) {
    if (c.type === 'tag') {
      const e = c as Element;
      if (e.name.toLowerCase() === name) return e;
      const f = findFirst(e, name);
      if (f) return f;
    }
  }
  return undefined;
}

function isBlockElement(n: ChildNode): boolean {
  return n.type === 'tag' && BLOCK_TAGS.has((n as Element).name.toLowerCase());
}

function blocksFrom(nodes: ChildNode[]): Block[] {
  const out: Block[] = [];
  let pending: ChildNode[] = [];
  const flush = () => {
    const content = inlineFrom(pending);
    if (content.length) out.push({ type: 'paragraph', content });
    pending = [];
  };
  for (const n of nodes) {
    if (n.type === 'tag' && DROP_TAGS.has((n as Element).name.toLowerCase())) continue;
    if (n.type === 'script' || n.type === 'style' || n.type === 'comment' || n.type === 'directive' || n.type === 'cdata') continue;
    if (!isBlockElement(n)) { pending.push(n); continue; }
    flush();
    const el = n as Element;
    const name = el.name.toLowerCase();
    switch (name) {
      case 'p': {
        // A paragraph that only wraps an image (common in WordPress exports) becomes a figure.
        const only = el.children.filter((c) => !(c.type === 'text' && !(c as unknown as { data: string }).data.trim()));
        if (only.length === 1 && only[0]!.type === 'tag' && (only[0] as Element).name === 'img') {
          const f = figureFrom(only[0] as Element);
          if (f) out.push(f);
          break;
        }
        const content = inlineFrom(el.children);
        if (content.length) out.push({ type: 'paragraph', content });
        break;
      }
      case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': {
        const content = inlineFrom(el.children);
        if (content.length) out.push({ type: 'heading', attrs: { level: name === 'h1' || name === 'h2' ? 2 : 3 }, content });
        break;
      }
      case 'blockquote': {
        const inner = blocksFrom(el.children).filter((b) => b.type === 'paragraph' || b.type === 'heading');
        if (inner.length) out.push({ type: 'blockquote', content: inner.map((b) => (b.type === 'heading' ? { type: 'paragraph', content: b.content ?? [] } : b)) });
        break;
      }
      case 'ul': case 'ol': {
        const items: ListItem[] = [];
        for (const c of el.children) {
          if (c.type === 'tag' && (c as Element).name.toLowerCase() === 'li') {
            const inner = blocksFrom((c as Element).children).filter((b) => b.type === 'paragraph');
            if (inner.length) items.push({ type: 'listItem', content: inner });
          }
        }
        if (items.length) out.push({ type: name === 'ul' ? 'bulletList' : 'orderedList', content: items });
        break;
      }
      case 'figure': case 'img': {
        const f = figureFrom(el);
        if (f) out.push(f);
        break;
      }
      case 'hr': break;
      default:
        // div, section, li outside a list, table …: keep their content, lose the wrapper.
        out.push(...blocksFrom(el.children));
    }
  }
  flush();
  return out;
}

/** Parses (untrusted) HTML into a document of the allowed schema. */
export function htmlToDoc(htmlText: string): Doc {
  const dom = parseDocument(nfc(htmlText ?? ''), { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  return { type: 'doc', content: blocksFrom(dom.children) };
}

// ---------------------------------------------------------------- Doc validation (JSON from the editor or the store)

function str(v: unknown, max = 10_000): string {
  return typeof v === 'string' ? nfc(v).slice(0, max) : '';
}

function normalizeInline(v: unknown): Inline[] {
  if (!Array.isArray(v)) return [];
  const out: Inline[] = [];
  for (const n of v) {
    if (!n || typeof n !== 'object') continue;
    const node = n as Record<string, unknown>;
    if (node.type === 'hardBreak') out.push({ type: 'hardBreak' });
    if (node.type !== 'text') continue;
    const text = str(node.text, 100_000).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
    if (!text) continue;
    const marks: Mark[] = [];
    if (Array.isArray(node.marks)) {
      for (const m of node.marks as Array<Record<string, unknown>>) {
        if (m?.type === 'bold' || m?.type === 'italic') marks.push({ type: m.type });
        if (m?.type === 'link') {
          const href = safeHref(str((m.attrs as Record<string, unknown> | undefined)?.href, 2000));
          if (href) marks.push({ type: 'link', attrs: { href } });
        }
      }
    }
    out.push(marks.length ? { type: 'text', text, marks } : { type: 'text', text });
  }
  return out;
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0;
}

function normalizeBlocks(v: unknown, depth = 0): Block[] {
  if (!Array.isArray(v) || depth > 4) return [];
  const out: Block[] = [];
  for (const n of v) {
    if (!n || typeof n !== 'object') continue;
    const node = n as Record<string, unknown>;
    const attrs = (node.attrs && typeof node.attrs === 'object' ? node.attrs : {}) as Record<string, unknown>;
    switch (node.type) {
      case 'paragraph': {
        const content = normalizeInline(node.content);
        out.push(content.length ? { type: 'paragraph', content } : { type: 'paragraph' });
        break;
      }
      case 'heading':
        out.push({ type: 'heading', attrs: { level: attrs.level === 3 ? 3 : 2 }, content: normalizeInline(node.content) });
        break;
      case 'blockquote': {
        const inner = normalizeBlocks(node.content, depth + 1).filter((b) => b.type === 'paragraph');
        if (inner.length) out.push({ type: 'blockquote', content: inner });
        break;
      }
      case 'bulletList': case 'orderedList': {
        const items: ListItem[] = [];
        for (const li of Array.isArray(node.content) ? node.content : []) {
          const inner = normalizeBlocks((li as Record<string, unknown>)?.content, depth + 1).filter((b) => b.type === 'paragraph');
          if (inner.length) items.push({ type: 'listItem', content: inner });
        }
        if (items.length) out.push({ type: node.type, content: items });
        break;
      }
      case 'figure': {
        const imageId = typeof attrs.imageId === 'number' && Number.isInteger(attrs.imageId) ? attrs.imageId : null;
        const src = typeof attrs.src === 'string' ? attrs.src : null;
        if (imageId === null && !src) break;
        out.push({
          type: 'figure',
          attrs: { imageId, src, width: num(attrs.width), height: num(attrs.height), key: str(attrs.key, 16).replace(/[^a-f0-9]/g, ''), alt: str(attrs.alt, 500), title: str(attrs.title, 500), caption: str(attrs.caption, 2000), credit: str(attrs.credit, 300) },
        });
        break;
      }
      case 'relatedLink': {
        const href = safeHref(str(attrs.href, 2000));
        const text = str(attrs.text, 500).trim();
        if (href && text) out.push({ type: 'relatedLink', attrs: { href, text } });
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** Validates any JSON into a document of the allowed schema (unknown nodes and unsafe links dropped). */
export function normalizeDoc(v: unknown): Doc {
  const content = v && typeof v === 'object' ? (v as Record<string, unknown>).content : undefined;
  return { type: 'doc', content: normalizeBlocks(content) };
}

export function parseStoredDoc(json: string): Doc {
  try {
    return normalizeDoc(JSON.parse(json));
  } catch {
    return emptyDoc();
  }
}

// ---------------------------------------------------------------- Doc → HTML

export interface RenderOptions {
  /** Builds the picture element for a stored image; the web layer provides srcset URLs. */
  figure?: (attrs: FigureAttrs) => string;
  /** Label for related links, e.g. "यह भी पढ़ें". */
  relatedLabel?: string;
}

function renderInline(items: Inline[] | undefined): string {
  if (!items) return '';
  let s = '';
  for (const it of items) {
    if (it.type === 'hardBreak') { s += '<br>'; continue; }
    let t = escapeHtml(it.text);
    for (const m of it.marks ?? []) {
      if (m.type === 'bold') t = `<strong>${t}</strong>`;
      else if (m.type === 'italic') t = `<em>${t}</em>`;
      else {
        const external = /^https?:/.test(m.attrs.href);
        t = `<a href="${escapeHtml(m.attrs.href)}"${external ? ' rel="noopener nofollow"' : ''}>${t}</a>`;
      }
    }
    s += t;
  }
  return s;
}

export function defaultFigure(a: FigureAttrs): string {
  const src = a.imageId !== null ? `/media/${a.imageId}-${a.key}-960.jpg` : '';
  const dims = a.width && a.height ? ` width="${a.width}" height="${a.height}"` : '';
  const cap = [a.caption ? escapeHtml(a.caption) : '', a.credit ? `<span class="credit">${escapeHtml(a.credit)}</span>` : ''].filter(Boolean).join(' ');
  return `<figure>${src ? `<img src="${escapeHtml(src)}" alt="${escapeHtml(a.alt)}"${a.title ? ` title="${escapeHtml(a.title)}"` : ''}${dims} loading="lazy" decoding="async">` : ''}${cap ? `<figcaption>${cap}</figcaption>` : ''}</figure>`;
}

export function renderBlocks(blocks: Block[], opts: RenderOptions = {}): string {
  let s = '';
  for (const b of blocks) {
    switch (b.type) {
      case 'paragraph': {
        const inner = renderInline(b.content);
        if (inner) s += `<p>${inner}</p>`;
        break;
      }
      case 'heading':
        s += `<h${b.attrs.level}>${renderInline(b.content)}</h${b.attrs.level}>`;
        break;
      case 'blockquote':
        s += `<blockquote>${renderBlocks(b.content, opts)}</blockquote>`;
        break;
      case 'bulletList': case 'orderedList': {
        const tag = b.type === 'bulletList' ? 'ul' : 'ol';
        s += `<${tag}>${b.content.map((li) => `<li>${renderBlocks(li.content, opts)}</li>`).join('')}</${tag}>`;
        break;
      }
      case 'figure':
        if (b.attrs.imageId !== null) s += (opts.figure ?? defaultFigure)(b.attrs);
        break;
      case 'relatedLink':
        s += `<p class="related-link"><span>${escapeHtml(opts.relatedLabel ?? 'यह भी पढ़ें')}:</span> <a href="${escapeHtml(b.attrs.href)}">${escapeHtml(b.attrs.text)}</a></p>`;
        break;
    }
  }
  return s;
}

export function renderDoc(doc: Doc, opts: RenderOptions = {}): string {
  return renderBlocks(doc.content, opts);
}

/**
 * The opening of a story for a reader who is not entitled to the rest: top-level blocks up to and
 * including the n-th paragraph. The rest of the document is never rendered for them.
 */
export function teaserBlocks(doc: Doc, paragraphs: number): Block[] {
  const out: Block[] = [];
  let seen = 0;
  for (const b of doc.content) {
    if (seen >= paragraphs) break;
    out.push(b);
    if (b.type === 'paragraph' && b.content?.length) seen++;
  }
  return out;
}

/** Plain text of a document (for search, summaries and word counts). */
export function docText(doc: Doc | Block[]): string {
  const blocks = Array.isArray(doc) ? doc : doc.content;
  const parts: string[] = [];
  const inline = (items?: Inline[]) => (items ?? []).map((i) => (i.type === 'text' ? i.text : ' ')).join('');
  for (const b of blocks) {
    if (b.type === 'paragraph' || b.type === 'heading') parts.push(inline(b.content));
    else if (b.type === 'blockquote') parts.push(docText(b.content));
    else if (b.type === 'bulletList' || b.type === 'orderedList') for (const li of b.content) parts.push(docText(li.content));
    else if (b.type === 'figure') parts.push(b.attrs.caption);
  }
  return parts.filter(Boolean).join('\n');
}

export function paragraphCount(doc: Doc): number {
  return doc.content.filter((b) => b.type === 'paragraph' && b.content?.length).length;
}
