export * from './entitlements.js';
