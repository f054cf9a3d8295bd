import { html, type SafeHtml } from '../../../shared/html.js';
import type { FieldIssue } from '../../../shared/errors.js';
import { MIN_PASSWORD_LENGTH } from '../../../newsroom/index.js';
import { csrfField, fieldError, issuesBox, nrLayout, type NrContext } from './layout.js';

export function loginPage(ctx: NrContext, p: { email: string; returnTo: string; error?: string; status?: number }): SafeHtml {
  const { t } = ctx;
  const main = html`<section class="nr-narrow">
<h1>${t('nr.login.title')}</h1>
${p.error ? html`<div class="nr-errors" role="alert"><p>${p.error}</p></div>` : ''}
<form method="post" action="/newsroom/login" class="nr-form">
  ${csrfField(ctx)}
  <input type="hidden" name="return" value="${p.returnTo}">
  <label for="f-email">${t('nr.f.email')}</label>
  <input id="f-email" name="email" type="email" autocomplete="username" required value="${p.email}" autofocus>
  <label for="f-password">${t('nr.f.password')}</label>
  <input id="f-password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit" class="nr-button nr-primary">${t('nr.login.button')}</button>
</form>
<p><a href="/newsroom/forgot">${t('nr.login.forgot')}</a></p>
</section>`;
  return nrLayout(ctx, { title: t('nr.login.title'), main });
}

export function forgotPage(ctx: NrContext, p: { email: string; sent: boolean; issues?: FieldIssue[]; error?: string }): SafeHtml {
  const { t } = ctx;
  const main = html`<section class="nr-narrow">
<h1>${t('nr.forgot.title')}</h1>
${p.sent ? html`<p class="nr-notice" role="status">${t('nr.forgot.sent')}</p>` : html`<p>${t('nr.forgot.intro')}</p>`}
${issuesBox(ctx, p.issues ?? [], p.error)}
<form method="post" action="/newsroom/forgot" class="nr-form">
  ${csrfField(ctx)}
  <label for="f-email">${t('nr.f.email')}</label>
  <input id="f-email" name="email" type="email" autocomplete="username" required value="${p.email}">
  <button type="submit" class="nr-button nr-primary">${t('nr.forgot.button')}</button>
</form>
<p><a href="/newsroom/login">${t('nr.login.title')}</a></p>
</section>`;
  return nrLayout(ctx, { title: t('nr.forgot.title'), main });
}

export function resetPage(ctx: NrContext, p: { token: string; valid: boolean; issues?: FieldIssue[] }): SafeHtml {
  const { t } = ctx;
  const main = p.valid
    ? html`<section class="nr-narrow">
<h1>${t('nr.reset.title')}</h1>
${issuesBox(ctx, p.issues ?? [])}
<form method="post" action="/newsroom/reset" class="nr-form">
  ${csrfField(ctx)}
  <input type="hidden" name="token" value="${p.token}">
  <label for="f-password">${t('nr.f.newPassword')}</label>
  <input id="f-password" name="password" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
  ${fieldError(p.issues ?? [], 'password')}
  <label for="f-confirm">${t('nr.f.confirmPassword')}</label>
  <input id="f-confirm" name="confirm" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
  <button type="submit" class="nr-button nr-primary">${t('nr.reset.button')}</button>
</form></section>`
    : html`<section class="nr-narrow"><h1>${t('nr.reset.title')}</h1><p class="nr-errors">${t('nr.reset.invalid')}</p><p><a href="/newsroom/forgot">${t('nr.forgot.title')}</a></p></section>`;
  return nrLayout(ctx, { title: t('nr.reset.title'), main });
}

export function passwordPage(ctx: NrContext, p: { issues?: FieldIssue[]; done?: boolean }): SafeHtml {
  const { t } = ctx;
  const main = html`<section class="nr-narrow">
<h1>${t('nr.password.title')}</h1>
${p.done ? html`<p class="nr-notice" role="status">${t('nr.password.done')}</p>` : ''}
${issuesBox(ctx, p.issues ?? [])}
<form method="post" action="/newsroom/account/password" class="nr-form">
  ${csrfField(ctx)}
  <label for="f-current">${t('nr.f.currentPassword')}</label>
  <input id="f-current" name="current" type="password" autocomplete="current-password" required>
  ${fieldError(p.issues ?? [], 'current')}
  <label for="f-password">${t('nr.f.newPassword')}</label>
  <input id="f-password" name="password" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
  ${fieldError(p.issues ?? [], 'password')}
  <label for="f-confirm">${t('nr.f.confirmPassword')}</label>
  <input id="f-confirm" name="confirm" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
  <p class="nr-hint">${t('nr.password.hint', { n: MIN_PASSWORD_LENGTH })}</p>
  <button type="submit" class="nr-button nr-primary">${t('nr.password.button')}</button>
</form></section>`;
  return nrLayout(ctx, { title: t('nr.password.title'), main, section: 'account' });
}
