export * from './entitlements.js';
export * from './accounts.js';
export * from './grants.js';
export * from './meter.js';
export * from './throttle.js';
export type { ReaderAccountRow, EntitlementRow } from './schema.js';
