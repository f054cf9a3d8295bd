export * from './port.js';
export * from './state.js';
export * from './plans.js';
export * from './billing.js';
export * from './module.js';
export { configuredProviders, type RazorpayConfig, type StripeConfig } from './providers/index.js';
// The provider factories load their SDKs; import them from ./providers/razorpay.js or ./providers/stripe.js where needed.
export type { PlanRow, SubscriptionRow, ReceiptRow } from './schema.js';
