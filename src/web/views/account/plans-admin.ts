import { html, raw, type SafeHtml } from '../../../shared/html.js';
import { formatDate, formatRupees } from '../../../i18n/index.js';
import type { Grant } from '../../../members/index.js';
import type { Plan } from '../../../payments/index.js';
import { layout, type PageContext } from '../layout.js';
import { csrfField, errorSummary, field, membersHead, notice, type FormError } from './forms.js';
import { perPeriod } from './premium.js';

export interface PlansAdminProps {
  csrf: string;
  plans: Plan[];
  grants: Grant[];
  providers: string[];
  notice?: string | null;
  err?: FormError | null;
  /** 'new', a plan id, or 'grant': which form the error belongs to. */
  errFor?: string | null;
  /** What was typed into the failing form, so nothing is lost. */
  values?: Record<string, string>;
}

function planForm(ctx: PageContext, p: PlansAdminProps, plan: Plan | null): SafeHtml {
  const { t } = ctx;
  const key = plan ? String(plan.id) : 'new';
  const mine = p.errFor === key;
  const err = mine ? p.err : null;
  const v = (name: string, dflt: string) => (mine && p.values?.[name] !== undefined ? p.values[name]! : dflt);
  const interval = v('interval', plan?.interval ?? 'month');
  const active = mine ? p.values?.active === '1' : plan ? plan.active : true;
  return html`<form method="post" action="${plan ? `/newsroom/plans/${plan.id}` : '/newsroom/plans'}" class="stack plan-form">${csrfField(p.csrf)}
${mine ? errorSummary(ctx, err) : ''}
${field({ name: 'name', label: t('admin.plans.name'), value: v('name', plan?.name ?? ''), required: true, err })}
${field({ name: 'code', label: t('admin.plans.code'), value: v('code', plan?.code ?? ''), hint: t('admin.plans.codeHint'), err })}
<div class="field"><label for="f-interval-${key}">${t('admin.plans.interval')}</label><select id="f-interval-${key}" name="interval">
<option value="month"${interval === 'month' ? raw(' selected') : ''}>${t('admin.plans.monthly')}</option>
<option value="year"${interval === 'year' ? raw(' selected') : ''}>${t('admin.plans.yearly')}</option></select></div>
${field({ name: 'price', label: t('admin.plans.price'), value: v('price', plan ? (plan.pricePaise / 100).toFixed(plan.pricePaise % 100 ? 2 : 0) : ''), required: true, hint: t('admin.plans.priceHint'), err, attrs: 'inputmode="decimal"' })}
${field({ name: 'trialDays', label: t('admin.plans.trial'), type: 'number', value: v('trialDays', String(plan?.trialDays ?? 0)), err, attrs: 'min="0" max="365"' })}
${field({ name: 'position', label: t('admin.plans.position'), type: 'number', value: v('position', String(plan?.position ?? 0)), err, attrs: 'min="0" max="1000"' })}
<div class="field"><label for="f-description-${key}">${t('admin.plans.description')}</label><textarea id="f-description-${key}" name="description" rows="2" maxlength="500">${v('description', plan?.description ?? '')}</textarea></div>
<div class="field check"><input type="hidden" name="active" value="0"><input id="f-active-${key}" type="checkbox" name="active" value="1"${active ? raw(' checked') : ''}><label for="f-active-${key}">${t('admin.plans.active')}</label></div>
<button class="button" type="submit">${plan ? t('account.save') : t('admin.plans.add')}</button>
</form>`;
}

/** /newsroom/plans: premium plans and complimentary premium, for admins. */
export function plansAdminPage(ctx: PageContext, p: PlansAdminProps): SafeHtml {
  const { t } = ctx;
  const gErr = p.errFor === 'grant' ? p.err : null;
  const gv = (name: string) => (p.errFor === 'grant' ? p.values?.[name] ?? '' : '');
  const main = html`<div class="plans-admin">
<p><a href="/newsroom">${t('admin.back')}</a></p>
<h1>${t('admin.plans.title')}</h1>
${notice(p.notice)}
<p>${p.providers.length ? t('admin.plans.providers', { list: p.providers.join(', ') }) : t('admin.plans.noProviders')}</p>
<section aria-labelledby="plans-h"><h2 id="plans-h">${t('admin.plans.list')}</h2>
${p.plans.length === 0 ? html`<p>${t('plans.none')}</p>` : ''}
${p.plans.map(
    (plan) => html`<details class="panel"${p.errFor === String(plan.id) ? raw(' open') : ''}><summary><strong>${plan.name}</strong> — ${formatRupees(plan.pricePaise, ctx.locale)} / ${perPeriod(ctx, plan)}${plan.trialDays ? html` · ${t('plans.trial', { days: plan.trialDays })}` : ''} · ${plan.active ? t('admin.plans.onOffer') : t('admin.plans.hidden')}</summary>${planForm(ctx, p, plan)}</details>`,
  )}
<details class="panel"${p.errFor === 'new' || p.plans.length === 0 ? raw(' open') : ''}><summary>${t('admin.plans.add')}</summary>${planForm(ctx, p, null)}</details>
</section>
<section aria-labelledby="grants-h"><h2 id="grants-h">${t('admin.grants.title')}</h2>
<p>${t('admin.grants.help')}</p>
${errorSummary(ctx, gErr)}
<form method="post" action="/newsroom/plans/grants" class="stack">${csrfField(p.csrf)}
${field({ name: 'email', label: t('account.email'), type: 'email', value: gv('email'), required: true, err: gErr })}
${field({ name: 'until', label: t('admin.grants.until'), type: 'date', value: gv('until'), required: true, err: gErr })}
${field({ name: 'note', label: t('admin.grants.note'), value: gv('note'), err: gErr })}
<button class="button" type="submit">${t('admin.grants.add')}</button></form>
${p.grants.length === 0 ? html`<p>${t('admin.grants.none')}</p>` : html`<table class="receipts"><thead><tr><th scope="col">${t('account.email')}</th><th scope="col">${t('admin.grants.until')}</th><th scope="col">${t('admin.grants.note')}</th><th scope="col"></th></tr></thead><tbody>
${p.grants.map((g) => html`<tr><td>${g.email}</td><td><time datetime="${g.endsAt}">${formatDate(g.endsAt, ctx.locale)}</time></td><td>${g.note}</td><td><form method="post" action="/newsroom/plans/grants/${g.id}/revoke">${csrfField(p.csrf)}<button class="linkish" type="submit">${t('admin.grants.revoke')}</button></form></td></tr>`)}
</tbody></table>`}
</section>
</div>`;
  return layout(ctx, { title: t('admin.plans.title'), main, robots: 'noindex, nofollow', head: membersHead(ctx) });
}
