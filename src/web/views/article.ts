import { escapeHtml, html, jsonForScript, raw, type SafeHtml } from '../../shared/html.js';
import type { Article, ArticleCard } from '../../content/index.js';
import { formatMetaDate } from '../../i18n/index.js';
import { cropSizes, cropUrl, mediaUrl, pictureHtml } from '../../media/index.js';
import { layout, type PageContext } from './layout.js';
import { breadcrumbs, premiumCta, storyList } from './components.js';

export type Lock = 'premium' | 'members' | null;

export interface ArticleProps {
  article: Article;
  /** The body the reader may see: the whole story, or only the teaser when `lock` is set. Decided by the route. */
  bodyHtml: string;
  lock: Lock;
  related: ArticleCard[];
  sidebar: SafeHtml[];
  /** Structured data blocks (NewsArticle, BreadcrumbList …), built from what this reader may see. */
  jsonLd: unknown[];
  /** Extra head markup (Open Graph, Twitter). */
  head?: SafeHtml;
  preview?: boolean;
  /** The live-blog timeline of a story that is (or was) live, shown under the body. */
  liveBlog?: SafeHtml;
}

/** "Edited By <name> | Updated: 27 Dec, 2025 02:06 PM" (DESIGN.md section 2). */
export function metaLine(ctx: PageContext, a: Pick<Article, 'editor' | 'updatedAt' | 'publishedAt'>): SafeHtml {
  const when = a.updatedAt ?? a.publishedAt;
  const parts: SafeHtml[] = [];
  if (a.editor) parts.push(html`${ctx.t('article.editedBy')} <a href="/author/${a.editor.slug}"><strong>${a.editor.nameEn || a.editor.name}</strong></a>`);
  if (when) parts.push(html`${ctx.t('article.updated')}: <time datetime="${when}">${formatMetaDate(when)}</time>`);
  return html`<p class="meta-line">${parts.map((p, i) => (i ? html` | ${p}` : p))}</p>`;
}

/** Puts the dateline ("International Desk:") at the start of the first paragraph. */
export function withDateline(bodyHtml: string, dateline: string): string {
  if (!dateline) return bodyHtml;
  const tag = `<span class="dateline">${escapeHtml(dateline)}:</span> `;
  return bodyHtml.startsWith('<p>') ? `<p>${tag}${bodyHtml.slice(3)}` : `<p>${tag}</p>${bodyHtml}`;
}

function shareLinks(ctx: PageContext, url: string, headline: string): SafeHtml {
  const u = encodeURIComponent(url);
  const text = encodeURIComponent(headline);
  return html`<div class="share" aria-label="${ctx.t('article.share')}"><span>${ctx.t('article.share')}:</span>
<a class="wa" href="https://wa.me/?text=${raw(`${text}%20${u}`)}" rel="noopener" target="_blank">WhatsApp<span class="visually-hidden"> (${ctx.t('article.shareWhatsapp')})</span></a>
<a class="x" href="https://twitter.com/intent/tweet?url=${raw(u)}&amp;text=${raw(text)}" rel="noopener" target="_blank">X<span class="visually-hidden"> (${ctx.t('article.shareX')})</span></a>
<a class="fb" href="https://www.facebook.com/sharer/sharer.php?u=${raw(u)}" rel="noopener" target="_blank">Facebook<span class="visually-hidden"> (${ctx.t('article.shareFacebook')})</span></a></div>`;
}

export function articlePage(ctx: PageContext, p: ArticleProps): SafeHtml {
  const { t } = ctx;
  const a = p.article;
  const url = ctx.baseUrl + a.path;
  const hero = a.image
    ? html`<figure class="hero">${raw(pictureHtml(a.image, { alt: a.image.alt || a.headline, title: a.image.title, sizes: '(min-width: 960px) 704px, 100vw', eager: true }))}${a.image.caption || a.image.credit ? html`<figcaption>${a.image.caption}${a.image.credit ? html` <span class="credit">${a.image.credit}</span>` : ''}</figcaption>` : ''}</figure>`
    : '';
  const lockBox = p.lock
    ? html`<section class="paywall" aria-labelledby="paywall-h"><h2 id="paywall-h">${p.lock === 'premium' ? t('premium.locked.title') : t('members.locked.title')}</h2><p>${p.lock === 'premium' ? t('premium.locked.body') : t('members.locked.body')}</p>
<p><a class="button" href="${p.lock === 'premium' ? '/premium' : '/account/signin'}?return=${encodeURIComponent(a.path)}">${p.lock === 'premium' ? t('premium.cta.button') : t('account.signin')}</a> <a href="/account/signin?return=${encodeURIComponent(a.path)}">${t('account.signin')}</a></p></section>`
    : '';
  const main = html`${breadcrumbs(ctx, [{ name: t('nav.home'), href: '/' }, { name: a.desk.name, href: `/${a.desk.slug}` }])}
<div class="grid with-aside">
  <article class="article-main" lang="${a.lang}">
    <header class="article-head">
      <h1>${a.headline}</h1>
      ${metaLine(ctx, a)}
      ${a.summary ? html`<p class="standfirst">${a.summary}</p>` : ''}
    </header>
    ${hero}
    <div class="article-body">${raw(withDateline(p.bodyHtml, a.dateline))}</div>
    ${p.liveBlog ?? ''}
    ${lockBox}
    ${a.correction ? html`<p class="correction"><strong>${t('article.correction')}:</strong> ${a.correction}</p>` : ''}
    ${a.authors.length ? html`<p class="byline">${t('article.by')}: ${a.authors.map((au, i) => html`${i ? ', ' : ''}<a href="/author/${au.slug}">${au.name}</a>`)}</p>` : ''}
    ${a.tags.length ? html`<ul class="tags" aria-label="${t('article.tags')}">${a.tags.map((tg) => html`<li><a href="/tag/${tg.slug}">${tg.name}</a></li>`)}</ul>` : ''}
    ${shareLinks(ctx, url, a.headline)}
    ${p.lock ? '' : premiumCta(ctx)}
    ${p.related.length ? html`<section class="related" aria-labelledby="related-h"><h2 class="section-title" id="related-h">${t('article.related')}</h2>${storyList(ctx, p.related)}</section>` : ''}
  </article>
  <aside>${p.sidebar}</aside>
</div>`;
  const head = html`${p.jsonLd.map((j) => html`<script type="application/ld+json">${jsonForScript(j)}</script>`)}${p.head ?? ''}`;
  return layout(ctx, {
    title: a.headline,
    description: a.summary,
    canonical: a.path,
    currentDeskSlug: a.desk.slug,
    head,
    main,
    robots: p.preview ? 'noindex, nofollow' : undefined,
  });
}

/** Open Graph and Twitter card meta, from what this reader may see (never from locked text). */
export function socialMeta(ctx: PageContext, a: Article): SafeHtml {
  // The 16:9 crop (1200 × 675 where the original allows it) suits both Open Graph and large Twitter cards.
  const crop = a.image ? cropSizes(a.image.width, a.image.height)[0] : undefined;
  const img = a.image ? ctx.baseUrl + (crop ? cropUrl(a.image, crop.width, crop.height, 'jpg') : mediaUrl(a.image, Math.min(1280, a.image.width), 'jpg')) : '';
  const imgW = crop?.width ?? (a.image ? Math.min(1280, a.image.width) : 0);
  const imgH = crop?.height ?? (a.image ? Math.round((imgW / a.image.width) * a.image.height) : 0);
  return html`<meta property="og:type" content="article">
<meta property="og:site_name" content="${ctx.siteName}">
<meta property="og:title" content="${a.headline}">
<meta property="og:description" content="${a.summary}">
<meta property="og:url" content="${ctx.baseUrl + a.path}">
<meta property="og:locale" content="${a.lang === 'hi' ? 'hi_IN' : 'en_IN'}">
${img ? html`<meta property="og:image" content="${img}"><meta property="og:image:type" content="image/jpeg"><meta property="og:image:width" content="${imgW}"><meta property="og:image:height" content="${imgH}"><meta property="og:image:alt" content="${a.image!.alt || a.headline}">` : ''}
${a.publishedAt ? html`<meta property="article:published_time" content="${a.publishedAt}">` : ''}
${a.updatedAt ? html`<meta property="article:modified_time" content="${a.updatedAt}">` : ''}
<meta property="article:section" content="${a.desk.name}">
${a.authors.map((p) => html`<meta property="article:author" content="${ctx.baseUrl}/author/${p.slug}">`)}
${a.tags.map((t) => html`<meta property="article:tag" content="${t.name}">`)}
${a.access !== 'free' ? html`<meta property="article:content_tier" content="locked">` : ''}
<meta name="twitter:card" content="${img ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${a.headline}">
<meta name="twitter:description" content="${a.summary}">
${img ? html`<meta name="twitter:image" content="${img}"><meta name="twitter:image:alt" content="${a.image!.alt || a.headline}">` : ''}
<link rel="alternate" type="application/rss+xml" title="${a.desk.name}" href="/${a.desk.slug}/rss.xml">`;
}
