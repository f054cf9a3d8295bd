import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.js';
import { AppError } from '../../shared/errors.js';
import { STAFF_ROLES, type StaffRole } from '../../newsroom/staff.js';
import { atLeast, type StaffMember } from '../../newsroom/policies.js';
import type { Session } from '../../sessions/index.js';
import { readSession } from './session.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member on newsroom routes (set by requireStaff). */
    staff: StaffMember | null;
    staffSession: Session | null;
  }
}

/** Loads the staff member of the request's staff session, or null. */
export async function currentStaff(c: Container, req: FastifyRequest): Promise<{ staff: StaffMember; session: Session } | null> {
  const session = await readSession(c, req, 'staff');
  if (!session) return null;
  const p = await c.store.db.selectFrom('people').select(['id', 'name', 'email', 'role', 'active', 'password_hash']).where('id', '=', session.subjectId).executeTakeFirst();
  if (!p || !p.active || !p.password_hash || !STAFF_ROLES.includes(p.role as StaffRole)) return null;
  return { staff: { id: p.id, name: p.name, email: p.email ?? '', role: p.role as StaffRole }, session };
}

/**
 * preHandler for newsroom routes: an anonymous visitor is sent to the sign-in page (HTML) or gets 401
 * (JSON); a signed-in member below `min` gets 403.
 */
export function requireStaff(c: Container, min: StaffRole = 'reporter') {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const found = await currentStaff(c, req);
    if (!found) {
      const wantsHtml = req.method === 'GET' && !(req.headers.accept ?? '').includes('application/json');
      if (wantsHtml) return reply.redirect(`/newsroom/login?return=${encodeURIComponent(req.url)}`, 303);
      throw new AppError('UNAUTHENTICATED', 'Sign in to the newsroom first');
    }
    req.staff = found.staff;
    req.staffSession = found.session;
    if (!atLeast(found.staff, min)) throw new AppError('FORBIDDEN', `This needs the ${min} role`);
  };
}
