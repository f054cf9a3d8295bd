import { html, type SafeHtml } from '../../shared/html.js';
import { formatDateTime } from '../../i18n/index.js';
import type { MessageKey } from '../../i18n/index.js';
import type { FieldIssue } from '../../shared/errors.js';
import type { ApiKey } from '../../partners/index.js';
import type { Attempt, Delivery, Webhook } from '../../webhooks/index.js';
import { WEBHOOK_EVENTS } from '../../webhooks/index.js';
import { csrfField, fieldError, issuesBox, nrLayout, type NrContext } from './newsroom/layout.js';

/** Newsroom screens of distribution: webhooks with their delivery log, and partner API keys. Admins only. */
const when = (ctx: NrContext, iso: string | null) => (iso ? html`<time datetime="${iso}">${formatDateTime(iso, ctx.locale)}</time>` : '—');

export interface WebhooksPageProps {
  hooks: (Webhook & { lastDelivery: Delivery | null })[];
  form?: { url: string; description: string; events: string[] };
  issues?: FieldIssue[];
}

function webhookForm(ctx: NrContext, p: WebhooksPageProps): SafeHtml {
  const { t } = ctx;
  const issues = p.issues ?? [];
  const f = p.form ?? { url: '', description: '', events: ['article.published', 'article.updated', 'article.unpublished'] };
  return html`<section aria-labelledby="add-h"><h2 id="add-h">${t('dist.webhooks.add')}</h2>
${issuesBox(ctx, issues)}
<form method="post" action="/newsroom/webhooks" class="nr-form">${csrfField(ctx)}
<p><label for="f-url">${t('dist.f.url')}</label><br><input id="f-url" name="url" type="url" required maxlength="2000" size="60" value="${f.url}" placeholder="https://partner.example/hooks/samachar">${fieldError(issues, 'url')}</p>
<p><label for="f-description">${t('dist.f.description')}</label><br><input id="f-description" name="description" maxlength="200" size="60" value="${f.description}"></p>
<fieldset id="f-events"><legend>${t('dist.f.events')}</legend>
${WEBHOOK_EVENTS.map((e) => html`<label><input type="checkbox" name="events" value="${e}"${f.events.includes(e) ? html` checked` : ''}> <code>${e}</code></label><br>`)}
${fieldError(issues, 'events')}</fieldset>
<p><button type="submit">${t('dist.webhooks.create')}</button></p>
</form></section>`;
}

export function webhooksPage(ctx: NrContext, p: WebhooksPageProps): SafeHtml {
  const { t } = ctx;
  const rows = p.hooks.map((h) => html`<tr>
<td><a href="/newsroom/webhooks/${h.id}"><code>${h.url}</code></a>${h.description ? html`<br><small>${h.description}</small>` : ''}</td>
<td>${h.events.map((e) => html`<code>${e}</code> `)}</td>
<td>${h.active ? t('dist.webhooks.active') : t('dist.webhooks.off')}</td>
<td>${h.lastDelivery ? html`${t(`dist.delivery.${h.lastDelivery.status}` as MessageKey)}${h.lastDelivery.lastStatusCode ? html` (${h.lastDelivery.lastStatusCode})` : ''}<br><small>${when(ctx, h.lastDelivery.updatedAt)}</small>` : '—'}</td>
<td><a href="/newsroom/webhooks/${h.id}">${t('dist.webhooks.log')}</a>
<form method="post" action="/newsroom/webhooks/${h.id}/${h.active ? 'off' : 'on'}">${csrfField(ctx)}<button type="submit">${h.active ? t('dist.webhooks.turnOff') : t('dist.webhooks.turnOn')}</button></form>
<form method="post" action="/newsroom/webhooks/${h.id}/ping">${csrfField(ctx)}<button type="submit">${t('dist.webhooks.ping')}</button></form>
<form method="post" action="/newsroom/webhooks/${h.id}/delete">${csrfField(ctx)}<button type="submit">${t('dist.webhooks.delete')}</button></form></td>
</tr>`);
  const main = html`<h1>${t('dist.webhooks.title')}</h1>
<p>${t('dist.webhooks.intro')}</p>
${p.hooks.length
    ? html`<table class="nr-table"><thead><tr><th scope="col">${t('dist.f.url')}</th><th scope="col">${t('dist.f.events')}</th><th scope="col">${t('dist.col.status')}</th><th scope="col">${t('dist.webhooks.log')}</th><th scope="col">${t('dist.col.actions')}</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p>${t('dist.webhooks.none')}</p>`}
${webhookForm(ctx, p)}`;
  return nrLayout(ctx, { title: t('dist.webhooks.title'), main, wide: true });
}

export function webhookLogPage(ctx: NrContext, hook: Webhook, deliveries: Delivery[], attempts: Map<number, Attempt[]>): SafeHtml {
  const { t } = ctx;
  const rows = deliveries.map((d) => {
    const tries = attempts.get(d.id) ?? [];
    return html`<tr>
<td>${when(ctx, d.createdAt)}</td><td><code>${d.event}</code><br><small><code>${d.eventId}</code></small></td>
<td>${t(`dist.delivery.${d.status}` as MessageKey)}</td><td>${d.attempts}</td><td>${d.lastStatusCode ?? '—'}</td><td>${d.lastError ?? ''}</td>
<td>${tries.length ? html`<ol class="nr-attempts">${tries.map((a) => html`<li>${t('dist.col.attempt')} ${a.attempt}: ${when(ctx, a.at)} — ${a.statusCode ?? '—'}${a.error ? html` — ${a.error}` : ''} (${a.durationMs} ms)</li>`)}</ol>` : ''}</td>
</tr>`;
  });
  const main = html`<p><a href="/newsroom/webhooks">← ${t('dist.webhooks.back')}</a></p>
<h1>${t('dist.webhooks.log')}: <code>${hook.url}</code></h1>
<p>${hook.events.map((e) => html`<code>${e}</code> `)} · ${hook.active ? t('dist.webhooks.active') : t('dist.webhooks.off')}</p>
<p><strong>${t('dist.webhooks.secret')}:</strong> <code>${hook.secret}</code><br><small>${t('dist.webhooks.secretHelp')}</small></p>
${deliveries.length
    ? html`<table class="nr-table"><thead><tr><th scope="col">${t('dist.col.time')}</th><th scope="col">${t('dist.col.event')}</th><th scope="col">${t('dist.col.status')}</th><th scope="col">${t('dist.col.attempt')}</th><th scope="col">${t('dist.col.code')}</th><th scope="col">${t('dist.col.error')}</th><th scope="col">${t('dist.webhooks.log')}</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p>${t('dist.webhooks.noDeliveries')}</p>`}`;
  return nrLayout(ctx, { title: t('dist.webhooks.log'), main, wide: true });
}

export interface ApiKeysPageProps {
  keys: ApiKey[];
  created?: { key: string; name: string };
  form?: { name: string; rate: string; fullText: boolean };
  issues?: FieldIssue[];
}

export function apiKeysPage(ctx: NrContext, p: ApiKeysPageProps): SafeHtml {
  const { t } = ctx;
  const issues = p.issues ?? [];
  const f = p.form ?? { name: '', rate: '600', fullText: false };
  const rows = p.keys.map((k) => html`<tr>
<td>${k.name}</td><td><code>${k.prefix}_…</code></td><td>${k.fullText ? t('dist.yes') : t('dist.no')}</td><td>${k.ratePerMinute}</td>
<td>${when(ctx, k.createdAt)}</td><td>${k.lastUsedAt ? when(ctx, k.lastUsedAt) : t('dist.apikeys.never')}</td>
<td>${k.revokedAt ? html`${t('dist.apikeys.revoked')} <small>${when(ctx, k.revokedAt)}</small>` : t('dist.apikeys.active')}</td>
<td>${k.revokedAt ? '' : html`<form method="post" action="/newsroom/api-keys/${k.id}/revoke">${csrfField(ctx)}<button type="submit">${t('dist.apikeys.revoke')}</button></form>`}</td>
</tr>`);
  const main = html`<h1>${t('dist.apikeys.title')}</h1>
<p>${t('dist.apikeys.intro')}</p>
${p.created ? html`<div class="nr-notice" role="status"><p>${t('dist.apikeys.created')}</p><p><strong>${p.created.name}</strong>: <code id="new-key">${p.created.key}</code></p></div>` : ''}
${p.keys.length
    ? html`<table class="nr-table"><thead><tr><th scope="col">${t('dist.col.name')}</th><th scope="col">${t('dist.col.key')}</th><th scope="col">${t('dist.col.fullText')}</th><th scope="col">${t('dist.col.rate')}</th><th scope="col">${t('dist.col.created')}</th><th scope="col">${t('dist.col.lastUsed')}</th><th scope="col">${t('dist.col.status')}</th><th scope="col">${t('dist.col.actions')}</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p>${t('dist.apikeys.none')}</p>`}
<section aria-labelledby="add-h"><h2 id="add-h">${t('dist.apikeys.add')}</h2>
${issuesBox(ctx, issues)}
<form method="post" action="/newsroom/api-keys" class="nr-form">${csrfField(ctx)}
<p><label for="f-name">${t('dist.f.keyName')}</label><br><input id="f-name" name="name" required maxlength="100" size="40" value="${f.name}">${fieldError(issues, 'name')}</p>
<p><label for="f-ratePerMinute">${t('dist.f.rate')}</label><br><input id="f-ratePerMinute" name="ratePerMinute" type="number" min="1" max="100000" value="${f.rate}">${fieldError(issues, 'ratePerMinute')}</p>
<p><label><input type="checkbox" name="fullText" value="1"${f.fullText ? html` checked` : ''}> ${t('dist.f.fullText')}</label></p>
<p><button type="submit">${t('dist.apikeys.create')}</button></p>
</form></section>`;
  return nrLayout(ctx, { title: t('dist.apikeys.title'), main, wide: true });
}
