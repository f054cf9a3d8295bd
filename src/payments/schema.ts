import type { Generated, Selectable } from 'kysely';
import '../members/schema.js';

/** The payments module's tables (migration 0004_members), added to the shared Database type by augmentation. */
export interface PremiumPlanTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: string;
  /** 'month' | 'year' */
  interval: string;
  price_paise: number;
  currency: string;
  trial_days: number;
  active: number;
  position: number;
  /** JSON: per provider, the provider's own plan for this price and interval ({"razorpay": {"id", "pricePaise", "interval"}}). */
  provider_refs: string;
  created_at: string;
  updated_at: string;
}

export interface PremiumSubscriptionTable {
  id: Generated<number>;
  /** null once the reader deleted their account (the record is kept for accounting, without the person). */
  account_id: number | null;
  plan_id: number;
  provider: string;
  provider_subscription_id: string | null;
  provider_customer_id: string | null;
  /** The provider's checkout reference (Stripe Checkout Session id). */
  checkout_ref: string | null;
  status: string;
  current_period_start: string | null;
  current_period_end: string | null;
  cancel_at_period_end: number;
  ended_at: string | null;
  /** The provider's time of the state applied last: older news never overwrites newer. */
  observed_at: string | null;
  price_paise: number;
  created_at: string;
  updated_at: string;
}

export interface PaymentEventTable {
  id: Generated<number>;
  provider: string;
  event_id: string;
  type: string;
  provider_created_at: string;
  received_at: string;
  processed_at: string | null;
  outcome: string | null;
  last_error: string | null;
  /** The raw body as received (verified), for audit and replays. */
  payload: string;
}

export interface PaymentReceiptTable {
  id: Generated<number>;
  account_id: number | null;
  subscription_id: number | null;
  provider: string;
  provider_payment_id: string;
  amount_paise: number;
  currency: string;
  /** 'paid' | 'failed' | 'refunded' */
  status: string;
  method: string;
  receipt_url: string | null;
  paid_at: string;
  created_at: string;
}

declare module '../storage/schema.js' {
  interface Database {
    premium_plans: PremiumPlanTable;
    premium_subscriptions: PremiumSubscriptionTable;
    payment_events: PaymentEventTable;
    payment_receipts: PaymentReceiptTable;
  }
}

export type PlanRow = Selectable<PremiumPlanTable>;
export type SubscriptionRow = Selectable<PremiumSubscriptionTable>;
export type ReceiptRow = Selectable<PaymentReceiptTable>;
