import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The token a form on this page must send back as `_csrf` (or header x-csrf-token). */
    csrfToken(reply: FastifyReply): string;
    /** True once a token was put in this response: such a page is personal and never cached. */
    csrfUsed: boolean;
  }
  interface FastifyContextConfig {
    /** Set to false on routes that authenticate otherwise (payment webhooks, the read-only API). */
    csrf?: boolean;
  }
}

export const CSRF_COOKIE = 'sm_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/**
 * CSRF protection on every state-changing request, on by default: a route must opt out explicitly.
 * The token is a double-submit cookie (HttpOnly, SameSite=Lax) echoed in the form; a request whose
 * Origin names another site is refused as well.
 */
export function csrfProtection(app: FastifyInstance, opts: { secure: boolean; origin: string }): void {
  app.decorateRequest('csrfUsed', false);
  app.decorateRequest('csrfToken', function (this: FastifyRequest, reply: FastifyReply): string {
    this.csrfUsed = true;
    let token = this.cookies[CSRF_COOKIE];
    if (!token || !/^[A-Za-z0-9_-]{32,64}$/.test(token)) {
      token = randomBytes(24).toString('base64url');
      this.cookies[CSRF_COOKIE] = token;
      reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secure });
    }
    return token;
  });

  app.addHook('preHandler', async (req) => {
    if (!UNSAFE.has(req.method)) return;
    if (req.routeOptions.config?.csrf === false) return;
    const origin = req.headers.origin;
    if (origin && origin !== 'null' && origin !== opts.origin) {
      const host = req.headers.host;
      if (!host || new URL(origin).host !== host) throw new AppError('CSRF', 'This form was sent from another site and was refused.');
    }
    const cookie = req.cookies[CSRF_COOKIE] ?? '';
    const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>)._csrf : undefined;
    const sent = typeof body === 'string' ? body : String(req.headers['x-csrf-token'] ?? '');
    if (!same(cookie, sent)) throw new AppError('CSRF', 'The form has expired or was not sent from this site. Reload the page and try again.');
  });
}
