import { html, type SafeHtml } from '../../../shared/html.js';
import { layout, type PageContext } from '../layout.js';
import { csrfField, errorSummary, field, membersHead, notice, type FormError } from './forms.js';

export interface SigninProps {
  csrf: string;
  returnTo: string;
  email?: string;
  /** Error of the password form. */
  err?: FormError | null;
  /** Error of the email-link form. */
  linkErr?: FormError | null;
  notice?: string | null;
}

const ret = (r: string) => (r && r !== '/account' ? `?return=${encodeURIComponent(r)}` : '');

/** Sign in by password, or ask for a one-time link by email; a link to create an account. */
export function signinPage(ctx: PageContext, p: SigninProps): SafeHtml {
  const { t } = ctx;
  const main = html`<div class="account-narrow">
<h1>${t('account.signin.title')}</h1>
${notice(p.notice)}
<section aria-labelledby="pw-h"><h2 id="pw-h">${t('account.signin.password')}</h2>
${errorSummary(ctx, p.err)}
<form method="post" action="/account/signin" class="stack">
${csrfField(p.csrf)}<input type="hidden" name="return" value="${p.returnTo}">
${field({ name: 'email', label: t('account.email'), type: 'email', value: p.email ?? '', autocomplete: 'email', required: true, err: p.err })}
${field({ name: 'password', label: t('account.password'), type: 'password', autocomplete: 'current-password', required: true, err: p.err })}
<button class="button" type="submit">${t('account.signin')}</button>
</form></section>
<section aria-labelledby="link-h"><h2 id="link-h">${t('account.signin.link')}</h2>
<p>${t('account.signin.linkHelp')}</p>
${errorSummary(ctx, p.linkErr)}
<form method="post" action="/account/signin/link" class="stack">
${csrfField(p.csrf)}<input type="hidden" name="return" value="${p.returnTo}">
${field({ name: 'email', label: t('account.email'), type: 'email', value: p.email ?? '', autocomplete: 'email', required: true, err: p.linkErr })}
<button class="button secondary" type="submit">${t('account.signin.sendLink')}</button>
</form></section>
<p>${t('account.signin.new')} <a href="/account/signup${ret(p.returnTo)}">${t('account.signup.title')}</a></p>
</div>`;
  return layout(ctx, { title: t('account.signin.title'), main, robots: 'noindex', head: membersHead(ctx) });
}

export interface SignupProps {
  csrf: string;
  returnTo: string;
  email?: string;
  name?: string;
  err?: FormError | null;
}

export function signupPage(ctx: PageContext, p: SignupProps): SafeHtml {
  const { t } = ctx;
  const main = html`<div class="account-narrow">
<h1>${t('account.signup.title')}</h1>
<p>${t('account.signup.intro')}</p>
${errorSummary(ctx, p.err)}
<form method="post" action="/account/signup" class="stack">
${csrfField(p.csrf)}<input type="hidden" name="return" value="${p.returnTo}">
${field({ name: 'name', label: t('account.name'), value: p.name ?? '', autocomplete: 'name', err: p.err })}
${field({ name: 'email', label: t('account.email'), type: 'email', value: p.email ?? '', autocomplete: 'email', required: true, err: p.err })}
${field({ name: 'password', label: t('account.password'), type: 'password', autocomplete: 'new-password', required: true, hint: t('account.password.hint'), err: p.err, attrs: 'minlength="10"' })}
<button class="button" type="submit">${t('account.signup.button')}</button>
</form>
<p>${t('account.signup.have')} <a href="/account/signin${ret(p.returnTo)}">${t('account.signin')}</a></p>
</div>`;
  return layout(ctx, { title: t('account.signup.title'), main, robots: 'noindex', head: membersHead(ctx) });
}

/** The same answer whether or not the email has an account. */
export function linkSentPage(ctx: PageContext, email: string): SafeHtml {
  const { t } = ctx;
  const main = html`<div class="account-narrow"><h1>${t('account.link.sentTitle')}</h1><p>${t('account.link.sent', { email })}</p><p><a href="/account/signin">${t('account.link.again')}</a></p></div>`;
  return layout(ctx, { title: t('account.link.sentTitle'), main, robots: 'noindex', head: membersHead(ctx) });
}

/**
 * Opening an emailed link asks for one click before signing in: mail scanners that fetch every link
 * must not use up the reader's one-time link.
 */
export function linkConfirmPage(ctx: PageContext, p: { csrf: string; token: string; email: string | null }): SafeHtml {
  const { t } = ctx;
  const main = p.email
    ? html`<div class="account-narrow"><h1>${t('account.link.confirmTitle')}</h1><p>${t('account.link.confirm', { email: p.email })}</p>
<form method="post" action="/account/link">${csrfField(p.csrf)}<input type="hidden" name="token" value="${p.token}"><button class="button" type="submit">${t('account.signin')}</button></form></div>`
    : html`<div class="account-narrow"><h1>${t('account.link.invalidTitle')}</h1><p>${t('account.link.invalid')}</p><p><a class="button" href="/account/signin">${t('account.link.again')}</a></p></div>`;
  return layout(ctx, { title: t('account.link.confirmTitle'), main, robots: 'noindex', head: membersHead(ctx) });
}
