export * from './port.js';
export * from './state.js';
export * from './plans.js';
export * from './billing.js';
export * from './module.js';
export { configuredProviders, razorpayProvider, stripeProvider, type RazorpayConfig, type StripeConfig } from './providers/index.js';
export type { PlanRow, SubscriptionRow, ReceiptRow } from './schema.js';
