import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.js';
import { SESSION_TTL_MS, type Session, type SessionKind } from '../../sessions/index.js';

export const SESSION_COOKIE: Record<SessionKind, string> = { staff: 'sm_staff', reader: 'sm_reader' };

/** Reads the session of a kind from its cookie (null when absent, unknown or expired). */
export async function readSession(c: Container, req: FastifyRequest, kind: SessionKind): Promise<Session | null> {
  return c.sessions.get(kind, req.cookies[SESSION_COOKIE[kind]]);
}

/**
 * Signs someone in: the old session (if any) is destroyed and a new id issued (no session fixation);
 * the cookie is HttpOnly, SameSite=Lax, Secure on https.
 */
export async function startSession(c: Container, req: FastifyRequest, reply: FastifyReply, kind: SessionKind, subjectId: number): Promise<Session> {
  await c.sessions.destroy(req.cookies[SESSION_COOKIE[kind]]);
  const { token, session } = await c.sessions.create(kind, subjectId, String(req.headers['user-agent'] ?? ''));
  reply.setCookie(SESSION_COOKIE[kind], token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: c.config.baseUrl.startsWith('https:'),
    maxAge: Math.floor(SESSION_TTL_MS[kind] / 1000),
  });
  return session;
}

export async function endSession(c: Container, req: FastifyRequest, reply: FastifyReply, kind: SessionKind): Promise<void> {
  await c.sessions.destroy(req.cookies[SESSION_COOKIE[kind]]);
  reply.clearCookie(SESSION_COOKIE[kind], { path: '/' });
}
