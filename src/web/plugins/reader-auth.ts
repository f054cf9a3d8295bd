import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.js';
import { hasPremium, premiumUntil, useMeter } from '../../members/index.js';
import { parseArticleSegment } from '../../content/index.js';
import { AppError } from '../../shared/errors.js';
import type { Session } from '../../sessions/index.js';
import { SESSION_COOKIE } from './session.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The reader session behind req.reader (null when anonymous). */
    readerSession: Session | null;
  }
}

/** The story a request is for (an article page or one API item), for metering. */
function storyIdOf(req: FastifyRequest): number | null {
  const route = req.routeOptions.url;
  const params = (req.params ?? {}) as Record<string, string>;
  if (route === '/:desk/news/:seg' && params.seg) return parseArticleSegment(params.seg)?.id ?? null;
  if (route === '/api/v1/articles/:id' && params.id && /^\d{1,12}$/.test(params.id)) return Number(params.id);
  return null;
}

function addVaryCookie(reply: FastifyReply): void {
  const vary = String(reply.getHeader('vary') ?? '');
  const parts = vary.split(',').map((s) => s.trim()).filter(Boolean);
  if (!parts.some((p) => p.toLowerCase() === 'cookie' || p === '*')) parts.push('Cookie');
  reply.header('Vary', parts.join(', '));
}

/**
 * Who is reading: sets req.reader from the reader session cookie (account id, premium until the end of
 * the latest entitlement in force), and, with metering on, lets a signed-in reader open a few premium
 * stories a month. Registered after app.ts's default hook, which makes every request anonymous first.
 * Responses to a signed-in reader are marked private and Vary: Cookie, so no shared cache keeps them.
 */
export function readerIdentity(app: FastifyInstance, c: Container): void {
  app.decorateRequest('readerSession', null);

  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/assets/')) return;
    const token = req.cookies[SESSION_COOKIE.reader];
    if (!token) return;
    const session = await c.sessions.get('reader', token);
    if (!session) return;
    const now = c.clock.now();
    req.readerSession = session;
    req.reader = { accountId: session.subjectId, premiumUntil: await premiumUntil(c.store.db, session.subjectId, now) };
    const limit = c.config.meteredStoriesPerMonth;
    if (limit > 0 && !hasPremium(req.reader, now) && (req.method === 'GET' || req.method === 'HEAD')) {
      const articleId = storyIdOf(req);
      if (articleId === null) return;
      const a = await c.store.db.selectFrom('articles').select(['access', 'status']).where('id', '=', articleId).executeTakeFirst();
      if (a?.access === 'premium' && a.status === 'published' && (await useMeter(c.store.db, { accountId: session.subjectId, articleId, now, limit }))) {
        req.reader = { ...req.reader, meteredArticleId: articleId };
      }
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (req.reader?.accountId == null && !req.cookies?.[SESSION_COOKIE.reader]) return payload;
    // Fingerprinted assets stay cacheable everywhere: they are the same for every reader.
    if (String(reply.getHeader('cache-control') ?? '').includes('immutable')) return payload;
    reply.header('Cache-Control', 'private, no-store');
    addVaryCookie(reply);
    return payload;
  });
}

/** preHandler for reader pages: anonymous visitors are sent to sign in (HTML) or get 401 (JSON). */
export function requireReader() {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.reader.accountId !== null) return;
    const wantsHtml = !(req.headers.accept ?? '').includes('application/json') && (req.method === 'GET' || String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'));
    // A form sent after the session ended goes back to the page it came from once signed in.
    const back = req.method === 'GET' ? req.url : req.url.startsWith('/premium') ? '/premium' : '/account';
    if (wantsHtml) return reply.redirect(`/account/signin?return=${encodeURIComponent(back)}`, 303);
    throw new AppError('UNAUTHENTICATED', 'Sign in to your account first');
  };
}
