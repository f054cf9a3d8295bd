import { html, type SafeHtml } from '../../shared/html.js';
import type { ArticleCard } from '../../content/index.js';
import { layout, type PageContext } from './layout.js';
import { breadcrumbs, pager, premiumCta, storyList } from './components.js';

/** Desk, tag and author pages: a titled, paginated list of stories. */
export interface ListingProps {
  kind: 'desk' | 'tag' | 'author';
  title: string;
  subtitle?: string;
  basePath: string;
  cards: ArticleCard[];
  page: number;
  total: number;
  limit: number;
  sidebar: SafeHtml[];
  currentDeskSlug?: string;
  feedPath?: string;
}

export function listingPage(ctx: PageContext, p: ListingProps): SafeHtml {
  const { t } = ctx;
  const label = p.kind === 'tag' ? t('tag.title') : p.kind === 'author' ? t('author.title') : '';
  const crumbs = [{ name: t('nav.home'), href: '/' }, ...(label ? [{ name: label }] : []), { name: p.title }];
  const main = html`${breadcrumbs(ctx, crumbs)}
<div class="grid with-aside">
  <div>
    <h1>${p.title}</h1>
    ${p.subtitle ? html`<p>${p.subtitle}</p>` : ''}
    ${storyList(ctx, p.cards, { level: 2, showDesk: p.kind !== 'desk' })}
    ${pager(ctx, p.basePath, p.page, p.total, p.limit)}
  </div>
  <aside>${p.sidebar}${premiumCta(ctx)}</aside>
</div>`;
  const title = p.page > 1 ? `${p.title} — ${t('list.page')} ${p.page}` : p.title;
  const canonical = p.page > 1 ? `${p.basePath}?page=${p.page}` : p.basePath;
  return layout(ctx, {
    title,
    description: p.subtitle ?? `${p.title}: ${ctx.siteName}`,
    canonical,
    currentDeskSlug: p.currentDeskSlug,
    main,
    head: p.feedPath ? html`<link rel="alternate" type="application/rss+xml" title="${p.title}" href="${p.feedPath}">` : undefined,
  });
}
