import { html, type SafeHtml } from '../../../shared/html.js';
import { formatDate, formatRupees, type MessageKey } from '../../../i18n/index.js';
import type { Grant, ReaderAccount } from '../../../members/index.js';
import type { Receipt, Subscription } from '../../../payments/index.js';
import { layout, type PageContext } from '../layout.js';
import { csrfField, errorSummary, field, membersHead, notice, type FormError } from './forms.js';

export interface AccountProps {
  csrf: string;
  account: ReaderAccount;
  premiumUntil: string | null;
  subscription: Subscription | null;
  receipts: Receipt[];
  grants: Grant[];
  meter: { limit: number; remaining: number } | null;
  canManageBilling: boolean;
  notice?: string | null;
  err?: FormError | null;
  /** Which form `err` belongs to. */
  errFor?: 'profile' | 'password' | null;
}

export function statusLabel(ctx: PageContext, s: Subscription): string {
  if (s.cancelAtPeriodEnd && (s.status === 'active' || s.status === 'authenticated' || s.status === 'pending')) return ctx.t('sub.status.cancelling');
  return ctx.t(`sub.status.${s.status}` as MessageKey);
}

function subscriptionBlock(ctx: PageContext, p: AccountProps): SafeHtml {
  const { t } = ctx;
  const s = p.subscription;
  if (!s) return html`<p>${t('account.sub.none')} <a href="/premium">${t('premium.cta.button')}</a></p>`;
  const live = s.status === 'active' || s.status === 'authenticated' || s.status === 'pending';
  const renews = live && !s.cancelAtPeriodEnd && s.currentPeriodEnd;
  return html`<dl class="facts">
<dt>${t('account.sub.plan')}</dt><dd>${s.planName} · ${formatRupees(s.pricePaise, ctx.locale)} / ${t(s.interval === 'year' ? 'plans.perYear' : 'plans.perMonth')}</dd>
<dt>${t('account.sub.status')}</dt><dd><span class="status status-${s.status}">${statusLabel(ctx, s)}</span></dd>
${renews ? html`<dt>${t('account.sub.renews')}</dt><dd><time datetime="${s.currentPeriodEnd!}">${formatDate(s.currentPeriodEnd!, ctx.locale)}</time></dd>` : ''}
${!renews && s.accessUntil && s.accessUntil > ctx.now.toISOString() ? html`<dt>${t('account.sub.endsOn')}</dt><dd><time datetime="${s.accessUntil}">${formatDate(s.accessUntil, ctx.locale)}</time></dd>` : ''}
<dt>${t('account.sub.provider')}</dt><dd>${s.provider === 'razorpay' ? 'Razorpay' : 'Stripe'}</dd>
</dl>
${s.status === 'pending' ? html`<p class="notice">${t('account.sub.pendingHelp')}</p>` : ''}
<div class="actions">
${live && !s.cancelAtPeriodEnd ? html`<form method="post" action="/account/subscription/cancel">${csrfField(p.csrf)}<button class="button secondary" type="submit">${t('account.sub.cancel')}</button></form>` : ''}
${p.canManageBilling ? html`<form method="post" action="/account/subscription/manage">${csrfField(p.csrf)}<button class="button secondary" type="submit">${t('account.sub.manage')}</button></form>` : ''}
${!live ? html`<a class="button" href="/premium">${t('premium.cta.button')}</a>` : ''}
</div>
${live && !s.cancelAtPeriodEnd ? html`<p><small>${t('account.sub.cancelHelp')}</small></p>` : ''}`;
}

function receiptsBlock(ctx: PageContext, receipts: Receipt[]): SafeHtml {
  const { t } = ctx;
  if (receipts.length === 0) return html`<p>${t('account.receipts.none')}</p>`;
  return html`<table class="receipts"><thead><tr><th scope="col">${t('account.receipts.date')}</th><th scope="col">${t('account.receipts.amount')}</th><th scope="col">${t('account.receipts.status')}</th><th scope="col">${t('account.receipts.ref')}</th></tr></thead>
<tbody>${receipts.map(
    (r) => html`<tr><td><time datetime="${r.paidAt}">${formatDate(r.paidAt, ctx.locale)}</time></td><td>${r.currency === 'INR' ? formatRupees(r.amountPaise, ctx.locale) : `${(r.amountPaise / 100).toFixed(2)} ${r.currency}`}</td><td>${t(`receipt.${r.status}` as MessageKey)}</td><td>${r.receiptUrl ? html`<a href="${r.receiptUrl}" rel="noopener">${r.providerPaymentId}</a>` : html`<code>${r.providerPaymentId}</code>`}</td></tr>`,
  )}</tbody></table>`;
}

export function accountPage(ctx: PageContext, p: AccountProps): SafeHtml {
  const { t } = ctx;
  const a = p.account;
  const premium = p.premiumUntil && p.premiumUntil > ctx.now.toISOString();
  const main = html`<div class="account">
<h1>${t('account.title')}</h1>
${notice(p.notice)}
<section class="panel" aria-labelledby="premium-h"><h2 id="premium-h">${t('account.premium')}</h2>
${premium ? html`<p class="premium-on">${t('account.premium.until', { date: formatDate(p.premiumUntil!, ctx.locale) })}</p>` : html`<p>${t('account.premium.off')}</p>`}
${p.grants.map((g) => html`<p>${t('account.grant', { date: formatDate(g.endsAt, ctx.locale) })}</p>`)}
${p.meter ? html`<p>${t('account.meter', { remaining: p.meter.remaining, limit: p.meter.limit })}</p>` : ''}
<h3>${t('account.sub.title')}</h3>
${subscriptionBlock(ctx, p)}
</section>
<section class="panel" aria-labelledby="receipts-h"><h2 id="receipts-h">${t('account.receipts')}</h2>${receiptsBlock(ctx, p.receipts)}</section>
<section class="panel" aria-labelledby="profile-h"><h2 id="profile-h">${t('account.profile')}</h2>
${p.errFor === 'profile' ? errorSummary(ctx, p.err) : ''}
<form method="post" action="/account/profile" class="stack">${csrfField(p.csrf)}
<p>${t('account.email')}: <strong>${a.email}</strong></p>
${field({ name: 'name', label: t('account.name'), value: a.name, autocomplete: 'name', err: p.errFor === 'profile' ? p.err : null })}
<button class="button secondary" type="submit">${t('account.save')}</button></form>
<h3>${a.hasPassword ? t('account.password.change') : t('account.password.set')}</h3>
${p.errFor === 'password' ? errorSummary(ctx, p.err) : ''}
<form method="post" action="/account/password" class="stack">${csrfField(p.csrf)}
${a.hasPassword ? field({ name: 'current', label: t('account.password.current'), type: 'password', autocomplete: 'current-password', required: true, err: p.errFor === 'password' ? p.err : null }) : ''}
${field({ name: 'next', label: t('account.password.new'), type: 'password', autocomplete: 'new-password', required: true, hint: t('account.password.hint'), err: p.errFor === 'password' ? p.err : null, attrs: 'minlength="10"' })}
<button class="button secondary" type="submit">${t('account.save')}</button></form>
</section>
<section class="panel" aria-labelledby="data-h"><h2 id="data-h">${t('account.data')}</h2>
<p>${t('account.data.help')}</p>
<p><a class="button secondary" href="/account/export" download>${t('account.data.export')}</a> <a href="/account/delete">${t('account.delete')}</a></p>
</section>
<form method="post" action="/account/signout">${csrfField(p.csrf)}<button class="linkish" type="submit">${t('account.signout')}</button></form>
</div>`;
  return layout(ctx, { title: t('account.title'), main, robots: 'noindex', head: membersHead(ctx) });
}

export function deleteConfirmPage(ctx: PageContext, p: { csrf: string; email: string; hasSubscription: boolean; err?: FormError | null }): SafeHtml {
  const { t } = ctx;
  const main = html`<div class="account-narrow"><h1>${t('account.delete')}</h1>
<p>${t('account.delete.warning')}</p>
${p.hasSubscription ? html`<p class="notice">${t('account.delete.subscription')}</p>` : ''}
${errorSummary(ctx, p.err)}
<form method="post" action="/account/delete" class="stack">${csrfField(p.csrf)}
${field({ name: 'confirm', label: t('account.delete.type', { email: p.email }), type: 'email', autocomplete: 'off', required: true, err: p.err })}
<button class="button danger" type="submit">${t('account.delete.button')}</button></form>
<p><a href="/account">${t('account.back')}</a></p></div>`;
  return layout(ctx, { title: t('account.delete'), main, robots: 'noindex', head: membersHead(ctx) });
}

export function deletedPage(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  const main = html`<div class="account-narrow"><h1>${t('account.deleted.title')}</h1><p>${t('account.deleted.body')}</p><p><a href="/">${t('error.generic.back')}</a></p></div>`;
  return layout(ctx, { title: t('account.deleted.title'), main, robots: 'noindex', head: membersHead(ctx) });
}
