import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../../container.js';
import { AppError } from '../../../shared/errors.js';
import { atLeast, type StaffRole } from '../../../newsroom/index.js';
import { currentStaff } from '../../plugins/staff-auth.js';

/**
 * onRequest guard for newsroom routes (it runs before any body is read, so an anonymous upload is refused
 * before it is parsed). Anonymous: an HTML page GET is sent to sign in (303), anything else gets 401;
 * a signed-in member below `min` gets 403. Finer checks (own story, …) are policies in the operations.
 */
export function staffOnly(c: Container, min: StaffRole, kind: 'page' | 'data' = 'page') {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const found = await currentStaff(c, req);
    if (!found) {
      if (kind === 'page' && req.method === 'GET') return reply.code(303).header('Cache-Control', 'no-store').redirect(`/newsroom/login?return=${encodeURIComponent(req.url)}`, 303);
      throw new AppError('UNAUTHENTICATED', 'Sign in to the newsroom first');
    }
    req.staff = found.staff;
    req.staffSession = found.session;
    if (!atLeast(found.staff, min)) throw new AppError('FORBIDDEN', `This needs the ${min} role`);
  };
}

/** For public newsroom pages (sign-in, reset): knows who is signed in, requires nobody. */
export function staffOptional(c: Container) {
  return async (req: FastifyRequest) => {
    const found = await currentStaff(c, req);
    if (found) {
      req.staff = found.staff;
      req.staffSession = found.session;
    }
  };
}
