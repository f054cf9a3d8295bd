import { randomUUID } from 'node:crypto';
import type { Container } from '../container.js';
import type { JobRow } from '../jobs/index.js';
import type { BusMessage } from '../shared/events.js';
import { articleEventData } from './payload.js';
import { SIGNATURE_HEADER, signatureHeader } from './sign.js';
import { getDelivery, getWebhook, subscribersOf, type Webhook } from './store.js';

export const DELIVER_JOB = 'webhook.deliver';
export const WEBHOOK_MAX_ATTEMPTS = 10;
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** Creates one delivery per subscribed webhook and queues it; the payload is fixed now, so retries send the same body. */
export async function enqueueEvent(c: Container, event: string, data: Record<string, unknown>, only?: Webhook[]): Promise<number[]> {
  const hooks = only ?? (await subscribersOf(c.store.db, event));
  if (hooks.length === 0) return [];
  const now = c.clock.now().toISOString();
  const eventId = `evt_${randomUUID()}`;
  const body = JSON.stringify({ id: eventId, type: event, createdAt: now, data });
  const ids: number[] = [];
  for (const hook of hooks) {
    const id = await c.store.transaction(async (trx) => {
      const row = await trx
        .insertInto('webhook_deliveries')
        .values({ webhook_id: hook.id, event, event_id: eventId, payload: body, status: 'pending', attempts: 0, last_status_code: null, last_error: null, created_at: now, updated_at: now, delivered_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await c.jobs.enqueue(DELIVER_JOB, { deliveryId: row.id }, { trx, maxAttempts: WEBHOOK_MAX_ATTEMPTS });
      return row.id;
    });
    ids.push(id);
  }
  return ids;
}

/** One attempt at a delivery: POST the signed body, log the attempt, and throw on failure so the job queue retries with backoff. */
export async function deliver(c: Container, deliveryId: number, job: Pick<JobRow, 'attempts' | 'max_attempts'>, fetchImpl: typeof fetch = fetch): Promise<void> {
  const db = c.store.db;
  const d = await getDelivery(db, deliveryId);
  if (!d || d.status === 'delivered') return;
  const hook = await getWebhook(db, d.webhookId);
  const now = () => c.clock.now().toISOString();
  if (!hook || !hook.active) {
    await db.updateTable('webhook_deliveries').set({ status: 'cancelled', updated_at: now(), last_error: 'the webhook was switched off or removed' }).where('id', '=', d.id).execute();
    return;
  }
  const ts = Math.floor(c.clock.now().getTime() / 1000);
  const started = performance.now();
  let status: number | null = null;
  let error: string | null = null;
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), WEBHOOK_TIMEOUT_MS);
  try {
    const res = await fetchImpl(hook.url, {
      method: 'POST',
      redirect: 'manual',
      signal: ctrl.signal,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Samachar-Webhooks/1.0',
        'samachar-event': d.event,
        'samachar-delivery': String(d.id),
        'samachar-event-id': d.eventId,
        [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(hook.secret, ts, d.payload),
      },
      body: d.payload,
    });
    status = res.status;
    await res.body?.cancel().catch(() => {});
    if (status < 200 || status > 299) error = `the receiver answered ${status}`;
  } catch (e) {
    error = ctrl.signal.aborted ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : `could not connect: ${(e as Error).message}${(e as { cause?: { code?: string } }).cause?.code ? ` (${(e as { cause: { code: string } }).cause.code})` : ''}`;
  } finally {
    clearTimeout(timer);
  }
  const at = now();
  const final = job.attempts >= job.max_attempts;
  await c.store.transaction(async (trx) => {
    await trx.insertInto('webhook_attempts').values({ delivery_id: d.id, attempt: job.attempts, status_code: status, error, duration_ms: Math.round(performance.now() - started), at }).execute();
    await trx
      .updateTable('webhook_deliveries')
      .set({ attempts: job.attempts, last_status_code: status, last_error: error, updated_at: at, status: error === null ? 'delivered' : final ? 'failed' : 'retrying', delivered_at: error === null ? at : null })
      .where('id', '=', d.id)
      .execute();
  });
  if (error !== null) throw new Error(error);
}

/**
 * Subscribes to the bus and registers the delivery job. Only the instance where an event was
 * published queues deliveries (a message bridged from another instance carries its origin), so a
 * partner gets each event once however many instances run. Returns the unsubscribe function.
 */
export function registerWebhooks(c: Container, opts: { fetchImpl?: typeof fetch } = {}): () => void {
  c.jobs.register(DELIVER_JOB, async (payload, job) => deliver(c, Number(payload.deliveryId), job, opts.fetchImpl));
  const base = c.config.baseUrl;
  const onArticle = (event: string) => async (p: { articleId: number }, msg: BusMessage) => {
    if (msg.origin) return;
    const hooks = await subscribersOf(c.store.db, event);
    if (hooks.length === 0) return;
    const data = await articleEventData(c.store.db, p.articleId, base, c.clock.now());
    if (!data) return;
    await enqueueEvent(c, event, data, hooks);
  };
  const offs = [
    c.bus.subscribe('article.published', onArticle('article.published')),
    c.bus.subscribe('article.updated', onArticle('article.updated')),
    c.bus.subscribe('article.unpublished', onArticle('article.unpublished')),
    c.bus.subscribe('match.updated', async (p, msg) => {
      if (msg.origin) return;
      await enqueueEvent(c, 'match.updated', { match: p });
    }),
  ];
  return () => offs.forEach((off) => off());
}

/** A "ping" to one webhook, from the newsroom, to check the receiver and its signature check. */
export async function sendPing(c: Container, hook: Webhook): Promise<number> {
  const [id] = await enqueueEvent(c, 'ping', { message: 'Samachar webhook test', webhookId: hook.id }, [hook]);
  return id!;
}
