export * from './sign.js';
export * from './store.js';
export * from './payload.js';
export * from './deliver.js';
