import { html, type SafeHtml } from '../../shared/html.js';
import type { SearchHit, SearchResults } from '../../search/index.js';
import type { TextSegment } from '../../search/text/index.js';
import { formatDateTime, timeAgo, type MessageKey } from '../../i18n/index.js';
import { layout, asset, type PageContext } from './layout.js';
import { accessBadge, breadcrumbs, pager } from './components.js';
import { nrLayout, type NrContext } from './newsroom/layout.js';

/** Text segments with the matched ones in <mark>; every piece escaped. */
export function marked(segments: readonly TextSegment[]): SafeHtml {
  return html`${segments.map((s) => (s.match ? html`<mark>${s.text}</mark>` : s.text))}`;
}

/** The same as an HTML string, for the JSON API's `snippet`. */
export function markedHtml(segments: readonly TextSegment[]): string {
  return marked(segments).value;
}

export interface SearchForm {
  q: string;
  desk: string;
  from: string;
  to: string;
}

export interface SearchPageProps {
  form: SearchForm;
  /** null before anything is searched for. */
  results: SearchResults | null;
  sidebar: SafeHtml[];
}

function searchForm(ctx: PageContext, f: SearchForm, action: string): SafeHtml {
  const { t } = ctx;
  const open = Boolean(f.desk || f.from || f.to);
  return html`<form class="searchbox-form" role="search" method="get" action="${action}">
  <label class="visually-hidden" for="search-q">${t('search.label')}</label>
  <div class="searchbox">
    <input id="search-q" type="search" name="q" value="${f.q}" placeholder="${t('search.placeholder')}" maxlength="200" autocomplete="off" enterkeyhint="search"
      role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="search-suggest" data-suggest="/api/v1/search/suggest" data-suggest-label="${t('search.suggestions')}">
    <button class="button" type="submit">${t('search.button')}</button>
  </div>
  <ul id="search-suggest" class="suggest" role="listbox" aria-label="${t('search.suggestions')}" hidden></ul>
  <details class="search-filters"${open ? html` open` : ''}>
    <summary>${t('search.filters')}</summary>
    <div class="filter-row">
      <label>${t('search.desk')} <select name="desk"><option value="">${t('search.allDesks')}</option>${ctx.desks.map((d) => html`<option value="${d.slug}"${d.slug === f.desk ? html` selected` : ''}>${d.name}</option>`)}</select></label>
      <label>${t('search.from')} <input type="date" name="from" value="${f.from}"></label>
      <label>${t('search.to')} <input type="date" name="to" value="${f.to}"></label>
    </div>
  </details>
</form>`;
}

function hitItem(ctx: PageContext, h: SearchHit): SafeHtml {
  const c = h.card;
  return html`<li class="result">
  <h2>${accessBadge(ctx, c.access)}<a href="${c.path}">${marked(h.headline)}</a></h2>
  <p class="meta"><a href="/${c.desk.slug}">${c.desk.name}</a>${c.publishedAt ? html` · <time datetime="${c.publishedAt}">${timeAgo(c.publishedAt, ctx.now, ctx.locale)}</time>` : ''}</p>
  ${h.snippet.length ? html`<p class="snippet">${marked(h.snippet)}</p>` : ''}
</li>`;
}

export function searchPage(ctx: PageContext, p: SearchPageProps): SafeHtml {
  const { t } = ctx;
  const r = p.results;
  const query: Record<string, string> = { q: p.form.q };
  if (p.form.desk) query.desk = p.form.desk;
  if (p.form.from) query.from = p.form.from;
  if (p.form.to) query.to = p.form.to;
  const body = !r
    ? html`<p>${t('search.intro')}</p>`
    : r.empty
      ? html`<p role="status">${t('search.noWords')}</p>`
      : html`<p class="result-count" role="status">${t('search.count', { q: p.form.q, n: r.total })}</p>
${r.hits.length ? html`<ol class="results">${r.hits.map((h) => hitItem(ctx, h))}</ol>` : html`<p>${t('search.none')}</p>`}
${pager(ctx, '/search', r.page, r.total, r.limit, query)}`;
  const main = html`${breadcrumbs(ctx, [{ name: t('nav.home'), href: '/' }, { name: t('search.title') }])}
<div class="grid with-aside">
  <div>
    <h1>${t('search.title')}</h1>
    ${searchForm(ctx, p.form, '/search')}
    ${body}
  </div>
  <aside>${p.sidebar}</aside>
</div>`;
  return layout(ctx, {
    title: p.form.q ? `${p.form.q} — ${t('search.title')}` : t('search.title'),
    description: t('search.intro'),
    canonical: '/search',
    main,
    head: html`<link rel="stylesheet" href="${asset(ctx, 'search.css')}">`,
    scripts: ['search.js'],
    // Result pages are for readers, not for search engines' indexes.
    robots: p.form.q ? 'noindex, follow' : undefined,
  });
}

export interface StaffSearchProps {
  form: SearchForm;
  results: SearchResults | null;
  desks: { slug: string; name: string }[];
}

/** The newsroom's search: every story, drafts included, with its status and a link to edit it. */
export function staffSearchPage(ctx: NrContext, p: StaffSearchProps): SafeHtml {
  const { t } = ctx;
  const r = p.results;
  const query = new URLSearchParams({ q: p.form.q, ...(p.form.desk ? { desk: p.form.desk } : {}), ...(p.form.from ? { from: p.form.from } : {}), ...(p.form.to ? { to: p.form.to } : {}) });
  const pages = r ? Math.max(1, Math.ceil(r.total / r.limit)) : 1;
  const link = (page: number) => `/newsroom/search?${new URLSearchParams([...query, ['page', String(page)]]).toString()}`;
  const main = html`<h1>${t('search.staffTitle')}</h1>
<form class="nr-search" role="search" method="get" action="/newsroom/search">
  <label for="nr-search-q">${t('search.label')}</label>
  <input id="nr-search-q" type="search" name="q" value="${p.form.q}" maxlength="200" autocomplete="off">
  <label>${t('search.desk')} <select name="desk"><option value="">${t('search.allDesks')}</option>${p.desks.map((d) => html`<option value="${d.slug}"${d.slug === p.form.desk ? html` selected` : ''}>${d.name}</option>`)}</select></label>
  <label>${t('search.from')} <input type="date" name="from" value="${p.form.from}"></label>
  <label>${t('search.to')} <input type="date" name="to" value="${p.form.to}"></label>
  <button type="submit">${t('search.button')}</button>
</form>
${!r ? '' : r.empty ? html`<p role="status">${t('search.noWords')}</p>` : html`<p role="status">${t('search.count', { q: p.form.q, n: r.total })}</p>
${r.hits.length ? html`<ol class="nr-results">${r.hits.map((h) => html`<li>
  <p><strong><a href="/newsroom/stories/${h.card.id}">${marked(h.headline)}</a></strong>
  <span class="nr-status nr-status-${h.card.status}">${t(`nr.status.${h.card.status}` as MessageKey)}</span>
  ${h.card.status === 'published' ? html`<a href="${h.card.path}">${t('search.view')}</a>` : ''}</p>
  <p><small>${h.card.desk.name}${h.card.publishedAt ? html` · ${formatDateTime(h.card.publishedAt, ctx.locale)}` : ''}</small></p>
  ${h.snippet.length ? html`<p>${marked(h.snippet)}</p>` : ''}
</li>`)}</ol>` : html`<p>${t('search.none')}</p>`}
${pages > 1 ? html`<nav aria-label="${t('list.page')}"><p>${r.page > 1 ? html`<a rel="prev" href="${link(r.page - 1)}">← ${t('list.prev')}</a> ` : ''}${t('list.page')} ${r.page} / ${pages}${r.page < pages ? html` <a rel="next" href="${link(r.page + 1)}">${t('list.next')} →</a>` : ''}</p></nav>` : ''}`}`;
  return nrLayout(ctx, { title: t('search.title'), main });
}
