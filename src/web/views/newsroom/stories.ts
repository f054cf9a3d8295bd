import { html, raw, type SafeHtml } from '../../../shared/html.js';
import { STATUSES, type DeskRef } from '../../../content/index.js';
import type { StoryListItem } from '../../../newsroom/index.js';
import { formatDateTime, formatNumber } from '../../../i18n/index.js';
import { nrLayout, statusLabel, type NrContext } from './layout.js';

export interface StoryListProps {
  items: StoryListItem[];
  total: number;
  page: number;
  limit: number;
  filter: { status: string; desk: string; author: string; from: string; to: string; q: string };
  desks: DeskRef[];
  people: Array<{ id: number; name: string }>;
  mineOnly: boolean;
}

export function storyListPage(ctx: NrContext, p: StoryListProps): SafeHtml {
  const { t } = ctx;
  const f = p.filter;
  const sel = (cond: boolean) => (cond ? raw(' selected') : '');
  const pages = Math.max(1, Math.ceil(p.total / p.limit));
  const qs = (page: number) => {
    const params = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== ''));
    if (page > 1) params.set('page', String(page));
    const s = params.toString();
    return s ? `/newsroom?${s}` : '/newsroom';
  };
  const main = html`<div class="nr-head"><h1>${p.mineOnly ? t('nr.list.mine') : t('nr.list.title')}</h1><a class="nr-button nr-primary" href="/newsroom/stories/new">${t('nr.nav.new')}</a></div>
<form class="nr-filters" method="get" action="/newsroom" role="search">
  <label>${t('nr.list.search')} <input type="search" name="q" value="${f.q}" placeholder="${t('nr.list.searchHint')}"></label>
  <label>${t('nr.f.status')} <select name="status"><option value="">${t('nr.list.any')}</option>${STATUSES.map((s) => html`<option value="${s}"${sel(f.status === s)}>${statusLabel(ctx, s)}</option>`)}</select></label>
  <label>${t('nr.f.desk')} <select name="desk"><option value="">${t('nr.list.any')}</option>${p.desks.map((d) => html`<option value="${d.id}"${sel(f.desk === String(d.id))}>${d.name}</option>`)}</select></label>
  ${p.mineOnly ? '' : html`<label>${t('nr.f.authors')} <select name="author"><option value="">${t('nr.list.any')}</option>${p.people.map((x) => html`<option value="${x.id}"${sel(f.author === String(x.id))}>${x.name}</option>`)}</select></label>`}
  <label>${t('nr.list.from')} <input type="date" name="from" value="${f.from}"></label>
  <label>${t('nr.list.to')} <input type="date" name="to" value="${f.to}"></label>
  <button type="submit" class="nr-button">${t('nr.list.filter')}</button>
  <a href="/newsroom">${t('nr.list.clear')}</a>
</form>
<p class="nr-count">${formatNumber(p.total, ctx.locale)} ${t('list.stories')}</p>
${p.items.length === 0
    ? html`<p>${t('nr.list.empty')}</p>`
    : html`<table class="nr-table nr-stories">
<thead><tr><th scope="col">${t('nr.f.headline')}</th><th scope="col">${t('nr.f.status')}</th><th scope="col">${t('nr.f.desk')}</th><th scope="col">${t('nr.f.authors')}</th><th scope="col">${t('nr.list.changed')}</th></tr></thead>
<tbody>${p.items.map((s) => html`<tr>
  <td><a href="/newsroom/stories/${s.id}">${s.headline}</a>${s.status === 'published' ? html` <a class="nr-small" href="/${s.deskSlug}/news/${s.slug}-${s.id}" target="_blank" rel="noopener">${t('nr.list.view')}</a>` : ''}</td>
  <td><span class="nr-status nr-status-${s.status}">${statusLabel(ctx, s.status)}</span>${s.status === 'scheduled' && s.scheduledAt ? html`<br><small><time datetime="${s.scheduledAt}">${formatDateTime(s.scheduledAt, ctx.locale)}</time></small>` : ''}</td>
  <td>${s.deskName}</td>
  <td>${s.authors.join(', ')}</td>
  <td><time datetime="${s.modifiedAt}">${formatDateTime(s.modifiedAt, ctx.locale)}</time></td>
</tr>`)}</tbody></table>`}
${pages > 1 ? html`<nav class="nr-pager" aria-label="${t('list.page')}">${p.page > 1 ? html`<a rel="prev" href="${qs(p.page - 1)}">← ${t('list.prev')}</a>` : ''} <span>${t('list.page')} ${p.page} / ${pages}</span> ${p.page < pages ? html`<a rel="next" href="${qs(p.page + 1)}">${t('list.next')} →</a>` : ''}</nav>` : ''}`;
  return nrLayout(ctx, { title: t('nr.list.title'), main, section: 'stories', wide: true });
}
