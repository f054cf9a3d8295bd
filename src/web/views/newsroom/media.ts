import { html, type SafeHtml } from '../../../shared/html.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { LibraryImage } from '../../../newsroom/index.js';
import { mediaUrl } from '../../../media/index.js';
import { formatDateTime, formatNumber } from '../../../i18n/index.js';
import { csrfField, fieldError, issuesBox, nrLayout, type NrContext } from './layout.js';

function kb(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

export function uploadForm(ctx: NrContext, maxBytes: number, issues: FieldIssue[] = []): SafeHtml {
  const { t } = ctx;
  return html`<form class="nr-form nr-upload" method="post" action="/newsroom/media" enctype="multipart/form-data">
  ${csrfField(ctx)}
  <label for="f-file">${t('nr.f.file')}</label>
  <input id="f-file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" required aria-describedby="file-hint">
  <p class="nr-hint" id="file-hint">${t('nr.media.limits', { size: kb(maxBytes) })}</p>
  ${fieldError(issues, 'file')}
  <label for="f-title">${t('nr.f.title')}</label><input id="f-title" name="title" maxlength="300">
  <label for="f-alt">${t('nr.f.alt')}</label><input id="f-alt" name="alt" maxlength="500" aria-describedby="alt-hint">
  <p class="nr-hint" id="alt-hint">${t('nr.media.altHint')}</p>
  <label for="f-caption">${t('nr.f.caption')}</label><input id="f-caption" name="caption" maxlength="2000">
  <label for="f-credit">${t('nr.f.credit')}</label><input id="f-credit" name="credit" maxlength="300">
  <button type="submit" class="nr-button nr-primary">${t('nr.media.upload')}</button>
</form>`;
}

export function mediaPage(ctx: NrContext, p: { items: LibraryImage[]; total: number; q: string; page: number; limit: number; maxBytes: number; issues?: FieldIssue[]; error?: string }): SafeHtml {
  const { t } = ctx;
  const pages = Math.max(1, Math.ceil(p.total / p.limit));
  const link = (page: number) => `/newsroom/media?${new URLSearchParams({ ...(p.q ? { q: p.q } : {}), page: String(page) }).toString()}`;
  const main = html`<h1>${t('nr.media.title')}</h1>
${issuesBox(ctx, p.issues ?? [], p.error)}
<div class="nr-media-top">
<details class="nr-box"${p.issues?.length || p.error ? ' open' : ''}><summary>${t('nr.media.upload')}</summary>${uploadForm(ctx, p.maxBytes, p.issues)}</details>
<form class="nr-filters" method="get" action="/newsroom/media" role="search"><label>${t('nr.media.search')} <input type="search" name="q" value="${p.q}"></label><button class="nr-button" type="submit">${t('nr.list.filter')}</button></form>
</div>
<p class="nr-count">${formatNumber(p.total, ctx.locale)} ${t('nr.media.images')}</p>
<ul class="nr-grid">${p.items.map((i) => html`<li class="nr-tile">
  <a href="/newsroom/media/${i.id}"><img src="${mediaUrl(i, 320, 'jpg')}" alt="${i.alt}" width="160" height="${Math.round((160 * i.height) / Math.max(1, i.width))}" loading="lazy"></a>
  <p><a href="/newsroom/media/${i.id}">#${i.id} ${i.title || t('nr.media.untitled')}</a></p>
  <p class="nr-small">${i.width}×${i.height} · ${kb(i.bytes)}${i.alt ? '' : html` · <strong class="nr-warn">${t('nr.ed.noAlt')}</strong>`}</p>
</li>`)}</ul>
${pages > 1 ? html`<nav class="nr-pager">${p.page > 1 ? html`<a rel="prev" href="${link(p.page - 1)}">← ${t('list.prev')}</a>` : ''} <span>${t('list.page')} ${p.page} / ${pages}</span> ${p.page < pages ? html`<a rel="next" href="${link(p.page + 1)}">${t('list.next')} →</a>` : ''}</nav>` : ''}`;
  return nrLayout(ctx, { title: t('nr.media.title'), main, section: 'media', wide: true });
}

export function mediaEditPage(ctx: NrContext, p: { image: LibraryImage; issues?: FieldIssue[]; saved?: boolean }): SafeHtml {
  const { t } = ctx;
  const i = p.image;
  const snippet = `<figure data-credit="${i.credit}"><img src="${mediaUrl(i, 640, 'jpg')}" alt="${i.alt}"><figcaption>${i.caption}</figcaption></figure>`;
  const main = html`<p class="nr-crumbs"><a href="/newsroom/media">← ${t('nr.media.title')}</a></p>
<h1>${t('nr.media.one', { id: i.id })}</h1>
${issuesBox(ctx, p.issues ?? [])}
<div class="nr-media-edit">
  <img src="${mediaUrl(i, Math.min(640, i.width) >= 640 ? 640 : 320, 'jpg')}" alt="${i.alt}" class="nr-media-big">
  <form class="nr-form" method="post" action="/newsroom/media/${i.id}">
    ${csrfField(ctx)}
    <label for="f-title">${t('nr.f.title')}</label><input id="f-title" name="title" value="${i.title}" maxlength="300">
    <label for="f-alt">${t('nr.f.alt')}</label><input id="f-alt" name="alt" value="${i.alt}" maxlength="500" aria-describedby="alt-hint">
    <p class="nr-hint" id="alt-hint">${t('nr.media.altHint')}</p>
    ${fieldError(p.issues ?? [], 'alt')}
    <label for="f-caption">${t('nr.f.caption')}</label><textarea id="f-caption" name="caption" rows="3" maxlength="2000">${i.caption}</textarea>
    <label for="f-credit">${t('nr.f.credit')}</label><input id="f-credit" name="credit" value="${i.credit}" maxlength="300">
    <button type="submit" class="nr-button nr-primary">${t('nr.ed.save')}</button>
  </form>
</div>
<dl class="nr-meta"><dt>${t('nr.media.size')}</dt><dd>${i.width}×${i.height} · ${i.mime} · ${kb(i.bytes)}</dd><dt>${t('nr.media.added')}</dt><dd>${formatDateTime(i.createdAt, ctx.locale)}</dd></dl>
<label for="f-snippet">${t('nr.media.snippet')}</label>
<textarea id="f-snippet" readonly rows="3" class="nr-code">${snippet}</textarea>`;
  return nrLayout(ctx, { title: t('nr.media.one', { id: i.id }), main, section: 'media' });
}
