export { SessionStore, hashToken, SESSION_TTL_MS, type Session, type SessionKind } from './store.js';
