import { resolve } from 'node:path';
import { AppError } from '../shared/errors.js';

/** Typed, validated configuration. This is the only module that reads process.env. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… selects PostgreSQL; otherwise SQLite at `${dataDir}/samachar.db`. */
  databaseUrl: string | undefined;
  baseUrl: string;
  demo: boolean;
  logLevel: string;
  siteName: string;
  /** Paragraphs of a locked story shown to a reader who is not entitled. */
  teaserParagraphs: number;
  /** Max bytes of an image fetched by URL or uploaded. */
  maxImageBytes: number;
  sessionSecret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  workers: number;
  cacheMaxEntries: number;
  /** Where purges of surrogate keys are sent (a CDN's purge API), and header lines to send with them. */
  cdnPurgeUrl: string | undefined;
  cdnPurgeHeaders: Record<string, string>;
  /** Razorpay (the default provider for India): API keys and the webhook secret; unset keys disable it. */
  razorpayKeyId: string | undefined;
  razorpayKeySecret: string | undefined;
  razorpayWebhookSecret: string | undefined;
  /** Origin of the Razorpay API (tests point the SDK at a local server); default https://api.razorpay.com. */
  razorpayApiBase: string | undefined;
  stripeSecretKey: string | undefined;
  stripeWebhookSecret: string | undefined;
  /** Origin of the Stripe API (tests point the SDK at a local server); default https://api.stripe.com. */
  stripeApiBase: string | undefined;
  /** Days premium access lasts past a missed renewal while the provider retries the payment. */
  premiumGraceDays: number;
  /** Premium stories a signed-in reader may read free each month; 0 turns metering off. */
  meteredStoriesPerMonth: number;
}

export type Flags = Record<string, string | boolean | undefined>;

function int(name: string, v: string | boolean | undefined, dflt: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (v === undefined || v === '' || typeof v === 'boolean') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new AppError('VALIDATION', `${name} must be a whole number between ${min} and ${max} (got "${v}")`);
  return n;
}
function str(v: string | boolean | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
/** "Name: value" lines separated by newlines or `;;` (e.g. `Fastly-Key: abc`). */
function headerLines(name: string, v: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of (str(v) ?? '').split(/\n|;;/)) {
    if (!line.trim()) continue;
    const i = line.indexOf(':');
    const key = i > 0 ? line.slice(0, i).trim() : '';
    if (!/^[A-Za-z0-9-]+$/.test(key)) throw new AppError('VALIDATION', `${name} must be lines of "Header-Name: value" (got "${line.trim().slice(0, 40)}")`);
    out[key] = line.slice(i + 1).trim();
  }
  return out;
}

/** An absolute http(s) URL from a setting, or a clear error naming the setting and an example. */
function httpUrl(name: string, v: string | undefined, example: string): URL | undefined {
  const s = str(v);
  if (!s) return undefined;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new AppError('VALIDATION', `${name} must be an absolute http(s) URL such as ${example} (got "${s}")`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AppError('VALIDATION', `${name} must use http or https (got "${s}")`);
  return u;
}

/** An http(s) origin for a payment provider's API (tests point the SDKs at a local server). */
function apiBase(name: string, v: string | undefined): string | undefined {
  return httpUrl(name, v, 'http://127.0.0.1:12111')?.origin;
}

export function loadConfig(flags: Flags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const port = int('port', flags.port ?? env.PORT, 3000, 0, 65535);
  const host = str(flags.host) ?? str(env.HOST) ?? '127.0.0.1';
  const dataDir = resolve(str(flags.data) ?? str(env.DATA_DIR) ?? './data');
  const databaseUrl = str(flags['database-url']) ?? str(env.DATABASE_URL);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new AppError('VALIDATION', `DATABASE_URL must be a postgres:// URL (got "${databaseUrl.replace(/:[^:@/]*@/, ':***@')}"); leave it unset for the embedded SQLite store`);
  }
  const baseUrlRaw = str(flags['base-url']) ?? str(env.BASE_URL) ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  let baseUrl: string;
  try {
    const u = new URL(baseUrlRaw);
    baseUrl = u.origin + u.pathname.replace(/\/+$/, '');
  } catch {
    throw new AppError('VALIDATION', `BASE_URL must be an absolute URL such as https://news.example.com (got "${baseUrlRaw}")`);
  }
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    baseUrl,
    demo: flags['no-demo'] === true ? false : env.SAMACHAR_DEMO !== '0',
    logLevel: str(env.LOG_LEVEL) ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    siteName: str(env.SITE_NAME) ?? 'समाचार',
    teaserParagraphs: int('TEASER_PARAGRAPHS', env.TEASER_PARAGRAPHS, 2, 1, 20),
    maxImageBytes: int('MAX_IMAGE_BYTES', env.MAX_IMAGE_BYTES, 15 * 1024 * 1024, 1024),
    sessionSecret: str(env.SESSION_SECRET),
    smtpUrl: str(env.SMTP_URL),
    mailFrom: str(env.MAIL_FROM) ?? 'Samachar <no-reply@localhost>',
    workers: int('workers', flags.workers ?? env.WORKERS, 1, 1, 64),
    cacheMaxEntries: int('CACHE_MAX_ENTRIES', env.CACHE_MAX_ENTRIES, 5000, 0),
    cdnPurgeUrl: httpUrl('CDN_PURGE_URL', env.CDN_PURGE_URL, 'https://api.fastly.com/service/SERVICE_ID/purge')?.toString(),
    cdnPurgeHeaders: headerLines('CDN_PURGE_HEADERS', env.CDN_PURGE_HEADERS),
    razorpayKeyId: str(env.RAZORPAY_KEY_ID),
    razorpayKeySecret: str(env.RAZORPAY_KEY_SECRET),
    razorpayWebhookSecret: str(env.RAZORPAY_WEBHOOK_SECRET),
    razorpayApiBase: apiBase('RAZORPAY_API_BASE', env.RAZORPAY_API_BASE),
    stripeSecretKey: str(env.STRIPE_SECRET_KEY),
    stripeWebhookSecret: str(env.STRIPE_WEBHOOK_SECRET),
    stripeApiBase: apiBase('STRIPE_API_BASE', env.STRIPE_API_BASE),
    premiumGraceDays: int('PREMIUM_GRACE_DAYS', env.PREMIUM_GRACE_DAYS, 3, 0, 60),
    meteredStoriesPerMonth: int('METERED_PREMIUM_STORIES', env.METERED_PREMIUM_STORIES, 0, 0, 100),
  };
}
