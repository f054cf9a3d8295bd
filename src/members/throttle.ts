import type { Executor } from '../storage/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import './schema.js';

export interface ThrottleRule {
  /** Counted attempts allowed inside the window; one more is refused. */
  limit: number;
  windowMs: number;
}

/**
 * Counts attempts per key (an email, an IP address) in the store, so that every instance behind a load
 * balancer sees the same count. Rows older than the longest window are swept by a job.
 */
export class Throttle {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  async count(key: string, windowMs: number): Promise<number> {
    const since = new Date(this.clock.now().getTime() - windowMs).toISOString();
    const row = await this.db.selectFrom('reader_throttle').select((eb) => eb.fn.countAll<number>().as('n')).where('key', '=', key).where('at', '>', since).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Throws RATE_LIMITED when any key has used up its rule. */
  async check(keys: [string, ThrottleRule][], message: string): Promise<void> {
    for (const [key, rule] of keys) {
      if ((await this.count(key, rule.windowMs)) >= rule.limit) throw new AppError('RATE_LIMITED', message, { details: { retryAfterSeconds: Math.ceil(rule.windowMs / 1000) } });
    }
  }

  async hit(...keys: string[]): Promise<void> {
    const at = this.clock.now().toISOString();
    if (keys.length) await this.db.insertInto('reader_throttle').values(keys.map((key) => ({ key, at }))).execute();
  }

  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('reader_throttle').where('key', '=', key).execute();
  }

  async sweep(olderThanMs: number): Promise<void> {
    await this.db.deleteFrom('reader_throttle').where('at', '<', new Date(this.clock.now().getTime() - olderThanMs).toISOString()).execute();
  }
}
