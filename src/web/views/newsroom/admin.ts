import { html, raw, type SafeHtml } from '../../../shared/html.js';
import type { FieldIssue } from '../../../shared/errors.js';
import { STAFF_ROLES, type AuditView, type DeskItem, type StaffListItem, type TagItem } from '../../../newsroom/index.js';
import { formatDateTime, formatNumber } from '../../../i18n/index.js';
import type { MessageKey } from '../../../i18n/index.js';
import { csrfField, issuesBox, nrLayout, type NrContext } from './layout.js';
import { auditLabel } from './editor.js';

export function desksPage(ctx: NrContext, p: { desks: DeskItem[]; issues?: FieldIssue[]; error?: string }): SafeHtml {
  const { t } = ctx;
  const row = (d: DeskItem) => html`<tr>
  <td colspan="6"><form method="post" action="/newsroom/desks/${d.id}" class="nr-rowform">${csrfField(ctx)}
    <label><span class="visually-hidden">${t('nr.f.nameHi')}</span><input name="nameHi" value="${d.nameHi}" required></label>
    <label><span class="visually-hidden">${t('nr.f.nameEn')}</span><input name="nameEn" value="${d.nameEn}" required></label>
    <label><span class="visually-hidden">${t('nr.f.slug')}</span><input name="slug" value="${d.slug}" required pattern="[a-z0-9]+(-[a-z0-9]+)*"></label>
    <label><span class="visually-hidden">${t('nr.f.dateline')}</span><input name="datelineLabel" value="${d.datelineLabel}"></label>
    <label><span class="visually-hidden">${t('nr.desks.position')}</span><input name="position" value="${d.position}" inputmode="numeric" size="3"></label>
    <span class="nr-small">${formatNumber(d.stories, ctx.locale)} ${t('list.stories')}</span>
    <button type="submit" class="nr-button">${t('nr.ed.save')}</button>
  </form>
  ${d.stories === 0 ? html`<form method="post" action="/newsroom/desks/${d.id}/delete" class="nr-inline">${csrfField(ctx)}<button type="submit" class="nr-link nr-danger-text">${t('nr.admin.delete')}</button></form>` : ''}</td>
</tr>`;
  const main = html`<h1>${t('nr.desks.title')}</h1>
${issuesBox(ctx, p.issues ?? [], p.error)}
<table class="nr-table"><thead><tr><th scope="col">${t('nr.f.nameHi')}</th><th scope="col">${t('nr.f.nameEn')}</th><th scope="col">${t('nr.f.slug')}</th><th scope="col">${t('nr.f.dateline')}</th><th scope="col">${t('nr.desks.position')}</th><th scope="col"></th></tr></thead>
<tbody>${p.desks.map(row)}</tbody></table>
<h2>${t('nr.desks.add')}</h2>
<form method="post" action="/newsroom/desks" class="nr-form nr-form-inline">${csrfField(ctx)}
  <label>${t('nr.f.nameHi')} <input name="nameHi" required></label>
  <label>${t('nr.f.nameEn')} <input name="nameEn" required></label>
  <label>${t('nr.f.slug')} <input name="slug" pattern="[a-z0-9]+(-[a-z0-9]+)*" placeholder="${t('nr.desks.slugAuto')}"></label>
  <label>${t('nr.f.dateline')} <input name="datelineLabel" placeholder="International Desk"></label>
  <label>${t('nr.desks.position')} <input name="position" inputmode="numeric" size="3" value="${p.desks.length + 1}"></label>
  <button type="submit" class="nr-button nr-primary">${t('nr.desks.add')}</button>
</form>`;
  return nrLayout(ctx, { title: t('nr.desks.title'), main, section: 'desks', wide: true });
}

export function tagsPage(ctx: NrContext, p: { items: TagItem[]; total: number; q: string; issues?: FieldIssue[]; error?: string }): SafeHtml {
  const { t } = ctx;
  const main = html`<h1>${t('nr.tags.title')}</h1>
${issuesBox(ctx, p.issues ?? [], p.error)}
<form method="post" action="/newsroom/tags" class="nr-form nr-form-inline">${csrfField(ctx)}
  <label>${t('nr.f.name')} <input name="name" required></label>
  <label>${t('nr.f.slug')} <input name="slug" pattern="[a-z0-9]+(-[a-z0-9]+)*" placeholder="${t('nr.desks.slugAuto')}"></label>
  <button type="submit" class="nr-button nr-primary">${t('nr.tags.add')}</button>
</form>
<form class="nr-filters" method="get" action="/newsroom/tags" role="search"><label>${t('nr.list.search')} <input type="search" name="q" value="${p.q}"></label><button class="nr-button" type="submit">${t('nr.list.filter')}</button></form>
<p class="nr-count">${formatNumber(p.total, ctx.locale)}</p>
<table class="nr-table"><thead><tr><th scope="col">${t('nr.f.name')} / ${t('nr.f.slug')}</th><th scope="col">${t('list.stories')}</th><th scope="col"></th></tr></thead>
<tbody>${p.items.map((tg) => html`<tr><td><form method="post" action="/newsroom/tags/${tg.id}" class="nr-rowform">${csrfField(ctx)}
  <label><span class="visually-hidden">${t('nr.f.name')}</span><input name="name" value="${tg.name}" required></label>
  <label><span class="visually-hidden">${t('nr.f.slug')}</span><input name="slug" value="${tg.slug}" required pattern="[a-z0-9]+(-[a-z0-9]+)*"></label>
  <button type="submit" class="nr-button">${t('nr.ed.save')}</button></form></td>
  <td><a href="/tag/${tg.slug}" target="_blank" rel="noopener">${formatNumber(tg.stories, ctx.locale)}</a></td>
  <td><form method="post" action="/newsroom/tags/${tg.id}/delete" class="nr-inline">${csrfField(ctx)}<button type="submit" class="nr-link nr-danger-text">${t('nr.admin.delete')}</button></form></td></tr>`)}</tbody></table>`;
  return nrLayout(ctx, { title: t('nr.tags.title'), main, section: 'tags', wide: true });
}

export function staffPage(ctx: NrContext, p: { staff: StaffListItem[]; issues?: FieldIssue[]; error?: string }): SafeHtml {
  const { t } = ctx;
  const sel = (c: boolean) => (c ? raw(' selected') : '');
  const main = html`<h1>${t('nr.staff.title')}</h1>
${issuesBox(ctx, p.issues ?? [], p.error)}
<table class="nr-table"><thead><tr><th scope="col">${t('nr.f.name')}</th><th scope="col">${t('nr.f.email')}</th><th scope="col">${t('nr.f.role')}</th><th scope="col">${t('nr.staff.active')}</th><th scope="col"></th></tr></thead>
<tbody>${p.staff.map((s) => html`<tr${s.active ? '' : raw(' class="nr-aside"')}><td colspan="5"><form method="post" action="/newsroom/staff/${s.id}" class="nr-rowform">${csrfField(ctx)}
  <label><span class="visually-hidden">${t('nr.f.name')}</span><input name="name" value="${s.name}" required></label>
  <span>${s.email}${s.hasPassword ? '' : html` <small class="nr-warn">${t('nr.staff.noPassword')}</small>`}</span>
  <label><span class="visually-hidden">${t('nr.f.role')}</span><select name="role">${STAFF_ROLES.map((r) => html`<option value="${r}"${sel(s.role === r)}>${t(`nr.role.${r}` as MessageKey)}</option>`)}</select></label>
  <label><input type="checkbox" name="active" value="1"${s.active ? raw(' checked') : ''}> ${t('nr.staff.active')}</label>
  <button type="submit" class="nr-button">${t('nr.ed.save')}</button>
</form>
<form method="post" action="/newsroom/staff/${s.id}/invite" class="nr-inline">${csrfField(ctx)}<button type="submit" class="nr-link">${t('nr.staff.sendLink')}</button></form></td></tr>`)}</tbody></table>
<h2>${t('nr.staff.add')}</h2>
<form method="post" action="/newsroom/staff" class="nr-form nr-form-inline">${csrfField(ctx)}
  <label>${t('nr.f.name')} <input name="name" required></label>
  <label>${t('nr.f.nameEn')} <input name="nameEn"></label>
  <label>${t('nr.f.email')} <input name="email" type="email" required></label>
  <label>${t('nr.f.role')} <select name="role">${STAFF_ROLES.map((r) => html`<option value="${r}">${t(`nr.role.${r}` as MessageKey)}</option>`)}</select></label>
  <label>${t('nr.f.password')} <input name="password" type="password" autocomplete="new-password" placeholder="${t('nr.staff.passwordOptional')}"></label>
  <button type="submit" class="nr-button nr-primary">${t('nr.staff.add')}</button>
</form>
<p class="nr-hint">${t('nr.staff.addHint')}</p>`;
  return nrLayout(ctx, { title: t('nr.staff.title'), main, section: 'staff', wide: true });
}

export function auditPage(ctx: NrContext, p: { items: AuditView[]; total: number; page: number; limit: number; filter: { actor: string; subject: string } ; people: Array<{ id: number; name: string }> }): SafeHtml {
  const { t } = ctx;
  const pages = Math.max(1, Math.ceil(p.total / p.limit));
  const link = (page: number) => `/newsroom/audit?${new URLSearchParams({ ...(p.filter.actor ? { actor: p.filter.actor } : {}), ...(p.filter.subject ? { story: p.filter.subject } : {}), page: String(page) }).toString()}`;
  const subject = (e: AuditView) => {
    if (e.subjectType === 'article' && e.subjectId) return html`<a href="/newsroom/stories/${e.subjectId}">${t('nr.ed.story')} ${e.subjectId}</a>`;
    if (e.subjectType === 'image' && e.subjectId) return html`<a href="/newsroom/media/${e.subjectId}">${t('nr.ed.image')} ${e.subjectId}</a>`;
    return e.subjectType ? `${e.subjectType} ${e.subjectId ?? ''}` : '';
  };
  const main = html`<h1>${t('nr.audit.title')}</h1>
<form class="nr-filters" method="get" action="/newsroom/audit">
  <label>${t('nr.rev.who')} <select name="actor"><option value="">${t('nr.list.any')}</option>${p.people.map((x) => html`<option value="${x.id}"${p.filter.actor === String(x.id) ? raw(' selected') : ''}>${x.name}</option>`)}</select></label>
  <label>${t('nr.ed.story')} # <input name="story" value="${p.filter.subject}" inputmode="numeric" size="6"></label>
  <button class="nr-button" type="submit">${t('nr.list.filter')}</button>
</form>
<table class="nr-table"><thead><tr><th scope="col">${t('nr.rev.when')}</th><th scope="col">${t('nr.rev.who')}</th><th scope="col">${t('nr.rev.what')}</th><th scope="col">${t('nr.audit.subject')}</th><th scope="col">${t('nr.audit.details')}</th></tr></thead>
<tbody>${p.items.map((e) => html`<tr><td><time datetime="${e.at}">${formatDateTime(e.at, ctx.locale)}</time></td><td>${e.actorName ?? t('nr.audit.system')}</td><td>${auditLabel(ctx, e.action)}</td><td>${subject(e)}</td><td class="nr-small">${Object.keys(e.details).length ? JSON.stringify(e.details) : ''}${e.ip ? ` · ${e.ip}` : ''}</td></tr>`)}</tbody></table>
${pages > 1 ? html`<nav class="nr-pager">${p.page > 1 ? html`<a rel="prev" href="${link(p.page - 1)}">← ${t('list.prev')}</a>` : ''} <span>${t('list.page')} ${p.page} / ${pages}</span> ${p.page < pages ? html`<a rel="next" href="${link(p.page + 1)}">${t('list.next')} →</a>` : ''}</nav>` : ''}`;
  return nrLayout(ctx, { title: t('nr.audit.title'), main, section: 'audit', wide: true });
}
