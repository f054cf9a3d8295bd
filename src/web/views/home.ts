import { html, type SafeHtml } from '../../shared/html.js';
import type { ArticleCard, DeskRef } from '../../content/index.js';
import { layout, type PageContext } from './layout.js';
import { accessBadge, cardImage, premiumCta, storyList } from './components.js';

export interface HomeProps {
  lead: ArticleCard | null;
  top: ArticleCard[];
  deskBlocks: { desk: DeskRef; cards: ArticleCard[] }[];
  latest: ArticleCard[];
  sidebar: SafeHtml[];
}

export function homePage(ctx: PageContext, p: HomeProps): SafeHtml {
  const { t } = ctx;
  const lead = p.lead;
  const main = html`<h1 class="visually-hidden">${ctx.siteName} — ${t('home.title')}</h1>
<div class="grid with-aside">
  <div>
    <div class="home-top">
      ${lead ? html`<article class="lead" aria-labelledby="lead-h">
        <a href="${lead.path}" tabindex="-1" aria-hidden="true">${cardImage(lead, '(min-width: 960px) 560px, 100vw', true)}</a>
        <h2 id="lead-h">${accessBadge(ctx, lead.access)}<a href="${lead.path}">${lead.headline}</a></h2>
        <p>${lead.summary}</p>
      </article>` : ''}
      <section aria-labelledby="top-h"><h2 class="section-title" id="top-h">${t('home.top')}</h2>${storyList(ctx, p.top, { showDesk: true })}</section>
    </div>
    ${premiumCta(ctx)}
    <div class="desk-blocks">
      ${p.deskBlocks.filter((b) => b.cards.length).map((b) => html`<section aria-labelledby="desk-${b.desk.slug}"><h2 class="section-title" id="desk-${b.desk.slug}"><a href="/${b.desk.slug}">${b.desk.name}</a></h2>${storyList(ctx, b.cards)}</section>`)}
    </div>
  </div>
  <aside>
    ${p.sidebar}
    <section class="widget" aria-labelledby="latest-h"><h2 id="latest-h">${t('home.latest')}</h2>${storyList(ctx, p.latest, { showDesk: true })}</section>
  </aside>
</div>`;
  return layout(ctx, { title: `${ctx.siteName} — ${t('home.title')}`, description: t('site.tagline'), canonical: '/', main });
}
