import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { htmlToDoc, safeHref, type Block, type Doc } from '../content/index.js';
import { nfc } from '../shared/text.js';

/**
 * The body of an import record as a document: htmlToDoc for the allowed HTML, plus the one block of
 * our own that it does not know, the related link (`<p class="related-link">… <a href>text</a></p>`,
 * as the renderer and `samachar export` write it), so that an export imports back unchanged.
 */
export function importBodyToDoc(htmlText: string): Doc {
  const source = nfc(htmlText ?? '');
  if (!source.includes('related-link')) return htmlToDoc(source);
  const dom = parseDocument(source, { withStartIndices: true, withEndIndices: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const blocks: Block[] = [];
  let chunkStart: number | null = null;
  let chunkEnd = 0;
  const flush = () => {
    if (chunkStart !== null) blocks.push(...htmlToDoc(source.slice(chunkStart, chunkEnd)).content);
    chunkStart = null;
  };
  for (const node of dom.children) {
    const link = relatedLinkOf(node);
    if (link) {
      flush();
      blocks.push(link);
      continue;
    }
    if (node.startIndex === null || node.endIndex === null) continue;
    if (chunkStart === null) chunkStart = node.startIndex;
    chunkEnd = node.endIndex + 1;
  }
  flush();
  return { type: 'doc', content: blocks };
}

function textOf(n: ChildNode): string {
  if (n.type === 'text') return (n as unknown as { data: string }).data;
  if ('children' in n) return (n as Element).children.map(textOf).join('');
  return '';
}

function relatedLinkOf(node: ChildNode): Block | null {
  if (node.type !== 'tag') return null;
  const el = node as Element;
  if (el.name !== 'p' || !(el.attribs.class ?? '').split(/\s+/).includes('related-link')) return null;
  const a = el.children.find((c): c is Element => c.type === 'tag' && (c as Element).name === 'a');
  // The same link check as every other link in a body: javascript: and the like are refused.
  const href = safeHref(a?.attribs.href) ?? '';
  const text = a ? textOf(a).replace(/[\s\u00A0]+/g, ' ').trim() : '';
  if (!href || !text) return null;
  return { type: 'relatedLink', attrs: { href, text } };
}
