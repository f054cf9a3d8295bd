import { AppError } from '../shared/errors.js';
import { rfc3339 } from './dates.js';
import { el, escapeXml, XML_DECL } from './xml.js';

/**
 * Sitemaps by the sitemaps.org protocol 0.9 and Google's news and image extensions: at most 50,000 URLs
 * a file (and 50,000 files an index), lastmod as W3C Datetime, a news sitemap of stories from the last
 * 48 hours, at most 1,000, with publication name, language and publication_date.
 */
export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
export const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1';
export const SITEMAP_MAX_URLS = 50_000;
export const NEWS_MAX_URLS = 1_000;
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
const MAX_LOC = 2048;

export interface SitemapUrl {
  loc: string;
  lastmod?: string | null;
  images?: string[];
}

export interface NewsUrl {
  loc: string;
  title: string;
  publicationName: string;
  language: string;
  publicationDate: string;
}

function checkLoc(loc: string): string {
  if (!/^https?:\/\//.test(loc) || loc.length > MAX_LOC) throw new AppError('INTERNAL', `sitemap URL must be absolute and at most ${MAX_LOC} characters: ${loc.slice(0, 80)}`);
  return loc;
}

export function renderSitemapIndex(entries: { loc: string; lastmod?: string | null }[]): string {
  if (entries.length > SITEMAP_MAX_URLS) throw new AppError('INTERNAL', `a sitemap index holds at most ${SITEMAP_MAX_URLS} sitemaps`);
  const out = [XML_DECL, `<sitemapindex xmlns="${SITEMAP_NS}">\n`];
  for (const e of entries) out.push(`<sitemap>${el('loc', checkLoc(e.loc))}${e.lastmod ? el('lastmod', rfc3339(e.lastmod)) : ''}</sitemap>\n`);
  out.push('</sitemapindex>\n');
  return out.join('');
}

export function renderUrlset(urls: SitemapUrl[]): string {
  if (urls.length > SITEMAP_MAX_URLS) throw new AppError('INTERNAL', `a sitemap holds at most ${SITEMAP_MAX_URLS} URLs`);
  const withImages = urls.some((u) => u.images?.length);
  const out = [XML_DECL, `<urlset xmlns="${SITEMAP_NS}"${withImages ? ` xmlns:image="${IMAGE_NS}"` : ''}>\n`];
  for (const u of urls) {
    out.push(`<url>${el('loc', checkLoc(u.loc))}${u.lastmod ? el('lastmod', rfc3339(u.lastmod)) : ''}`);
    for (const img of (u.images ?? []).slice(0, 1000)) out.push(`<image:image>${el('image:loc', checkLoc(img))}</image:image>`);
    out.push('</url>\n');
  }
  out.push('</urlset>\n');
  return out.join('');
}

export function renderNewsSitemap(urls: NewsUrl[]): string {
  if (urls.length > NEWS_MAX_URLS) throw new AppError('INTERNAL', `a news sitemap holds at most ${NEWS_MAX_URLS} URLs`);
  const out = [XML_DECL, `<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">\n`];
  for (const u of urls) {
    out.push(`<url>${el('loc', checkLoc(u.loc))}<news:news><news:publication>${el('news:name', u.publicationName)}${el('news:language', u.language)}</news:publication>`);
    out.push(`${el('news:publication_date', rfc3339(u.publicationDate))}${el('news:title', u.title)}</news:news></url>\n`);
  }
  out.push('</urlset>\n');
  return out.join('');
}

/** robots.txt: readers' pages open, private and machine areas closed, sitemaps announced. */
export function renderRobots(baseUrl: string): string {
  return [
    'User-agent: *',
    'Disallow: /newsroom',
    'Disallow: /account',
    'Disallow: /api/',
    'Disallow: /webhooks/',
    'Disallow: /search',
    'Allow: /',
    '',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    `Sitemap: ${baseUrl}/sitemap-news.xml`,
    '',
  ].join('\n');
}

export { escapeXml };
