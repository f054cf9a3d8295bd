import type { Executor } from '../storage/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError, validationError } from '../shared/errors.js';
import { cleanText } from '../shared/text.js';
import './schema.js';

/**
 * Premium entitlements: the rows that say "this account may read premium stories from … until …". A paid
 * subscription keeps exactly one row in step with its state (payments module); an admin adds
 * complimentary grants with an end date. A reader's premium lasts until the latest end among the rows in
 * force, so time alone ends access: no job has to run for a lapsed reader to be locked out.
 */
export async function premiumUntil(db: Executor, accountId: number, now: Date): Promise<string | null> {
  const iso = now.toISOString();
  const row = await db
    .selectFrom('premium_entitlements')
    .select((eb) => eb.fn.max('ends_at').as('until'))
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('starts_at', '<=', iso)
    .where('ends_at', '>', iso)
    .executeTakeFirst();
  return (row?.until as string | null | undefined) ?? null;
}

/** Keeps the one entitlement of a subscription in step: `until` null removes it (no access from it). */
export async function setSubscriptionEntitlement(db: Executor, p: { accountId: number; subscriptionId: number; startsAt: string; until: string | null; now: string }): Promise<void> {
  if (p.until === null) {
    await db.deleteFrom('premium_entitlements').where('subscription_id', '=', p.subscriptionId).execute();
    return;
  }
  await db
    .insertInto('premium_entitlements')
    .values({ account_id: p.accountId, source: 'subscription', subscription_id: p.subscriptionId, starts_at: p.startsAt, ends_at: p.until, note: '', granted_by: null, created_at: p.now, updated_at: p.now, revoked_at: null })
    .onConflict((oc) => oc.column('subscription_id').doUpdateSet({ account_id: p.accountId, starts_at: p.startsAt, ends_at: p.until!, updated_at: p.now, revoked_at: null }))
    .execute();
}

export interface Grant {
  id: number;
  accountId: number;
  email: string;
  startsAt: string;
  endsAt: string;
  note: string;
  grantedBy: number | null;
  createdAt: string;
  revokedAt: string | null;
}

/** "2026-12-31" → the end of that day in India time, as an ISO instant. */
export function endOfIndianDay(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw validationError([{ field: 'until', message: 'until must be a date such as 2026-12-31' }]);
  const d = new Date(`${date}T23:59:59.999+05:30`);
  // Reject dates that JavaScript silently rolls over (2026-02-31 → 3 March).
  const back = Number.isNaN(d.getTime()) ? '' : new Date(d.getTime() + 5.5 * 60 * 60 * 1000).toISOString().slice(0, 10);
  if (back !== date) throw validationError([{ field: 'until', message: `"${date}" is not a calendar date` }]);
  return d.toISOString();
}

export async function grantComplimentary(db: Executor, clock: Clock, p: { accountId: number; until: string; note: unknown; grantedBy: number | null }): Promise<number> {
  const now = clock.now().toISOString();
  if (p.until <= now) throw validationError([{ field: 'until', message: 'the end date must be in the future' }]);
  const note = cleanText(p.note).slice(0, 300);
  const row = await db
    .insertInto('premium_entitlements')
    .values({ account_id: p.accountId, source: 'grant', subscription_id: null, starts_at: now, ends_at: p.until, note, granted_by: p.grantedBy, created_at: now, updated_at: now, revoked_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function revokeGrant(db: Executor, clock: Clock, id: number): Promise<void> {
  const r = await db.updateTable('premium_entitlements').set({ revoked_at: clock.now().toISOString(), updated_at: clock.now().toISOString() }).where('id', '=', id).where('source', '=', 'grant').where('revoked_at', 'is', null).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND', 'No such complimentary grant, or it was already revoked');
}

/** Grants still in force (or all of one account's when accountId is given), newest first. */
export async function listGrants(db: Executor, now: Date, accountId?: number): Promise<Grant[]> {
  let q = db
    .selectFrom('premium_entitlements as e')
    .innerJoin('reader_accounts as a', 'a.id', 'e.account_id')
    .select(['e.id', 'e.account_id', 'a.email', 'e.starts_at', 'e.ends_at', 'e.note', 'e.granted_by', 'e.created_at', 'e.revoked_at'])
    .where('e.source', '=', 'grant');
  q = accountId !== undefined ? q.where('e.account_id', '=', accountId) : q.where('e.revoked_at', 'is', null).where('e.ends_at', '>', now.toISOString());
  const rows = await q.orderBy('e.created_at', 'desc').orderBy('e.id', 'desc').limit(500).execute();
  return rows.map((r) => ({ id: r.id, accountId: r.account_id, email: r.email, startsAt: r.starts_at, endsAt: r.ends_at, note: r.note, grantedBy: r.granted_by, createdAt: r.created_at, revokedAt: r.revoked_at }));
}
