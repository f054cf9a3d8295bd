import { html, raw, type SafeHtml } from '../../shared/html.js';
import type { Translate, Locale } from '../../i18n/index.js';
import type { DeskRef } from '../../content/index.js';
import type { AssetManifest } from '../assets/pipeline.js';

/** What every page view gets besides its own data. Built once per request by the route. */
export interface PageContext {
  t: Translate;
  locale: Locale;
  siteName: string;
  baseUrl: string;
  assets: AssetManifest;
  desks: DeskRef[];
  nonce: string;
  /** The path of the current page, for aria-current and canonical links. */
  path: string;
  now: Date;
}

export interface LayoutProps {
  title: string;
  description?: string;
  canonical?: string;
  head?: SafeHtml;
  main: SafeHtml;
  currentDeskSlug?: string;
  scripts?: string[];
  robots?: string;
}

export function asset(ctx: PageContext, name: string): string {
  return ctx.assets.files[name] ?? `/assets/${name}`;
}

export function layout(ctx: PageContext, p: LayoutProps): SafeHtml {
  const { t } = ctx;
  const canonical = p.canonical ? ctx.baseUrl + p.canonical : undefined;
  const fullTitle = p.title === ctx.siteName ? p.title : `${p.title} | ${ctx.siteName}`;
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
${p.description ? html`<meta name="description" content="${p.description}">` : ''}
<meta name="robots" content="${p.robots ?? 'index, follow, max-image-preview:large'}">
${canonical ? html`<link rel="canonical" href="${canonical}">` : ''}
<link rel="preload" href="${asset(ctx, 'font-deva-400.woff2')}" as="font" type="font/woff2" crossorigin>
<link rel="stylesheet" href="${asset(ctx, 'site.css')}">
<link rel="icon" href="${asset(ctx, 'icon.svg')}" type="image/svg+xml">
<link rel="alternate" type="application/rss+xml" title="${ctx.siteName}" href="/rss.xml">
<meta name="theme-color" content="#b3001b">
${p.head ?? ''}
</head>
<body>
<a class="skip" href="#main">${t('nav.skip')}</a>
<header class="masthead">
  <div class="wrap">
    <a class="brand" href="/">${ctx.siteName}</a>
    <span class="tagline">${t('site.tagline')}</span>
    <nav class="tools" aria-label="${t('nav.account')}">
      <a href="/search">${t('nav.search')}</a>
      <a class="premium" href="/premium">${t('nav.premium')}</a>
      <a href="/account">${t('nav.account')}</a>
    </nav>
  </div>
</header>
<nav class="desknav" aria-label="${t('nav.main')}">
  <ul>
    <li><a href="/"${ctx.path === '/' ? raw(' aria-current="page"') : ''}>${t('nav.home')}</a></li>
    ${ctx.desks.map((d) => html`<li><a href="/${d.slug}"${p.currentDeskSlug === d.slug ? raw(' aria-current="page"') : ''}>${d.name}</a></li>`)}
  </ul>
</nav>
<main id="main" class="wrap">
${p.main}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p><strong>${ctx.siteName}</strong> — ${t('footer.about')}</p>
    <ul aria-label="${t('footer.desks')}">${ctx.desks.map((d) => html`<li><a href="/${d.slug}">${d.name}</a></li>`)}</ul>
    <ul><li><a href="/rss.xml">${t('footer.rss')}</a></li><li><a href="/premium">${t('nav.premium')}</a></li><li><a href="/account">${t('nav.account')}</a></li></ul>
    <p>© ${ctx.now.getFullYear()} ${ctx.siteName}. ${t('footer.rights')}.</p>
  </div>
</footer>
${(p.scripts ?? []).map((s) => html`<script type="module" src="${asset(ctx, s)}"></script>`)}
</body>
</html>`;
}
