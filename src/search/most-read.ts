import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Executor, Store } from '../storage/index.js';
import './schema.js';

/**
 * "Most read" from privacy-respecting counts: a read is counted in memory and the counts are added to
 * (story, hour) rows once a minute; no cookie is set, and no address or identifier is ever written
 * anywhere. To keep one reader's reloads from counting many times, a salted hash of address and
 * browser is held in memory for the current minute only; the salt changes at every flush, so even
 * those hashes cannot be linked from one minute to the next.
 */

/** "2026-11-26T06": the UTC hour a read falls in. */
export const hourOf = (d: Date) => d.toISOString().slice(0, 13);

const BOT = /bot|crawl|spider|slurp|preview|fetch|monitor|lighthouse|headless/i;

export class ViewCounter {
  private counts = new Map<string, number>();
  private seen = new Set<string>();
  private salt = randomBytes(16);
  private flushing: Promise<number> | null = null;
  /** Grows with every flush that saved counts, so that cached "most read" lists know they are stale. */
  generation = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Distinct readers held in memory before an early flush. */
    private readonly maxSeen = 100_000,
  ) {}

  /**
   * Counts one read of a story; false when it is not counted (a robot, or the same reader again this
   * minute). `visitor` is any text that tells readers apart (address and browser); it is only hashed.
   */
  record(articleId: number, visitor: string, userAgent: string): boolean {
    if (!Number.isSafeInteger(articleId) || articleId < 1) return false;
    if (!userAgent || BOT.test(userAgent)) return false;
    const mark = createHash('sha256').update(this.salt).update(`${articleId}\u0000${visitor}\u0000${userAgent}`).digest('base64url').slice(0, 16);
    if (this.seen.has(mark)) return false;
    this.seen.add(mark);
    const key = `${hourOf(this.clock.now())}\u0000${articleId}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (this.seen.size >= this.maxSeen) void this.flush().catch((err) => this.logger.error({ err }, 'view counts not saved'));
    return true;
  }

  /** Reads counted in memory and not yet saved. */
  get pending(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  /**
   * Adds the counts to the table (only for stories that exist and are published) and starts a new
   * minute. Counts that fail to save are kept for the next flush.
   */
  flush(): Promise<number> {
    this.flushing ??= this.doFlush().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async doFlush(): Promise<number> {
    const counts = this.counts;
    this.counts = new Map();
    this.seen = new Set();
    this.salt = randomBytes(16);
    if (counts.size === 0) return 0;
    const rows = [...counts].map(([k, views]) => {
      const [hour, id] = k.split('\u0000');
      return { hour: hour!, article_id: Number(id), views };
    });
    try {
      const ids = [...new Set(rows.map((r) => r.article_id))];
      const live = new Set<number>();
      for (let i = 0; i < ids.length; i += 500) {
        for (const r of await this.store.db.selectFrom('articles').select('id').where('id', 'in', ids.slice(i, i + 500)).where('status', '=', 'published').execute()) live.add(r.id);
      }
      const valid = rows.filter((r) => live.has(r.article_id));
      await this.store.transaction(async (trx) => {
        for (let i = 0; i < valid.length; i += 200) {
          await trx
            .insertInto('article_views')
            .values(valid.slice(i, i + 200))
            .onConflict((oc) => oc.columns(['article_id', 'hour']).doUpdateSet({ views: sql`article_views.views + excluded.views` }))
            .execute();
        }
      });
      if (valid.length) this.generation++;
      return valid.reduce((n, r) => n + r.views, 0);
    } catch (err) {
      for (const [k, v] of counts) this.counts.set(k, (this.counts.get(k) ?? 0) + v);
      throw err;
    }
  }
}

/** The most read published stories over the last `hours` hours, optionally of one desk: ids, most read first. */
export async function mostReadIds(db: Executor, opts: { now: Date; hours?: number; deskId?: number; limit?: number }): Promise<number[]> {
  const since = hourOf(new Date(opts.now.getTime() - (opts.hours ?? 24) * 3_600_000));
  const rows = await db
    .selectFrom('article_views as v')
    .innerJoin('articles as a', 'a.id', 'v.article_id')
    .select(['v.article_id', sql<number>`sum(v.views)`.as('n')])
    .where('v.hour', '>=', since)
    .where('a.status', '=', 'published')
    .$if(opts.deskId !== undefined, (q) => q.where('a.desk_id', '=', opts.deskId!))
    .groupBy('v.article_id')
    .orderBy(sql`sum(v.views)`, 'desc')
    .orderBy('v.article_id', 'desc')
    .limit(opts.limit ?? 5)
    .execute();
  return rows.map((r) => r.article_id);
}

/** Deletes hourly counts older than `days` days; returns how many rows went. */
export async function purgeOldViews(db: Executor, now: Date, days = 30): Promise<number> {
  const r = await db.deleteFrom('article_views').where('hour', '<', hourOf(new Date(now.getTime() - days * 86_400_000))).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}
