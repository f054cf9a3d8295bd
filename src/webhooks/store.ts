import { randomBytes } from 'node:crypto';
import type { Generated } from 'kysely';
import type { Executor } from '../storage/index.js';
import { AppError, validationError, type FieldIssue } from '../shared/errors.js';
import { cleanText } from '../shared/text.js';

/** Outgoing webhooks registered by admins, their deliveries (one per event and webhook) and every attempt. */
export interface WebhookTable {
  id: Generated<number>;
  url: string;
  events: string;
  secret: string;
  description: string;
  active: number;
  created_by: number | null;
  created_at: string;
}
export interface WebhookDeliveryTable {
  id: Generated<number>;
  webhook_id: number;
  event: string;
  event_id: string;
  payload: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}
export interface WebhookAttemptTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  at: string;
}

declare module '../storage/schema.js' {
  interface Database {
    webhooks: WebhookTable;
    webhook_deliveries: WebhookDeliveryTable;
    webhook_attempts: WebhookAttemptTable;
  }
}

export const WEBHOOK_EVENTS = ['article.published', 'article.updated', 'article.unpublished', 'match.updated'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'failed' | 'cancelled';

export interface Webhook {
  id: number;
  url: string;
  events: WebhookEvent[];
  secret: string;
  description: string;
  active: boolean;
  createdBy: number | null;
  createdAt: string;
}

export interface Delivery {
  id: number;
  webhookId: number;
  event: string;
  eventId: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

export interface Attempt {
  attempt: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  at: string;
}

function parseEvents(json: string): WebhookEvent[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((e): e is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(e as string)) : [];
  } catch {
    return [];
  }
}

function toWebhook(r: { id: number; url: string; events: string; secret: string; description: string; active: number; created_by: number | null; created_at: string }): Webhook {
  return { id: r.id, url: r.url, events: parseEvents(r.events), secret: r.secret, description: r.description, active: r.active === 1, createdBy: r.created_by, createdAt: r.created_at };
}

function toDelivery(r: { id: number; webhook_id: number; event: string; event_id: string; status: string; attempts: number; last_status_code: number | null; last_error: string | null; created_at: string; updated_at: string; delivered_at: string | null }): Delivery {
  return { id: r.id, webhookId: r.webhook_id, event: r.event, eventId: r.event_id, status: r.status as DeliveryStatus, attempts: r.attempts, lastStatusCode: r.last_status_code, lastError: r.last_error, createdAt: r.created_at, updatedAt: r.updated_at, deliveredAt: r.delivered_at };
}

export function checkWebhookInput(input: { url: string; events: string[] }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  let u: URL | null = null;
  try {
    u = new URL(input.url.trim());
  } catch {
    issues.push({ field: 'url', message: 'give a full address such as https://partner.example/hooks/samachar' });
  }
  if (u && u.protocol !== 'https:' && u.protocol !== 'http:') issues.push({ field: 'url', message: 'the address must start with https:// (or http://)' });
  if (input.url.length > 2000) issues.push({ field: 'url', message: 'the address is longer than 2000 characters' });
  const events = input.events.filter((e) => (WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (events.length === 0) issues.push({ field: 'events', message: `choose at least one event (${WEBHOOK_EVENTS.join(', ')})` });
  if (events.length !== input.events.length) issues.push({ field: 'events', message: `unknown event: ${input.events.filter((e) => !events.includes(e)).join(', ')}` });
  return issues;
}

export async function createWebhook(db: Executor, input: { url: string; events: string[]; description?: string; createdBy: number | null }, now: string): Promise<Webhook> {
  const issues = checkWebhookInput(input);
  if (issues.length) throw validationError(issues);
  const row = await db
    .insertInto('webhooks')
    .values({ url: input.url.trim(), events: JSON.stringify([...new Set(input.events)]), secret: `whsec_${randomBytes(32).toString('base64url')}`, description: cleanText(input.description ?? '').slice(0, 200), active: 1, created_by: input.createdBy, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toWebhook(row);
}

export async function getWebhook(db: Executor, id: number): Promise<Webhook | null> {
  const r = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toWebhook(r) : null;
}

export async function listWebhooks(db: Executor): Promise<Webhook[]> {
  return (await db.selectFrom('webhooks').selectAll().orderBy('id').execute()).map(toWebhook);
}

/** Active webhooks that subscribe to an event. */
export async function subscribersOf(db: Executor, event: string): Promise<Webhook[]> {
  return (await listWebhooks(db)).filter((w) => w.active && (w.events as string[]).includes(event));
}

export async function setWebhookActive(db: Executor, id: number, active: boolean): Promise<void> {
  const r = await db.updateTable('webhooks').set({ active: active ? 1 : 0 }).where('id', '=', id).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', `webhook ${id} does not exist`);
}

export async function deleteWebhook(db: Executor, id: number): Promise<void> {
  const r = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw new AppError('NOT_FOUND', `webhook ${id} does not exist`);
}

export async function recentDeliveries(db: Executor, webhookId: number, limit = 50): Promise<Delivery[]> {
  return (await db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('id', 'desc').limit(limit).execute()).map(toDelivery);
}

export async function getDelivery(db: Executor, id: number): Promise<(Delivery & { payload: string }) | null> {
  const r = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { ...toDelivery(r), payload: r.payload } : null;
}

export async function attemptsOf(db: Executor, deliveryIds: number[]): Promise<Map<number, Attempt[]>> {
  const out = new Map<number, Attempt[]>();
  if (deliveryIds.length === 0) return out;
  const rows = await db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', deliveryIds).orderBy('delivery_id').orderBy('attempt').execute();
  for (const r of rows) {
    const list = out.get(r.delivery_id) ?? [];
    list.push({ attempt: r.attempt, statusCode: r.status_code, error: r.error, durationMs: r.duration_ms, at: r.at });
    out.set(r.delivery_id, list);
  }
  return out;
}
