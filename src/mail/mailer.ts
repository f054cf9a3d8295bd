import type { Transporter } from 'nodemailer';
import type { Executor } from '../storage/index.js';
import type { JobQueue } from '../jobs/index.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** The port that sends one message; the SMTP adapter is the production one. */
export interface MailTransport {
  send(from: string, msg: MailMessage): Promise<void>;
}

export function smtpTransport(url: string): MailTransport {
  // nodemailer is loaded with the first message, not at start.
  let transport: Promise<Transporter> | null = null;
  return {
    async send(from, msg) {
      transport ??= import('nodemailer').then((m) => m.default.createTransport(url));
      const t = await transport;
      await t.sendMail({ from, to: msg.to, subject: msg.subject, text: msg.text, ...(msg.html ? { html: msg.html } : {}) });
    },
  };
}

/**
 * Mail goes through an outbox table: queueing a message is part of the caller's transaction, and a job
 * sends it (with retries) after commit, so a mail is neither lost nor sent for a change that rolled back.
 */
export class Outbox {
  constructor(
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly from: string,
    private readonly transport: MailTransport | null,
  ) {
    jobs.register('mail.send', async (payload) => this.deliver(Number(payload.outboxId)));
  }

  private db!: Executor;
  bind(db: Executor): this {
    this.db = db;
    return this;
  }

  async queue(msg: MailMessage, trx?: Executor): Promise<number> {
    const db = trx ?? this.db;
    const row = await db
      .insertInto('outbox')
      .values({ to_address: msg.to, subject: msg.subject, text_body: msg.text, html_body: msg.html ?? null, created_at: this.clock.now().toISOString(), sent_at: null, last_error: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.jobs.enqueue('mail.send', { outboxId: row.id }, { trx: db, maxAttempts: 10 });
    return row.id;
  }

  private async deliver(id: number): Promise<void> {
    const m = await this.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
    if (!m || m.sent_at) return;
    if (!this.transport) {
      // Without SMTP (development), the message is logged so that links can still be followed.
      this.logger.warn({ to: m.to_address, subject: m.subject, text: m.text_body }, 'no SMTP_URL set; mail logged, not sent');
      await this.db.updateTable('outbox').set({ last_error: 'no SMTP_URL configured' }).where('id', '=', id).execute();
      return;
    }
    try {
      await this.transport.send(this.from, { to: m.to_address, subject: m.subject, text: m.text_body, ...(m.html_body ? { html: m.html_body } : {}) });
      await this.db.updateTable('outbox').set({ sent_at: this.clock.now().toISOString(), last_error: null }).where('id', '=', id).execute();
    } catch (e) {
      await this.db.updateTable('outbox').set({ last_error: (e as Error).message.slice(0, 1000) }).where('id', '=', id).execute();
      throw e;
    }
  }
}
