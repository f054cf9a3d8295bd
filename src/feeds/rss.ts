import { rfc822 } from './dates.js';
import type { FeedChannel, FeedItem } from './model.js';
import { escapeHtml } from '../shared/html.js';
import { el, escapeXml, XML_DECL } from './xml.js';

/**
 * RSS 2.0 with the content (full text), Dublin Core (authors), Atom (self link) and Media RSS (images)
 * modules. Dates are RFC 822 in India time.
 */
export function renderRss(ch: FeedChannel, items: FeedItem[]): string {
  const out: string[] = [XML_DECL];
  out.push('<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">\n<channel>\n');
  out.push(el('title', ch.title), el('link', ch.link), el('description', escapeHtml(ch.description || ch.title)), el('language', ch.language));
  out.push(`<atom:link href="${escapeXml(ch.rssUrl)}" rel="self" type="application/rss+xml"/>`);
  out.push(el('lastBuildDate', rfc822(ch.updated)), el('generator', 'Samachar'), el('ttl', 5), '\n');
  for (const it of items) {
    out.push('<item>');
    out.push(el('title', it.title), el('link', it.url), el('guid', it.guid, { isPermaLink: 'false' }), el('pubDate', rfc822(it.publishedAt)));
    // Feed readers show <description> as HTML: the summary is plain text, so it is HTML-escaped before
    // the XML escaping (else a summary such as `<img src=x onerror=…>` becomes markup in the reader).
    out.push(el('description', escapeHtml(it.summary || it.title)));
    if (it.contentHtml !== null) out.push(el('content:encoded', it.contentHtml));
    for (const a of it.authors) out.push(el('dc:creator', a.name));
    for (const c of it.categories) out.push(el('category', c.label, { domain: c.scheme }));
    if (it.image) {
      const im = it.image;
      out.push(`<media:content url="${escapeXml(im.url)}" medium="image" type="${escapeXml(im.type)}" width="${im.width}" height="${im.height}">`);
      if (im.title) out.push(el('media:title', im.title, { type: 'plain' }));
      if (im.caption || im.alt) out.push(el('media:description', im.caption || im.alt, { type: 'plain' }));
      if (im.credit) out.push(el('media:credit', im.credit));
      out.push('</media:content>');
    }
    out.push('</item>\n');
  }
  out.push('</channel>\n</rss>\n');
  return out.join('');
}
