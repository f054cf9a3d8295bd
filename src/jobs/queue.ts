import { hostname } from 'node:os';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Executor, Store } from '../storage/index.js';
import type { JobTable } from '../storage/schema.js';
import type { Selectable } from 'kysely';

export type JobRow = Selectable<JobTable>;
export type JobHandler = (payload: Record<string, unknown>, job: JobRow) => Promise<void>;

export interface EnqueueOptions {
  runAt?: Date;
  /** A second enqueue with the same key replaces the pending job (rescheduling) instead of adding one. */
  uniqueKey?: string;
  maxAttempts?: number;
  trx?: Executor;
}

const LEASE_MS = 5 * 60 * 1000;

/** Backoff before the next attempt: 5 s, 10 s, 20 s … capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60 * 60 * 1000, 5000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Jobs in the store (scheduled publishing, webhook deliveries, mail, reconciliation), so that they
 * survive restarts and run once across instances: a job is claimed by a compare-and-set on its lease,
 * which works the same on SQLite and PostgreSQL.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  readonly workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  async enqueue(kind: string, payload: Record<string, unknown>, opts: EnqueueOptions = {}): Promise<number> {
    const db = opts.trx ?? this.store.db;
    const now = this.clock.now().toISOString();
    const runAt = (opts.runAt ?? this.clock.now()).toISOString();
    const values = { kind, payload: JSON.stringify(payload), unique_key: opts.uniqueKey ?? null, run_at: runAt, attempts: 0, max_attempts: opts.maxAttempts ?? 8, created_at: now };
    const q = db.insertInto('jobs').values(values);
    const row = await (opts.uniqueKey
      ? q.onConflict((oc) => oc.column('unique_key').doUpdateSet({ kind, payload: values.payload, run_at: runAt, attempts: 0, done_at: null, failed_at: null, last_error: null, locked_by: null, locked_until: null }))
      : q
    ).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /** Removes a pending job by its unique key (an unscheduled story). */
  async cancel(uniqueKey: string, trx?: Executor): Promise<void> {
    await (trx ?? this.store.db).deleteFrom('jobs').where('unique_key', '=', uniqueKey).where('done_at', 'is', null).execute();
  }

  /** Claims and runs due jobs; returns how many ran. Safe to call from many instances at once. */
  async runDue(limit = 20): Promise<number> {
    if (this.running) return this.running;
    this.running = this.runBatch(limit).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runBatch(limit: number): Promise<number> {
    const db = this.store.db;
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const due = await db
      .selectFrom('jobs')
      .selectAll()
      .where('done_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('run_at', '<=', nowIso)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
      .orderBy('run_at')
      .limit(limit)
      .execute();
    let ran = 0;
    for (const job of due) {
      const handler = this.handlers.get(job.kind);
      if (!handler) continue;
      const lease = new Date(now.getTime() + LEASE_MS).toISOString();
      const claim = await db
        .updateTable('jobs')
        .set({ locked_by: this.workerId, locked_until: lease, attempts: job.attempts + 1 })
        .where('id', '=', job.id)
        .where('done_at', 'is', null)
        .where('attempts', '=', job.attempts)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) !== 1) continue;
      ran++;
      try {
        await handler(JSON.parse(job.payload) as Record<string, unknown>, { ...job, attempts: job.attempts + 1 });
        await db.updateTable('jobs').set({ done_at: this.clock.now().toISOString(), locked_by: null, locked_until: null, last_error: null }).where('id', '=', job.id).where('locked_by', '=', this.workerId).execute();
      } catch (err) {
        const attempts = job.attempts + 1;
        const message = err instanceof Error ? err.message : String(err);
        const final = attempts >= job.max_attempts;
        this.logger.warn({ job: job.id, kind: job.kind, attempts, err: message, final }, 'job failed');
        await db
          .updateTable('jobs')
          .set({
            last_error: message.slice(0, 2000),
            locked_by: null,
            locked_until: null,
            ...(final ? { failed_at: this.clock.now().toISOString() } : { run_at: new Date(this.clock.now().getTime() + backoffMs(attempts)).toISOString() }),
          })
          .where('id', '=', job.id)
          .execute();
      }
    }
    return ran;
  }

  start(intervalMs = 1000): void {
    if (this.timer) return;
    const tick = () => {
      this.runDue().catch((err) => this.logger.error({ err }, 'job runner failed'));
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }
}
