import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../../container.js';
import { AppError, isAppError, type FieldIssue } from '../../../shared/errors.js';
import {
  addStaff, createDesk, createTag, deleteDesk, deleteTag, findStaffByEmail, isEmail, listAudit, listDesksWithCounts, listStaff, listTags, recordAudit, sendResetLink,
  STAFF_ROLES, updateDesk, updateStaff, updateTag, type DeskInput, type StaffRole,
} from '../../../newsroom/index.js';
import { auditPage, desksPage, staffPage, tagsPage } from '../../views/newsroom/admin.js';
import { bodyOf, idParam, nrContext, queryOf, sendHtml, str } from './context.js';
import { staffOnly } from './guard.js';
import { authDeps } from './auth.js';
import { peopleForForms } from './stories.js';

function deskInput(body: Record<string, unknown>): DeskInput {
  const pos = Number(str(body.position) || '0');
  return { slug: str(body.slug), nameHi: str(body.nameHi), nameEn: str(body.nameEn), datelineLabel: str(body.datelineLabel), position: Number.isInteger(pos) ? pos : 0 };
}

/** Desks (admins), tags (editors), staff (admins) and the audit log (editors). */
export function adminRoutes(app: FastifyInstance, c: Container): void {
  const tax = { store: c.store, bus: c.bus, clock: c.clock };

  /** Runs a change; a refusal the user can fix shows the page again with the message, anything else goes to the error page. */
  async function attempt(reply: FastifyReply, run: () => Promise<string>, again: (issues: FieldIssue[], message: string, status: number) => Promise<FastifyReply>) {
    try {
      return reply.redirect(await run(), 303);
    } catch (e) {
      if (isAppError(e) && (e.code === 'VALIDATION' || e.code === 'CONFLICT' || e.code === 'NOT_FOUND')) return again(e.issues, e.message, e.status);
      throw e;
    }
  }

  // ------------------------------------------------------------ desks

  const showDesks = async (req: FastifyRequest, reply: FastifyReply, issues: FieldIssue[] = [], error?: string, status = 200) =>
    sendHtml(reply, desksPage(nrContext(c, req, reply), { desks: await listDesksWithCounts(c.store), issues, ...(error ? { error } : {}) }), status);

  app.get('/newsroom/desks', { onRequest: staffOnly(c, 'admin') }, async (req, reply) => showDesks(req, reply));
  app.post('/newsroom/desks', { onRequest: staffOnly(c, 'admin') }, async (req, reply) =>
    attempt(reply, async () => { await createDesk(tax, req.staff!, deskInput(bodyOf(req)), req.ip); return '/newsroom/desks?done=desk'; }, (i, m, s) => showDesks(req, reply, i, m, s)));
  app.post<{ Params: { id: string } }>('/newsroom/desks/:id', { onRequest: staffOnly(c, 'admin') }, async (req, reply) =>
    attempt(reply, async () => { await updateDesk(tax, req.staff!, idParam(req.params.id), deskInput(bodyOf(req)), req.ip); return '/newsroom/desks?done=desk'; }, (i, m, s) => showDesks(req, reply, i, m, s)));
  app.post<{ Params: { id: string } }>('/newsroom/desks/:id/delete', { onRequest: staffOnly(c, 'admin') }, async (req, reply) =>
    attempt(reply, async () => { await deleteDesk(tax, req.staff!, idParam(req.params.id), req.ip); return '/newsroom/desks?done=deleted'; }, (i, m, s) => showDesks(req, reply, i, m, s)));

  // ------------------------------------------------------------ tags

  const showTags = async (req: FastifyRequest, reply: FastifyReply, issues: FieldIssue[] = [], error?: string, status = 200) => {
    const q = str(queryOf(req).q).slice(0, 100);
    const list = await listTags(c.store, q, 1, 200);
    return sendHtml(reply, tagsPage(nrContext(c, req, reply), { ...list, q, issues, ...(error ? { error } : {}) }), status);
  };
  app.get('/newsroom/tags', { onRequest: staffOnly(c, 'editor') }, async (req, reply) => showTags(req, reply));
  app.post('/newsroom/tags', { onRequest: staffOnly(c, 'editor') }, async (req, reply) =>
    attempt(reply, async () => { const b = bodyOf(req); await createTag(tax, req.staff!, { name: str(b.name), slug: str(b.slug) }, req.ip); return '/newsroom/tags?done=tag'; }, (i, m, s) => showTags(req, reply, i, m, s)));
  app.post<{ Params: { id: string } }>('/newsroom/tags/:id', { onRequest: staffOnly(c, 'editor') }, async (req, reply) =>
    attempt(reply, async () => { const b = bodyOf(req); await updateTag(tax, req.staff!, idParam(req.params.id), { name: str(b.name), slug: str(b.slug) }, req.ip); return '/newsroom/tags?done=tag'; }, (i, m, s) => showTags(req, reply, i, m, s)));
  app.post<{ Params: { id: string } }>('/newsroom/tags/:id/delete', { onRequest: staffOnly(c, 'editor') }, async (req, reply) =>
    attempt(reply, async () => { await deleteTag(tax, req.staff!, idParam(req.params.id), req.ip); return '/newsroom/tags?done=deleted'; }, (i, m, s) => showTags(req, reply, i, m, s)));

  // ------------------------------------------------------------ staff

  const showStaff = async (req: FastifyRequest, reply: FastifyReply, issues: FieldIssue[] = [], error?: string, status = 200) =>
    sendHtml(reply, staffPage(nrContext(c, req, reply), { staff: await listStaff(c.content), issues, ...(error ? { error } : {}) }), status);

  app.get('/newsroom/staff', { onRequest: staffOnly(c, 'admin') }, async (req, reply) => showStaff(req, reply));

  app.post('/newsroom/staff', { onRequest: staffOnly(c, 'admin') }, async (req, reply) =>
    attempt(reply, async () => {
      const b = bodyOf(req);
      const email = str(b.email).trim().toLowerCase();
      const role = str(b.role) as StaffRole;
      const issues: FieldIssue[] = [];
      if (!isEmail(email)) issues.push({ field: 'email', message: 'is not an email address' });
      else if (await c.store.db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirst()) issues.push({ field: 'email', message: 'someone already has this email; change their role in the list instead' });
      if (!STAFF_ROLES.includes(role)) issues.push({ field: 'role', message: `must be one of ${STAFF_ROLES.join(', ')}` });
      if (issues.length) throw new AppError('VALIDATION', 'The new staff member could not be added', { issues });
      const password = str(b.password);
      const r = await addStaff(c.content, { email, name: str(b.name), nameEn: str(b.nameEn), role, password: password || null });
      await recordAudit(c.store.db, c.clock.now().toISOString(), { actorId: req.staff!.id, action: 'staff.create', subjectType: 'person', subjectId: r.id, details: { email, role }, ip: req.ip });
      if (!password) {
        const who = await findStaffByEmail(c.content, email);
        if (who) await sendResetLink(authDeps(c), { id: who.id, name: who.name, email: who.email }, req.ip, 'staff.invited', req.staff!.id);
      }
      return `/newsroom/staff?done=${password ? 'staff' : 'invited'}`;
    }, (i, m, s) => showStaff(req, reply, i, m, s)));

  app.post<{ Params: { id: string } }>('/newsroom/staff/:id', { onRequest: staffOnly(c, 'admin') }, async (req, reply) =>
    attempt(reply, async () => {
      const id = idParam(req.params.id);
      const b = bodyOf(req);
      const role = str(b.role) as StaffRole;
      const active = str(b.active) === '1' || str(b.active) === 'on';
      if (id === req.staff!.id && (role !== req.staff!.role || !active)) {
        throw new AppError('VALIDATION', 'You cannot change your own role or switch yourself off; ask another admin', { issues: [{ field: 'role', message: 'not for your own account' }] });
      }
      const { before } = await updateStaff(c.content, id, { name: str(b.name), role, active });
      if (!active || before.role !== role) await c.sessions.destroyAll('staff', id);
      await recordAudit(c.store.db, c.clock.now().toISOString(), { actorId: req.staff!.id, action: 'staff.update', subjectType: 'person', subjectId: id, details: { before, after: { role, active, name: str(b.name) } }, ip: req.ip });
      return '/newsroom/staff?done=staff';
    }, (i, m, s) => showStaff(req, reply, i, m, s)));

  app.post<{ Params: { id: string } }>('/newsroom/staff/:id/invite', { onRequest: staffOnly(c, 'admin') }, async (req, reply) =>
    attempt(reply, async () => {
      const id = idParam(req.params.id);
      const p = await c.store.db.selectFrom('people').select(['id', 'name', 'email', 'active']).where('id', '=', id).executeTakeFirst();
      if (!p || !p.email) throw new AppError('NOT_FOUND', 'no such staff member');
      if (!p.active) throw new AppError('VALIDATION', 'Switch this account on before sending a link');
      await sendResetLink(authDeps(c), { id: p.id, name: p.name, email: p.email }, req.ip, 'staff.invited', req.staff!.id);
      return '/newsroom/staff?done=invited';
    }, (i, m, s) => showStaff(req, reply, i, m, s)));

  // ------------------------------------------------------------ audit log

  app.get('/newsroom/audit', { onRequest: staffOnly(c, 'editor') }, async (req, reply) => {
    const q = queryOf(req);
    const actor = str(q.actor);
    const story = str(q.story);
    const pageRaw = Number(str(q.page) || '1');
    const page = Number.isInteger(pageRaw) && pageRaw >= 1 && pageRaw <= 10_000 ? pageRaw : 1;
    const limit = 100;
    const list = await listAudit(c.store.db, { ...(/^\d{1,9}$/.test(actor) ? { actorId: Number(actor) } : {}), ...(/^\d{1,12}$/.test(story) ? { subjectType: 'article', subjectId: Number(story) } : {}) }, page, limit);
    return sendHtml(reply, auditPage(nrContext(c, req, reply), { ...list, page, limit, filter: { actor, subject: story }, people: await peopleForForms(c) }));
  });
}
