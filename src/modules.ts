import type { FastifyInstance } from 'fastify';
import type { Container } from './container.js';

/**
 * Background work that runs only in a serving process (not in tests that build the app): job runners,
 * the cross-instance event bridge. Each module adds its starter here; each registers its own stop with
 * c.onClose so that shutdown is clean.
 */
export async function startModules(c: Container, _app: FastifyInstance): Promise<void> {
  c.jobs.start(1000);
}
