import { html, raw, type SafeHtml } from '../../../shared/html.js';
import type { Locale, MessageKey, Translate } from '../../../i18n/index.js';
import type { AssetManifest } from '../../assets/pipeline.js';
import type { StaffMember } from '../../../newsroom/index.js';
import { atLeast } from '../../../newsroom/index.js';
import type { FieldIssue } from '../../../shared/errors.js';

/** What every newsroom page gets: the signed-in staff member (or null on sign-in pages) and the form token. */
export interface NrContext {
  t: Translate;
  locale: Locale;
  siteName: string;
  assets: AssetManifest;
  nonce: string;
  csrf: string;
  staff: StaffMember | null;
  path: string;
  /** The request URL with its query, for the language switch to come back to. */
  url: string;
  now: Date;
  /** A short message after a redirect (saved, published …), from a fixed list. */
  notice: MessageKey | null;
  /** Admin pages other modules add under /newsroom (plans, webhooks …) that this app has. */
  adminPages?: Array<{ href: string; label: MessageKey }>;
}

export interface NrLayoutProps {
  title: string;
  main: SafeHtml;
  scripts?: string[];
  /** Data for scripts (JSON), rendered as non-executable script blocks. */
  data?: SafeHtml;
  section?: 'stories' | 'new' | 'media' | 'tags' | 'desks' | 'staff' | 'audit' | 'account';
  wide?: boolean;
}

export function nrAsset(ctx: NrContext, name: string): string | null {
  return ctx.assets.files[name] ?? null;
}

export function csrfField(ctx: NrContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
}

export function issuesBox(ctx: NrContext, issues: FieldIssue[], message?: string): SafeHtml | '' {
  if (!issues.length && !message) return '';
  return html`<div class="nr-errors" role="alert" tabindex="-1" id="nr-errors"><p><strong>${message ?? ctx.t('nr.form.fix')}</strong></p>${issues.length ? html`<ul>${issues.map((i) => html`<li><a href="#f-${i.field}">${fieldLabel(ctx, i.field)}</a>: ${i.message}</li>`)}</ul>` : ''}</div>`;
}

const FIELD_KEYS: Record<string, MessageKey> = {
  headline: 'nr.f.headline', slug: 'nr.f.slug', summary: 'nr.f.summary', body: 'nr.f.body', desk: 'nr.f.desk', deskId: 'nr.f.desk', tags: 'nr.f.tags',
  authors: 'nr.f.authors', editor: 'nr.f.editor', dateline: 'nr.f.dateline', image: 'nr.f.image', imageId: 'nr.f.image', access: 'nr.f.access', lang: 'nr.f.lang',
  correction: 'nr.f.correction', scheduleAt: 'nr.f.scheduleAt', scheduledAt: 'nr.f.scheduleAt', status: 'nr.f.status', email: 'nr.f.email', password: 'nr.f.password',
  current: 'nr.f.currentPassword', name: 'nr.f.name', nameHi: 'nr.f.nameHi', nameEn: 'nr.f.nameEn', file: 'nr.f.file', alt: 'nr.f.alt', title: 'nr.f.title',
  caption: 'nr.f.caption', credit: 'nr.f.credit', role: 'nr.f.role',
};

export function fieldLabel(ctx: NrContext, field: string): string {
  const k = FIELD_KEYS[field];
  return k ? ctx.t(k) : field;
}

export function fieldError(issues: FieldIssue[], ...fields: string[]): SafeHtml | '' {
  const mine = issues.filter((i) => fields.includes(i.field));
  return mine.length ? html`<p class="nr-field-error">${mine.map((i) => i.message).join('; ')}</p>` : '';
}

export function nrLayout(ctx: NrContext, p: NrLayoutProps): SafeHtml {
  const { t } = ctx;
  const who = ctx.staff;
  const css = nrAsset(ctx, 'newsroom.css');
  const otherLang: Locale = ctx.locale === 'hi' ? 'en' : 'hi';
  const nav = (section: NrLayoutProps['section'], href: string, label: string) =>
    html`<li><a href="${href}"${p.section === section ? raw(' aria-current="page"') : ''}>${label}</a></li>`;
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${p.title} · ${t('nr.title')} · ${ctx.siteName}</title>
${css ? html`<link rel="stylesheet" href="${css}">` : ''}
</head>
<body class="nr${p.wide ? ' nr-wide' : ''}">
<a class="nr-skip" href="#main">${t('nav.skip')}</a>
<header class="nr-top">
  <a class="nr-brand" href="/newsroom">${ctx.siteName} <span>${t('nr.title')}</span></a>
  ${who
    ? html`<nav class="nr-nav" aria-label="${t('nr.nav.label')}"><ul>
    ${nav('stories', '/newsroom', t('nr.nav.stories'))}
    ${nav('new', '/newsroom/stories/new', t('nr.nav.new'))}
    ${nav('media', '/newsroom/media', t('nr.nav.media'))}
    <li><a href="/newsroom/search"${ctx.path.startsWith('/newsroom/search') ? raw(' aria-current="page"') : ''}>${t('nr.nav.search')}</a></li>
    ${atLeast(who, 'editor') ? nav('tags', '/newsroom/tags', t('nr.nav.tags')) : ''}
    ${atLeast(who, 'admin') ? nav('desks', '/newsroom/desks', t('nr.nav.desks')) : ''}
    ${atLeast(who, 'admin') ? nav('staff', '/newsroom/staff', t('nr.nav.staff')) : ''}
    ${atLeast(who, 'editor') ? nav('audit', '/newsroom/audit', t('nr.nav.audit')) : ''}
    ${atLeast(who, 'editor') ? html`<li><a href="/newsroom/matches"${ctx.path.startsWith('/newsroom/matches') ? raw(' aria-current="page"') : ''}>${t('nr.nav.matches')}</a></li><li><a href="/newsroom/liveblogs"${ctx.path.startsWith('/newsroom/liveblogs') ? raw(' aria-current="page"') : ''}>${t('nr.nav.liveblogs')}</a></li>` : ''}
    ${atLeast(who, 'admin') ? (ctx.adminPages ?? []).map((pg) => html`<li><a href="${pg.href}"${ctx.path === pg.href ? raw(' aria-current="page"') : ''}>${t(pg.label)}</a></li>`) : ''}
  </ul></nav>
  <div class="nr-user"><span>${who.name} <small>(${t(`nr.role.${who.role}` as MessageKey)})</small></span>
    <a href="/newsroom/account/password"${p.section === 'account' ? raw(' aria-current="page"') : ''}>${t('nr.nav.password')}</a>
    <form method="post" action="/newsroom/logout">${csrfField(ctx)}<button type="submit" class="nr-link">${t('nr.nav.signout')}</button></form>
    <a href="/newsroom/lang?to=${otherLang}&amp;return=${encodeURIComponent(ctx.url)}" lang="${otherLang}">${otherLang === 'en' ? 'English' : 'हिंदी'}</a>
  </div>`
    : html`<div class="nr-user"><a href="/newsroom/lang?to=${otherLang}&amp;return=${encodeURIComponent(ctx.url)}" lang="${otherLang}">${otherLang === 'en' ? 'English' : 'हिंदी'}</a></div>`}
</header>
<main id="main" class="nr-main">
${ctx.notice ? html`<p class="nr-notice" role="status">${t(ctx.notice)}</p>` : ''}
${p.main}
</main>
${p.data ?? ''}
${(p.scripts ?? []).map((s) => {
    const src = nrAsset(ctx, s);
    return src ? html`<script type="module" src="${src}" nonce="${ctx.nonce}"></script>` : '';
  })}
</body>
</html>`;
}

/** A newsroom error page (403, 404, 409 …) in the newsroom's look. */
export function nrErrorPage(ctx: NrContext, status: number, message: string): SafeHtml {
  const title = status === 403 ? ctx.t('nr.err.forbidden') : status === 404 ? ctx.t('nr.err.notFound') : status === 429 ? ctx.t('nr.err.slowDown') : ctx.t('nr.err.generic');
  return nrLayout(ctx, { title, main: html`<h1>${title}</h1><p>${message}</p><p><a href="/newsroom">${ctx.t('nr.err.back')}</a></p>` });
}

/** "draft" → "ड्राफ़्ट" etc. */
export function statusLabel(ctx: NrContext, status: string): string {
  return ctx.t(`nr.status.${status}` as MessageKey);
}
