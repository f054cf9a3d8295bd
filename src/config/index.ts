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
  };
}
