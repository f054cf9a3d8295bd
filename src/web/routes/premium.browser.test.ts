import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../config/index.js';
import { createContainer, type Container } from '../../container.js';
import { buildApp } from '../../app.js';
import { silentLogger } from '../../shared/logger.js';
import { systemClock } from '../../shared/clock.js';
import { buildAssets } from '../assets/pipeline.js';
import { savePlan } from '../../payments/index.js';
import { createTestStore, type TestStore } from '../../../test/helpers/stores.js';
import { publishStory, seedBasics } from '../../../test/helpers/fixtures.js';
import { startRazorpayFake, type RazorpayFake } from '../../../test/helpers/payment-providers.js';
import { browserSkip, launchChromium } from '../../../test/helpers/browser.js';

const skip = browserSkip;
const MARKER = 'ZQXBROWSERPREMIUM3';

/**
 * Subscribing in a real browser: sign up, choose a plan, Razorpay Checkout opens on our page (its
 * script, served from checkout.razorpay.com, is played by a stand-in that answers like Checkout's
 * handler, because this machine has no internet), the signed answer is posted back and verified, and
 * the premium story opens. The page must run under the site's CSP without violations.
 */
describe('subscribing with Razorpay in a real browser', { skip }, () => {
  let t: TestStore;
  let c: Container;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let assetsDir: string;
  let rzp: RazorpayFake;
  let storyPath: string;
  const cspErrors: string[] = [];
  const pageErrors: string[] = [];

  before(async () => {
    assetsDir = mkdtempSync(join(tmpdir(), 'samachar-assets-'));
    await buildAssets(assetsDir, { minify: true });
    rzp = await startRazorpayFake(systemClock);
    t = await createTestStore('sqlite');
    const config = {
      ...loadConfig({ data: t.dataDir, port: '0' }, { NODE_ENV: 'test' }),
      baseUrl: 'http://127.0.0.1',
      razorpayKeyId: rzp.keyId,
      razorpayKeySecret: rzp.keySecret,
      razorpayWebhookSecret: rzp.webhookSecret,
      razorpayApiBase: rzp.url,
    };
    c = await createContainer(config, { store: t.store, logger: silentLogger, assetsDir });
    const b = await seedBasics(c.content);
    c.bus.publish('site.changed', { what: 'test' });
    await savePlan(c.store.db, c.clock, { name: 'मासिक प्रीमियम', code: 'monthly', interval: 'month', pricePaise: 14900 });
    const body = ['पहला', 'दूसरा', 'तीसरा', `${MARKER} चौथा`].map((x) => `<p>${x} पैराग्राफ़।</p>`).join('');
    const r = await publishStory(c.content, b, { access: 'premium', slug: 'browser-premium', body });
    storyPath = `/international/news/browser-premium-${r.id}`;
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
    await rzp?.close();
    if (assetsDir) rmSync(assetsDir, { recursive: true, force: true });
  });

  function watch(page: Page) {
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }

  it('signs up, pays in Checkout, and reads the premium story', async () => {
    const context = await browser.newContext({ viewport: { width: 412, height: 900 }, locale: 'hi-IN' });
    const page = await context.newPage();
    watch(page);
    let opened: { key: string; subscriptionId: string } | null = null;
    await page.exposeFunction('rzpOpened', (key: string, subscriptionId: string) => {
      opened = { key, subscriptionId };
    });
    // Stand-in for https://checkout.razorpay.com/v1/checkout.js: the reader "pays" (the fake API now
    // shows the subscription active) and Checkout calls our handler with Razorpay's signed answer.
    await page.route('https://checkout.razorpay.com/v1/checkout.js', async (route) => {
      const [subId] = [...rzp.subscriptions.keys()].slice(-1);
      const now = new Date();
      rzp.activate(subId!, { start: now, end: new Date(now.getTime() + 30 * 24 * 60 * 60 * 1000) });
      const answer = { razorpay_payment_id: 'pay_BrowserPay01', razorpay_subscription_id: subId, razorpay_signature: rzp.checkoutSignature('pay_BrowserPay01', subId!) };
      await route.fulfill({
        contentType: 'application/javascript',
        body: `window.Razorpay = function (o) { window.rzpOpened(o.key, o.subscription_id); this.on = function () {}; this.open = function () { setTimeout(function () { o.handler(${JSON.stringify(answer)}); }, 50); }; };`,
      });
    });

    await page.goto(`${base}${storyPath}`);
    assert.equal(await page.locator('.paywall').count(), 1);
    assert.equal((await page.content()).includes(MARKER), false);
    await page.goto(`${base}/account/signup?return=%2Fpremium`);
    await page.fill('#f-name', 'ब्राउज़र पाठक');
    await page.fill('#f-email', 'browser.reader@example.in');
    await page.fill('#f-password', 'correct horse battery');
    await page.click('form[action="/account/signup"] button[type=submit]');
    await page.waitForURL(`${base}/premium`);
    await page.click('form[action="/premium/checkout"] button[type=submit]');
    await page.waitForURL(`${base}/account?done=subscribed`, { timeout: 15_000 });
    assert.deepEqual(opened, { key: rzp.keyId, subscriptionId: [...rzp.subscriptions.keys()].at(-1) }, 'Checkout was opened with our key and the subscription id');
    assert.match(await page.locator('.notice').first().innerText(), /धन्यवाद/);
    assert.equal(await page.locator('.status-active').count(), 1);
    await page.goto(`${base}${storyPath}`);
    assert.ok((await page.content()).includes(MARKER), 'the premium story is readable');
    assert.deepEqual(cspErrors, [], 'no Content-Security-Policy violations');
    assert.deepEqual(pageErrors, []);
    await context.close();
  });
});
