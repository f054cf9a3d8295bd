/**
 * The payment provider port. The billing core knows only these types; each provider is a factory that
 * takes its own configuration and returns a typed adapter (cf. payloadcms/payload's ecommerce Stripe
 * adapter). Adapters turn the provider's SDK objects and webhook payloads into these neutral shapes, so
 * that the state machine, the entitlements and the receipts are written once.
 */
export type ProviderName = 'razorpay' | 'stripe';
export const PROVIDER_NAMES: readonly ProviderName[] = ['razorpay', 'stripe'];

/** Our subscription states; every provider's own states map onto these (see the adapters). */
export const SUBSCRIPTION_STATUSES = ['created', 'authenticated', 'active', 'pending', 'halted', 'cancelled', 'completed', 'expired'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export type PlanInterval = 'month' | 'year';

/** What a provider needs to know about one of our plans. */
export interface PlanForProvider {
  id: number;
  code: string;
  name: string;
  description: string;
  interval: PlanInterval;
  pricePaise: number;
  trialDays: number;
  /** The provider's own plan made earlier for this exact price and interval, if any. */
  providerPlanId: string | null;
}

export interface CheckoutInput {
  plan: PlanForProvider;
  /** Our subscription row, created before the provider is called; providers carry it back in metadata/notes. */
  localSubscriptionId: number;
  account: { id: number; email: string; name: string };
  /** Where the provider sends the reader back (absolute URLs). */
  successUrl: string;
  cancelUrl: string;
  now: Date;
}

/** How the reader continues: a redirect to the provider's page, or Razorpay Checkout opened on our page. */
export type CheckoutStart =
  | { kind: 'redirect'; url: string; providerSubscriptionId: string | null; checkoutRef: string | null; providerPlanId: string | null }
  | { kind: 'razorpay'; keyId: string; providerSubscriptionId: string; hostedUrl: string | null; providerPlanId: string | null; checkoutRef: null };

/** The provider's view of one subscription at one moment. */
export interface SubscriptionSnapshot {
  providerSubscriptionId: string;
  status: SubscriptionStatus;
  /** The provider's own status word, kept for logs and the admin. */
  providerStatus: string;
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  /** null when the provider does not say (Razorpay keeps a scheduled cancel to itself). */
  cancelAtPeriodEnd: boolean | null;
  endedAt: string | null;
  customerId: string | null;
  /** Our subscription id, from the metadata or notes we gave the provider. */
  localSubscriptionId: number | null;
}

export interface PaymentSnapshot {
  providerPaymentId: string;
  providerSubscriptionId: string | null;
  localSubscriptionId: number | null;
  amountPaise: number;
  currency: string;
  status: 'paid' | 'failed' | 'refunded';
  method: string;
  receiptUrl: string | null;
  paidAt: string;
}

/** A verified webhook, reduced to what billing acts on. */
export interface ProviderEvent {
  /** The provider's unique event id: the key of exactly-once processing. */
  id: string;
  type: string;
  /** When the provider created the event (ISO): the clock that orders events. */
  createdAt: string;
  subscription: SubscriptionSnapshot | null;
  payment: PaymentSnapshot | null;
  /** A completed checkout that names the subscription it created (Stripe's checkout.session.completed). */
  checkout: { localSubscriptionId: number | null; providerSubscriptionId: string | null; customerId: string | null; checkoutRef: string } | null;
}

/** A checkout that came back to our site, verified by the provider's rules. */
export interface CheckoutCompletion {
  providerSubscriptionId: string;
  localSubscriptionId: number | null;
  customerId: string | null;
}

/** Thrown by parseWebhook when a signature is missing, forged, or too old; the route answers 400. */
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

/** Thrown by adapters when the provider's API fails or refuses; carries the provider's message. */
export class ProviderApiError extends Error {
  constructor(
    readonly provider: ProviderName,
    message: string,
    readonly statusCode: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProviderApiError';
  }
}

export interface PaymentProvider {
  readonly name: ProviderName;
  /** Shown on the Subscribe button. */
  readonly label: string;
  /** Origins the browser must be allowed to load for this provider's checkout (CSP). */
  readonly checkoutOrigins: { script: string[]; frame: string[]; connect: string[] };
  startCheckout(input: CheckoutInput): Promise<CheckoutStart>;
  /** Verifies what the checkout sent back to our site (Razorpay: the callback signature; Stripe: the session id, re-read from the API). */
  completeCheckout(params: Record<string, string>): Promise<CheckoutCompletion>;
  /** Verifies a webhook on its raw bytes and reduces it to a ProviderEvent; throws WebhookSignatureError. */
  parseWebhook(raw: Buffer, headers: Record<string, string | string[] | undefined>, now: Date): ProviderEvent;
  /** Re-reads one subscription from the provider's API (reconciliation). */
  fetchSubscription(providerSubscriptionId: string): Promise<SubscriptionSnapshot>;
  cancel(providerSubscriptionId: string, when: 'period_end' | 'now'): Promise<SubscriptionSnapshot>;
  /** A page of the provider where the reader manages cards and invoices, if the provider has one. */
  manageUrl?(customerId: string, returnUrl: string): Promise<string>;
}

/** A provider is a factory from its own typed configuration to an adapter. */
export type PaymentProviderFactory<Config> = (config: Config) => PaymentProvider;
