import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../storage/index.js';
import { AppError, validationError, type FieldIssue } from '../shared/errors.js';
import { cleanText } from '../shared/text.js';

/**
 * API keys for partners of the content API. A key is shown once, when an admin creates it; the store
 * keeps only its SHA-256 (keys are 32 random bytes, so a fast hash is enough to make a stolen table
 * useless) and a short prefix for the newsroom list. A key reads premium text only when the admin
 * granted it full-text rights.
 */
export interface ApiKeyTable {
  id: import('kysely').Generated<number>;
  name: string;
  prefix: string;
  key_hash: string;
  full_text: number;
  rate_per_minute: number;
  created_by: number | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

declare module '../storage/schema.js' {
  interface Database {
    api_keys: ApiKeyTable;
  }
}

export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  fullText: boolean;
  ratePerMinute: number;
  createdBy: number | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export const KEY_PREFIX = 'smk_';
export const DEFAULT_KEY_RATE = 600;
export const MAX_KEY_RATE = 100_000;
const KEY_RE = /^smk_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function toKey(r: { id: number; name: string; prefix: string; full_text: number; rate_per_minute: number; created_by: number | null; created_at: string; revoked_at: string | null; last_used_at: string | null }): ApiKey {
  return { id: r.id, name: r.name, prefix: r.prefix, fullText: r.full_text === 1, ratePerMinute: r.rate_per_minute, createdBy: r.created_by, createdAt: r.created_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at };
}

export interface NewKeyInput {
  name: string;
  fullText: boolean;
  ratePerMinute?: number;
  createdBy: number | null;
}

/** Creates a key and returns it in full, the only time it is ever shown. */
export async function createApiKey(db: Executor, input: NewKeyInput, now: string): Promise<{ key: string; apiKey: ApiKey }> {
  const issues: FieldIssue[] = [];
  const name = cleanText(input.name);
  if (!name) issues.push({ field: 'name', message: 'give the key a name (the partner it is for)' });
  else if (name.length > 100) issues.push({ field: 'name', message: 'the name is longer than 100 characters' });
  const rate = input.ratePerMinute ?? DEFAULT_KEY_RATE;
  if (!Number.isInteger(rate) || rate < 1 || rate > MAX_KEY_RATE) issues.push({ field: 'ratePerMinute', message: `requests per minute must be a whole number from 1 to ${MAX_KEY_RATE}` });
  if (issues.length) throw validationError(issues);
  const prefixPart = randomBytes(5).toString('hex').slice(0, 8);
  const key = `${KEY_PREFIX}${prefixPart}_${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('api_keys')
    .values({ name, prefix: `${KEY_PREFIX}${prefixPart}`, key_hash: hashKey(key), full_text: input.fullText ? 1 : 0, rate_per_minute: rate, created_by: input.createdBy, created_at: now, revoked_at: null, last_used_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { key, apiKey: toKey(row) };
}

export async function listApiKeys(db: Executor): Promise<ApiKey[]> {
  return (await db.selectFrom('api_keys').selectAll().orderBy('revoked_at', (ob) => ob.desc()).orderBy('id', 'desc').execute()).map(toKey);
}

export async function revokeApiKey(db: Executor, id: number, now: string): Promise<ApiKey> {
  const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `API key ${id} does not exist`);
  if (!row.revoked_at) await db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).execute();
  return toKey({ ...row, revoked_at: row.revoked_at ?? now });
}

/** The active key a presented secret belongs to; a malformed, unknown or revoked key is refused. */
export async function verifyApiKey(db: Executor, presented: string): Promise<ApiKey> {
  if (!KEY_RE.test(presented)) throw new AppError('UNAUTHENTICATED', 'the API key is not valid');
  const row = await db.selectFrom('api_keys').selectAll().where('key_hash', '=', hashKey(presented)).executeTakeFirst();
  if (!row) throw new AppError('UNAUTHENTICATED', 'the API key is not valid');
  if (row.revoked_at) throw new AppError('UNAUTHENTICATED', 'this API key has been revoked');
  return toKey(row);
}

export async function touchApiKey(db: Executor, id: number, now: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
}
