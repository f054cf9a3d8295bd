import type { PaymentProvider, ProviderName } from '../port.js';
import { razorpayProvider } from './razorpay.js';
import { stripeProvider } from './stripe.js';

export { razorpayProvider, razorpaySnapshot, type RazorpayConfig } from './razorpay.js';
export { stripeProvider, stripeSnapshot, type StripeConfig } from './stripe.js';

export interface ProvidersConfig {
  razorpayKeyId?: string | undefined;
  razorpayKeySecret?: string | undefined;
  razorpayWebhookSecret?: string | undefined;
  razorpayApiBase?: string | undefined;
  stripeSecretKey?: string | undefined;
  stripeWebhookSecret?: string | undefined;
  stripeApiBase?: string | undefined;
}

/**
 * The providers this installation can take money with, Razorpay first (the default for India). A
 * provider is on only with both its API keys and its webhook secret: without webhooks, a payment could
 * never be confirmed or a lapse noticed.
 */
export function configuredProviders(c: ProvidersConfig): Map<ProviderName, PaymentProvider> {
  const out = new Map<ProviderName, PaymentProvider>();
  if (c.razorpayKeyId && c.razorpayKeySecret && c.razorpayWebhookSecret) {
    out.set('razorpay', razorpayProvider({ keyId: c.razorpayKeyId, keySecret: c.razorpayKeySecret, webhookSecret: c.razorpayWebhookSecret, ...(c.razorpayApiBase ? { apiBase: c.razorpayApiBase } : {}) }));
  }
  if (c.stripeSecretKey && c.stripeWebhookSecret) {
    out.set('stripe', stripeProvider({ secretKey: c.stripeSecretKey, webhookSecret: c.stripeWebhookSecret, ...(c.stripeApiBase ? { apiBase: c.stripeApiBase } : {}) }));
  }
  return out;
}
