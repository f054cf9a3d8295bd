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
  /**
   * The premium story this request is for, when the reader's monthly meter covers it (metering is on,
   * the reader is signed in and has a free story left or has opened this one already this month). Set
   * per request by the members module for one story page or API item, never for lists.
   */
  meteredArticleId?: number | null;
}

export const ANONYMOUS: ReaderIdentity = { accountId: null, premiumUntil: null };

export type Lock = 'premium' | 'members' | null;

/** True when the reader's premium entitlement is in force at `now`. */
export function hasPremium(reader: ReaderIdentity, now: Date): boolean {
  return reader.premiumUntil !== null && new Date(reader.premiumUntil).getTime() > now.getTime();
}

/**
 * null when the reader may read everything; otherwise which kind of access is missing. `articleId`, when
 * the caller knows it, narrows a meter grant to exactly that story.
 */
export function lockFor(access: Access, reader: ReaderIdentity, now: Date, articleId?: number): Lock {
  if (access === 'free' || reader.staff) return null;
  if (access === 'members') return reader.accountId !== null ? null : 'members';
  if (hasPremium(reader, now)) return null;
  const metered = reader.accountId !== null && reader.meteredArticleId != null && (articleId === undefined || articleId === reader.meteredArticleId);
  return metered ? null : 'premium';
}
