import { html, jsonForScript, raw, type SafeHtml } from '../../../shared/html.js';
import { ACCESS_LEVELS, HEADLINE_MAX, LANGS, SUMMARY_MAX, type DeskRef, type Doc } from '../../../content/index.js';
import { graphemeLength } from '../../../shared/text.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { AuditView, LibraryImage } from '../../../newsroom/index.js';
import { formatDateTime } from '../../../i18n/index.js';
import type { MessageKey } from '../../../i18n/index.js';
import { mediaUrl } from '../../../media/index.js';
import { csrfField, fieldError, issuesBox, nrLayout, statusLabel, type NrContext } from './layout.js';

/** What the writing screen's form shows: the stored story, or what was just sent when it needs fixing. */
export interface StoryFormValues {
  headline: string;
  slug: string;
  summary: string;
  doc: Doc;
  bodyHtml: string;
  deskId: number | null;
  tagNames: string[];
  authorIds: number[];
  editorId: number | null;
  dateline: string;
  imageId: number | null;
  access: string;
  lang: string;
  correction: string;
  scheduleAt: string;
}

export interface EditorProps {
  story: {
    id: number | null;
    version: number;
    status: string;
    livePath: string | null;
    publishedAt: string | null;
    updatedAt: string | null;
    scheduledAt: string | null;
    modifiedAt: string | null;
  };
  values: StoryFormValues;
  desks: DeskRef[];
  people: Array<{ id: number; name: string; role: string }>;
  hero: LibraryImage | null;
  issues: FieldIssue[];
  errorMessage?: string;
  canEdit: boolean;
  can: { submit: boolean; publish: boolean; schedule: boolean; unschedule: boolean; unpublish: boolean };
  pendingAutosave: { revisionId: number; at: string; diffFrom: number | null } | null;
  loadedRevision: { id: number; at: string } | null;
  history: AuditView[];
}

/** Strings the editor script shows (it has no catalogue of its own). */
const CLIENT_KEYS: MessageKey[] = [
  'nr.ed.saving', 'nr.ed.saved', 'nr.ed.savedKept', 'nr.ed.offline', 'nr.ed.unsaved', 'nr.ed.conflict', 'nr.ed.conflictReview', 'nr.ed.localDraft', 'nr.ed.localRestore',
  'nr.ed.localDiscard', 'nr.ed.slugFree', 'nr.ed.slugTaken', 'nr.ed.slugBad', 'nr.ed.bold', 'nr.ed.italic', 'nr.ed.h2', 'nr.ed.h3', 'nr.ed.quote', 'nr.ed.bullets',
  'nr.ed.numbers', 'nr.ed.link', 'nr.ed.unlink', 'nr.ed.image', 'nr.ed.related', 'nr.ed.undo', 'nr.ed.redo', 'nr.ed.linkPrompt', 'nr.ed.placeholder', 'nr.ed.pick',
  'nr.ed.pickSearch', 'nr.ed.pickNone', 'nr.ed.upload', 'nr.ed.close', 'nr.ed.relatedSearch', 'nr.ed.figCaption', 'nr.ed.figCredit', 'nr.ed.figAlt', 'nr.ed.figRemove',
  'nr.ed.heroChoose', 'nr.ed.heroRemove', 'nr.ed.chars', 'nr.ed.tooLong', 'nr.ed.tagAdd', 'nr.ed.uploadFailed', 'nr.ed.saveFailed', 'nr.f.alt', 'nr.ed.newTag',
];

function countBox(ctx: NrContext, id: string, value: string, soft: number, max: number): SafeHtml {
  return html`<span class="nr-counter" id="${id}-count" data-count-for="${id}" data-soft="${soft}" data-max="${max}" aria-live="off">${ctx.t('nr.ed.chars', { n: graphemeLength(value) })}</span>`;
}

export function editorPage(ctx: NrContext, p: EditorProps): SafeHtml {
  const { t } = ctx;
  const v = p.values;
  const s = p.story;
  const isNew = s.id === null;
  const action = isNew ? '/newsroom/stories' : `/newsroom/stories/${s.id}`;
  const sel = (cond: boolean) => (cond ? raw(' selected') : '');
  const live = s.status === 'published';
  const heroThumb = p.hero ? mediaUrl(p.hero, 320, 'jpg') : '';
  const strings = Object.fromEntries(CLIENT_KEYS.map((k) => [k, t(k)]));

  const statusBox = html`<section class="nr-box nr-statusbox" aria-labelledby="st-h">
  <h2 id="st-h">${isNew ? t('nr.ed.newStory') : html`<span class="nr-status nr-status-${s.status}">${statusLabel(ctx, s.status)}</span>`}</h2>
  ${isNew ? '' : html`<dl class="nr-meta">
    <dt>${t('nr.ed.version')}</dt><dd id="nr-version-label">${s.version}</dd>
    ${s.publishedAt ? html`<dt>${t('nr.ed.published')}</dt><dd><time datetime="${s.publishedAt}">${formatDateTime(s.publishedAt, ctx.locale)}</time></dd>` : ''}
    ${s.updatedAt && s.updatedAt !== s.publishedAt ? html`<dt>${t('nr.ed.updated')}</dt><dd><time datetime="${s.updatedAt}">${formatDateTime(s.updatedAt, ctx.locale)}</time></dd>` : ''}
    ${s.status === 'scheduled' && s.scheduledAt ? html`<dt>${t('nr.ed.scheduledFor')}</dt><dd><time datetime="${s.scheduledAt}">${formatDateTime(s.scheduledAt, ctx.locale)}</time></dd>` : ''}
    ${s.modifiedAt ? html`<dt>${t('nr.ed.lastSaved')}</dt><dd><time datetime="${s.modifiedAt}">${formatDateTime(s.modifiedAt, ctx.locale)}</time></dd>` : ''}
  </dl>`}
  <p id="nr-save-state" class="nr-save-state" role="status" aria-live="polite"></p>
  ${live && s.livePath ? html`<p><a href="${s.livePath}" target="_blank" rel="noopener">${t('nr.ed.viewLive')}</a></p>` : ''}
  ${p.canEdit
    ? html`<div class="nr-actions">
    <button type="submit" name="action" value="save" class="nr-button nr-primary">${live ? t('nr.ed.update') : isNew ? t('nr.ed.saveDraft') : t('nr.ed.save')}</button>
    ${isNew ? '' : html`<button type="submit" name="action" value="preview" class="nr-button">${t('nr.ed.savePreview')}</button>`}
    ${!isNew && p.can.submit && ['draft', 'unpublished'].includes(s.status) ? html`<button type="submit" name="action" value="submit" class="nr-button">${t('nr.ed.submit')}</button>` : ''}
    ${!isNew && p.can.publish && s.status !== 'published' ? html`<button type="submit" name="action" value="publish" class="nr-button nr-go">${t('nr.ed.publish')}</button>` : ''}
  </div>
  ${!isNew && p.can.schedule && s.status !== 'published' ? html`<div class="nr-schedule">
    <label for="f-scheduleAt">${t('nr.ed.scheduleLabel')}</label>
    <input id="f-scheduleAt" name="scheduleAt" type="datetime-local" value="${v.scheduleAt}">
    ${fieldError(p.issues, 'scheduleAt', 'scheduledAt')}
    <button type="submit" name="action" value="schedule" class="nr-button">${s.status === 'scheduled' ? t('nr.ed.reschedule') : t('nr.ed.schedule')}</button>
    ${s.status === 'scheduled' && p.can.unschedule ? html`<button type="submit" name="action" value="unschedule" class="nr-button">${t('nr.ed.unschedule')}</button>` : ''}
  </div>` : ''}
  ${!isNew && live && p.can.unpublish ? html`<div class="nr-actions"><button type="submit" name="action" value="unpublish" class="nr-button nr-danger">${t('nr.ed.unpublish')}</button></div>` : ''}`
    : html`<p class="nr-hint">${t('nr.ed.readOnly')}</p>`}
  ${isNew ? '' : html`<ul class="nr-links">
    <li><a href="/newsroom/stories/${s.id}/preview" target="_blank" rel="noopener">${t('nr.ed.preview')}</a></li>
    <li><a href="/newsroom/stories/${s.id}/revisions">${t('nr.ed.revisions')}</a></li>
  </ul>`}
</section>`;

  const side = html`<aside class="nr-ed-side">
${statusBox}
<section class="nr-box" aria-labelledby="place-h"><h2 id="place-h">${t('nr.ed.placement')}</h2>
  <label for="f-deskId">${t('nr.f.desk')}</label>
  <select id="f-deskId" name="deskId" required>${v.deskId === null ? html`<option value="">—</option>` : ''}${p.desks.map((d) => html`<option value="${d.id}" data-dateline="${d.datelineLabel}"${sel(v.deskId === d.id)}>${d.name} (${d.nameEn})</option>`)}</select>
  ${fieldError(p.issues, 'desk', 'deskId')}
  <label for="f-dateline">${t('nr.f.dateline')}</label>
  <input id="f-dateline" name="dateline" value="${v.dateline}" maxlength="120">
  <label for="f-tags">${t('nr.f.tags')}</label>
  <input id="f-tags" name="tags" value="${v.tagNames.join(', ')}" autocomplete="off" data-tags-url="/newsroom/tags.json" aria-describedby="tags-hint">
  <p class="nr-hint" id="tags-hint">${t('nr.ed.tagsHint')}</p>
  ${fieldError(p.issues, 'tags')}
  <label for="f-authorIds">${t('nr.f.authors')}</label>
  <select id="f-authorIds" name="authorIds" multiple size="5">${p.people.map((x) => html`<option value="${x.id}"${sel(v.authorIds.includes(x.id))}>${x.name}</option>`)}</select>
  ${fieldError(p.issues, 'authors', 'authorIds')}
  <label for="f-editorId">${t('nr.f.editor')}</label>
  <select id="f-editorId" name="editorId"><option value="">—</option>${p.people.filter((x) => x.role === 'editor' || x.role === 'admin' || x.id === v.editorId).map((x) => html`<option value="${x.id}"${sel(v.editorId === x.id)}>${x.name}</option>`)}</select>
  <label for="f-access">${t('nr.f.access')}</label>
  <select id="f-access" name="access">${ACCESS_LEVELS.map((a) => html`<option value="${a}"${sel(v.access === a)}>${t(`nr.access.${a}` as MessageKey)}</option>`)}</select>
  <label for="f-lang">${t('nr.f.lang')}</label>
  <select id="f-lang" name="lang">${LANGS.map((l) => html`<option value="${l}"${sel(v.lang === l)}>${l === 'hi' ? 'हिंदी' : 'English'}</option>`)}</select>
</section>
<section class="nr-box" aria-labelledby="hero-h"><h2 id="hero-h">${t('nr.f.image')}</h2>
  <div id="nr-hero-preview" class="nr-hero-preview">${p.hero ? html`<img src="${heroThumb}" alt="${p.hero.alt}" width="160"><p class="nr-small">${p.hero.title || p.hero.alt}${p.hero.alt ? '' : html` <strong class="nr-warn">${t('nr.ed.noAlt')}</strong>`}</p>` : ''}</div>
  <label for="f-imageId">${t('nr.ed.imageId')}</label>
  <input id="f-imageId" name="imageId" inputmode="numeric" pattern="[0-9]*" value="${v.imageId ?? ''}" aria-describedby="img-hint">
  <p class="nr-hint" id="img-hint">${t('nr.ed.imageHint')} <a href="/newsroom/media" target="_blank" rel="noopener">${t('nr.nav.media')}</a></p>
  ${fieldError(p.issues, 'image', 'imageId')}
</section>
<section class="nr-box" aria-labelledby="corr-h"><h2 id="corr-h">${t('nr.f.correction')}</h2>
  <label for="f-correction" class="visually-hidden">${t('nr.f.correction')}</label>
  <textarea id="f-correction" name="correction" rows="3" maxlength="2000">${v.correction}</textarea>
  <p class="nr-hint">${t('nr.ed.correctionHint')}</p>
</section>
</aside>`;

  const mainCol = html`<div class="nr-ed-main">
  <div id="nr-local-draft" class="nr-banner" hidden></div>
  <div id="nr-conflict" class="nr-banner nr-banner-bad" role="alert" hidden></div>
  ${p.pendingAutosave ? html`<div class="nr-banner" role="status">${t('nr.ed.pendingAutosave', { when: formatDateTime(p.pendingAutosave.at, ctx.locale) })}
    <a href="/newsroom/stories/${s.id}?revision=${p.pendingAutosave.revisionId}">${t('nr.ed.loadIt')}</a>
    ${p.pendingAutosave.diffFrom ? html` · <a href="/newsroom/stories/${s.id}/revisions/diff?from=${p.pendingAutosave.diffFrom}&amp;to=${p.pendingAutosave.revisionId}">${t('nr.rev.compare')}</a>` : ''}</div>` : ''}
  ${p.loadedRevision ? html`<div class="nr-banner" role="status">${t('nr.ed.loadedRevision', { id: p.loadedRevision.id, when: formatDateTime(p.loadedRevision.at, ctx.locale) })}</div>` : ''}
  <label for="f-headline" class="nr-label-big">${t('nr.f.headline')}</label>
  <div class="nr-with-count"><textarea id="f-headline" name="headline" rows="2" maxlength="${HEADLINE_MAX}" required lang="${v.lang}" class="nr-headline">${v.headline}</textarea>${countBox(ctx, 'f-headline', v.headline, 80, HEADLINE_MAX)}</div>
  ${fieldError(p.issues, 'headline')}
  <label for="f-slug">${t('nr.f.slug')}</label>
  <div class="nr-slug"><span class="nr-small">/…/news/</span><input id="f-slug" name="slug" value="${v.slug}" maxlength="120" pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off" spellcheck="false" data-slug-url="/newsroom/slug" data-touched="${v.slug ? '1' : ''}" aria-describedby="slug-status"><span class="nr-small">-${s.id ?? 'id'}</span></div>
  <p id="slug-status" class="nr-hint" aria-live="polite">${isNew && !v.slug ? t('nr.ed.slugAuto') : ''}</p>
  ${fieldError(p.issues, 'slug')}
  <label for="f-summary">${t('nr.f.summary')}</label>
  <div class="nr-with-count"><textarea id="f-summary" name="summary" rows="3" maxlength="${SUMMARY_MAX}" lang="${v.lang}">${v.summary}</textarea>${countBox(ctx, 'f-summary', v.summary, 250, SUMMARY_MAX)}</div>
  ${fieldError(p.issues, 'summary')}
  <label for="f-body" id="body-label">${t('nr.f.body')}</label>
  <div id="nr-body-rich" class="nr-rich" hidden></div>
  <textarea id="f-body" name="body_html" rows="22" class="nr-body-html" lang="${v.lang}" aria-describedby="body-hint">${v.bodyHtml}</textarea>
  <p class="nr-hint" id="body-hint">${t('nr.ed.bodyHint')}</p>
  ${fieldError(p.issues, 'body')}
</div>`;

  const historyBox = p.history.length
    ? html`<section class="nr-history" aria-labelledby="hist-h"><h2 id="hist-h">${t('nr.ed.history')}</h2><ol>${p.history.map((h) => html`<li><time datetime="${h.at}">${formatDateTime(h.at, ctx.locale)}</time> — ${h.actorName ?? t('nr.audit.system')}: ${auditLabel(ctx, h.action)}</li>`)}</ol></section>`
    : '';

  const main = html`<h1 class="visually-hidden">${isNew ? t('nr.ed.newStory') : v.headline}</h1>
${issuesBox(ctx, p.issues, p.errorMessage)}
<form id="nr-story" class="nr-editor" method="post" action="${action}" novalidate
  data-story-id="${s.id ?? ''}" data-status="${s.status}" data-autosave-url="${isNew ? '/newsroom/stories' : `/newsroom/stories/${s.id}/autosave`}">
  ${csrfField(ctx)}
  <input type="hidden" name="version" value="${s.version}">
  <input type="hidden" name="body_format" value="html">
  <input type="hidden" name="doc" value="">
  <fieldset class="nr-ed-grid"${p.canEdit ? '' : raw(' disabled')}>
    <legend class="visually-hidden">${t('nr.ed.story')}</legend>
    ${mainCol}
    ${side}
  </fieldset>
</form>
${historyBox}`;
  const data = html`<script type="application/json" id="nr-doc">${jsonForScript(v.doc)}</script>
<script type="application/json" id="nr-i18n">${jsonForScript(strings)}</script>`;
  return nrLayout(ctx, { title: isNew ? t('nr.ed.newStory') : v.headline || t('nr.ed.story'), main, section: isNew ? 'new' : 'stories', scripts: p.canEdit ? ['editor.js'] : [], data, wide: true });
}

export function auditLabel(ctx: NrContext, action: string): string {
  const key = `nr.act.${action}` as MessageKey;
  const s = ctx.t(key);
  return s === key ? action : s;
}
