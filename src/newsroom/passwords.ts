// The scrypt helpers are shared with reader accounts (src/members); they live in src/shared/passwords.ts.
export * from '../shared/passwords.js';
