import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../config/index.js';
import { createContainer, type Container } from '../../container.js';
import { buildApp } from '../../app.js';
import { silentLogger } from '../../shared/logger.js';
import { buildAssets } from '../assets/pipeline.js';
import { searchModule } from '../../search/index.js';
import { createTestStore, type TestStore } from '../../../test/helpers/stores.js';
import { publishStory, seedBasics } from '../../../test/helpers/fixtures.js';
import { browserSkip, launchChromium } from '../../../test/helpers/browser.js';

const skip = browserSkip;

/**
 * The reader's search in a real browser: suggestions appear as one types (in Devanagari and in Latin
 * letters) and can be chosen with the keyboard; without JavaScript the same page searches through its
 * form; an article page counts its read through the beacon script. No CSP violation on the way.
 */
describe('search in a real browser', { skip }, () => {
  let t: TestStore;
  let c: Container;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let assetsDir: string;
  let soldiersPath: string;
  let soldiersId: number;
  const problems: string[] = [];

  before(async () => {
    assetsDir = mkdtempSync(join(tmpdir(), 'samachar-assets-'));
    await buildAssets(assetsDir, { minify: true });
    t = await createTestStore('sqlite');
    const config = { ...loadConfig({ data: t.dataDir, port: '0' }, { NODE_ENV: 'test' }), baseUrl: 'http://127.0.0.1' };
    c = await createContainer(config, { store: t.store, logger: silentLogger, assetsDir });
    const m = searchModule(c);
    const b = await seedBasics(c.content);
    c.bus.publish('site.changed', { what: 'test' });
    const r = await publishStory(c.content, b, { slug: 'border-soldiers', headline: 'सीमा पर तैनात सैनिकों को नई वर्दी', summary: 'सर्दी में सैनिक गर्म रहेंगे।' });
    soldiersId = r.id;
    soldiersPath = `/international/news/border-soldiers-${r.id}`;
    await publishStory(c.content, b, { slug: 'putin-speech', headline: 'पुतिन का नए साल पर संबोधन' });
    await m.idle();
    app = await buildApp(c, { assetsDir, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await c?.close().catch(() => {});
    await t?.cleanup();
    if (assetsDir) rmSync(assetsDir, { recursive: true, force: true });
  });

  const watch = (page: import('playwright-core').Page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) problems.push(msg.text());
    });
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`);
    });
  };
  /** Headless Chromium says so in its user agent, and robots are not counted: read as a phone would. */
  const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36';

  it('suggests headlines while typing and opens the chosen one from the keyboard', async () => {
    const page = await browser.newPage();
    watch(page);
    await page.goto(`${base}/search`);
    const box = page.locator('#search-q');
    await box.pressSequentially('सैनि', { delay: 30 });
    const option = page.locator('#search-suggest [role="option"]').first();
    await option.waitFor({ state: 'visible', timeout: 5000 });
    assert.equal(await option.textContent(), 'सीमा पर तैनात सैनिकों को नई वर्दी');
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    await box.press('ArrowDown');
    assert.equal(await box.getAttribute('aria-activedescendant'), 'search-suggest-0');
    await Promise.all([page.waitForURL(`${base}${soldiersPath}`), box.press('Enter')]);

    await page.goto(`${base}/search`);
    await page.locator('#search-q').pressSequentially('puti', { delay: 30 });
    await page.locator('#search-suggest [role="option"]').first().waitFor({ state: 'visible', timeout: 5000 });
    assert.equal(await page.locator('#search-suggest [role="option"]').first().textContent(), 'पुतिन का नए साल पर संबोधन');
    await page.locator('#search-q').press('Escape');
    assert.equal(await page.locator('#search-suggest').isHidden(), true);
    await page.close();
    assert.deepEqual(problems, []);
  });

  it('searches through the plain form when JavaScript is off', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${base}/search`);
    await page.fill('#search-q', 'sainik');
    await Promise.all([page.waitForURL(/\/search\?q=sainik/), page.press('#search-q', 'Enter')]);
    assert.equal(await page.locator('.results mark').first().textContent(), 'सैनिकों');
    await page.click(`.results a[href="${soldiersPath}"]`);
    assert.equal(new URL(page.url()).pathname, soldiersPath);
    await ctx.close();
  });

  it('counts a read of an article page through the beacon, without a cookie', async () => {
    const m = searchModule(c);
    await m.views.flush();
    const page = await browser.newPage({ userAgent: PHONE_UA });
    watch(page);
    const beacon = page.waitForResponse((r) => r.url().endsWith(`/api/v1/views/${soldiersId}`));
    await page.goto(`${base}${soldiersPath}`);
    const res = await beacon;
    assert.equal(res.status(), 204);
    assert.equal(await res.headerValue('set-cookie'), null);
    assert.equal(m.views.pending, 1);
    assert.deepEqual(await page.context().cookies(), [], 'reading sets no cookie');
    await page.close();
    assert.deepEqual(problems, []);
  });
});
