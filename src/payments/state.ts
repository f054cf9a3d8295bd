import type { SubscriptionSnapshot, SubscriptionStatus } from './port.js';

/**
 * The subscription state machine, pure. Webhooks arrive late, twice, or out of order; the API can be
 * re-read at any time. Every piece of news goes through `decide`, which applies it only when it is newer
 * than what we hold (by the provider's clock; at the same instant, only forwards in the lifecycle), never
 * revives a finished subscription from a stale event, and says when the news disagrees with what we know
 * so that the subscription is re-read from the provider (reconciliation).
 */
export interface SubscriptionState {
  status: SubscriptionStatus;
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  endedAt: string | null;
  /** Provider time of the state applied last (null before any news). */
  observedAt: string | null;
}

export interface News {
  snapshot: Pick<SubscriptionSnapshot, 'status' | 'currentPeriodStart' | 'currentPeriodEnd' | 'cancelAtPeriodEnd' | 'endedAt'>;
  /** Provider time of the news: the event's creation time, or the time of an API read. */
  observedAt: string;
  /** An API read is the provider's current truth and wins over anything an event said. */
  authoritative: boolean;
}

export interface Decision {
  next: SubscriptionState;
  applied: boolean;
  /** The news disagrees with what we hold: re-read the subscription from the provider. */
  reconcile: boolean;
  reason: string;
}

/** Position in the lifecycle: at the same instant, news may only move a subscription forwards. */
export const STATUS_RANK: Record<SubscriptionStatus, number> = { created: 0, authenticated: 1, active: 2, pending: 3, halted: 4, cancelled: 5, completed: 5, expired: 5 };
export const TERMINAL: ReadonlySet<SubscriptionStatus> = new Set(['cancelled', 'completed', 'expired']);

function merge(cur: SubscriptionState, news: News): SubscriptionState {
  const s = news.snapshot;
  return {
    status: s.status,
    currentPeriodStart: s.currentPeriodStart ?? cur.currentPeriodStart,
    currentPeriodEnd: s.currentPeriodEnd ?? cur.currentPeriodEnd,
    cancelAtPeriodEnd: s.cancelAtPeriodEnd ?? cur.cancelAtPeriodEnd,
    endedAt: s.endedAt ?? (TERMINAL.has(s.status) ? cur.endedAt : null),
    observedAt: cur.observedAt && cur.observedAt > news.observedAt ? cur.observedAt : news.observedAt,
  };
}

function differs(cur: SubscriptionState, news: News): boolean {
  const s = news.snapshot;
  return s.status !== cur.status || (s.currentPeriodEnd !== null && s.currentPeriodEnd !== cur.currentPeriodEnd);
}

export function decide(cur: SubscriptionState, news: News): Decision {
  if (news.authoritative) return { next: merge(cur, news), applied: true, reconcile: false, reason: 'read from the provider' };
  if (cur.observedAt === null) return { next: merge(cur, news), applied: true, reconcile: false, reason: 'first news' };
  const s = news.snapshot;
  if (TERMINAL.has(cur.status) && !TERMINAL.has(s.status)) {
    // A finished subscription never comes back from an event; if the event is newer, ask the provider.
    return { next: cur, applied: false, reconcile: news.observedAt > cur.observedAt, reason: `ignored ${s.status}: subscription already ${cur.status}` };
  }
  if (news.observedAt < cur.observedAt) {
    return { next: cur, applied: false, reconcile: differs(cur, news), reason: `stale: ${news.observedAt} is older than ${cur.observedAt}` };
  }
  if (news.observedAt === cur.observedAt && STATUS_RANK[s.status] < STATUS_RANK[cur.status]) {
    return { next: cur, applied: false, reconcile: true, reason: `same instant, ${s.status} would move back from ${cur.status}` };
  }
  return { next: merge(cur, news), applied: true, reconcile: false, reason: 'newer' };
}

/**
 * Until when a subscription in this state gives premium access (null: none). While a renewal is being
 * retried (pending) the reader keeps access for a grace period past the paid period; a subscription set
 * to cancel at the period end gets no grace, since no renewal is coming.
 */
export function accessUntil(s: SubscriptionState, graceMs: number): string | null {
  const end = s.currentPeriodEnd;
  const plusGrace = (iso: string) => new Date(new Date(iso).getTime() + (s.cancelAtPeriodEnd ? 0 : graceMs)).toISOString();
  switch (s.status) {
    case 'created':
    case 'expired':
      return null;
    case 'authenticated':
    case 'active':
    case 'pending':
      return end ? plusGrace(end) : null;
    case 'halted':
    case 'completed':
      return end;
    case 'cancelled':
      if (s.endedAt && end) return s.endedAt < end ? s.endedAt : end;
      return end ?? s.endedAt;
  }
}
