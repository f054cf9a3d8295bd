import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.js';
import type { MessageKey } from '../../i18n/index.js';
import { isAppError } from '../../shared/errors.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../partners/index.js';
import { attemptsOf, createWebhook, deleteWebhook, getWebhook, listWebhooks, recentDeliveries, sendPing, setWebhookActive } from '../../webhooks/index.js';
import { requireStaff } from '../plugins/staff-auth.js';
import { nrContext } from './newsroom/context.js';
import { apiKeysPage, webhookLogPage, webhooksPage } from '../views/distribution.js';

const NOTICES: Record<string, MessageKey> = { webhook: 'dist.done.webhook', updated: 'dist.done.updated', deleted: 'dist.done.deleted', ping: 'dist.done.ping', revoked: 'dist.done.revoked' };

function ctxOf(c: Container, req: FastifyRequest, reply: FastifyReply) {
  const ctx = nrContext(c, req, reply);
  const done = (req.query as Record<string, unknown> | undefined)?.done;
  return { ...ctx, notice: typeof done === 'string' ? NOTICES[done] ?? null : null };
}

function body(req: FastifyRequest): Record<string, unknown> {
  return req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
}
const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

function idOf(req: FastifyRequest): number {
  const raw = (req.params as { id?: string }).id ?? '';
  const n = Number(raw);
  return /^\d{1,12}$/.test(raw) && Number.isSafeInteger(n) && n > 0 ? n : -1;
}

const html = (reply: FastifyReply, page: { value: string }, status = 200) => reply.code(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page.value);

/** /newsroom/webhooks and /newsroom/api-keys: admins register webhooks, read their delivery log, and make and revoke partner keys. */
export function distributionNewsroomRoutes(app: FastifyInstance, c: Container): void {
  const db = c.store.db;
  const admin = { preHandler: requireStaff(c, 'admin') };

  async function webhookList() {
    const hooks = await listWebhooks(db);
    return Promise.all(hooks.map(async (h) => ({ ...h, lastDelivery: (await recentDeliveries(db, h.id, 1))[0] ?? null })));
  }

  app.get('/newsroom/webhooks', admin, async (req, reply) => html(reply, webhooksPage(ctxOf(c, req, reply), { hooks: await webhookList() })));

  app.post('/newsroom/webhooks', admin, async (req, reply) => {
    const b = body(req);
    const form = { url: text(b.url).trim(), description: text(b.description), events: list(b.events) };
    try {
      await createWebhook(db, { ...form, createdBy: req.staff?.id ?? null }, c.clock.now().toISOString());
    } catch (e) {
      if (isAppError(e) && e.code === 'VALIDATION') return html(reply, webhooksPage(ctxOf(c, req, reply), { hooks: await webhookList(), form, issues: e.issues }), 400);
      throw e;
    }
    return reply.code(303).redirect('/newsroom/webhooks?done=webhook', 303);
  });

  app.get<{ Params: { id: string } }>('/newsroom/webhooks/:id', admin, async (req, reply) => {
    const hook = await getWebhook(db, idOf(req));
    if (!hook) return reply.callNotFound();
    const deliveries = await recentDeliveries(db, hook.id, 100);
    return html(reply, webhookLogPage(ctxOf(c, req, reply), hook, deliveries, await attemptsOf(db, deliveries.map((d) => d.id))));
  });

  app.post<{ Params: { id: string; action: string } }>('/newsroom/webhooks/:id/:action', admin, async (req, reply) => {
    const id = idOf(req);
    const hook = await getWebhook(db, id);
    if (!hook) return reply.callNotFound();
    switch (req.params.action) {
      case 'on': case 'off':
        await setWebhookActive(db, id, req.params.action === 'on');
        return reply.code(303).redirect('/newsroom/webhooks?done=updated', 303);
      case 'delete':
        await deleteWebhook(db, id);
        return reply.code(303).redirect('/newsroom/webhooks?done=deleted', 303);
      case 'ping':
        await sendPing(c, hook);
        return reply.code(303).redirect(`/newsroom/webhooks/${id}?done=ping`, 303);
      default:
        return reply.callNotFound();
    }
  });

  app.get('/newsroom/api-keys', admin, async (req, reply) => html(reply, apiKeysPage(ctxOf(c, req, reply), { keys: await listApiKeys(db) })));

  app.post('/newsroom/api-keys', admin, async (req, reply) => {
    const b = body(req);
    const rateText = text(b.ratePerMinute).trim();
    const form = { name: text(b.name), rate: rateText, fullText: text(b.fullText) === '1' };
    try {
      const { key, apiKey } = await createApiKey(db, { name: form.name, fullText: form.fullText, ratePerMinute: rateText === '' ? undefined : Number(rateText), createdBy: req.staff?.id ?? null }, c.clock.now().toISOString());
      // The key is shown in this answer only (never stored, never cached); a reload does not create another.
      return html(reply, apiKeysPage(ctxOf(c, req, reply), { keys: await listApiKeys(db), created: { key, name: apiKey.name } }), 201);
    } catch (e) {
      if (isAppError(e) && e.code === 'VALIDATION') return html(reply, apiKeysPage(ctxOf(c, req, reply), { keys: await listApiKeys(db), form, issues: e.issues }), 400);
      throw e;
    }
  });

  app.post<{ Params: { id: string } }>('/newsroom/api-keys/:id/revoke', admin, async (req, reply) => {
    await revokeApiKey(db, idOf(req), c.clock.now().toISOString());
    return reply.code(303).redirect('/newsroom/api-keys?done=revoked', 303);
  });
}
