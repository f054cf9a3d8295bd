import type { FastifyInstance } from 'fastify';
import type { Container } from '../../../container.js';
import { isAppError } from '../../../shared/errors.js';
import { changePassword, checkResetToken, recordAudit, requestPasswordReset, resetPassword, signIn, type AuthDeps } from '../../../newsroom/index.js';
import { endSession, startSession } from '../../plugins/session.js';
import { forgotPage, loginPage, passwordPage, resetPage } from '../../views/newsroom/auth.js';
import { bodyOf, NR_LANG_COOKIE, nrContext, queryOf, safeReturn, sendHtml, str } from './context.js';
import { staffOnly, staffOptional } from './guard.js';

export function authDeps(c: Container): AuthDeps {
  return { store: c.store, clock: c.clock, mail: c.mail, sessions: c.sessions, baseUrl: c.config.baseUrl, siteName: c.config.siteName };
}

/** Sign-in (rate-limited, new session id each time), sign-out, password change and reset by mail. */
export function authRoutes(app: FastifyInstance, c: Container): void {
  const deps = authDeps(c);

  app.get('/newsroom/login', { onRequest: staffOptional(c) }, async (req, reply) => {
    const returnTo = safeReturn(queryOf(req).return);
    if (req.staff) return reply.redirect(returnTo, 303);
    return sendHtml(reply, loginPage(nrContext(c, req, reply), { email: '', returnTo }));
  });

  app.post('/newsroom/login', async (req, reply) => {
    const body = bodyOf(req);
    const email = str(body.email).trim();
    const returnTo = safeReturn(body.return);
    try {
      const who = await signIn(deps, email, str(body.password), req.ip);
      await startSession(c, req, reply, 'staff', who.id);
      return reply.redirect(returnTo, 303);
    } catch (e) {
      if (!isAppError(e) || (e.code !== 'UNAUTHENTICATED' && e.code !== 'RATE_LIMITED')) throw e;
      const retry = e.details?.retryAfterSeconds;
      if (typeof retry === 'number') reply.header('Retry-After', String(retry));
      const ctx = nrContext(c, req, reply);
      const message = e.code === 'RATE_LIMITED' ? ctx.t('nr.login.limited') : ctx.t('nr.login.wrong');
      return sendHtml(reply, loginPage(ctx, { email, returnTo, error: message }), e.status);
    }
  });

  app.post('/newsroom/logout', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    await recordAudit(c.store.db, c.clock.now().toISOString(), { actorId: req.staff!.id, action: 'signout', subjectType: 'person', subjectId: req.staff!.id, ip: req.ip });
    await endSession(c, req, reply, 'staff');
    return reply.redirect('/newsroom/login?done=signedout', 303);
  });

  app.get('/newsroom/account/password', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    return sendHtml(reply, passwordPage(nrContext(c, req, reply), {}));
  });

  app.post('/newsroom/account/password', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    const body = bodyOf(req);
    const ctx = nrContext(c, req, reply);
    if (str(body.password) !== str(body.confirm)) return sendHtml(reply, passwordPage(ctx, { issues: [{ field: 'password', message: ctx.t('nr.password.mismatch') }] }), 400);
    try {
      await changePassword(deps, req.staff!, str(body.current), str(body.password), req.staffSession?.idHash, req.ip);
    } catch (e) {
      if (isAppError(e) && e.code === 'VALIDATION') return sendHtml(reply, passwordPage(ctx, { issues: e.issues.length ? e.issues : [{ field: 'password', message: e.message }] }), 400);
      throw e;
    }
    // A new session id after a password change, like after signing in.
    await startSession(c, req, reply, 'staff', req.staff!.id);
    return reply.redirect('/newsroom/account/password?done=password', 303);
  });

  app.get('/newsroom/forgot', async (req, reply) => sendHtml(reply, forgotPage(nrContext(c, req, reply), { email: '', sent: false })));

  app.post('/newsroom/forgot', async (req, reply) => {
    const email = str(bodyOf(req).email).trim();
    try {
      await requestPasswordReset(deps, email, req.ip);
    } catch (e) {
      if (isAppError(e) && (e.code === 'VALIDATION' || e.code === 'RATE_LIMITED')) {
        const retry = e.details?.retryAfterSeconds;
        if (typeof retry === 'number') reply.header('Retry-After', String(retry));
        return sendHtml(reply, forgotPage(nrContext(c, req, reply), { email, sent: false, issues: e.issues, error: e.message }), e.status);
      }
      throw e;
    }
    return sendHtml(reply, forgotPage(nrContext(c, req, reply), { email, sent: true }));
  });

  app.get('/newsroom/reset', async (req, reply) => {
    const token = str(queryOf(req).token);
    const valid = (await checkResetToken(deps, token)) !== null;
    return sendHtml(reply, resetPage(nrContext(c, req, reply), { token, valid }), valid ? 200 : 410);
  });

  app.post('/newsroom/reset', async (req, reply) => {
    const body = bodyOf(req);
    const token = str(body.token);
    const ctx = nrContext(c, req, reply);
    if (str(body.password) !== str(body.confirm)) return sendHtml(reply, resetPage(ctx, { token, valid: true, issues: [{ field: 'password', message: ctx.t('nr.password.mismatch') }] }), 400);
    try {
      await resetPassword(deps, token, str(body.password), req.ip);
    } catch (e) {
      if (isAppError(e) && e.code === 'VALIDATION') return sendHtml(reply, resetPage(ctx, { token, valid: true, issues: e.issues }), 400);
      if (isAppError(e) && e.code === 'GONE') return sendHtml(reply, resetPage(ctx, { token, valid: false }), 410);
      throw e;
    }
    return reply.redirect('/newsroom/login?done=reset', 303);
  });

  app.get('/newsroom/lang', async (req, reply) => {
    const q = queryOf(req);
    const to = str(q.to) === 'en' ? 'en' : 'hi';
    reply.setCookie(NR_LANG_COOKIE, to, { path: '/newsroom', httpOnly: true, sameSite: 'lax', secure: c.config.baseUrl.startsWith('https:'), maxAge: 365 * 24 * 3600 });
    return reply.redirect(safeReturn(str(q.return).replace(/([?&])lang=(en|hi)&?/, '$1').replace(/[?&]$/, '')), 303);
  });
}
