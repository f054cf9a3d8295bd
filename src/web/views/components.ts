import { html, raw, type SafeHtml } from '../../shared/html.js';
import type { ArticleCard } from '../../content/index.js';
import { pictureHtml } from '../../media/index.js';
import { formatDateTime, timeAgo } from '../../i18n/index.js';
import type { PageContext } from './layout.js';

export function accessBadge(ctx: PageContext, access: string): SafeHtml | '' {
  if (access === 'premium') return html`<span class="badge">${ctx.t('article.premiumBadge')}</span>`;
  if (access === 'members') return html`<span class="badge members">${ctx.t('article.membersBadge')}</span>`;
  return '';
}

export function cardImage(card: ArticleCard, sizes: string, eager = false): SafeHtml | '' {
  if (!card.image) return '';
  return raw(pictureHtml(card.image, { alt: card.image.alt || card.headline, sizes, eager, fallbackWidth: 480 }));
}

export function storyCard(ctx: PageContext, c: ArticleCard, opts: { level?: 2 | 3; showDesk?: boolean; image?: boolean } = {}): SafeHtml {
  const h = opts.level === 2 ? 'h2' : 'h3';
  const img = opts.image !== false && c.image;
  return html`<li class="card${img ? '' : ' no-image'}">
  <div>
    ${raw(`<${h}>`)}${accessBadge(ctx, c.access)}<a href="${c.path}">${c.headline}</a>${raw(`</${h}>`)}
    <div class="meta">${opts.showDesk ? html`<a href="/${c.desk.slug}">${c.desk.name}</a> · ` : ''}${c.publishedAt ? html`<time datetime="${c.publishedAt}">${timeAgo(c.publishedAt, ctx.now, ctx.locale)}</time>` : ''}</div>
  </div>
  ${img ? html`<a class="thumb" href="${c.path}" tabindex="-1" aria-hidden="true">${cardImage(c, '(min-width: 720px) 160px, 120px')}</a>` : ''}
</li>`;
}

export function storyList(ctx: PageContext, cards: ArticleCard[], opts: { showDesk?: boolean; level?: 2 | 3 } = {}): SafeHtml {
  if (cards.length === 0) return html`<p>${ctx.t('list.empty')}</p>`;
  return html`<ul class="cards">${cards.map((c) => storyCard(ctx, c, opts))}</ul>`;
}

export function headlineList(cards: ArticleCard[], ordered = false): SafeHtml {
  const items = cards.map((c) => html`<li><a href="${c.path}">${c.headline}</a></li>`);
  return ordered ? html`<ol>${items}</ol>` : html`<ul>${items}</ul>`;
}

export function widget(title: string, body: SafeHtml, id?: string): SafeHtml {
  return html`<section class="widget"${id ? raw(` id="${id}"`) : ''} aria-labelledby="${id ?? ''}-h"><h2 id="${id ?? ''}-h">${title}</h2>${body}</section>`;
}

export function pager(ctx: PageContext, basePath: string, page: number, total: number, limit: number, query: Record<string, string> = {}): SafeHtml | '' {
  const pages = Math.max(1, Math.ceil(total / limit));
  if (pages <= 1) return '';
  const link = (p: number) => {
    const qs = new URLSearchParams({ ...query, ...(p > 1 ? { page: String(p) } : {}) }).toString();
    return `${basePath}${qs ? `?${qs}` : ''}`;
  };
  return html`<nav class="pager" aria-label="${ctx.t('list.page')}">
  ${page > 1 ? html`<a rel="prev" href="${link(page - 1)}">← ${ctx.t('list.prev')}</a>` : html`<span></span>`}
  <span>${ctx.t('list.page')} ${page} / ${pages}</span>
  ${page < pages ? html`<a rel="next" href="${link(page + 1)}">${ctx.t('list.next')} →</a>` : html`<span></span>`}
</nav>`;
}

export function premiumCta(ctx: PageContext): SafeHtml {
  return html`<aside class="cta" aria-labelledby="cta-h"><h2 id="cta-h">${ctx.t('premium.cta.title')}</h2><p>${ctx.t('premium.cta.body')}</p><a class="button" href="/premium">${ctx.t('premium.cta.button')}</a></aside>`;
}

export function breadcrumbs(ctx: PageContext, items: { name: string; href?: string }[]): SafeHtml {
  return html`<nav class="crumbs" aria-label="${ctx.t('nav.breadcrumb')}"><ol>${items.map((i) => html`<li>${i.href ? html`<a href="${i.href}">${i.name}</a>` : i.name}</li>`)}</ol></nav>`;
}

export function publishedTime(ctx: PageContext, iso: string | null): SafeHtml | '' {
  return iso ? html`<time datetime="${iso}">${formatDateTime(iso, ctx.locale)}</time>` : '';
}
