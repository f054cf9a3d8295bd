import type { Article } from '../content/index.js';
import { cropSizes, cropUrl, mediaUrl, widthsFor } from '../media/index.js';
import { LOGO_HEIGHT, LOGO_PATH, LOGO_WIDTH } from './logo.js';

export interface SiteInfo {
  baseUrl: string;
  siteName: string;
  /** Absolute URL of the publisher logo; defaults to the logo this app draws at /publisher-logo.png. */
  logoUrl?: string;
}

/**
 * The images of a story for structured data: cover crops at 16:9, 4:3 and 1:1, 1200 px wide where the
 * original allows it (the largest possible otherwise), as Google asks for NewsArticle.
 */
export function structuredImages(a: Pick<Article, 'image'>, baseUrl: string): { '@type': 'ImageObject'; url: string; width: number; height: number }[] {
  if (!a.image) return [];
  const crops = cropSizes(a.image.width, a.image.height);
  if (crops.length === 0) {
    const w = Math.max(...widthsFor(a.image.width));
    return [{ '@type': 'ImageObject', url: baseUrl + mediaUrl(a.image, w, 'jpg'), width: w, height: Math.round((w / a.image.width) * a.image.height) }];
  }
  return crops.map((c) => ({ '@type': 'ImageObject', url: baseUrl + cropUrl(a.image!, c.width, c.height, 'jpg'), width: c.width, height: c.height }));
}

export function publisherJsonLd(site: SiteInfo): Record<string, unknown> {
  return {
    '@type': 'NewsMediaOrganization',
    name: site.siteName,
    url: site.baseUrl + '/',
    logo: { '@type': 'ImageObject', url: site.logoUrl ?? site.baseUrl + LOGO_PATH, width: LOGO_WIDTH, height: LOGO_HEIGHT },
  };
}

/**
 * schema.org NewsArticle for a story page, built only from what the reader may see: for a locked story
 * `articleBody` is never included (for any story: the page itself carries the text a reader may see) and
 * the paywalled section is declared (isAccessibleForFree: false).
 */
export function newsArticleJsonLd(a: Article, site: SiteInfo, _opts: { locked: boolean }): Record<string, unknown> {
  const url = site.baseUrl + a.path;
  const images = structuredImages(a, site.baseUrl);
  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': `${url}#article`,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: a.headline.slice(0, 110),
    description: a.summary || undefined,
    inLanguage: a.lang === 'hi' ? 'hi-IN' : 'en-IN',
    articleSection: a.desk.name,
    keywords: a.tags.map((t) => t.name).join(', ') || undefined,
    datePublished: a.publishedAt ?? undefined,
    dateModified: a.updatedAt ?? a.publishedAt ?? undefined,
    image: images.length ? images : undefined,
    thumbnailUrl: images[0]?.url,
    author: a.authors.length
      ? a.authors.map((p) => ({ '@type': 'Person', name: p.name, url: `${site.baseUrl}/author/${p.slug}` }))
      : [{ '@type': 'Organization', name: site.siteName, url: site.baseUrl + '/' }],
    ...(a.editor ? { editor: { '@type': 'Person', name: a.editor.name, url: `${site.baseUrl}/author/${a.editor.slug}` } } : {}),
    publisher: publisherJsonLd(site),
    isAccessibleForFree: a.access === 'free',
  };
  if (a.access !== 'free') {
    ld.hasPart = { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.paywall' };
  }
  return JSON.parse(JSON.stringify(ld)) as Record<string, unknown>;
}

export function breadcrumbJsonLd(site: SiteInfo, items: { name: string; path: string }[]): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((it, i) => ({ '@type': 'ListItem', position: i + 1, name: it.name, item: site.baseUrl + it.path })),
  };
}
