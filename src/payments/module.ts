import type { Store } from '../storage/index.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { EventBus } from '../shared/events.js';
import type { JobQueue } from '../jobs/index.js';
import type { Config } from '../config/index.js';
import type { MailMessage } from '../mail/index.js';
import type { Executor } from '../storage/index.js';
import { listGrants, Members } from '../members/index.js';
import { Billing } from './billing.js';
import { configuredProviders } from './providers/index.js';

/** What the members and payments modules need from the composition root (the Container has all of it). */
export interface MembersModuleDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  jobs: JobQueue;
  mail: { queue(msg: MailMessage, trx?: Executor): Promise<number> };
  config: Config;
}

export interface MembersModule {
  members: Members;
  billing: Billing;
  config: Config;
}

export const MEMBERS_SWEEP_JOB = 'members.sweep';
const built = new WeakMap<object, Promise<MembersModule>>();

/**
 * Builds the members and payments services once per container (several route files share them) and
 * registers their background jobs: reconciliation, the hourly sweep, housekeeping of links and throttles.
 * The jobs run wherever c.jobs.start runs (src/modules.ts).
 */
export function membersModule(c: MembersModuleDeps): Promise<MembersModule> {
  let m = built.get(c);
  if (!m) {
    m = (async () => {
      const members = new Members({ store: c.store, clock: c.clock, mail: c.mail, baseUrl: c.config.baseUrl, siteName: c.config.siteName });
      const billing = new Billing({
        store: c.store,
        clock: c.clock,
        logger: c.logger,
        jobs: c.jobs,
        bus: c.bus,
        providers: await configuredProviders(c.config),
        graceMs: c.config.premiumGraceDays * 24 * 60 * 60 * 1000,
        baseUrl: c.config.baseUrl,
      });
      await billing.registerJobs();
      c.jobs.register(MEMBERS_SWEEP_JOB, async () => {
        await members.sweep();
        const next = new Date(c.clock.now().getTime() + 24 * 60 * 60 * 1000);
        await c.jobs.enqueue(MEMBERS_SWEEP_JOB, {}, { runAt: next, uniqueKey: `${MEMBERS_SWEEP_JOB}:${next.toISOString().slice(0, 10)}` });
      });
      const first = new Date(c.clock.now().getTime() + 10 * 60 * 1000);
      await c.jobs.enqueue(MEMBERS_SWEEP_JOB, {}, { runAt: first, uniqueKey: `${MEMBERS_SWEEP_JOB}:${first.toISOString().slice(0, 10)}` });
      return { members, billing, config: c.config };
    })();
    built.set(c, m);
  }
  return m;
}

/** Deletes a reader's account: subscriptions stopped at the provider first, then the person's rows, in one transaction. */
export async function closeAccount(m: MembersModule, store: Store, accountId: number): Promise<void> {
  await m.billing.stopAllForAccount(accountId);
  await store.transaction(async (trx) => {
    await m.billing.detachAccount(trx, accountId);
    await m.members.deleteRows(trx, accountId);
  });
}

/** Everything stored about a reader, as one JSON document (the account page's download). */
export async function exportAccount(m: MembersModule, store: Store, clock: Clock, accountId: number) {
  const member = await m.members.exportData(accountId);
  const billing = await m.billing.exportData(accountId);
  const grants = await listGrants(store.db, clock.now(), accountId);
  return {
    exportedAt: clock.now().toISOString(),
    ...member,
    ...billing,
    complimentaryPremium: grants.map((g) => ({ from: g.startsAt, until: g.endsAt, note: g.note, revokedAt: g.revokedAt })),
  };
}
