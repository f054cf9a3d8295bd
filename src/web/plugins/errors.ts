import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../shared/errors.js';
import { isStoreUnavailable } from '../../storage/index.js';
import type { Container } from '../../container.js';
import { errorPage } from '../views/errors.js';
import { pageContext, type SiteData } from '../page.js';

function wantsJson(req: FastifyRequest): boolean {
  const url = req.url;
  return url.startsWith('/api/') || url.startsWith('/webhooks/') || url === '/healthz' || (req.headers.accept ?? '').startsWith('application/json');
}

/**
 * The one place errors become responses (STYLE.md, example 8): an AppError keeps its status and, when
 * public, its message; Fastify's own client errors (bad JSON, too large) keep their 4xx; anything else
 * is logged and answered with a generic 500 that carries the request id, except a store that cannot be
 * reached for the moment, which is a 503 with Retry-After.
 */
export function errorHandling(app: FastifyInstance, c: Container, site: SiteData): void {
  const send = async (req: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string, issues: AppError['issues'] = [], details?: Record<string, unknown>) => {
    reply.code(status);
    reply.header('Cache-Control', 'no-store');
    if (wantsJson(req)) return reply.type('application/json; charset=utf-8').send({ error: { code, message, ...(issues.length ? { issues } : {}), ...(details ? { details } : {}), requestId: req.id } });
    try {
      const ctx = await pageContext(c, site, req);
      return reply.type('text/html; charset=utf-8').send(errorPage(ctx, status, status >= 500 ? String(req.id) : message).value);
    } catch {
      return reply.type('text/plain; charset=utf-8').send(`${status} ${message}`);
    }
  };

  app.setErrorHandler(async (err, req, reply) => {
    if (isAppError(err)) {
      if (err.status >= 500) req.log.error({ err }, 'request failed');
      return send(req, reply, err.status, err.code, err.expose ? err.message : 'Internal error', err.expose ? err.issues : [], err.expose ? err.details : undefined);
    }
    const e = err as { statusCode?: number; code?: string; message?: string; validation?: unknown };
    if (e.validation) return send(req, reply, 400, 'VALIDATION', e.message ?? 'invalid request');
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return send(req, reply, e.statusCode, e.code ?? 'BAD_REQUEST', e.message ?? 'bad request');
    if (isStoreUnavailable(err)) {
      // The store is away for a moment (a restart, a lost connection): say so, and when to try again.
      req.log.warn({ err }, 'store unavailable');
      reply.header('Retry-After', '5');
      return send(req, reply, 503, 'UNAVAILABLE', 'The site is briefly unavailable; please try again in a few seconds.');
    }
    req.log.error({ err }, 'unexpected error');
    return send(req, reply, 500, 'INTERNAL', 'Internal error');
  });

  app.setNotFoundHandler(async (req, reply) => send(req, reply, 404, 'NOT_FOUND', 'Not found'));
}
