import type { PaymentProvider, ProviderName } from '../port.js';

export type { RazorpayConfig } from './razorpay.js';
export type { StripeConfig } from './stripe.js';

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
 * never be confirmed or a lapse noticed. Each SDK is loaded only when its provider is on: the two SDKs
 * are a tenth of a second of start-up that an installation without payments should not pay.
 */
export async function configuredProviders(c: ProvidersConfig): Promise<Map<ProviderName, PaymentProvider>> {
  const out = new Map<ProviderName, PaymentProvider>();
  if (c.razorpayKeyId && c.razorpayKeySecret && c.razorpayWebhookSecret) {
    const { razorpayProvider } = await import('./razorpay.js');
    out.set('razorpay', razorpayProvider({ keyId: c.razorpayKeyId, keySecret: c.razorpayKeySecret, webhookSecret: c.razorpayWebhookSecret, ...(c.razorpayApiBase ? { apiBase: c.razorpayApiBase } : {}) }));
  }
  if (c.stripeSecretKey && c.stripeWebhookSecret) {
    const { stripeProvider } = await import('./stripe.js');
    out.set('stripe', stripeProvider({ secretKey: c.stripeSecretKey, webhookSecret: c.stripeWebhookSecret, ...(c.stripeApiBase ? { apiBase: c.stripeApiBase } : {}) }));
  }
  return out;
}
