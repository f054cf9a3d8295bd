import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.js';
import { AppError, isAppError } from '../../shared/errors.js';
import { listGrants, meterRemaining, premiumUntil, safeReturnPath } from '../../members/index.js';
import { closeAccount, exportAccount, membersModule } from '../../payments/index.js';
import { pageContext, localeOf, type SiteData } from '../page.js';
import { endSession, SESSION_COOKIE, startSession } from '../plugins/session.js';
import { requireReader } from '../plugins/reader-auth.js';
import { afterCheckout, storyToReturnTo } from './premium.js';
import { linkConfirmPage, linkSentPage, signinPage, signupPage } from '../views/account/signin.js';
import { accountPage, deleteConfirmPage, deletedPage } from '../views/account/account.js';
import type { FormError } from '../views/account/forms.js';
import { translator, type MessageKey, type Translate } from '../../i18n/index.js';

type Body = Record<string, unknown>;
const body = (req: FastifyRequest): Body => (req.body && typeof req.body === 'object' ? (req.body as Body) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Errors a form shows next to itself (its own mistakes); anything else goes to the error page. */
export function formError(e: unknown): FormError | null {
  if (isAppError(e) && e.expose && e.status < 500) return { message: e.message, issues: e.issues };
  return null;
}

/** A reader form's error in the reader's language (the domain's messages are English, for logs and the API). */
export function readerFormError(e: unknown, t: Translate): FormError | null {
  const err = formError(e);
  if (!err || !isAppError(e)) return err;
  if (e.code === 'UNAUTHENTICATED') return { message: t('account.error.signin'), issues: [] };
  if (e.code === 'RATE_LIMITED') return { message: t('account.error.throttled'), issues: [] };
  if (e.code === 'BAD_REQUEST') return { message: t('account.link.invalid'), issues: [] };
  if (e.code !== 'VALIDATION') return err;
  const byField: Record<string, (m: string) => string | null> = {
    email: (m) => (/already exists/.test(m) ? t('account.error.exists') : t('account.error.email')),
    password: (m) => (/at least/.test(m) ? t('account.error.password') : null),
    next: (m) => (/at least/.test(m) ? t('account.error.password') : null),
    current: () => t('account.error.current'),
    name: () => t('account.error.name'),
  };
  return { message: t('form.fix'), issues: err.issues.map((i) => ({ field: i.field, message: byField[i.field]?.(i.message) ?? i.message })) };
}

function html(reply: FastifyReply, page: { value: string }, status = 200) {
  return reply.code(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page.value);
}

/** Notices shown on the account page after a redirect (?done=…); only known keys are shown. */
const NOTICES: Record<string, MessageKey> = {
  welcome: 'account.notice.welcome',
  signedin: 'account.notice.signedin',
  profile: 'account.notice.profile',
  password: 'account.notice.password',
  cancelled: 'account.notice.cancelled',
  subscribed: 'account.notice.subscribed',
  confirming: 'account.notice.confirming',
};

/**
 * Reader accounts: /account/signin (password or emailed link), /account/signup, /account (plan, renewal,
 * status, receipts, profile), export of one's own data, deletion, and cancelling at the period end.
 */
export async function accountRoutes(app: FastifyInstance, c: Container, site: SiteData): Promise<void> {
  const m = await membersModule(c);
  const { members, billing } = m;
  const signedIn = requireReader();

  const renderSignin = async (req: FastifyRequest, reply: FastifyReply, extra: { email?: string; err?: FormError | null; linkErr?: FormError | null; notice?: string | null; returnTo?: string }, status = 200) => {
    const ctx = await pageContext(c, site, req);
    const returnTo = extra.returnTo ?? safeReturnPath((req.query as Record<string, unknown>).return);
    return html(reply, signinPage(ctx, { csrf: req.csrfToken(reply), returnTo, ...extra }), status);
  };

  app.get('/account/signin', async (req, reply) => {
    if (req.reader.accountId !== null) return reply.redirect(safeReturnPath((req.query as Record<string, unknown>).return), 303);
    return renderSignin(req, reply, {});
  });

  app.post('/account/signin', async (req, reply) => {
    const b = body(req);
    const returnTo = safeReturnPath(b.return);
    try {
      const account = await members.signInWithPassword(b.email, b.password, req.ip);
      await startSession(c, req, reply, 'reader', account.id);
      return reply.redirect(returnTo === '/account' ? '/account?done=signedin' : returnTo, 303);
    } catch (e) {
      const err = readerFormError(e, translator(localeOf(req)));
      if (!err) throw e;
      return renderSignin(req, reply, { email: str(b.email), err, returnTo }, (e as AppError).status);
    }
  });

  app.post('/account/signin/link', async (req, reply) => {
    const b = body(req);
    const returnTo = safeReturnPath(b.return);
    try {
      await members.requestEmailLink(b.email, returnTo, req.ip, localeOf(req));
    } catch (e) {
      const err = readerFormError(e, translator(localeOf(req)));
      if (!err) throw e;
      return renderSignin(req, reply, { email: str(b.email), linkErr: err, returnTo }, (e as AppError).status);
    }
    const ctx = await pageContext(c, site, req);
    return html(reply, linkSentPage(ctx, str(b.email).trim().toLowerCase()));
  });

  app.get('/account/link', async (req, reply) => {
    const token = str((req.query as Record<string, unknown>).token);
    const peek = await members.peekEmailLink(token);
    const ctx = await pageContext(c, site, req);
    return html(reply, linkConfirmPage(ctx, { csrf: req.csrfToken(reply), token, email: peek?.email ?? null }), peek ? 200 : 400);
  });

  app.post('/account/link', async (req, reply) => {
    const { account, returnTo, created } = await members.consumeEmailLink(body(req).token);
    await startSession(c, req, reply, 'reader', account.id);
    return reply.redirect(returnTo === '/account' ? `/account?done=${created ? 'welcome' : 'signedin'}` : returnTo, 303);
  });

  app.get('/account/signup', async (req, reply) => {
    if (req.reader.accountId !== null) return reply.redirect('/account', 303);
    const ctx = await pageContext(c, site, req);
    return html(reply, signupPage(ctx, { csrf: req.csrfToken(reply), returnTo: safeReturnPath((req.query as Record<string, unknown>).return) }));
  });

  app.post('/account/signup', async (req, reply) => {
    const b = body(req);
    const returnTo = safeReturnPath(b.return);
    try {
      const account = await members.signUp({ email: b.email, password: b.password, name: b.name }, req.ip);
      await startSession(c, req, reply, 'reader', account.id);
      return reply.redirect(returnTo === '/account' ? '/account?done=welcome' : returnTo, 303);
    } catch (e) {
      const err = readerFormError(e, translator(localeOf(req)));
      if (!err) throw e;
      const ctx = await pageContext(c, site, req);
      return html(reply, signupPage(ctx, { csrf: req.csrfToken(reply), returnTo, email: str(b.email), name: str(b.name), err }), (e as AppError).status);
    }
  });

  app.post('/account/signout', async (req, reply) => {
    await endSession(c, req, reply, 'reader');
    return reply.redirect('/', 303);
  });

  const renderAccount = async (req: FastifyRequest, reply: FastifyReply, extra: { notice?: string | null; err?: FormError | null; errFor?: 'profile' | 'password' | null } = {}, status = 200) => {
    const id = req.reader.accountId!;
    const account = await members.get(id);
    if (!account) {
      await endSession(c, req, reply, 'reader');
      return reply.redirect('/account/signin', 303);
    }
    const now = c.clock.now();
    const limit = c.config.meteredStoriesPerMonth;
    const [subscription, receipts, grants, until, remaining] = await Promise.all([
      billing.currentSubscription(id),
      billing.receipts(id),
      listGrants(c.store.db, now, id),
      premiumUntil(c.store.db, id, now),
      limit > 0 ? meterRemaining(c.store.db, { accountId: id, now, limit }) : Promise.resolve(0),
    ]);
    const ctx = await pageContext(c, site, req);
    const page = accountPage(ctx, {
      csrf: req.csrfToken(reply),
      account,
      premiumUntil: until,
      subscription,
      receipts,
      grants: grants.filter((g) => !g.revokedAt && g.endsAt > now.toISOString()),
      meter: limit > 0 && !(until && until > now.toISOString()) ? { limit, remaining } : null,
      canManageBilling: Boolean(subscription?.providerCustomerId && billing.providers.find((p) => p.name === subscription.provider)?.manageUrl),
      ...extra,
    });
    return html(reply, page, status);
  };

  app.get('/account', { preHandler: signedIn }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const ctx = await pageContext(c, site, req);
    // Back from a provider's checkout: confirm it now instead of waiting for the webhook.
    if (typeof q.checkout === 'string' && typeof q.session_id === 'string' && billing.providers.some((p) => p.name === q.checkout)) {
      try {
        const sub = await billing.completeCheckout(req.reader.accountId!, q.checkout, { session_id: q.session_id });
        return reply.redirect(afterCheckout(sub, storyToReturnTo(q.return)), 303);
      } catch (e) {
        if (!isAppError(e) || e.status >= 500) req.log.warn({ err: e }, 'checkout return could not be confirmed');
        return renderAccount(req, reply, { notice: ctx.t('account.notice.confirming') });
      }
    }
    const done = typeof q.done === 'string' ? NOTICES[q.done] : undefined;
    return renderAccount(req, reply, { notice: done ? ctx.t(done) : null });
  });

  app.post('/account/profile', { preHandler: signedIn }, async (req, reply) => {
    try {
      await members.updateProfile(req.reader.accountId!, { name: body(req).name });
    } catch (e) {
      const err = readerFormError(e, translator(localeOf(req)));
      if (!err) throw e;
      return renderAccount(req, reply, { err, errFor: 'profile' }, 400);
    }
    return reply.redirect('/account?done=profile', 303);
  });

  app.post('/account/password', { preHandler: signedIn }, async (req, reply) => {
    const b = body(req);
    try {
      await members.changePassword(req.reader.accountId!, { current: b.current, next: b.next });
    } catch (e) {
      const err = readerFormError(e, translator(localeOf(req)));
      if (!err) throw e;
      return renderAccount(req, reply, { err, errFor: 'password' }, 400);
    }
    // Every other session of this reader ends; this one gets a fresh id.
    await c.sessions.destroyAll('reader', req.reader.accountId!, req.readerSession?.idHash);
    await startSession(c, req, reply, 'reader', req.reader.accountId!);
    return reply.redirect('/account?done=password', 303);
  });

  app.post('/account/subscription/cancel', { preHandler: signedIn }, async (req, reply) => {
    await billing.cancelAtPeriodEnd(req.reader.accountId!);
    return reply.redirect('/account?done=cancelled', 303);
  });

  app.post('/account/subscription/manage', { preHandler: signedIn }, async (req, reply) => {
    const url = await billing.manageUrl(req.reader.accountId!, `${c.config.baseUrl}/account`);
    return reply.redirect(url, 303);
  });

  app.get('/account/export', { preHandler: signedIn }, async (req, reply) => {
    const data = await exportAccount(m, c.store, c.clock, req.reader.accountId!);
    return reply
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="samachar-account-${req.reader.accountId}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/account/delete', { preHandler: signedIn }, async (req, reply) => {
    const account = await members.get(req.reader.accountId!);
    if (!account) throw new AppError('NOT_FOUND', 'This account no longer exists');
    const sub = await billing.currentSubscription(account.id);
    const ctx = await pageContext(c, site, req);
    return html(reply, deleteConfirmPage(ctx, { csrf: req.csrfToken(reply), email: account.email, hasSubscription: Boolean(sub && sub.accessUntil) }));
  });

  app.post('/account/delete', { preHandler: signedIn }, async (req, reply) => {
    const account = await members.get(req.reader.accountId!);
    if (!account) throw new AppError('NOT_FOUND', 'This account no longer exists');
    const typed = str(body(req).confirm).trim().toLowerCase();
    if (typed !== account.email) {
      const ctx = await pageContext(c, site, req);
      const sub = await billing.currentSubscription(account.id);
      const err = { message: ctx.t('account.delete.mismatch'), issues: [{ field: 'confirm', message: ctx.t('account.delete.mismatch') }] };
      return html(reply, deleteConfirmPage(ctx, { csrf: req.csrfToken(reply), email: account.email, hasSubscription: Boolean(sub && sub.accessUntil), err }), 400);
    }
    await closeAccount(m, c.store, account.id);
    reply.clearCookie(SESSION_COOKIE.reader, { path: '/' });
    req.reader = { accountId: null, premiumUntil: null };
    const ctx = await pageContext(c, site, req);
    return html(reply, deletedPage(ctx));
  });
}
