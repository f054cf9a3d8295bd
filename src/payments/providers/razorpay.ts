import { createHash } from 'node:crypto';
import Razorpay from 'razorpay';
import razorpayUtils from 'razorpay/dist/utils/razorpay-utils.js';
import {
  ProviderApiError, WebhookSignatureError,
  type CheckoutCompletion, type CheckoutInput, type CheckoutStart, type PaymentProvider, type PaymentProviderFactory, type PaymentSnapshot,
  type ProviderEvent, type SubscriptionSnapshot, type SubscriptionStatus,
} from '../port.js';

export interface RazorpayConfig {
  keyId: string;
  keySecret: string;
  webhookSecret: string;
  /** Origin of the API; tests point the SDK at a local server speaking Razorpay's documented responses. */
  apiBase?: string;
  /** Billing cycles a subscription is created for (Razorpay needs a count): ten years by default. */
  totalCount?: { month: number; year: number };
}

/** The parts of Razorpay's subscription entity we read (https://razorpay.com/docs/api/payments/subscriptions/). */
interface RzpSubscription {
  id: string;
  status: string;
  current_start?: number | null;
  current_end?: number | null;
  ended_at?: number | null;
  charge_at?: number | null;
  start_at?: number | null;
  customer_id?: string | null;
  short_url?: string | null;
  notes?: Record<string, string | number | null> | unknown[] | null;
}

interface RzpPayment {
  id: string;
  amount: number;
  currency: string;
  status: string;
  method?: string | null;
  invoice_id?: string | null;
  created_at: number;
  notes?: Record<string, string | number | null> | unknown[] | null;
}

interface RzpWebhook {
  entity: 'event';
  event: string;
  contains?: string[];
  created_at: number;
  payload: { subscription?: { entity: RzpSubscription }; payment?: { entity: RzpPayment } };
}

const STATUS: Record<string, SubscriptionStatus> = {
  created: 'created',
  authenticated: 'authenticated',
  active: 'active',
  pending: 'pending',
  halted: 'halted',
  // A paused subscription charges nothing and gives nothing until resumed.
  paused: 'halted',
  cancelled: 'cancelled',
  completed: 'completed',
  expired: 'expired',
};

const iso = (unix: number | null | undefined) => (typeof unix === 'number' && unix > 0 ? new Date(unix * 1000).toISOString() : null);

function localId(notes: RzpSubscription['notes']): number | null {
  if (!notes || Array.isArray(notes)) return null;
  const n = Number(notes.samachar_subscription_id);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function razorpaySnapshot(s: RzpSubscription): SubscriptionSnapshot {
  const status = STATUS[s.status] ?? 'pending';
  // Before the first charge (a trial, or the moment between authorisation and charge) Razorpay has no
  // current cycle yet; the access it pays for runs until the first charge is due.
  const periodEnd = iso(s.current_end) ?? (status === 'authenticated' ? iso(s.charge_at) ?? iso(s.start_at) : null);
  return {
    providerSubscriptionId: s.id,
    status,
    providerStatus: s.status,
    currentPeriodStart: iso(s.current_start),
    currentPeriodEnd: periodEnd,
    // Razorpay's entity does not show a cancel scheduled for the cycle end; we remember our own request.
    cancelAtPeriodEnd: null,
    endedAt: iso(s.ended_at),
    customerId: s.customer_id ?? null,
    localSubscriptionId: localId(s.notes),
  };
}

function paymentSnapshot(p: RzpPayment, sub: RzpSubscription | undefined): PaymentSnapshot | null {
  const status = p.status === 'captured' ? 'paid' : p.status === 'failed' ? 'failed' : p.status === 'refunded' ? 'refunded' : null;
  if (!status) return null;
  return {
    providerPaymentId: p.id,
    providerSubscriptionId: sub?.id ?? null,
    localSubscriptionId: sub ? localId(sub.notes) : localId(p.notes),
    amountPaise: Number(p.amount),
    currency: String(p.currency || 'INR').toUpperCase(),
    status,
    method: p.method ?? '',
    receiptUrl: null,
    paidAt: iso(p.created_at) ?? new Date(0).toISOString(),
  };
}

function apiError(e: unknown, what: string): ProviderApiError {
  const err = e as { statusCode?: number; error?: { description?: string; code?: string } } | Error;
  if (err && typeof err === 'object' && 'error' in err && err.error) {
    return new ProviderApiError('razorpay', `Razorpay refused to ${what}: ${err.error.description ?? err.error.code ?? 'unknown error'}`, err.statusCode ?? null, { cause: e });
  }
  return new ProviderApiError('razorpay', `Razorpay could not be reached to ${what}: ${(e as Error)?.message ?? String(e)}`, null, { cause: e });
}

/**
 * Razorpay Subscriptions (UPI AutoPay and cards): a plan per price, a subscription per reader, Checkout
 * opened on our page with the subscription id, the callback signature checked with the key secret, and
 * webhooks checked with the webhook secret on the raw body.
 */
export const razorpayProvider: PaymentProviderFactory<RazorpayConfig> = (config) => {
  const rzp = new Razorpay({ key_id: config.keyId, key_secret: config.keySecret });
  if (config.apiBase) {
    // The SDK has no host option; its HTTP client (axios) is the documented `api` property's `rq`.
    (rzp.api as unknown as { rq: { defaults: { baseURL: string } } }).rq.defaults.baseURL = config.apiBase;
  }
  const totalCount = config.totalCount ?? { month: 120, year: 10 };

  async function ensurePlan(input: CheckoutInput): Promise<string> {
    if (input.plan.providerPlanId) return input.plan.providerPlanId;
    try {
      const plan = await rzp.plans.create({
        period: input.plan.interval === 'month' ? 'monthly' : 'yearly',
        interval: 1,
        item: { name: input.plan.name.slice(0, 100), amount: input.plan.pricePaise, currency: 'INR', description: input.plan.description.slice(0, 200) || input.plan.name.slice(0, 200) },
        notes: { samachar_plan_id: String(input.plan.id), samachar_plan_code: input.plan.code },
      });
      return plan.id;
    } catch (e) {
      throw apiError(e, 'create the plan');
    }
  }

  const provider: PaymentProvider = {
    name: 'razorpay',
    label: 'Razorpay (UPI, cards)',
    checkoutOrigins: { script: ['https://checkout.razorpay.com'], frame: ['https://api.razorpay.com', 'https://checkout.razorpay.com'], connect: ['https://api.razorpay.com', 'https://lumberjack.razorpay.com'] },

    async startCheckout(input): Promise<CheckoutStart> {
      const planId = await ensurePlan(input);
      const trialStart = input.plan.trialDays > 0 ? Math.floor(input.now.getTime() / 1000) + input.plan.trialDays * 86400 : undefined;
      try {
        const sub = await rzp.subscriptions.create({
          plan_id: planId,
          total_count: totalCount[input.plan.interval],
          quantity: 1,
          customer_notify: 1,
          ...(trialStart ? { start_at: trialStart } : {}),
          notes: { samachar_subscription_id: String(input.localSubscriptionId), samachar_account_id: String(input.account.id) },
        });
        return { kind: 'razorpay', keyId: config.keyId, providerSubscriptionId: sub.id, hostedUrl: sub.short_url || null, providerPlanId: planId, checkoutRef: null };
      } catch (e) {
        throw apiError(e, 'create the subscription');
      }
    },

    async completeCheckout(params): Promise<CheckoutCompletion> {
      const paymentId = params.razorpay_payment_id ?? '';
      const subscriptionId = params.razorpay_subscription_id ?? '';
      const signature = params.razorpay_signature ?? '';
      if (!paymentId || !subscriptionId || !/^[0-9a-f]{64}$/.test(signature)) throw new WebhookSignatureError('The payment confirmation is incomplete');
      const ok = razorpayUtils.validatePaymentVerification({ subscription_id: subscriptionId, payment_id: paymentId }, signature, config.keySecret);
      if (!ok) throw new WebhookSignatureError('The payment confirmation signature does not match');
      return { providerSubscriptionId: subscriptionId, localSubscriptionId: null, customerId: null };
    },

    parseWebhook(raw, headers): ProviderEvent {
      const signature = header(headers, 'x-razorpay-signature');
      if (!signature) throw new WebhookSignatureError('X-Razorpay-Signature header is missing');
      const body = raw.toString('utf8');
      if (!Razorpay.validateWebhookSignature(body, signature, config.webhookSecret)) throw new WebhookSignatureError('X-Razorpay-Signature does not match the body');
      let ev: RzpWebhook;
      try {
        ev = JSON.parse(body) as RzpWebhook;
      } catch {
        throw new WebhookSignatureError('The signed body is not JSON');
      }
      if (!ev || typeof ev.event !== 'string' || typeof ev.created_at !== 'number') throw new WebhookSignatureError('The signed body is not a Razorpay event');
      // Razorpay names each event in X-Razorpay-Event-Id; a redelivery carries the same id and the same bytes.
      const id = header(headers, 'x-razorpay-event-id') || `sha256:${createHash('sha256').update(raw).digest('hex')}`;
      const sub = ev.payload?.subscription?.entity;
      const pay = ev.payload?.payment?.entity;
      return {
        id,
        type: ev.event,
        createdAt: new Date(ev.created_at * 1000).toISOString(),
        subscription: sub && typeof sub.id === 'string' ? razorpaySnapshot(sub) : null,
        payment: pay && typeof pay.id === 'string' ? paymentSnapshot(pay, sub) : null,
        checkout: null,
      };
    },

    async fetchSubscription(id) {
      try {
        return razorpaySnapshot((await rzp.subscriptions.fetch(id)) as unknown as RzpSubscription);
      } catch (e) {
        throw apiError(e, 'read the subscription');
      }
    },

    async cancel(id, when) {
      try {
        const s = razorpaySnapshot((await rzp.subscriptions.cancel(id, when === 'period_end')) as unknown as RzpSubscription);
        return when === 'period_end' && ['authenticated', 'active', 'pending'].includes(s.status) ? { ...s, cancelAtPeriodEnd: true } : s;
      } catch (e) {
        throw apiError(e, 'cancel the subscription');
      }
    },
  };
  return provider;
};
