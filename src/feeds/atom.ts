import { rfc3339 } from './dates.js';
import type { FeedChannel, FeedItem } from './model.js';
import { el, escapeXml, XML_DECL } from './xml.js';

/** Atom 1.0 (RFC 4287): RFC 3339 dates in India time, full text as escaped HTML only for free stories. */
export function renderAtom(ch: FeedChannel, items: FeedItem[]): string {
  const out: string[] = [XML_DECL];
  out.push(`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="${escapeXml(ch.language)}">\n`);
  out.push(el('id', ch.atomUrl), el('title', ch.title, { type: 'text' }));
  if (ch.description) out.push(el('subtitle', ch.description, { type: 'text' }));
  out.push(el('updated', rfc3339(ch.updated)));
  out.push(`<link rel="self" type="application/atom+xml" href="${escapeXml(ch.atomUrl)}"/>`);
  out.push(`<link rel="alternate" type="text/html" href="${escapeXml(ch.link)}"/>`);
  out.push(`<author>${el('name', ch.siteName)}${el('uri', ch.baseUrl + '/')}</author>`);
  out.push(el('generator', 'Samachar'), el('logo', ch.logoUrl), '\n');
  for (const it of items) {
    out.push('<entry>');
    out.push(el('id', it.guid), el('title', it.title, { type: 'text' }));
    out.push(`<link rel="alternate" type="text/html" href="${escapeXml(it.url)}"/>`);
    out.push(el('published', rfc3339(it.publishedAt)), el('updated', rfc3339(it.updatedAt)));
    for (const a of it.authors) out.push(`<author>${el('name', a.name)}${el('uri', a.url)}</author>`);
    for (const c of it.categories) out.push(`<category term="${escapeXml(c.term)}" scheme="${escapeXml(c.scheme)}" label="${escapeXml(c.label)}"/>`);
    out.push(el('summary', it.summary || it.title, { type: 'text' }));
    if (it.contentHtml !== null) out.push(el('content', it.contentHtml, { type: 'html' }));
    if (it.image) {
      const im = it.image;
      out.push(`<link rel="enclosure" type="${escapeXml(im.type)}" href="${escapeXml(im.url)}"/>`);
      out.push(`<media:content url="${escapeXml(im.url)}" medium="image" type="${escapeXml(im.type)}" width="${im.width}" height="${im.height}">`);
      if (im.caption || im.alt) out.push(el('media:description', im.caption || im.alt, { type: 'plain' }));
      if (im.credit) out.push(el('media:credit', im.credit));
      out.push('</media:content>');
    }
    out.push('</entry>\n');
  }
  out.push('</feed>\n');
  return out.join('');
}
