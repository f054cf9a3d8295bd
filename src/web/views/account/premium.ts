import { html, type SafeHtml } from '../../../shared/html.js';
import { formatDate, formatRupees } from '../../../i18n/index.js';
import type { Plan } from '../../../payments/index.js';
import { layout, type PageContext } from '../layout.js';
import { csrfField, membersHead, notice } from './forms.js';

export interface PremiumProps {
  plans: Plan[];
  providers: { name: string; label: string }[];
  signedIn: boolean;
  premiumUntil: string | null;
  /** Only for a signed-in reader: the Subscribe buttons are forms. */
  csrf: string | null;
  notice?: string | null;
  /** The story the reader came from (a safe local path), carried through sign-in and checkout; null for none. */
  returnTo?: string | null;
}

/** A hidden `return` field for a form that carries the reader's way back on (empty markup without one). */
const returnField = (returnTo: string | null | undefined) => (returnTo ? html`<input type="hidden" name="return" value="${returnTo}">` : '');

export function perPeriod(ctx: PageContext, plan: Pick<Plan, 'interval'>): string {
  return ctx.t(plan.interval === 'year' ? 'plans.perYear' : 'plans.perMonth');
}

function planCard(ctx: PageContext, p: PremiumProps, plan: Plan): SafeHtml {
  const { t } = ctx;
  // After signing in or up the reader comes back here, still carrying the story to return to.
  const here = encodeURIComponent(p.returnTo ? `/premium?return=${encodeURIComponent(p.returnTo)}` : '/premium');
  const buttons = p.providers.length === 0
    ? html`<p class="notice">${t('plans.noProviders')}</p>`
    : p.signedIn && p.csrf
      ? p.providers.map(
          (pr) => html`<form method="post" action="/premium/checkout">${csrfField(p.csrf!)}${returnField(p.returnTo)}<input type="hidden" name="plan" value="${plan.id}"><input type="hidden" name="provider" value="${pr.name}"><button class="button${pr.name === 'razorpay' ? '' : ' secondary'}" type="submit">${t('plans.subscribeWith', { provider: pr.label })}</button></form>`,
        )
      : html`<a class="button" href="/account/signup?return=${here}">${t('plans.signupToSubscribe')}</a> <a href="/account/signin?return=${here}">${t('account.signin')}</a>`;
  return html`<li class="plan">
<h2>${plan.name}</h2>
<p class="price"><strong>${formatRupees(plan.pricePaise, ctx.locale)}</strong> / ${perPeriod(ctx, plan)}</p>
${plan.trialDays > 0 ? html`<p class="trial">${t('plans.trial', { days: plan.trialDays })}</p>` : ''}
${plan.description ? html`<p>${plan.description}</p>` : ''}
<div class="subscribe">${buttons}</div>
</li>`;
}

/** /premium: the plans, prices in ₹, and a Subscribe button per payment provider. */
export function premiumPage(ctx: PageContext, p: PremiumProps): SafeHtml {
  const { t } = ctx;
  const premium = p.premiumUntil && p.premiumUntil > ctx.now.toISOString();
  const main = html`<div class="premium-page">
<h1>${t('premium.cta.title')}</h1>
<p class="lede">${t('premium.cta.body')}</p>
${notice(p.notice)}
${premium ? html`<p class="notice">${t('plans.alreadyPremium', { date: formatDate(p.premiumUntil!, ctx.locale) })} ${p.returnTo ? html`<a href="${p.returnTo}">${t('plans.backToStory')}</a> · ` : ''}<a href="/account">${t('nav.account')}</a></p>` : ''}
${p.plans.length === 0 ? html`<p>${t('plans.none')}</p>` : html`<ul class="plans">${p.plans.map((plan) => planCard(ctx, p, plan))}</ul>`}
<p><small>${t('plans.fineprint')}</small></p>
</div>`;
  return layout(ctx, { title: t('plans.title'), description: t('premium.cta.body'), canonical: '/premium', main, head: membersHead(ctx) });
}

export interface RazorpayCheckoutProps {
  csrf: string;
  keyId: string;
  subscriptionId: string;
  hostedUrl: string | null;
  plan: Plan;
  email: string;
  name: string;
  returnTo?: string | null;
}

/**
 * Razorpay Checkout opened with the subscription id (razorpay-checkout.js); its answer is posted back to
 * /premium/razorpay/verify, where the signature is checked. Without JavaScript, Razorpay's own page for
 * the subscription works too; the webhook then brings the news.
 */
export function razorpayCheckoutPage(ctx: PageContext, p: RazorpayCheckoutProps): SafeHtml {
  const { t } = ctx;
  const main = html`<div class="account-narrow">
<h1>${t('checkout.title')}</h1>
<p>${p.plan.name}: <strong>${formatRupees(p.plan.pricePaise, ctx.locale)}</strong> / ${perPeriod(ctx, p.plan)}${p.plan.trialDays > 0 ? html` · ${t('plans.trial', { days: p.plan.trialDays })}` : ''}</p>
<p>${t('checkout.razorpayHelp')}</p>
<div id="rzp-checkout" data-key="${p.keyId}" data-subscription="${p.subscriptionId}" data-site="${ctx.siteName}" data-description="${p.plan.name}" data-email="${p.email}" data-name="${p.name}" data-msg-unavailable="${t('checkout.unavailable')}" data-msg-failed="${t('checkout.failed')}">
<button class="button" id="rzp-pay" type="button" hidden>${t('checkout.pay')}</button>
<p id="rzp-status" role="status"></p>
</div>
<form id="rzp-done" method="post" action="/premium/razorpay/verify">${csrfField(p.csrf)}
${returnField(p.returnTo)}<input type="hidden" name="razorpay_payment_id" value=""><input type="hidden" name="razorpay_subscription_id" value="${p.subscriptionId}"><input type="hidden" name="razorpay_signature" value="">
</form>
${p.hostedUrl ? html`<p>${t('checkout.hosted')} <a href="${p.hostedUrl}" rel="noopener">${t('checkout.hostedLink')}</a></p>` : ''}
<p><a href="/premium${p.returnTo ? `?return=${encodeURIComponent(p.returnTo)}` : ''}">${t('checkout.back')}</a></p>
</div>`;
  const head = membersHead(ctx, html`<script src="https://checkout.razorpay.com/v1/checkout.js" nonce="${ctx.nonce}" defer></script>`);
  return layout(ctx, { title: t('checkout.title'), main, robots: 'noindex', head, scripts: ['razorpay-checkout.js'] });
}
