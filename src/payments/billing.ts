import type { Executor, Store } from '../storage/index.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { EventBus } from '../shared/events.js';
import type { JobQueue } from '../jobs/index.js';
import { AppError } from '../shared/errors.js';
import { setSubscriptionEntitlement } from '../members/index.js';
import {
  ProviderApiError, WebhookSignatureError,
  type CheckoutStart, type PaymentProvider, type PaymentSnapshot, type PlanInterval, type ProviderEvent, type ProviderName, type SubscriptionSnapshot,
  type SubscriptionStatus,
} from './port.js';
import { accessUntil, decide, TERMINAL, type Decision, type SubscriptionState } from './state.js';
import { getPlan, planForProvider, setProviderPlanRef } from './plans.js';
import type { ReceiptRow, SubscriptionRow } from './schema.js';
import './schema.js';

export interface BillingDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  jobs: JobQueue;
  bus: EventBus;
  providers: Map<ProviderName, PaymentProvider>;
  /** How long access outlasts a missed renewal while the provider retries. */
  graceMs: number;
  baseUrl: string;
}

export interface Subscription {
  id: number;
  accountId: number | null;
  planId: number;
  planName: string;
  interval: PlanInterval;
  provider: ProviderName;
  providerSubscriptionId: string | null;
  providerCustomerId: string | null;
  status: SubscriptionStatus;
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  endedAt: string | null;
  pricePaise: number;
  createdAt: string;
  /** Until when this subscription gives premium (null: it gives none now). */
  accessUntil: string | null;
}

export interface Receipt {
  id: number;
  provider: ProviderName;
  providerPaymentId: string;
  amountPaise: number;
  currency: string;
  status: string;
  method: string;
  receiptUrl: string | null;
  paidAt: string;
}

export const RECONCILE_JOB = 'payments.reconcile';
export const SWEEP_JOB = 'payments.sweep';
/** Subscriptions that can still give access or be charged: the ones worth re-reading and cancelling. */
const LIVE: SubscriptionStatus[] = ['authenticated', 'active', 'pending', 'halted'];

function stateOf(r: SubscriptionRow): SubscriptionState {
  return { status: r.status as SubscriptionStatus, currentPeriodStart: r.current_period_start, currentPeriodEnd: r.current_period_end, cancelAtPeriodEnd: r.cancel_at_period_end === 1, endedAt: r.ended_at, observedAt: r.observed_at };
}

function toReceipt(r: ReceiptRow): Receipt {
  return { id: r.id, provider: r.provider as ProviderName, providerPaymentId: r.provider_payment_id, amountPaise: Number(r.amount_paise), currency: r.currency, status: r.status, method: r.method, receiptUrl: r.receipt_url, paidAt: r.paid_at };
}

const RECEIPT_RANK: Record<string, number> = { failed: 0, paid: 1, refunded: 2 };

/**
 * Billing: checkout through a provider, webhooks processed exactly once and in a safe order, the
 * subscription state machine kept in step with premium entitlements, reconciliation against the
 * provider's API, cancellation and receipts. Knows providers only through the port.
 */
export class Billing {
  constructor(private readonly deps: BillingDeps) {}

  private get db() {
    return this.deps.store.db;
  }

  get providers(): PaymentProvider[] {
    return [...this.deps.providers.values()];
  }

  provider(name: string): PaymentProvider {
    const p = this.deps.providers.get(name as ProviderName);
    if (!p) throw new AppError('NOT_FOUND', `Payments through "${name}" are not set up on this site`);
    return p;
  }

  private async rows(accountId: number): Promise<(SubscriptionRow & { plan_name: string; plan_interval: string })[]> {
    return this.db
      .selectFrom('premium_subscriptions as s')
      .innerJoin('premium_plans as p', 'p.id', 's.plan_id')
      .selectAll('s')
      .select(['p.name as plan_name', 'p.interval as plan_interval'])
      .where('s.account_id', '=', accountId)
      .orderBy('s.created_at', 'desc')
      .orderBy('s.id', 'desc')
      .execute();
  }

  private present(r: SubscriptionRow & { plan_name: string; plan_interval: string }): Subscription {
    const st = stateOf(r);
    return {
      id: r.id, accountId: r.account_id, planId: r.plan_id, planName: r.plan_name, interval: r.plan_interval as PlanInterval, provider: r.provider as ProviderName,
      providerSubscriptionId: r.provider_subscription_id, providerCustomerId: r.provider_customer_id, status: st.status, currentPeriodStart: st.currentPeriodStart,
      currentPeriodEnd: st.currentPeriodEnd, cancelAtPeriodEnd: st.cancelAtPeriodEnd, endedAt: st.endedAt, pricePaise: Number(r.price_paise), createdAt: r.created_at,
      accessUntil: accessUntil(st, this.deps.graceMs),
    };
  }

  /** Every subscription of an account that went past the checkout, newest first. */
  async subscriptions(accountId: number): Promise<Subscription[]> {
    return (await this.rows(accountId)).filter((r) => r.status !== 'created').map((r) => this.present(r));
  }

  /** The subscription the account page talks about: a live one if any, else the latest that ended. */
  async currentSubscription(accountId: number): Promise<Subscription | null> {
    const subs = await this.subscriptions(accountId);
    return subs.find((s) => LIVE.includes(s.status)) ?? subs[0] ?? null;
  }

  async receipts(accountId: number): Promise<Receipt[]> {
    const rows = await this.db.selectFrom('payment_receipts').selectAll().where('account_id', '=', accountId).orderBy('paid_at', 'desc').orderBy('id', 'desc').limit(200).execute();
    return rows.map(toReceipt);
  }

  /**
   * Starts a subscription: our row first (so the provider can carry its id back), then the provider's checkout.
   * `returnTo`, a local path the web layer has already checked, rides on the provider's success and cancel
   * addresses so that the reader ends up back on the story they came from.
   */
  async startCheckout(account: { id: number; email: string; name: string }, planId: number, providerName: string, opts: { returnTo?: string | null } = {}): Promise<{ subscriptionId: number; start: CheckoutStart }> {
    const provider = this.provider(providerName);
    const plan = await getPlan(this.db, planId);
    if (!plan || !plan.active) throw new AppError('NOT_FOUND', 'This plan is not on offer');
    const now = this.deps.clock.now();
    const live = (await this.subscriptions(account.id)).find((s) => LIVE.includes(s.status) && s.accessUntil !== null && s.accessUntil > now.toISOString() && !s.cancelAtPeriodEnd);
    if (live) throw new AppError('CONFLICT', 'You already have a premium subscription. Manage it from your account page.');
    const nowIso = now.toISOString();
    const back = opts.returnTo ? `&return=${encodeURIComponent(opts.returnTo)}` : '';
    const row = await this.db
      .insertInto('premium_subscriptions')
      .values({ account_id: account.id, plan_id: plan.id, provider: provider.name, provider_subscription_id: null, provider_customer_id: null, checkout_ref: null, status: 'created', current_period_start: null, current_period_end: null, cancel_at_period_end: 0, ended_at: null, observed_at: null, price_paise: plan.pricePaise, created_at: nowIso, updated_at: nowIso })
      .returning('id')
      .executeTakeFirstOrThrow();
    let start: CheckoutStart;
    try {
      start = await provider.startCheckout({
        plan: planForProvider(plan, provider.name),
        localSubscriptionId: row.id,
        account,
        successUrl: `${this.deps.baseUrl}/account?checkout=${provider.name}${back}`,
        cancelUrl: `${this.deps.baseUrl}/premium?checkout=cancelled${back}`,
        now,
      });
    } catch (e) {
      await this.db.updateTable('premium_subscriptions').set({ status: 'expired', updated_at: nowIso }).where('id', '=', row.id).execute();
      this.deps.logger.warn({ err: e, provider: provider.name }, 'checkout could not start');
      throw new AppError('UPSTREAM', e instanceof ProviderApiError ? e.message : 'The payment provider could not be reached', { cause: e });
    }
    if (start.providerPlanId && start.providerPlanId !== planForProvider(plan, provider.name).providerPlanId) {
      await setProviderPlanRef(this.db, plan.id, provider.name, { id: start.providerPlanId, pricePaise: plan.pricePaise, interval: plan.interval });
    }
    await this.db.updateTable('premium_subscriptions').set({ provider_subscription_id: start.providerSubscriptionId, checkout_ref: start.checkoutRef, updated_at: nowIso }).where('id', '=', row.id).execute();
    return { subscriptionId: row.id, start };
  }

  /**
   * The reader came back from the provider's checkout. The provider's proof is verified (Razorpay's
   * callback signature, Stripe's session re-read from its API), the subscription linked and re-read, so
   * that access starts now rather than when the webhook arrives.
   */
  async completeCheckout(accountId: number, providerName: string, params: Record<string, string>): Promise<Subscription | null> {
    const provider = this.provider(providerName);
    let done;
    try {
      done = await provider.completeCheckout(params);
    } catch (e) {
      if (e instanceof WebhookSignatureError) throw new AppError('BAD_REQUEST', `The payment could not be confirmed: ${e.message}`);
      throw new AppError('UPSTREAM', (e as Error).message, { cause: e });
    }
    const row = await this.findLocal(this.db, provider.name, done.providerSubscriptionId, done.localSubscriptionId);
    if (!row || row.account_id !== accountId) throw new AppError('NOT_FOUND', 'This payment does not belong to your account');
    await this.link(this.db, row, done.providerSubscriptionId, done.customerId);
    try {
      await this.reconcile(row.id);
    } catch (err) {
      // The webhook will bring the news; the reader is told the payment is being confirmed.
      this.deps.logger.warn({ err, subscription: row.id }, 'could not re-read a subscription after checkout');
      await this.enqueueReconcile(this.db, row.id);
    }
    return (await this.subscriptions(accountId)).find((s) => s.id === row.id) ?? null;
  }

  private async findLocal(db: Executor, provider: ProviderName, providerSubscriptionId: string | null, localId: number | null): Promise<SubscriptionRow | undefined> {
    if (providerSubscriptionId) {
      const r = await db.selectFrom('premium_subscriptions').selectAll().where('provider', '=', provider).where('provider_subscription_id', '=', providerSubscriptionId).executeTakeFirst();
      if (r) return r;
    }
    if (localId) {
      const r = await db.selectFrom('premium_subscriptions').selectAll().where('id', '=', localId).where('provider', '=', provider).executeTakeFirst();
      if (r && (r.provider_subscription_id === null || r.provider_subscription_id === providerSubscriptionId || providerSubscriptionId === null)) return r;
    }
    return undefined;
  }

  private async link(db: Executor, row: SubscriptionRow, providerSubscriptionId: string | null, customerId: string | null): Promise<SubscriptionRow> {
    const set: Partial<Pick<SubscriptionRow, 'provider_subscription_id' | 'provider_customer_id'>> = {};
    if (providerSubscriptionId && !row.provider_subscription_id) set.provider_subscription_id = providerSubscriptionId;
    if (customerId && !row.provider_customer_id) set.provider_customer_id = customerId;
    if (Object.keys(set).length === 0) return row;
    await db.updateTable('premium_subscriptions').set(set).where('id', '=', row.id).execute();
    return { ...row, ...set };
  }

  /**
   * Applies one piece of news to a subscription through the state machine, and keeps its entitlement in
   * step. A compare-and-set on the state read makes concurrent webhooks for one subscription safe on
   * PostgreSQL too: the loser re-reads and decides again.
   */
  private async applyNews(db: Executor, id: number, snap: Pick<SubscriptionSnapshot, 'status' | 'currentPeriodStart' | 'currentPeriodEnd' | 'cancelAtPeriodEnd' | 'endedAt' | 'customerId'>, observedAt: string, authoritative: boolean): Promise<Decision> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = await db.selectFrom('premium_subscriptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const cur = stateOf(row);
      const d = decide(cur, { snapshot: snap, observedAt, authoritative });
      if (!d.applied) return d;
      const now = this.deps.clock.now().toISOString();
      const res = await db
        .updateTable('premium_subscriptions')
        .set({
          status: d.next.status,
          current_period_start: d.next.currentPeriodStart,
          current_period_end: d.next.currentPeriodEnd,
          cancel_at_period_end: d.next.cancelAtPeriodEnd ? 1 : 0,
          ended_at: d.next.endedAt,
          observed_at: d.next.observedAt,
          ...(snap.customerId && !row.provider_customer_id ? { provider_customer_id: snap.customerId } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .where('status', '=', row.status)
        .where('observed_at', row.observed_at === null ? 'is' : '=', row.observed_at)
        .where('current_period_end', row.current_period_end === null ? 'is' : '=', row.current_period_end)
        .where('cancel_at_period_end', '=', row.cancel_at_period_end)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) continue;
      if (row.account_id !== null) {
        await setSubscriptionEntitlement(db, { accountId: row.account_id, subscriptionId: id, startsAt: row.created_at, until: accessUntil(d.next, this.deps.graceMs), now });
      }
      return d;
    }
    throw new Error(`subscription ${id} kept changing while news was applied`);
  }

  private async enqueueReconcile(db: Executor, subscriptionId: number, delayMs = 0): Promise<void> {
    await this.deps.jobs.enqueue(RECONCILE_JOB, { subscriptionId }, { trx: db, uniqueKey: `${RECONCILE_JOB}:${subscriptionId}`, runAt: new Date(this.deps.clock.now().getTime() + delayMs), maxAttempts: 10 });
  }

  private async saveReceipt(db: Executor, provider: ProviderName, p: PaymentSnapshot, sub: SubscriptionRow): Promise<void> {
    const existing = await db.selectFrom('payment_receipts').selectAll().where('provider', '=', provider).where('provider_payment_id', '=', p.providerPaymentId).executeTakeFirst();
    if (!existing) {
      await db
        .insertInto('payment_receipts')
        .values({ account_id: sub.account_id, subscription_id: sub.id, provider, provider_payment_id: p.providerPaymentId, amount_paise: p.amountPaise, currency: p.currency, status: p.status, method: p.method, receipt_url: p.receiptUrl, paid_at: p.paidAt, created_at: this.deps.clock.now().toISOString() })
        .onConflict((oc) => oc.columns(['provider', 'provider_payment_id']).doNothing())
        .execute();
      return;
    }
    // A late "failed" never overwrites a payment that went through.
    if ((RECEIPT_RANK[p.status] ?? 0) > (RECEIPT_RANK[existing.status] ?? 0)) {
      await db.updateTable('payment_receipts').set({ status: p.status, amount_paise: p.amountPaise, paid_at: p.paidAt, receipt_url: p.receiptUrl ?? existing.receipt_url }).where('id', '=', existing.id).execute();
    }
  }

  /**
   * A webhook: verified on its raw bytes, stored, and processed exactly once. The event row is unique by
   * (provider, event id); processing claims it with a compare-and-set inside the same transaction as its
   * effects, so a replay, a redelivery or two instances receiving it at once change nothing twice. A
   * failure leaves the event unprocessed and answers 500, and the provider delivers it again.
   */
  async ingestWebhook(providerName: string, raw: Buffer, headers: Record<string, string | string[] | undefined>): Promise<{ eventId: string; duplicate: boolean; outcome: string }> {
    const provider = this.provider(providerName);
    let ev: ProviderEvent;
    try {
      ev = provider.parseWebhook(raw, headers, this.deps.clock.now());
    } catch (e) {
      if (e instanceof WebhookSignatureError) throw new AppError('BAD_REQUEST', e.message);
      throw e;
    }
    const db = this.db;
    const received = this.deps.clock.now().toISOString();
    await db
      .insertInto('payment_events')
      .values({ provider: provider.name, event_id: ev.id, type: ev.type, provider_created_at: ev.createdAt, received_at: received, processed_at: null, outcome: null, last_error: null, payload: raw.toString('utf8') })
      .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
      .execute();
    const changed: number[] = [];
    try {
      const outcome = await this.deps.store.transaction(async (trx) => {
        const claim = await trx.updateTable('payment_events').set({ processed_at: this.deps.clock.now().toISOString() }).where('provider', '=', provider.name).where('event_id', '=', ev.id).where('processed_at', 'is', null).executeTakeFirst();
        if (Number(claim.numUpdatedRows) !== 1) return null;
        const outcome = await this.processEvent(trx, provider.name, ev, changed);
        await trx.updateTable('payment_events').set({ outcome: outcome.slice(0, 500), last_error: null }).where('provider', '=', provider.name).where('event_id', '=', ev.id).execute();
        return outcome;
      });
      if (outcome === null) {
        const prior = await db.selectFrom('payment_events').select('outcome').where('provider', '=', provider.name).where('event_id', '=', ev.id).executeTakeFirst();
        return { eventId: ev.id, duplicate: true, outcome: prior?.outcome ?? 'already processed' };
      }
      for (const id of changed) this.deps.bus.publish('subscription.changed', { subscriptionId: id, provider: provider.name });
      return { eventId: ev.id, duplicate: false, outcome };
    } catch (e) {
      await db.updateTable('payment_events').set({ last_error: String((e as Error).message).slice(0, 1000) }).where('provider', '=', provider.name).where('event_id', '=', ev.id).execute();
      throw e;
    }
  }

  private async processEvent(trx: Executor, provider: ProviderName, ev: ProviderEvent, changed: number[]): Promise<string> {
    const notes: string[] = [];
    const ref = ev.subscription?.providerSubscriptionId ?? ev.checkout?.providerSubscriptionId ?? ev.payment?.providerSubscriptionId ?? null;
    const localId = ev.subscription?.localSubscriptionId ?? ev.checkout?.localSubscriptionId ?? ev.payment?.localSubscriptionId ?? null;
    let row = ref || localId ? await this.findLocal(trx, provider, ref, localId) : undefined;
    if (!row && (ev.subscription || ev.checkout)) return `ignored ${ev.type}: no subscription of ours matches ${ref ?? localId}`;
    if (row) row = await this.link(trx, row, ref, ev.subscription?.customerId ?? ev.checkout?.customerId ?? null);

    if (row && ev.checkout) {
      if (ev.checkout.checkoutRef && !row.checkout_ref) await trx.updateTable('premium_subscriptions').set({ checkout_ref: ev.checkout.checkoutRef }).where('id', '=', row.id).execute();
      // The session names the subscription but not its state: read it from the provider.
      await this.enqueueReconcile(trx, row.id);
      notes.push('checkout completed; subscription will be re-read');
    }
    if (row && ev.subscription) {
      const d = await this.applyNews(trx, row.id, ev.subscription, ev.createdAt, false);
      notes.push(d.applied ? `${ev.subscription.status}: ${d.reason}` : d.reason);
      if (d.applied) changed.push(row.id);
      if (d.reconcile) {
        await this.enqueueReconcile(trx, row.id);
        notes.push('reconciliation queued');
      }
    }
    // Payments that are not for one of our subscriptions (other products on the same account) are not ours to list.
    if (ev.payment && row) {
      await this.saveReceipt(trx, provider, ev.payment, row);
      notes.push(`payment ${ev.payment.providerPaymentId} ${ev.payment.status}`);
      if (ev.payment.status === 'paid' && !ev.subscription) {
        // A payment without the subscription's new state (Stripe's invoice.paid): if it is newer than the
        // period we hold, the two disagree until the subscription is re-read.
        const cur = await trx.selectFrom('premium_subscriptions').select(['status', 'current_period_end']).where('id', '=', row.id).executeTakeFirstOrThrow();
        if (cur.status !== 'active' || !cur.current_period_end || cur.current_period_end <= ev.payment.paidAt) {
          await this.enqueueReconcile(trx, row.id);
          notes.push('reconciliation queued');
        }
      }
    }
    return notes.length ? notes.join('; ') : `ignored ${ev.type}`;
  }

  /** Re-reads a subscription from its provider and takes the answer as the truth (reconciliation). */
  async reconcile(subscriptionId: number): Promise<Decision | null> {
    const row = await this.db.selectFrom('premium_subscriptions').selectAll().where('id', '=', subscriptionId).executeTakeFirst();
    if (!row || !row.provider_subscription_id) return null;
    const provider = this.deps.providers.get(row.provider as ProviderName);
    if (!provider) return null;
    const snap = await provider.fetchSubscription(row.provider_subscription_id);
    const d = await this.deps.store.transaction((trx) => this.applyNews(trx, row.id, snap, this.deps.clock.now().toISOString(), true));
    this.deps.bus.publish('subscription.changed', { subscriptionId: row.id, provider: row.provider });
    return d;
  }

  /** Finds subscriptions whose news is overdue (a period ended without a renewal, a checkout left half-done) and re-reads them. */
  async sweep(): Promise<number> {
    const now = this.deps.clock.now();
    const hourAgo = new Date(now.getTime() - 60 * 60 * 1000).toISOString();
    const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString();
    const due = await this.db
      .selectFrom('premium_subscriptions')
      .select('id')
      .where('provider_subscription_id', 'is not', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', 'in', LIVE), eb('current_period_end', '<', now.toISOString()), eb.or([eb('observed_at', 'is', null), eb('observed_at', '<', hourAgo)])]),
          eb.and([eb('status', '=', 'created'), eb('created_at', '<', hourAgo), eb('created_at', '>', dayAgo)]),
        ]),
      )
      .limit(500)
      .execute();
    for (const r of due) await this.enqueueReconcile(this.db, r.id);
    return due.length;
  }

  /** Cancel at the end of the paid period, from the account page: the reader keeps access until then. */
  async cancelAtPeriodEnd(accountId: number): Promise<Subscription> {
    const sub = (await this.subscriptions(accountId)).find((s) => LIVE.includes(s.status));
    if (!sub || !sub.providerSubscriptionId) throw new AppError('NOT_FOUND', 'You have no subscription to cancel');
    if (sub.cancelAtPeriodEnd) return sub;
    const provider = this.provider(sub.provider);
    let snap: SubscriptionSnapshot;
    try {
      snap = await provider.cancel(sub.providerSubscriptionId, 'period_end');
    } catch (e) {
      throw new AppError('UPSTREAM', (e as Error).message, { cause: e });
    }
    await this.deps.store.transaction((trx) => this.applyNews(trx, sub.id, { ...snap, cancelAtPeriodEnd: snap.cancelAtPeriodEnd ?? true }, this.deps.clock.now().toISOString(), true));
    this.deps.bus.publish('subscription.changed', { subscriptionId: sub.id, provider: sub.provider });
    return (await this.subscriptions(accountId)).find((s) => s.id === sub.id)!;
  }

  /** The provider's own page for cards and invoices (Stripe's customer portal). */
  async manageUrl(accountId: number, returnUrl: string): Promise<string> {
    const subs = await this.subscriptions(accountId);
    const sub = subs.find((s) => s.providerCustomerId && this.deps.providers.get(s.provider)?.manageUrl);
    if (!sub) throw new AppError('NOT_FOUND', 'There is no billing page for your subscription');
    try {
      return await this.deps.providers.get(sub.provider)!.manageUrl!(sub.providerCustomerId!, returnUrl);
    } catch (e) {
      throw new AppError('UPSTREAM', (e as Error).message, { cause: e });
    }
  }

  /**
   * Stops every subscription of an account at the provider now (nothing more is charged once the
   * account is gone). If a provider cannot be reached, nothing is deleted and the error says so.
   */
  async stopAllForAccount(accountId: number): Promise<void> {
    const live = (await this.rows(accountId)).filter((r) => r.provider_subscription_id && (LIVE.includes(r.status as SubscriptionStatus) || r.status === 'created'));
    for (const r of live) {
      const provider = this.deps.providers.get(r.provider as ProviderName);
      if (!provider) throw new AppError('UPSTREAM', `Your ${r.provider} subscription cannot be cancelled because ${r.provider} is no longer set up here; contact us`);
      let snap: SubscriptionSnapshot;
      try {
        snap = await provider.cancel(r.provider_subscription_id!, 'now');
      } catch (e) {
        // Already ended at the provider (an unpaid checkout, a finished plan) is fine; anything else stops the deletion.
        snap = await provider.fetchSubscription(r.provider_subscription_id!).catch(() => {
          throw new AppError('UPSTREAM', `Your subscription could not be cancelled: ${(e as Error).message}`, { cause: e });
        });
        if (LIVE.includes(snap.status)) throw new AppError('UPSTREAM', `Your subscription could not be cancelled: ${(e as Error).message}`, { cause: e });
      }
      await this.deps.store.transaction((trx) => this.applyNews(trx, r.id, snap, this.deps.clock.now().toISOString(), true));
    }
  }

  /** Keeps the money records but forgets whose they were (inside the caller's transaction). */
  async detachAccount(trx: Executor, accountId: number): Promise<void> {
    await trx.updateTable('payment_receipts').set({ account_id: null }).where('account_id', '=', accountId).execute();
    await trx.updateTable('premium_subscriptions').set({ account_id: null }).where('account_id', '=', accountId).execute();
  }

  async exportData(accountId: number) {
    const subs = await this.subscriptions(accountId);
    const receipts = await this.receipts(accountId);
    return {
      subscriptions: subs.map((s) => ({ id: s.id, plan: s.planName, provider: s.provider, status: s.status, currentPeriodStart: s.currentPeriodStart, currentPeriodEnd: s.currentPeriodEnd, cancelAtPeriodEnd: s.cancelAtPeriodEnd, endedAt: s.endedAt, pricePaise: s.pricePaise, createdAt: s.createdAt })),
      payments: receipts.map((r) => ({ provider: r.provider, id: r.providerPaymentId, amountPaise: r.amountPaise, currency: r.currency, status: r.status, method: r.method, paidAt: r.paidAt, receiptUrl: r.receiptUrl })),
    };
  }

  /** Registers the reconciliation jobs and schedules the hourly sweep. */
  async registerJobs(): Promise<void> {
    this.deps.jobs.register(RECONCILE_JOB, async (payload) => {
      const id = Number(payload.subscriptionId);
      if (Number.isSafeInteger(id)) await this.reconcile(id);
    });
    this.deps.jobs.register(SWEEP_JOB, async () => {
      await this.sweep();
      await this.scheduleSweep(60 * 60 * 1000);
    });
    await this.scheduleSweep(5 * 60 * 1000);
  }

  private async scheduleSweep(inMs: number): Promise<void> {
    const at = new Date(this.deps.clock.now().getTime() + inMs);
    // One key per hour: rescheduling from inside the running job never touches the job's own row.
    await this.deps.jobs.enqueue(SWEEP_JOB, {}, { runAt: at, uniqueKey: `${SWEEP_JOB}:${at.toISOString().slice(0, 13)}` });
  }
}
