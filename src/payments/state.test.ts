import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { accessUntil, decide, type News, type SubscriptionState } from './state.js';

const DAY = 24 * 60 * 60 * 1000;
const base: SubscriptionState = { status: 'created', currentPeriodStart: null, currentPeriodEnd: null, cancelAtPeriodEnd: false, endedAt: null, observedAt: null };
const news = (status: News['snapshot']['status'], observedAt: string, over: Partial<News['snapshot']> = {}, authoritative = false): News => ({
  snapshot: { status, currentPeriodStart: null, currentPeriodEnd: null, cancelAtPeriodEnd: null, endedAt: null, ...over },
  observedAt,
  authoritative,
});

describe('subscription state machine', () => {
  it('applies the first news about a subscription', () => {
    const d = decide(base, news('active', '2026-11-26T06:30:00.000Z', { currentPeriodEnd: '2026-12-26T06:30:00.000Z' }));
    assert.equal(d.applied, true);
    assert.equal(d.next.status, 'active');
    assert.equal(d.next.currentPeriodEnd, '2026-12-26T06:30:00.000Z');
  });

  it('never moves back on an event older than the state it holds', () => {
    const cur: SubscriptionState = { ...base, status: 'active', currentPeriodEnd: '2026-12-26T00:00:00.000Z', observedAt: '2026-11-26T10:00:00.000Z' };
    const d = decide(cur, news('authenticated', '2026-11-26T09:59:00.000Z'));
    assert.equal(d.applied, false);
    assert.deepEqual(d.next, cur);
    assert.equal(d.reconcile, true, 'a stale event that disagrees asks for a re-read');
  });

  it('does not ask for a re-read when a stale event says what we already know', () => {
    const cur: SubscriptionState = { ...base, status: 'active', currentPeriodEnd: '2026-12-26T00:00:00.000Z', observedAt: '2026-11-26T10:00:00.000Z' };
    const d = decide(cur, news('active', '2026-11-26T09:00:00.000Z', { currentPeriodEnd: '2026-12-26T00:00:00.000Z' }));
    assert.equal(d.applied, false);
    assert.equal(d.reconcile, false);
  });

  it('at the same instant moves only forwards in the lifecycle', () => {
    const at = '2026-11-26T10:00:00.000Z';
    const cur: SubscriptionState = { ...base, status: 'active', observedAt: at };
    assert.equal(decide(cur, news('authenticated', at)).applied, false);
    assert.equal(decide(cur, news('pending', at)).applied, true);
  });

  it('never revives a cancelled subscription from an event, and asks the provider when the event is newer', () => {
    const cur: SubscriptionState = { ...base, status: 'cancelled', endedAt: '2026-12-01T00:00:00.000Z', observedAt: '2026-12-01T00:00:00.000Z' };
    const older = decide(cur, news('active', '2026-11-30T00:00:00.000Z'));
    assert.equal(older.applied, false);
    assert.equal(older.reconcile, false);
    const newer = decide(cur, news('active', '2026-12-02T00:00:00.000Z'));
    assert.equal(newer.applied, false);
    assert.equal(newer.reconcile, true);
  });

  it('takes a read from the provider as the truth', () => {
    const cur: SubscriptionState = { ...base, status: 'cancelled', observedAt: '2026-12-01T00:00:00.000Z' };
    const d = decide(cur, news('active', '2026-11-01T00:00:00.000Z', { currentPeriodEnd: '2027-01-01T00:00:00.000Z' }, true));
    assert.equal(d.applied, true);
    assert.equal(d.next.status, 'active');
    assert.equal(d.next.observedAt, '2026-12-01T00:00:00.000Z', 'the provider clock we hold never goes backwards');
  });

  it('keeps a cancel-at-period-end the provider does not report (Razorpay)', () => {
    const cur: SubscriptionState = { ...base, status: 'active', cancelAtPeriodEnd: true, currentPeriodEnd: '2026-12-26T00:00:00.000Z', observedAt: '2026-11-26T00:00:00.000Z' };
    const d = decide(cur, news('active', '2026-11-27T00:00:00.000Z', { cancelAtPeriodEnd: null }));
    assert.equal(d.next.cancelAtPeriodEnd, true);
  });
});

describe('access from a subscription', () => {
  const end = '2026-12-26T06:30:00.000Z';
  const grace = 3 * DAY;
  const plusGrace = new Date(new Date(end).getTime() + grace).toISOString();

  it('lasts to the period end plus the grace period while active or retrying a payment', () => {
    assert.equal(accessUntil({ ...base, status: 'active', currentPeriodEnd: end }, grace), plusGrace);
    assert.equal(accessUntil({ ...base, status: 'pending', currentPeriodEnd: end }, grace), plusGrace);
  });

  it('ends exactly at the period end when cancelled at the period end', () => {
    assert.equal(accessUntil({ ...base, status: 'active', currentPeriodEnd: end, cancelAtPeriodEnd: true }, grace), end);
  });

  it('ends when a cancelled subscription ended, if that was before the period end', () => {
    assert.equal(accessUntil({ ...base, status: 'cancelled', currentPeriodEnd: end, endedAt: '2026-12-01T00:00:00.000Z' }, grace), '2026-12-01T00:00:00.000Z');
  });

  it('gives nothing before payment or after expiry, and no grace once halted', () => {
    assert.equal(accessUntil({ ...base, status: 'created' }, grace), null);
    assert.equal(accessUntil({ ...base, status: 'expired', currentPeriodEnd: end }, grace), null);
    assert.equal(accessUntil({ ...base, status: 'halted', currentPeriodEnd: end }, grace), end);
  });
});
