import type { Access } from '../content/index.js';

/**
 * The paywall rule, pure: who may read the whole of a story. Everything that shows story text (pages,
 * the JSON API, feeds, search snippets, meta tags, structured data) asks this one function.
 */
export interface ReaderIdentity {
  /** Signed-in reader account id, or null for an anonymous visitor. */
  accountId: number | null;
  /** Premium entitlement active until this instant (ISO), if any. */
  premiumUntil: string | null;
  /** Staff previewing from the newsroom read everything. */
  staff?: boolean;
}

export const ANONYMOUS: ReaderIdentity = { accountId: null, premiumUntil: null };

export type Lock = 'premium' | 'members' | null;

/** null when the reader may read everything; otherwise which kind of access is missing. */
export function lockFor(access: Access, reader: ReaderIdentity, now: Date): Lock {
  if (access === 'free' || reader.staff) return null;
  if (access === 'members') return reader.accountId !== null ? null : 'members';
  const premium = reader.premiumUntil !== null && new Date(reader.premiumUntil).getTime() > now.getTime();
  return premium ? null : 'premium';
}
