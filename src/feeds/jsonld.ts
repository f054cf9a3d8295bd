import type { Article } from '../content/index.js';
import { mediaUrl } from '../media/index.js';

export interface SiteInfo {
  baseUrl: string;
  siteName: string;
  logoUrl?: string;
}

/**
 * schema.org NewsArticle for a story page, built only from what the reader may see: for a locked story
 * `articleBody` is never included and the paywalled section is declared (isAccessibleForFree: false).
 */
export function newsArticleJsonLd(a: Article, site: SiteInfo, opts: { locked: boolean }): Record<string, unknown> {
  const url = site.baseUrl + a.path;
  const images = a.image ? [site.baseUrl + mediaUrl(a.image, Math.min(1600, a.image.width), 'jpg')] : undefined;
  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: a.headline.slice(0, 110),
    description: a.summary,
    inLanguage: a.lang === 'hi' ? 'hi-IN' : 'en-IN',
    articleSection: a.desk.name,
    keywords: a.tags.map((t) => t.name).join(', ') || undefined,
    datePublished: a.publishedAt ?? undefined,
    dateModified: a.updatedAt ?? a.publishedAt ?? undefined,
    image: images,
    author: a.authors.length
      ? a.authors.map((p) => ({ '@type': 'Person', name: p.name, url: `${site.baseUrl}/author/${p.slug}` }))
      : [{ '@type': 'Organization', name: site.siteName, url: site.baseUrl }],
    ...(a.editor ? { editor: { '@type': 'Person', name: a.editor.name, url: `${site.baseUrl}/author/${a.editor.slug}` } } : {}),
    publisher: {
      '@type': 'NewsMediaOrganization',
      name: site.siteName,
      url: site.baseUrl,
      ...(site.logoUrl ? { logo: { '@type': 'ImageObject', url: site.logoUrl } } : {}),
    },
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
