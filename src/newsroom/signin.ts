import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Store } from '../storage/index.js';
import type { Clock } from '../shared/clock.js';
import type { Outbox } from '../mail/index.js';
import type { SessionStore } from '../sessions/index.js';
import { AppError } from '../shared/errors.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { findStaffByEmail, isEmail, setStaffPassword } from './staff.js';
import type { StaffMember } from './policies.js';
import { recordAudit } from './audit.js';
import './schema.js';

/**
 * Signing in to the newsroom: password check with a rate limit kept in the store (so that it holds across
 * instances), password change, and reset through a one-time link sent by mail.
 */
export interface AuthDeps {
  store: Store;
  clock: Clock;
  mail: Outbox;
  sessions: SessionStore;
  baseUrl: string;
  siteName: string;
}

export const SIGNIN_LIMITS = {
  /** Failed sign-ins for one account within the window before it is paused. */
  perAccount: 5,
  /** Failed sign-ins from one address within the window (many accounts tried from one place). */
  perAddress: 30,
  windowMs: 15 * 60 * 1000,
};
export const RESET_LIMITS = { perAccount: 3, perAddress: 20, windowMs: 60 * 60 * 1000 };
export const RESET_TTL_MS = 60 * 60 * 1000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let dummyHash: Promise<string> | null = null;
/** A hash to verify against when the account does not exist, so that the answer takes as long either way. */
function timingHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing');
  return dummyHash;
}

async function recentAttempts(store: Store, key: string, since: string): Promise<number> {
  const r = await store.db.selectFrom('login_attempts').select(sql<number>`count(*)`.as('n')).where('key', '=', key).where('created_at', '>', since).executeTakeFirst();
  return Number(r?.n ?? 0);
}

async function noteAttempt(store: Store, keys: string[], now: Date, windowMs: number): Promise<void> {
  const nowIso = now.toISOString();
  await store.db.insertInto('login_attempts').values(keys.map((key) => ({ key, created_at: nowIso }))).execute();
  // Rows older than a day are no use to any window; keep the table small.
  await store.db.deleteFrom('login_attempts').where('created_at', '<', new Date(now.getTime() - Math.max(windowMs, 24 * 60 * 60 * 1000)).toISOString()).execute();
}

function rateLimited(retryMs: number, message: string): AppError {
  return new AppError('RATE_LIMITED', message, { details: { retryAfterSeconds: Math.ceil(retryMs / 1000) } });
}

/** Checks email and password; refuses with 429 after too many failures, 401 for a wrong pair. */
export async function signIn(deps: AuthDeps, emailRaw: string, password: string, ip: string): Promise<StaffMember> {
  const now = deps.clock.now();
  const email = emailRaw.trim().toLowerCase();
  const since = new Date(now.getTime() - SIGNIN_LIMITS.windowMs).toISOString();
  const accountKey = `signin:email:${email}`;
  const addressKey = `signin:ip:${ip}`;
  if ((await recentAttempts(deps.store, accountKey, since)) >= SIGNIN_LIMITS.perAccount) {
    throw rateLimited(SIGNIN_LIMITS.windowMs, `Too many failed sign-ins for this account. Wait ${SIGNIN_LIMITS.windowMs / 60000} minutes or reset the password.`);
  }
  if ((await recentAttempts(deps.store, addressKey, since)) >= SIGNIN_LIMITS.perAddress) {
    throw rateLimited(SIGNIN_LIMITS.windowMs, `Too many failed sign-ins from this network. Wait ${SIGNIN_LIMITS.windowMs / 60000} minutes.`);
  }
  const staff = email && password ? await findStaffByEmail(deps, email) : null;
  const ok = await verifyPassword(password, staff?.passwordHash ?? (await timingHash()));
  if (!staff || !ok || !staff.active || !staff.passwordHash) {
    await noteAttempt(deps.store, [accountKey, addressKey], now, SIGNIN_LIMITS.windowMs);
    await recordAudit(deps.store.db, now.toISOString(), { actorId: staff?.id ?? null, action: 'signin.failed', subjectType: 'person', subjectId: staff?.id ?? null, details: { email }, ip });
    throw new AppError('UNAUTHENTICATED', 'The email or password is not right.');
  }
  await deps.store.db.deleteFrom('login_attempts').where('key', '=', accountKey).execute();
  await recordAudit(deps.store.db, now.toISOString(), { actorId: staff.id, action: 'signin', subjectType: 'person', subjectId: staff.id, ip });
  return { id: staff.id, name: staff.name, email: staff.email, role: staff.role };
}

/** Changes one's own password; every other session of that person ends. */
export async function changePassword(deps: AuthDeps, who: StaffMember, current: string, next: string, keepSessionHash: string | undefined, ip: string): Promise<void> {
  const row = await deps.store.db.selectFrom('people').select('password_hash').where('id', '=', who.id).executeTakeFirst();
  if (!(await verifyPassword(current, row?.password_hash ?? null))) {
    throw new AppError('VALIDATION', 'The current password is not right.', { issues: [{ field: 'current', message: 'the current password is not right' }] });
  }
  const problem = passwordProblem(next);
  if (problem) throw new AppError('VALIDATION', problem, { issues: [{ field: 'password', message: problem }] });
  await setStaffPassword(deps, who.id, next);
  await deps.sessions.destroyAll('staff', who.id, keepSessionHash);
  await recordAudit(deps.store.db, deps.clock.now().toISOString(), { actorId: who.id, action: 'password.changed', subjectType: 'person', subjectId: who.id, ip });
}

/**
 * Sends a one-time reset link if the address belongs to an active staff member. The caller answers the
 * same way whether or not it does, so that the form does not reveal who works here.
 */
export async function requestPasswordReset(deps: AuthDeps, emailRaw: string, ip: string): Promise<void> {
  const now = deps.clock.now();
  const email = emailRaw.trim().toLowerCase();
  if (!isEmail(email)) throw new AppError('VALIDATION', 'Enter the email address you sign in with.', { issues: [{ field: 'email', message: 'not an email address' }] });
  const since = new Date(now.getTime() - RESET_LIMITS.windowMs).toISOString();
  const addressKey = `reset:ip:${ip}`;
  if ((await recentAttempts(deps.store, addressKey, since)) >= RESET_LIMITS.perAddress) throw rateLimited(RESET_LIMITS.windowMs, 'Too many reset requests from this network. Try again in an hour.');
  const accountKey = `reset:email:${email}`;
  const tooMany = (await recentAttempts(deps.store, accountKey, since)) >= RESET_LIMITS.perAccount;
  await noteAttempt(deps.store, [addressKey, accountKey], now, RESET_LIMITS.windowMs);
  if (tooMany) return;
  const staff = await findStaffByEmail(deps, email);
  if (!staff || !staff.active) return;
  await sendResetLink(deps, staff, ip, 'password.reset_requested');
}

/** Creates a reset (or first-password) link and queues the mail, in one transaction. */
export async function sendResetLink(deps: AuthDeps, staff: { id: number; name: string; email: string }, ip: string, action: string, actorId: number | null = staff.id): Promise<void> {
  const now = deps.clock.now();
  const token = randomBytes(32).toString('base64url');
  const link = `${deps.baseUrl}/newsroom/reset?token=${token}`;
  await deps.store.transaction(async (trx) => {
    await trx.insertInto('password_resets').values({ token_hash: sha256(token), person_id: staff.id, created_at: now.toISOString(), expires_at: new Date(now.getTime() + RESET_TTL_MS).toISOString(), used_at: null }).execute();
    await deps.mail.queue(
      {
        to: staff.email,
        subject: `${deps.siteName} न्यूज़रूम: पासवर्ड बदलने का लिंक / Password link`,
        text: [
          `नमस्ते ${staff.name},`,
          '',
          `${deps.siteName} न्यूज़रूम का पासवर्ड बनाने या बदलने के लिए यह लिंक खोलें (एक घंटे तक, केवल एक बार):`,
          link,
          '',
          'To set a new newsroom password, open the link above (valid for one hour, once).',
          'अगर आपने यह नहीं माँगा था, तो इस मेल को अनदेखा करें। / If you did not ask for this, ignore this mail.',
        ].join('\n'),
      },
      trx,
    );
    await recordAudit(trx, now.toISOString(), { actorId, action, subjectType: 'person', subjectId: staff.id, ip });
  });
}

/** The person a reset link belongs to, while it is unused and fresh; null otherwise. */
export async function checkResetToken(deps: Pick<AuthDeps, 'store' | 'clock'>, token: string): Promise<{ personId: number; email: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const r = await deps.store.db
    .selectFrom('password_resets as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.person_id', 'r.expires_at', 'r.used_at', 'p.email', 'p.active'])
    .where('r.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!r || r.used_at || r.expires_at <= deps.clock.now().toISOString() || !r.active) return null;
  return { personId: r.person_id, email: r.email ?? '' };
}

/** Sets the new password through a reset link; the link and every session of that person end. */
export async function resetPassword(deps: AuthDeps, token: string, password: string, ip: string): Promise<{ personId: number }> {
  const problem = passwordProblem(password);
  if (problem) throw new AppError('VALIDATION', problem, { issues: [{ field: 'password', message: problem }] });
  const found = await checkResetToken(deps, token);
  if (!found) throw new AppError('GONE', 'This link has expired or was already used. Ask for a new one.');
  const hash = await hashPassword(password);
  const nowIso = deps.clock.now().toISOString();
  await deps.store.transaction(async (trx) => {
    const used = await trx.updateTable('password_resets').set({ used_at: nowIso }).where('token_hash', '=', sha256(token)).where('used_at', 'is', null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new AppError('GONE', 'This link was already used. Ask for a new one.');
    await trx.updateTable('password_resets').set({ used_at: nowIso }).where('person_id', '=', found.personId).where('used_at', 'is', null).execute();
    await trx.updateTable('people').set({ password_hash: hash }).where('id', '=', found.personId).execute();
    await recordAudit(trx, nowIso, { actorId: found.personId, action: 'password.reset', subjectType: 'person', subjectId: found.personId, ip });
  });
  await deps.sessions.destroyAll('staff', found.personId);
  await deps.store.db.deleteFrom('login_attempts').where('key', '=', `signin:email:${found.email}`).execute();
  return { personId: found.personId };
}
