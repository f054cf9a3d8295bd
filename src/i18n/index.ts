export * from './messages.js';
export * from './dates.js';
