import { createHash, randomBytes } from 'node:crypto';
import type { Executor, Store } from '../storage/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError, validationError, type FieldIssue } from '../shared/errors.js';
import { cleanText } from '../shared/text.js';
import { hashPassword, passwordProblem, verifyPassword } from '../shared/passwords.js';
import type { MailMessage } from '../mail/index.js';
import { translator, type Locale } from '../i18n/index.js';
import { Throttle, type ThrottleRule } from './throttle.js';
import type { ReaderAccountRow } from './schema.js';
import './schema.js';

export interface MembersDeps {
  store: Store;
  clock: Clock;
  /** The mail outbox: a message queued inside a transaction is sent only if it commits. */
  mail: { queue(msg: MailMessage, trx?: Executor): Promise<number> };
  baseUrl: string;
  siteName: string;
}

export interface ReaderAccount {
  id: number;
  email: string;
  name: string;
  hasPassword: boolean;
  emailVerifiedAt: string | null;
  createdAt: string;
  lastSigninAt: string | null;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const NAME_MAX = 120;
/** How long an emailed sign-in link works. */
export const LINK_TTL_MS = 20 * 60 * 1000;

/** Sign-in throttles: per email and per address, counted in the store so that every instance agrees. */
export const THROTTLES = {
  signinEmail: { limit: 5, windowMs: 15 * 60 * 1000 },
  // Per-address limits are loose: mobile carriers put many readers behind one address (CGNAT).
  signinIp: { limit: 100, windowMs: 15 * 60 * 1000 },
  linkEmail: { limit: 3, windowMs: 15 * 60 * 1000 },
  linkIp: { limit: 50, windowMs: 60 * 60 * 1000 },
  signupIp: { limit: 50, windowMs: 60 * 60 * 1000 },
} satisfies Record<string, ThrottleRule>;

export function normalizeEmail(raw: unknown): string {
  return cleanText(raw).toLowerCase();
}

export function emailProblem(email: string): string | null {
  if (!email) return 'email is required';
  if (email.length > 254 || !EMAIL_RE.test(email)) return `"${email.slice(0, 80)}" is not an email address`;
  return null;
}

/** A local path to go back to after signing in; anything else (another site, odd schemes) becomes /account. */
export function safeReturnPath(raw: unknown, fallback = '/account'): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 500) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || /[\u0000-\u001F\u007F\\]/.test(raw)) return fallback;
  return raw;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function toAccount(r: ReaderAccountRow): ReaderAccount {
  return { id: r.id, email: r.email, name: r.name, hasPassword: r.password_hash !== null, emailVerifiedAt: r.email_verified_at, createdAt: r.created_at, lastSigninAt: r.last_signin_at };
}

/**
 * Reader accounts: sign-up and sign-in by password or by a one-time link sent by email, the profile, and
 * the rows an account owns. Sessions (cookies) are the web layer's business; this module answers who.
 */
export class Members {
  readonly throttle: Throttle;
  constructor(private readonly deps: MembersDeps) {
    this.throttle = new Throttle(deps.store.db, deps.clock);
  }

  private get db() {
    return this.deps.store.db;
  }
  private now() {
    return this.deps.clock.now().toISOString();
  }

  async get(id: number): Promise<ReaderAccount | null> {
    const r = await this.db.selectFrom('reader_accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toAccount(r) : null;
  }

  async findByEmail(email: string): Promise<ReaderAccount | null> {
    const r = await this.db.selectFrom('reader_accounts').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
    return r ? toAccount(r) : null;
  }

  async signUp(input: { email: unknown; password: unknown; name: unknown }, ip: string): Promise<ReaderAccount> {
    const email = normalizeEmail(input.email);
    const name = cleanText(input.name);
    const password = typeof input.password === 'string' ? input.password : '';
    const issues: FieldIssue[] = [];
    const ep = emailProblem(email);
    if (ep) issues.push({ field: 'email', message: ep });
    const pp = passwordProblem(password);
    if (pp) issues.push({ field: 'password', message: pp });
    if (name.length > NAME_MAX) issues.push({ field: 'name', message: `name must be at most ${NAME_MAX} characters` });
    if (issues.length) throw validationError(issues, 'Some fields need attention');
    await this.throttle.check([[`signup:ip:${ip}`, THROTTLES.signupIp]], 'Too many accounts were created from this address. Try again in an hour.');
    const hash = await hashPassword(password);
    const now = this.now();
    const existing = await this.db.selectFrom('reader_accounts').select('id').where('email', '=', email).executeTakeFirst();
    if (existing) throw validationError([{ field: 'email', message: 'An account with this email already exists. Sign in, or ask for a sign-in link by email.' }], 'This email is already registered');
    await this.throttle.hit(`signup:ip:${ip}`);
    try {
      const row = await this.db
        .insertInto('reader_accounts')
        .values({ email, name, password_hash: hash, email_verified_at: null, created_at: now, updated_at: now, last_signin_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAccount(row);
    } catch (e) {
      // Two sign-ups with one email at the same moment: the unique index decides, the loser is told plainly.
      if (await this.findByEmail(email)) throw validationError([{ field: 'email', message: 'An account with this email already exists.' }], 'This email is already registered');
      throw e;
    }
  }

  /** Checks email and password; failed attempts count against the email and the address. */
  async signInWithPassword(emailRaw: unknown, passwordRaw: unknown, ip: string): Promise<ReaderAccount> {
    const email = normalizeEmail(emailRaw);
    const password = typeof passwordRaw === 'string' ? passwordRaw : '';
    if (!email || !password) throw validationError([...(!email ? [{ field: 'email', message: 'email is required' }] : []), ...(!password ? [{ field: 'password', message: 'password is required' }] : [])], 'Enter your email and password');
    await this.throttle.check(
      [
        [`signin:email:${email}`, THROTTLES.signinEmail],
        [`signin:ip:${ip}`, THROTTLES.signinIp],
      ],
      'Too many failed sign-in attempts. Wait 15 minutes, or ask for a sign-in link by email.',
    );
    const row = await this.db.selectFrom('reader_accounts').selectAll().where('email', '=', email).executeTakeFirst();
    // verifyPassword runs even without an account, so that timing does not tell which emails exist.
    const ok = await verifyPassword(password, row?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    if (!row || !ok) {
      await this.throttle.hit(`signin:email:${email}`, `signin:ip:${ip}`);
      throw new AppError('UNAUTHENTICATED', 'The email or password is not right. You can also sign in with a link sent to your email.');
    }
    await this.throttle.clear(`signin:email:${email}`);
    const now = this.now();
    await this.db.updateTable('reader_accounts').set({ last_signin_at: now }).where('id', '=', row.id).execute();
    return toAccount({ ...row, last_signin_at: now });
  }

  /**
   * Emails a one-time sign-in link. The answer is the same whether or not an account exists (the link
   * creates one), so the form tells nobody which emails are registered.
   */
  async requestEmailLink(emailRaw: unknown, returnTo: unknown, ip: string, locale: Locale = 'hi'): Promise<void> {
    const email = normalizeEmail(emailRaw);
    const ep = emailProblem(email);
    if (ep) throw validationError([{ field: 'email', message: ep }], 'Enter your email address');
    await this.throttle.check(
      [
        [`link:email:${email}`, THROTTLES.linkEmail],
        [`link:ip:${ip}`, THROTTLES.linkIp],
      ],
      'A sign-in link was sent a short while ago. Check your inbox (and spam folder), or try again in 15 minutes.',
    );
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.clock.now();
    const link = `${this.deps.baseUrl}/account/link?token=${token}`;
    const t = translator(locale);
    const minutes = Math.round(LINK_TTL_MS / 60000);
    await this.deps.store.transaction(async (trx) => {
      await trx
        .insertInto('reader_login_tokens')
        .values({ token_hash: hashToken(token), email, return_to: safeReturnPath(returnTo), created_at: now.toISOString(), expires_at: new Date(now.getTime() + LINK_TTL_MS).toISOString(), used_at: null })
        .execute();
      await trx.insertInto('reader_throttle').values([{ key: `link:email:${email}`, at: now.toISOString() }, { key: `link:ip:${ip}`, at: now.toISOString() }]).execute();
      await this.deps.mail.queue(
        {
          to: email,
          subject: t('mail.link.subject', { site: this.deps.siteName }),
          text: t('mail.link.body', { site: this.deps.siteName, link, minutes }),
        },
        trx,
      );
    });
  }

  /** What an emailed link is for, without using it (the confirmation page shows the email). */
  async peekEmailLink(token: unknown): Promise<{ email: string } | null> {
    if (typeof token !== 'string' || token.length < 20 || token.length > 100) return null;
    const row = await this.db.selectFrom('reader_login_tokens').select(['email', 'expires_at', 'used_at']).where('token_hash', '=', hashToken(token)).executeTakeFirst();
    if (!row || row.used_at || row.expires_at <= this.now()) return null;
    return { email: row.email };
  }

  /**
   * Uses an emailed link once: the token is claimed by a compare-and-set (two clicks cannot both sign in),
   * the account is created if the email has none, and the email counts as verified.
   */
  async consumeEmailLink(token: unknown): Promise<{ account: ReaderAccount; returnTo: string; created: boolean }> {
    const invalid = new AppError('BAD_REQUEST', 'This sign-in link has expired or was already used. Ask for a new one.');
    if (typeof token !== 'string' || token.length < 20 || token.length > 100) throw invalid;
    const now = this.now();
    return this.deps.store.transaction(async (trx) => {
      const row = await trx.selectFrom('reader_login_tokens').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
      if (!row || row.used_at || row.expires_at <= now) throw invalid;
      const claimed = await trx.updateTable('reader_login_tokens').set({ used_at: now }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw invalid;
      let acct = await trx.selectFrom('reader_accounts').selectAll().where('email', '=', row.email).executeTakeFirst();
      let created = false;
      if (!acct) {
        acct = await trx
          .insertInto('reader_accounts')
          .values({ email: row.email, name: '', password_hash: null, email_verified_at: now, created_at: now, updated_at: now, last_signin_at: now })
          .returningAll()
          .executeTakeFirstOrThrow();
        created = true;
      } else {
        await trx.updateTable('reader_accounts').set({ last_signin_at: now, email_verified_at: acct.email_verified_at ?? now }).where('id', '=', acct.id).execute();
        acct = { ...acct, last_signin_at: now, email_verified_at: acct.email_verified_at ?? now };
      }
      await trx.deleteFrom('reader_throttle').where('key', '=', `signin:email:${row.email}`).execute();
      return { account: toAccount(acct), returnTo: row.return_to, created };
    });
  }

  /** An account for an email, created without a password when missing (a complimentary grant by an admin). */
  async ensureAccount(emailRaw: unknown, trx?: Executor): Promise<ReaderAccount> {
    const email = normalizeEmail(emailRaw);
    const ep = emailProblem(email);
    if (ep) throw validationError([{ field: 'email', message: ep }]);
    const db = trx ?? this.db;
    const found = await db.selectFrom('reader_accounts').selectAll().where('email', '=', email).executeTakeFirst();
    if (found) return toAccount(found);
    const now = this.now();
    const row = await db.insertInto('reader_accounts').values({ email, name: '', password_hash: null, email_verified_at: null, created_at: now, updated_at: now, last_signin_at: null }).returningAll().executeTakeFirstOrThrow();
    return toAccount(row);
  }

  async updateProfile(id: number, input: { name: unknown }): Promise<ReaderAccount> {
    const name = cleanText(input.name);
    if (name.length > NAME_MAX) throw validationError([{ field: 'name', message: `name must be at most ${NAME_MAX} characters` }]);
    await this.db.updateTable('reader_accounts').set({ name, updated_at: this.now() }).where('id', '=', id).execute();
    const a = await this.get(id);
    if (!a) throw new AppError('NOT_FOUND', 'This account no longer exists');
    return a;
  }

  /** Sets or changes the password; an account that has one must give it (a stolen session alone cannot). */
  async changePassword(id: number, input: { current: unknown; next: unknown }): Promise<void> {
    const row = await this.db.selectFrom('reader_accounts').select(['password_hash']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'This account no longer exists');
    const next = typeof input.next === 'string' ? input.next : '';
    const pp = passwordProblem(next);
    if (pp) throw validationError([{ field: 'next', message: pp }]);
    if (row.password_hash && !(await verifyPassword(typeof input.current === 'string' ? input.current : '', row.password_hash))) {
      throw validationError([{ field: 'current', message: 'The current password is not right' }]);
    }
    await this.db.updateTable('reader_accounts').set({ password_hash: await hashPassword(next), updated_at: this.now() }).where('id', '=', id).execute();
  }

  /** The account's own rows, for the data export. */
  async exportData(id: number) {
    const a = await this.db.selectFrom('reader_accounts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a) throw new AppError('NOT_FOUND', 'This account no longer exists');
    const meter = await this.db.selectFrom('premium_meter').select(['period', 'article_id', 'created_at']).where('account_id', '=', id).orderBy('created_at').execute();
    const sessions = await this.db.selectFrom('sessions').select(['created_at', 'last_seen_at', 'expires_at', 'user_agent']).where('kind', '=', 'reader').where('subject_id', '=', id).orderBy('created_at').execute();
    return {
      account: { id: a.id, email: a.email, name: a.name, hasPassword: a.password_hash !== null, emailVerifiedAt: a.email_verified_at, createdAt: a.created_at, updatedAt: a.updated_at, lastSigninAt: a.last_signin_at },
      meteredReads: meter.map((m) => ({ period: m.period, articleId: m.article_id, at: m.created_at })),
      sessions: sessions.map((s) => ({ createdAt: s.created_at, lastSeenAt: s.last_seen_at, expiresAt: s.expires_at, userAgent: s.user_agent })),
    };
  }

  /** Removes the account and everything that is only about the person (inside the caller's transaction). */
  async deleteRows(trx: Executor, id: number): Promise<void> {
    const a = await trx.selectFrom('reader_accounts').select('email').where('id', '=', id).executeTakeFirst();
    if (!a) return;
    await trx.deleteFrom('premium_meter').where('account_id', '=', id).execute();
    await trx.deleteFrom('premium_entitlements').where('account_id', '=', id).execute();
    await trx.deleteFrom('reader_login_tokens').where('email', '=', a.email).execute();
    await trx.deleteFrom('reader_throttle').where('key', 'in', [`signin:email:${a.email}`, `link:email:${a.email}`]).execute();
    await trx.deleteFrom('sessions').where('kind', '=', 'reader').where('subject_id', '=', id).execute();
    await trx.deleteFrom('reader_accounts').where('id', '=', id).execute();
  }

  /** Housekeeping: used or expired links and old throttle rows. */
  async sweep(): Promise<void> {
    const now = this.deps.clock.now();
    await this.db.deleteFrom('reader_login_tokens').where('expires_at', '<', new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString()).execute();
    await this.throttle.sweep(24 * 60 * 60 * 1000);
  }
}
