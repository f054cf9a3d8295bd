import type { Executor } from '../storage/index.js';
import { nfc } from '../shared/text.js';

/**
 * Old URLs of a site that moved in (WordPress /2024/05/12/old-slug/ and /?p=123, Ghost /old-slug/),
 * each pointing at the story it became, so that the web answers them with a 301. Paths are stored
 * normalized: percent-decoded, NFC, lowercase, without a trailing slash; of the query only the
 * WordPress post-id parameters count.
 */
export interface LegacyUrlTable {
  path: string;
  article_id: number;
  source: string;
  created_at: string;
}

declare module '../storage/schema.js' {
  interface Database {
    legacy_urls: LegacyUrlTable;
  }
}

const ID_PARAMS = ['p', 'page_id'];
export const LEGACY_PATH_MAX = 1000;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The lookup key of a URL or path (absolute URLs lose their origin), or null when there is nothing to keep. */
export function normalizeLegacyPath(urlOrPath: string): string | null {
  const raw = urlOrPath.trim();
  if (!raw) return null;
  let u: URL;
  try {
    u = new URL(raw, 'http://legacy.invalid');
  } catch {
    return null;
  }
  let path = nfc(safeDecode(u.pathname)).toLowerCase().replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  if (path === '/index.php') path = '/';
  const params = ID_PARAMS.map((k) => [k, u.searchParams.get(k)] as const).filter(([, v]) => v !== null && /^\d{1,12}$/.test(v));
  const key = params.length ? `${path}?${params.map(([k, v]) => `${k}=${v}`).join('&')}` : path;
  if (key === '/' || key.length > LEGACY_PATH_MAX) return null;
  return key;
}

/** Points each old path at the story (a later import of the same path moves it to the newer story). */
export async function recordLegacyPaths(db: Executor, articleId: number, paths: string[], source: string, now: string): Promise<void> {
  const keys = [...new Set(paths.map(normalizeLegacyPath).filter((p): p is string => p !== null))];
  for (const path of keys) {
    await db
      .insertInto('legacy_urls')
      .values({ path, article_id: articleId, source, created_at: now })
      .onConflict((oc) => oc.column('path').doUpdateSet({ article_id: articleId, source }))
      .execute();
  }
}

export async function findLegacyTarget(db: Executor, urlOrPath: string): Promise<number | null> {
  const key = normalizeLegacyPath(urlOrPath);
  if (!key) return null;
  const r = await db.selectFrom('legacy_urls').select('article_id').where('path', '=', key).executeTakeFirst();
  return r?.article_id ?? null;
}

export async function legacyPathsOf(db: Executor, articleId: number): Promise<string[]> {
  const rows = await db.selectFrom('legacy_urls').select('path').where('article_id', '=', articleId).orderBy('path').execute();
  return rows.map((r) => r.path);
}
