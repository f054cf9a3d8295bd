import type { Generated, Selectable } from 'kysely';

/** The members module's tables (migration 0004_members), added to the shared Database type by augmentation. */
export interface ReaderAccountTable {
  id: Generated<number>;
  /** Lowercased, NFC; unique. */
  email: string;
  name: string;
  /** scrypt hash; null for an account that signs in only by email link. */
  password_hash: string | null;
  email_verified_at: string | null;
  created_at: string;
  updated_at: string;
  last_signin_at: string | null;
}

export interface ReaderLoginTokenTable {
  id: Generated<number>;
  /** sha256 of the token in the emailed link; the token itself is never stored. */
  token_hash: string;
  email: string;
  return_to: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ReaderThrottleTable {
  id: Generated<number>;
  key: string;
  at: string;
}

export interface PremiumEntitlementTable {
  id: Generated<number>;
  account_id: number;
  /** 'subscription' (kept in step with a paid subscription) or 'grant' (complimentary, by an admin). */
  source: string;
  subscription_id: number | null;
  starts_at: string;
  ends_at: string;
  note: string;
  granted_by: number | null;
  created_at: string;
  updated_at: string;
  revoked_at: string | null;
}

export interface PremiumMeterTable {
  account_id: number;
  /** Calendar month in India time, "2026-11". */
  period: string;
  article_id: number;
  created_at: string;
}

declare module '../storage/schema.js' {
  interface Database {
    reader_accounts: ReaderAccountTable;
    reader_login_tokens: ReaderLoginTokenTable;
    reader_throttle: ReaderThrottleTable;
    premium_entitlements: PremiumEntitlementTable;
    premium_meter: PremiumMeterTable;
  }
}

export type ReaderAccountRow = Selectable<ReaderAccountTable>;
export type EntitlementRow = Selectable<PremiumEntitlementTable>;
