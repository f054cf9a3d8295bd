import { Node } from '@tiptap/core';

/**
 * The two blocks of the stored document that TipTap does not have: `figure` (an image of the media
 * library with caption and credit) and `relatedLink` (an embedded related story). Both are atoms: they
 * are edited through the side panel, never as text, so typing around them is plain ProseMirror.
 */
const MEDIA_SRC = /^\/media\/(\d{1,12})-([a-f0-9]{10})-\d{2,4}\.(?:jpg|webp|avif)$/;

function attr(name: string, dflt: unknown) {
  return { [name]: { default: dflt, rendered: false } };
}

export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return { ...attr('imageId', null), ...attr('src', null), ...attr('width', 0), ...attr('height', 0), ...attr('key', ''), ...attr('alt', ''), ...attr('title', ''), ...attr('caption', ''), ...attr('credit', '') };
  },
  parseHTML() {
    return [
      {
        tag: 'figure',
        getAttrs: (el) => {
          const node = el as HTMLElement;
          const img = node.querySelector('img');
          const m = MEDIA_SRC.exec(img?.getAttribute('src') ?? '');
          if (!img || !m) return false;
          return {
            imageId: Number(m[1]), key: m[2], alt: img.getAttribute('alt') ?? '', title: img.getAttribute('title') ?? '',
            caption: node.querySelector('figcaption')?.textContent?.trim() ?? '', credit: node.getAttribute('data-credit') ?? '',
          };
        },
      },
    ];
  },
  renderHTML({ node }) {
    const a = node.attrs as { imageId: number | null; key: string; alt: string; caption: string; credit: string };
    const cap = [a.caption, a.credit ? `— ${a.credit}` : ''].filter(Boolean).join(' ');
    return ['figure', { class: 'nr-figure', 'data-credit': a.credit, contenteditable: 'false' }, ['img', { src: `/media/${a.imageId}-${a.key}-640.jpg`, alt: a.alt, draggable: 'false' }], ['figcaption', {}, cap || '—']];
  },
});

export const RelatedLink = Node.create({
  name: 'relatedLink',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addOptions() {
    return { label: 'यह भी पढ़ें' };
  },
  addAttributes() {
    return { ...attr('href', ''), ...attr('text', '') };
  },
  parseHTML() {
    return [
      {
        tag: 'p.related-link',
        getAttrs: (el) => {
          const a = (el as HTMLElement).querySelector('a');
          return a ? { href: a.getAttribute('href') ?? '', text: a.textContent?.trim() ?? '' } : false;
        },
      },
    ];
  },
  renderHTML({ node }) {
    const a = node.attrs as { href: string; text: string };
    return ['p', { class: 'related-link nr-related', contenteditable: 'false' }, ['span', {}, `${this.options.label}: `], ['a', { href: a.href }, a.text]];
  },
});
