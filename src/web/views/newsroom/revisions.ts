import { html, raw, type SafeHtml } from '../../../shared/html.js';
import { renderDoc, type Doc } from '../../../content/index.js';
import { escapeHtml } from '../../../shared/html.js';
import type { DiffPart, Revision, SnapshotDiff, StorySnapshot } from '../../../newsroom/index.js';
import { formatDateTime } from '../../../i18n/index.js';
import type { MessageKey } from '../../../i18n/index.js';
import { csrfField, fieldLabel, nrLayout, statusLabel, type NrContext } from './layout.js';

/** A body for reading inside the newsroom: images as short placeholders, everything escaped by renderDoc. */
export function bodyForReview(ctx: NrContext, doc: Doc): SafeHtml {
  return raw(renderDoc(doc, { figure: (a) => `<p class="nr-fig">[${escapeHtml(ctx.t('nr.ed.image'))} ${a.imageId ?? '?'}${a.caption ? `: ${escapeHtml(a.caption)}` : ''}${a.alt ? '' : ` — ${escapeHtml(ctx.t('nr.ed.noAlt'))}`}]</p>`, relatedLabel: ctx.t('article.alsoRead') }));
}

export function diffHtml(parts: DiffPart[]): SafeHtml {
  if (parts.length === 0) return html`<span class="nr-small">—</span>`;
  return html`${parts.map((p) => (p.op === 'eq' ? html`<span>${p.text}</span>` : p.op === 'del' ? html`<del>${p.text}</del>` : html`<ins>${p.text}</ins>`))}`;
}

function kindLabel(ctx: NrContext, r: Pick<Revision, 'kind' | 'applied'>): string {
  const base = ctx.t(`nr.rev.kind.${r.kind}` as MessageKey);
  return r.applied ? base : `${base} (${ctx.t('nr.rev.notApplied')})`;
}

export function revisionsPage(ctx: NrContext, p: { storyId: number; headline: string; revisions: Revision[]; currentVersion: number; canRestore: boolean }): SafeHtml {
  const { t } = ctx;
  const revs = p.revisions;
  const main = html`<p class="nr-crumbs"><a href="/newsroom/stories/${p.storyId}">← ${p.headline}</a></p>
<h1>${t('nr.rev.title')}</h1>
${revs.length === 0 ? html`<p>${t('nr.rev.none')}</p>` : html`<form method="get" action="/newsroom/stories/${p.storyId}/revisions/diff">
<table class="nr-table">
<thead><tr><th scope="col">${t('nr.rev.from')}</th><th scope="col">${t('nr.rev.to')}</th><th scope="col">#</th><th scope="col">${t('nr.rev.when')}</th><th scope="col">${t('nr.rev.who')}</th><th scope="col">${t('nr.rev.what')}</th><th scope="col">${t('nr.f.headline')}</th><th scope="col"></th></tr></thead>
<tbody>${revs.map((r, i) => html`<tr${r.applied ? '' : raw(' class="nr-aside"')}>
  <td><input type="radio" name="from" value="${r.id}" aria-label="${t('nr.rev.from')} #${r.id}"${i === 1 || (revs.length === 1 && i === 0) ? raw(' checked') : ''}></td>
  <td><input type="radio" name="to" value="${r.id}" aria-label="${t('nr.rev.to')} #${r.id}"${i === 0 ? raw(' checked') : ''}></td>
  <td>${r.id}</td>
  <td><time datetime="${r.updatedAt}">${formatDateTime(r.updatedAt, ctx.locale)}</time></td>
  <td>${r.authorName ?? t('nr.audit.system')}</td>
  <td>${kindLabel(ctx, r)} · v${r.version} · ${statusLabel(ctx, r.snapshot.status)}</td>
  <td>${r.snapshot.headline}</td>
  <td><a href="/newsroom/stories/${p.storyId}/revisions/${r.id}">${t('nr.rev.view')}</a></td>
</tr>`)}</tbody></table>
<button type="submit" class="nr-button">${t('nr.rev.compare')}</button>
</form>`}`;
  return nrLayout(ctx, { title: t('nr.rev.title'), main, section: 'stories', wide: true });
}

export function revisionPage(ctx: NrContext, p: { storyId: number; revision: Revision; canRestore: boolean; currentVersion: number }): SafeHtml {
  const { t } = ctx;
  const r = p.revision;
  const s = r.snapshot;
  const main = html`<p class="nr-crumbs"><a href="/newsroom/stories/${p.storyId}/revisions">← ${t('nr.rev.title')}</a></p>
<h1>${t('nr.rev.one', { id: r.id })}</h1>
<p class="nr-small">${kindLabel(ctx, r)} · v${r.version} · ${r.authorName ?? t('nr.audit.system')} · <time datetime="${r.updatedAt}">${formatDateTime(r.updatedAt, ctx.locale)}</time></p>
${p.canRestore ? html`<form method="post" action="/newsroom/stories/${p.storyId}/revisions/${r.id}/restore" class="nr-inline">${csrfField(ctx)}<input type="hidden" name="version" value="${p.currentVersion}"><button type="submit" class="nr-button nr-primary">${t('nr.rev.restore')}</button></form>
<a class="nr-button" href="/newsroom/stories/${p.storyId}?revision=${r.id}">${t('nr.rev.loadInEditor')}</a>` : ''}
<article class="nr-review">
  <h2 class="nr-review-headline">${s.headline}</h2>
  <p class="nr-small">/${s.slug} · ${statusLabel(ctx, s.status)} · ${t(`nr.access.${s.access}` as MessageKey)}</p>
  ${s.summary ? html`<p class="nr-review-summary">${s.summary}</p>` : ''}
  <div class="nr-review-body">${bodyForReview(ctx, s.doc)}</div>
  ${s.correction ? html`<p><strong>${t('nr.f.correction')}:</strong> ${s.correction}</p>` : ''}
</article>`;
  return nrLayout(ctx, { title: t('nr.rev.one', { id: r.id }), main, section: 'stories' });
}

export function diffView(ctx: NrContext, d: SnapshotDiff, names: (field: string, value: string) => string): SafeHtml {
  const { t } = ctx;
  return html`<dl class="nr-diff">
  <dt>${t('nr.f.headline')}</dt><dd>${diffHtml(d.headline)}</dd>
  <dt>${t('nr.f.summary')}</dt><dd>${diffHtml(d.summary)}</dd>
  <dt>${t('nr.f.body')}</dt><dd class="nr-diff-body">${diffHtml(d.body)}</dd>
</dl>
${d.fields.length ? html`<table class="nr-table"><thead><tr><th scope="col">${t('nr.rev.field')}</th><th scope="col">${t('nr.rev.before')}</th><th scope="col">${t('nr.rev.after')}</th></tr></thead>
<tbody>${d.fields.map((f) => html`<tr><th scope="row">${fieldLabel(ctx, f.field)}</th><td><del>${names(f.field, f.before)}</del></td><td><ins>${names(f.field, f.after)}</ins></td></tr>`)}</tbody></table>` : ''}`;
}

export function diffPage(ctx: NrContext, p: { storyId: number; from: Revision; to: Revision; diff: SnapshotDiff; names: (field: string, value: string) => string }): SafeHtml {
  const { t } = ctx;
  const main = html`<p class="nr-crumbs"><a href="/newsroom/stories/${p.storyId}/revisions">← ${t('nr.rev.title')}</a></p>
<h1>${t('nr.rev.diffTitle', { from: p.from.id, to: p.to.id })}</h1>
<p class="nr-small"><del>#${p.from.id} · ${p.from.authorName ?? t('nr.audit.system')} · ${formatDateTime(p.from.updatedAt, ctx.locale)}</del> → <ins>#${p.to.id} · ${p.to.authorName ?? t('nr.audit.system')} · ${formatDateTime(p.to.updatedAt, ctx.locale)}</ins></p>
${diffView(ctx, p.diff, p.names)}`;
  return nrLayout(ctx, { title: t('nr.rev.compare'), main, section: 'stories', wide: true });
}

export interface ConflictProps {
  storyId: number;
  mine: StorySnapshot;
  /** The form fields to send again for "save mine anyway" (as posted, with the stored version). */
  repost: Array<[string, string]>;
  stored: StorySnapshot;
  storedVersion: number;
  storedBy: string | null;
  storedAt: string | null;
  keptRevisionId: number | null;
  diff: SnapshotDiff;
  names: (field: string, value: string) => string;
}

/** Two people saved the same story: both versions side by side, and the choices. Nothing is overwritten silently. */
export function conflictPage(ctx: NrContext, p: ConflictProps): SafeHtml {
  const { t } = ctx;
  const column = (title: SafeHtml, s: StorySnapshot) => html`<article class="nr-review">
  <h2>${title}</h2>
  <h3 class="nr-review-headline">${s.headline}</h3>
  ${s.summary ? html`<p class="nr-review-summary">${s.summary}</p>` : ''}
  <div class="nr-review-body">${bodyForReview(ctx, s.doc)}</div>
</article>`;
  const main = html`<h1>${t('nr.conflict.title')}</h1>
<p class="nr-errors" role="alert">${t('nr.conflict.intro', { who: p.storedBy ?? t('nr.audit.system'), when: p.storedAt ? formatDateTime(p.storedAt, ctx.locale) : '' })}</p>
${p.keptRevisionId ? html`<p>${t('nr.conflict.kept')} <a href="/newsroom/stories/${p.storyId}/revisions/${p.keptRevisionId}">#${p.keptRevisionId}</a></p>` : ''}
<div class="nr-choices">
  <form method="post" action="/newsroom/stories/${p.storyId}">
    ${csrfField(ctx)}
    ${p.repost.map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
    <input type="hidden" name="version" value="${p.storedVersion}">
    <button type="submit" name="action" value="save" class="nr-button nr-danger">${t('nr.conflict.keepMine')}</button>
    <p class="nr-hint">${t('nr.conflict.keepMineHint')}</p>
  </form>
  <div><a class="nr-button nr-primary" href="/newsroom/stories/${p.storyId}">${t('nr.conflict.takeTheirs')}</a><p class="nr-hint">${t('nr.conflict.takeTheirsHint')}</p></div>
  ${p.keptRevisionId ? html`<div><a class="nr-button" href="/newsroom/stories/${p.storyId}?revision=${p.keptRevisionId}">${t('nr.conflict.editMine')}</a><p class="nr-hint">${t('nr.conflict.editMineHint')}</p></div>` : ''}
</div>
<h2>${t('nr.conflict.changes')}</h2>
${diffView(ctx, p.diff, p.names)}
<div class="nr-sidebyside">
  ${column(html`${t('nr.conflict.yours')}`, p.mine)}
  ${column(html`${t('nr.conflict.stored')} (v${p.storedVersion})`, p.stored)}
</div>`;
  return nrLayout(ctx, { title: t('nr.conflict.title'), main, section: 'stories', wide: true });
}
