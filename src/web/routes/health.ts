import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.js';

/** Liveness and readiness in one: 200 when the store answers, 503 when it does not. */
export function healthRoutes(app: FastifyInstance, c: Container): void {
  app.get('/healthz', async (_req, reply) => {
    const started = Date.now();
    try {
      await sql`select 1`.execute(c.store.db);
      reply.header('Cache-Control', 'no-store');
      return { status: 'ok', store: c.store.dialect, storeMs: Date.now() - started };
    } catch (err) {
      c.logger.error({ err }, 'health check failed');
      reply.code(503).header('Cache-Control', 'no-store');
      return { status: 'unavailable', store: c.store.dialect };
    }
  });
}
