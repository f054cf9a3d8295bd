import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Container } from '../../container.js';
import { AppError } from '../../shared/errors.js';
import { membersModule } from '../../payments/index.js';

const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * POST /webhooks/razorpay and /webhooks/stripe. Signatures are computed over the exact bytes received,
 * so these routes live in a scope whose only body parser keeps the raw Buffer (JSON parsing would
 * change whitespace and key order). They authenticate by signature, so CSRF does not apply.
 */
export async function webhookRoutes(app: FastifyInstance, c: Container): Promise<void> {
  const { billing } = await membersModule(c);
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_WEBHOOK_BYTES }, (_req, raw, done) => done(null, raw));

    const handle = (provider: 'razorpay' | 'stripe') => async (req: FastifyRequest) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new AppError('BAD_REQUEST', 'The webhook has no body');
      const r = await billing.ingestWebhook(provider, req.body, req.headers);
      req.log.info({ provider, event: r.eventId, duplicate: r.duplicate, outcome: r.outcome }, 'payment webhook');
      return { received: true, duplicate: r.duplicate };
    };
    scope.post('/webhooks/razorpay', { config: { csrf: false } }, handle('razorpay'));
    scope.post('/webhooks/stripe', { config: { csrf: false } }, handle('stripe'));
  });
}
