import type { Executor } from '../storage/index.js';
import './schema.js';

const monthFmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata', year: 'numeric', month: '2-digit' });

/** The metering period of an instant: its calendar month in India time, "2026-11". */
export function meterPeriod(now: Date): string {
  const parts = Object.fromEntries(monthFmt.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}`;
}

/**
 * Metering: a signed-in reader without premium may open `limit` premium stories a month. Opening the same
 * story again in the month does not use another one. Returns whether this story is covered.
 */
export async function useMeter(db: Executor, p: { accountId: number; articleId: number; now: Date; limit: number }): Promise<boolean> {
  if (p.limit <= 0) return false;
  const period = meterPeriod(p.now);
  const seen = await db.selectFrom('premium_meter').select('article_id').where('account_id', '=', p.accountId).where('period', '=', period).where('article_id', '=', p.articleId).executeTakeFirst();
  if (seen) return true;
  const used = await db.selectFrom('premium_meter').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', p.accountId).where('period', '=', period).executeTakeFirst();
  if (Number(used?.n ?? 0) >= p.limit) return false;
  await db
    .insertInto('premium_meter')
    .values({ account_id: p.accountId, period, article_id: p.articleId, created_at: p.now.toISOString() })
    .onConflict((oc) => oc.columns(['account_id', 'period', 'article_id']).doNothing())
    .execute();
  return true;
}

/** How many metered stories are left this month. */
export async function meterRemaining(db: Executor, p: { accountId: number; now: Date; limit: number }): Promise<number> {
  if (p.limit <= 0) return 0;
  const used = await db.selectFrom('premium_meter').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', p.accountId).where('period', '=', meterPeriod(p.now)).executeTakeFirst();
  return Math.max(0, p.limit - Number(used?.n ?? 0));
}
