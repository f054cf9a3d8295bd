import type { FastifyInstance } from 'fastify';
import type { Container } from './container.js';
import { startPgBridge } from './shared/pg-bridge.js';
import { startSearch } from './search/index.js';

/**
 * Background work that runs only in a serving process (not in tests that build the app): job runners,
 * the cross-instance event bridge. Each module adds its starter here; each registers its own stop with
 * c.onClose so that shutdown is clean.
 */
export async function startModules(c: Container, _app: FastifyInstance): Promise<void> {
  if (c.config.databaseUrl) {
    // With PostgreSQL, every instance hears every other's events (cache purge, live fan-out).
    const bridge = startPgBridge(c.bus, c.config.databaseUrl, c.logger);
    c.onClose(() => bridge.close());
  }
  c.jobs.start(1000);
  await startSearch(c);
}
