import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.js';
import { AppError, validationError } from '../../shared/errors.js';
import { endOfIndianDay, grantComplimentary, listGrants, revokeGrant } from '../../members/index.js';
import { listPlans, membersModule, parseRupees, savePlan } from '../../payments/index.js';
import { pageContext, type SiteData } from '../page.js';
import { requireStaff } from '../plugins/staff-auth.js';
import { plansAdminPage } from '../views/account/plans-admin.js';
import { formError } from './account.js';
import type { FormError } from '../views/account/forms.js';
import type { MessageKey } from '../../i18n/index.js';

type Body = Record<string, unknown>;
const body = (req: FastifyRequest): Body => (req.body && typeof req.body === 'object' ? (req.body as Body) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[v.length - 1] ?? '') : '');
/** A checkbox after a hidden "0": the form sends ["0", "1"] when ticked. */
const ticked = (v: unknown): boolean => (Array.isArray(v) ? v.includes('1') : v === '1' || v === 'on');

const NOTICES: Record<string, MessageKey> = { saved: 'admin.notice.saved', granted: 'admin.notice.granted', revoked: 'admin.notice.revoked' };

/** /newsroom/plans: admins define premium plans and grant complimentary premium with an end date. */
export async function plansAdminRoutes(app: FastifyInstance, c: Container, site: SiteData): Promise<void> {
  const { members, billing } = await membersModule(c);
  const admin = requireStaff(c, 'admin');

  const render = async (req: FastifyRequest, reply: FastifyReply, extra: { err?: FormError | null; errFor?: string | null; values?: Record<string, string>; notice?: string | null } = {}, status = 200) => {
    const ctx = await pageContext(c, site, req);
    const page = plansAdminPage(ctx, {
      csrf: req.csrfToken(reply),
      plans: await listPlans(c.store.db),
      grants: await listGrants(c.store.db, c.clock.now()),
      providers: billing.providers.map((p) => p.label),
      ...extra,
    });
    return reply.code(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page.value);
  };

  const planInput = (b: Body) => {
    const paise = parseRupees(str(b.price));
    if (paise === null) throw validationError([{ field: 'price', message: 'price must be an amount in rupees, such as 149 or 1499.50' }], 'The plan is not valid');
    return { code: str(b.code), name: str(b.name), description: str(b.description), interval: str(b.interval), pricePaise: paise, trialDays: str(b.trialDays), position: str(b.position), active: ticked(b.active) };
  };
  const echo = (b: Body): Record<string, string> => ({ ...Object.fromEntries(Object.entries(b).filter(([k]) => k !== '_csrf').map(([k, v]) => [k, str(v)])), active: ticked(b.active) ? '1' : '0' });
  const plansChanged = () => c.bus.publish('cache.purge', { tags: ['plans'] });

  app.get('/newsroom/plans', { preHandler: admin }, async (req, reply) => {
    const done = (req.query as Record<string, unknown>).done;
    const ctx = await pageContext(c, site, req);
    return render(req, reply, { notice: typeof done === 'string' && NOTICES[done] ? ctx.t(NOTICES[done]) : null });
  });

  app.post('/newsroom/plans', { preHandler: admin }, async (req, reply) => {
    const b = body(req);
    try {
      await savePlan(c.store.db, c.clock, planInput(b));
    } catch (e) {
      const err = formError(e);
      if (!err) throw e;
      return render(req, reply, { err, errFor: 'new', values: echo(b) }, 400);
    }
    plansChanged();
    return reply.redirect('/newsroom/plans?done=saved', 303);
  });

  app.post<{ Params: { id: string } }>('/newsroom/plans/:id', { preHandler: admin }, async (req, reply) => {
    const id = Number(req.params.id);
    if (!/^\d{1,9}$/.test(req.params.id)) throw new AppError('NOT_FOUND', 'No such plan');
    const b = body(req);
    try {
      await savePlan(c.store.db, c.clock, planInput(b), id);
    } catch (e) {
      const err = formError(e);
      if (!err || (e as AppError).code === 'NOT_FOUND') throw e;
      return render(req, reply, { err, errFor: String(id), values: echo(b) }, 400);
    }
    plansChanged();
    return reply.redirect('/newsroom/plans?done=saved', 303);
  });

  app.post('/newsroom/plans/grants', { preHandler: admin }, async (req, reply) => {
    const b = body(req);
    try {
      const until = endOfIndianDay(str(b.until));
      await c.store.transaction(async (trx) => {
        const account = await members.ensureAccount(b.email, trx);
        await grantComplimentary(trx, c.clock, { accountId: account.id, until, note: b.note, grantedBy: req.staff?.id ?? null });
      });
    } catch (e) {
      const err = formError(e);
      if (!err) throw e;
      return render(req, reply, { err, errFor: 'grant', values: echo(b) }, 400);
    }
    return reply.redirect('/newsroom/plans?done=granted', 303);
  });

  app.post<{ Params: { id: string } }>('/newsroom/plans/grants/:id/revoke', { preHandler: admin }, async (req, reply) => {
    if (!/^\d{1,12}$/.test(req.params.id)) throw new AppError('NOT_FOUND', 'No such grant');
    await revokeGrant(c.store.db, c.clock, Number(req.params.id));
    return reply.redirect('/newsroom/plans?done=revoked', 303);
  });
}
