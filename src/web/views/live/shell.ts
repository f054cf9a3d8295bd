import { html, type SafeHtml } from '../../../shared/html.js';
import type { Locale, Translate } from '../../../i18n/index.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { AssetManifest } from '../../assets/pipeline.js';

/** What the live newsroom screens (scorer, live-blog desk) need besides their own data. */
export interface DeskContext {
  t: Translate;
  locale: Locale;
  siteName: string;
  assets: AssetManifest;
  csrf: string;
  staffName: string;
}

export function deskAsset(ctx: DeskContext, name: string): string {
  return ctx.assets.files[name] ?? `/assets/${name}`;
}

export const csrfInput = (ctx: DeskContext): SafeHtml => html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;

/** The refusal and, when there are several, each field's problem. */
export function problems(issues: FieldIssue[], message?: string): SafeHtml | '' {
  if (!issues.length && !message) return '';
  const list = issues.filter((i) => i.message !== message);
  return html`<div class="desk-errors" role="alert" tabindex="-1" id="desk-errors">${message ? html`<p><strong>${message}</strong></p>` : ''}${list.length ? html`<ul>${list.map((i) => html`<li>${i.message}</li>`)}</ul>` : ''}</div>`;
}

/** A plain page for the live desks, inside the newsroom (its own stylesheet; the newsroom's own when present). */
export function deskPage(ctx: DeskContext, p: { title: string; main: SafeHtml; scripts?: string[]; wide?: boolean }): SafeHtml {
  const nr = ctx.assets.files['newsroom.css'];
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${p.title} · ${ctx.siteName}</title>
${nr ? html`<link rel="stylesheet" href="${nr}">` : ''}
<link rel="stylesheet" href="${deskAsset(ctx, 'live.css')}">
</head>
<body class="desk">
<header class="desk-head"><a href="/newsroom">${ctx.t('desk.newsroom')}</a> · <a href="/newsroom/matches">${ctx.t('scorer.matches')}</a> · <a href="/newsroom/liveblogs">${ctx.t('liveblog.desk')}</a><span class="desk-who">${ctx.staffName}</span></header>
<main class="desk-main${p.wide ? ' wide' : ''}" id="main">
${p.main}
</main>
${(p.scripts ?? []).map((s) => html`<script type="module" src="${deskAsset(ctx, s)}"></script>`)}
</body>
</html>`;
}
