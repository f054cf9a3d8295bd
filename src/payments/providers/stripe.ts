import Stripe from 'stripe';
import {
  ProviderApiError, WebhookSignatureError,
  type CheckoutCompletion, type CheckoutStart, type PaymentProvider, type PaymentProviderFactory, type PaymentSnapshot, type ProviderEvent,
  type SubscriptionSnapshot, type SubscriptionStatus,
} from '../port.js';

export interface StripeConfig {
  secretKey: string;
  webhookSecret: string;
  /** Origin of the API; tests point the SDK at a local server speaking Stripe's documented responses. */
  apiBase?: string;
  /** Seconds a signed webhook stays acceptable (Stripe's default tolerance is 300). */
  toleranceSeconds?: number;
}

const STATUS: Record<string, SubscriptionStatus> = {
  incomplete: 'created',
  incomplete_expired: 'expired',
  trialing: 'active',
  active: 'active',
  past_due: 'pending',
  unpaid: 'halted',
  paused: 'halted',
  canceled: 'cancelled',
};

const iso = (unix: number | null | undefined) => (typeof unix === 'number' && unix > 0 ? new Date(unix * 1000).toISOString() : null);
const idOf = (v: string | { id: string } | null | undefined): string | null => (typeof v === 'string' ? v : v && typeof v.id === 'string' ? v.id : null);

function localId(meta: Stripe.Metadata | null | undefined, fallback?: string | null): number | null {
  const n = Number(meta?.samachar_subscription_id ?? fallback);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export function stripeSnapshot(s: Stripe.Subscription): SubscriptionSnapshot {
  // Since API version 2025-03-31 the billing period lives on the subscription's items.
  const item = s.items?.data?.[0];
  const periodEnd = iso(item?.current_period_end) ?? (s.status === 'trialing' ? iso(s.trial_end) : null);
  return {
    providerSubscriptionId: s.id,
    status: STATUS[s.status] ?? 'pending',
    providerStatus: s.status,
    currentPeriodStart: iso(item?.current_period_start),
    currentPeriodEnd: periodEnd,
    cancelAtPeriodEnd: Boolean(s.cancel_at_period_end),
    endedAt: iso(s.ended_at),
    customerId: idOf(s.customer as string | { id: string } | null),
    localSubscriptionId: localId(s.metadata),
  };
}

function invoiceSubscription(inv: Stripe.Invoice): { id: string | null; local: number | null } {
  const d = inv.parent?.subscription_details;
  return { id: idOf(d?.subscription as string | { id: string } | null | undefined), local: localId(d?.metadata ?? null) };
}

function invoicePayment(inv: Stripe.Invoice, status: PaymentSnapshot['status'], eventCreated: number): PaymentSnapshot | null {
  if (!inv.id) return null;
  const sub = invoiceSubscription(inv);
  return {
    providerPaymentId: inv.id,
    providerSubscriptionId: sub.id,
    localSubscriptionId: sub.local,
    amountPaise: status === 'paid' ? inv.amount_paid : inv.amount_due,
    currency: String(inv.currency || 'inr').toUpperCase(),
    status,
    method: 'card',
    receiptUrl: inv.hosted_invoice_url ?? null,
    paidAt: iso(inv.status_transitions?.paid_at) ?? iso(eventCreated)!,
  };
}

function apiError(e: unknown, what: string): ProviderApiError {
  if (e instanceof Stripe.errors.StripeError) return new ProviderApiError('stripe', `Stripe refused to ${what}: ${e.message}`, e.statusCode ?? null, { cause: e });
  return new ProviderApiError('stripe', `Stripe could not be reached to ${what}: ${(e as Error)?.message ?? String(e)}`, null, { cause: e });
}

/** Stripe Billing: Checkout in subscription mode, the customer portal, and signed webhooks. */
export const stripeProvider: PaymentProviderFactory<StripeConfig> = (config) => {
  const base = config.apiBase ? new URL(config.apiBase) : null;
  const stripe = new Stripe(config.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'samachar' },
    ...(base ? { host: base.hostname, port: base.port || (base.protocol === 'https:' ? 443 : 80), protocol: base.protocol === 'https:' ? 'https' : 'http' } : {}),
  });
  const tolerance = config.toleranceSeconds ?? stripe.webhooks.DEFAULT_TOLERANCE;

  const provider: PaymentProvider = {
    name: 'stripe',
    label: 'Stripe (cards)',
    checkoutOrigins: { script: [], frame: [], connect: [] },

    async startCheckout(input): Promise<CheckoutStart> {
      const meta = { samachar_subscription_id: String(input.localSubscriptionId), samachar_account_id: String(input.account.id), samachar_plan_id: String(input.plan.id) };
      try {
        const session = await stripe.checkout.sessions.create(
          {
            mode: 'subscription',
            line_items: [
              {
                quantity: 1,
                price_data: {
                  currency: 'inr',
                  unit_amount: input.plan.pricePaise,
                  recurring: { interval: input.plan.interval },
                  product_data: { name: input.plan.name.slice(0, 250), metadata: { samachar_plan_id: String(input.plan.id) } },
                },
              },
            ],
            client_reference_id: String(input.localSubscriptionId),
            customer_email: input.account.email,
            metadata: meta,
            subscription_data: { metadata: meta, ...(input.plan.trialDays > 0 ? { trial_period_days: input.plan.trialDays } : {}) },
            success_url: `${input.successUrl}${input.successUrl.includes('?') ? '&' : '?'}session_id={CHECKOUT_SESSION_ID}`,
            cancel_url: input.cancelUrl,
          },
        );
        if (!session.url) throw new ProviderApiError('stripe', 'Stripe did not return a checkout URL');
        return { kind: 'redirect', url: session.url, providerSubscriptionId: idOf(session.subscription as string | null), checkoutRef: session.id, providerPlanId: null };
      } catch (e) {
        if (e instanceof ProviderApiError) throw e;
        throw apiError(e, 'start checkout');
      }
    },

    async completeCheckout(params): Promise<CheckoutCompletion> {
      const sessionId = params.session_id ?? '';
      if (!/^cs_[A-Za-z0-9_]{6,200}$/.test(sessionId)) throw new WebhookSignatureError('The checkout session id is not valid');
      let session: Stripe.Checkout.Session;
      try {
        session = await stripe.checkout.sessions.retrieve(sessionId);
      } catch (e) {
        throw apiError(e, 'read the checkout session');
      }
      const subscriptionId = idOf(session.subscription as string | { id: string } | null);
      if (session.mode !== 'subscription' || session.status !== 'complete' || !subscriptionId) throw new WebhookSignatureError('This checkout is not complete');
      return { providerSubscriptionId: subscriptionId, localSubscriptionId: localId(session.metadata, session.client_reference_id), customerId: idOf(session.customer as string | { id: string } | null) };
    },

    parseWebhook(raw, headers, now): ProviderEvent {
      const sig = headers['stripe-signature'];
      if (!sig) throw new WebhookSignatureError('Stripe-Signature header is missing');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(raw, Array.isArray(sig) ? sig[0]! : sig, config.webhookSecret, tolerance, undefined, now.getTime());
      } catch (e) {
        throw new WebhookSignatureError(`Stripe-Signature is not valid: ${(e as Error).message}`);
      }
      const out: ProviderEvent = { id: event.id, type: event.type, createdAt: iso(event.created)!, subscription: null, payment: null, checkout: null };
      const obj = event.data.object as unknown as { object?: string };
      switch (event.type) {
        case 'customer.subscription.created':
        case 'customer.subscription.updated':
        case 'customer.subscription.deleted':
        case 'customer.subscription.paused':
        case 'customer.subscription.resumed':
          out.subscription = stripeSnapshot(obj as Stripe.Subscription);
          break;
        case 'checkout.session.completed':
        case 'checkout.session.async_payment_succeeded': {
          const s = obj as Stripe.Checkout.Session;
          if (s.mode === 'subscription') {
            out.checkout = { localSubscriptionId: localId(s.metadata, s.client_reference_id), providerSubscriptionId: idOf(s.subscription as string | null), customerId: idOf(s.customer as string | null), checkoutRef: s.id };
          }
          break;
        }
        case 'invoice.paid':
        case 'invoice.payment_succeeded':
          out.payment = invoicePayment(obj as Stripe.Invoice, 'paid', event.created);
          break;
        case 'invoice.payment_failed':
          out.payment = invoicePayment(obj as Stripe.Invoice, 'failed', event.created);
          break;
        default:
          break;
      }
      return out;
    },

    async fetchSubscription(id) {
      try {
        return stripeSnapshot(await stripe.subscriptions.retrieve(id));
      } catch (e) {
        throw apiError(e, 'read the subscription');
      }
    },

    async cancel(id, when) {
      try {
        const s = when === 'period_end' ? await stripe.subscriptions.update(id, { cancel_at_period_end: true }) : await stripe.subscriptions.cancel(id);
        return stripeSnapshot(s);
      } catch (e) {
        throw apiError(e, 'cancel the subscription');
      }
    },

    async manageUrl(customerId, returnUrl) {
      try {
        const portal = await stripe.billingPortal.sessions.create({ customer: customerId, return_url: returnUrl });
        return portal.url;
      } catch (e) {
        throw apiError(e, 'open the billing portal');
      }
    },
  };
  return provider;
};
