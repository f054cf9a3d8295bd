import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createTestStore, postgresSkipReason, type TestStore } from '../helpers/stores.js';
import { seedBasics, storyInput } from '../helpers/fixtures.js';
import { loadConfig } from '../../src/config/index.js';
import { createContainer, type Container } from '../../src/container.js';
import { buildApp } from '../../src/app.js';
import { openPostgres } from '../../src/storage/index.js';
import { startPgBridge, type BridgeHandle } from '../../src/shared/pg-bridge.js';
import { silentLogger } from '../../src/shared/logger.js';
import { saveArticle } from '../../src/content/index.js';

const skip = (await postgresSkipReason()) ?? false;

/** Two app instances over one PostgreSQL store, each with its own page cache, joined by LISTEN/NOTIFY. */
describe('several instances on PostgreSQL', { skip }, () => {
  let t: TestStore;
  const instances: { c: Container; app: FastifyInstance; bridge: BridgeHandle }[] = [];
  before(async () => {
    t = await createTestStore('postgres');
    for (let i = 0; i < 2; i++) {
      const store = i === 0 ? t.store : openPostgres(t.pg!.url, { schema: t.pg!.schema, max: 4 });
      const config = { ...loadConfig({ data: t.dataDir }, { NODE_ENV: 'test' }), baseUrl: 'https://news.example' };
      const c = await createContainer(config, { store, logger: silentLogger, assetsDir: join(process.cwd(), 'dist', 'public') });
      const app = await buildApp(c, { assetsDir: join(process.cwd(), 'dist', 'public') });
      await app.ready();
      const bridge = startPgBridge(c.bus, t.pg!.url, silentLogger, { schema: t.pg!.schema });
      await bridge.ready;
      instances.push({ c, app, bridge });
    }
  });
  after(async () => {
    for (const i of instances) {
      await i.bridge.close();
      await i.app.close();
    }
    await instances[1]?.c.store.close();
    await t?.cleanup();
  });

  it('shows a story published on one instance on the other within a second', async () => {
    const [a, b] = instances as [typeof instances[0], typeof instances[0]];
    const basics = await seedBasics(a.c.content);
    a.c.bus.publish('site.changed', { what: 'desks' });
    await new Promise((r) => setTimeout(r, 200));
    // Warm B's cache with the desk page and home page before the story exists.
    for (const u of ['/', '/sports']) {
      await b.app.inject(u);
      assert.equal((await b.app.inject(u)).headers['x-cache'], 'HIT');
    }
    const started = Date.now();
    const r = await saveArticle(a.c.content, storyInput(basics, { slug: 'cross-instance', headline: 'दूसरे सर्वर पर भी दिखी ख़बर', deskId: basics.desks.sports }));
    let seenAfter = -1;
    while (Date.now() - started < 3000) {
      const desk = await b.app.inject('/sports');
      const home = await b.app.inject('/');
      if (desk.body.includes('दूसरे सर्वर पर भी दिखी ख़बर') && home.body.includes('दूसरे सर्वर पर भी दिखी ख़बर')) {
        seenAfter = Date.now() - started;
        break;
      }
      await new Promise((res) => setTimeout(res, 25));
    }
    assert.ok(seenAfter >= 0, 'the story never appeared on the second instance');
    assert.ok(seenAfter < 1000, `took ${seenAfter} ms`);
    const page = await b.app.inject(`/sports/news/cross-instance-${r.id}`);
    assert.equal(page.statusCode, 200);
  });
});
