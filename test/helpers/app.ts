import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config/index.js';
import { createContainer, type Container } from '../../src/container.js';
import { buildApp } from '../../src/app.js';
import { fixedClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { createTestStore, type TestStore } from './stores.js';

export const TEST_NOW = '2026-11-26T06:30:00.000Z';

export interface TestApp {
  app: FastifyInstance;
  c: Container;
  t: TestStore;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

/** A whole application over a real store of the given dialect, with a fixed clock, for inject() tests. */
export async function createTestApp(dialect: 'sqlite' | 'postgres' = 'sqlite', configOverrides: Partial<Config> = {}): Promise<TestApp> {
  const t = await createTestStore(dialect);
  const clock = fixedClock(TEST_NOW);
  const config = { ...loadConfig({ data: t.dataDir, port: '3000' }, { NODE_ENV: 'test' }), baseUrl: 'https://news.example', ...configOverrides };
  const c = await createContainer(config, { store: t.store, clock, logger: silentLogger, assetsDir: join(process.cwd(), 'dist', 'public') });
  const app = await buildApp(c, { assetsDir: join(process.cwd(), 'dist', 'public') });
  await app.ready();
  return {
    app, c, t, clock,
    close: async () => {
      await app.close();
      await c.close().catch(() => {});
      await t.cleanup();
    },
  };
}
