import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { savePlan } from '../../src/payments/index.js';
import type { Container } from '../../src/container.js';
import type { RazorpayFake } from '../helpers/payment-providers.js';

/** Shared steps of the journeys: screenshots at two widths, signing in, and the payment provider's side. */

export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/**
 * Screenshots of one journey, named `<journey>-<page>-<phone|desktop>.png`. Each run replaces the
 * journey's earlier files, so that the folder shows the pages as they are now.
 */
export function screenshots(journey: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const f of readdirSync(SCREENSHOT_DIR)) if (f.startsWith(`${journey}-`) && f.endsWith('.png')) rmSync(join(SCREENSHOT_DIR, f));
  const taken: string[] = [];
  return {
    taken,
    /** The page as it is, at phone and desktop widths; the page's own viewport is put back afterwards. */
    async take(page: Page, name: string): Promise<void> {
      const was = page.viewportSize();
      for (const [kind, size] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
        await page.setViewportSize(size);
        const path = join(SCREENSHOT_DIR, `${journey}-${name}-${kind}.png`);
        await page.screenshot({ path, fullPage: true, animations: 'disabled' });
        taken.push(path);
      }
      if (was) await page.setViewportSize(was);
    },
    report(): void {
      const all = readdirSync(SCREENSHOT_DIR).filter((f) => f.endsWith('.png')).length;
      console.log(`screenshots: ${SCREENSHOT_DIR} (${taken.length} files from the ${journey} journey, ${all} in the folder)`);
    },
  };
}

/** Polls `read` until `ok` holds for its value (web-first waiting without a fixed sleep), or fails with the last value. */
export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T = await read();
  let delay = 25;
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
    last = await read();
  }
  return last;
}

/** The newsroom's sign-in form, as a member of staff fills it in, arriving from the page they asked for. */
export async function signInToNewsroom(page: Page, base: string, email: string, password: string, path = '/newsroom'): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.waitForURL(/\/newsroom\/login/);
  await page.getByLabel('ईमेल').fill(email);
  await page.getByLabel('पासवर्ड', { exact: true }).fill(password);
  await Promise.all([page.waitForURL(`${base}${path}`), page.getByRole('button', { name: 'साइन इन' }).click()]);
}

/** Marks the document so that a later check can tell whether the page was reloaded in between. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __journeyMark: boolean }).__journeyMark = true));
}
export async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __journeyMark?: boolean }).__journeyMark === true);
}

/** The visible text of a locator with runs of white space collapsed, for assertions on what a reader sees. */
export async function textOf(l: Locator): Promise<string> {
  return (await l.innerText()).replace(/\s+/g, ' ').trim();
}

/** The monthly plan readers subscribe to in the journeys. */
export async function seedMonthlyPlan(c: Container) {
  return savePlan(c.store.db, c.clock, { name: 'मासिक प्रीमियम', code: 'monthly', interval: 'month', pricePaise: 14900, description: 'हर महीने' });
}

/**
 * Plays Razorpay's side for one browser page. Checkout's script (served from checkout.razorpay.com,
 * unreachable from this machine) is replaced by a stand-in that behaves as Checkout does once the reader
 * has paid by UPI: the provider's API now shows the subscription active, and Checkout calls our page's
 * handler with Razorpay's signed answer. `opened` records what our page opened Checkout with.
 */
export async function playRazorpayCheckout(page: Page, rzp: RazorpayFake): Promise<{ opened: Array<{ key: string; subscriptionId: string }> }> {
  const opened: Array<{ key: string; subscriptionId: string }> = [];
  await page.exposeFunction('journeyRazorpayOpened', (key: string, subscriptionId: string) => void opened.push({ key, subscriptionId }));
  await page.route('https://checkout.razorpay.com/v1/checkout.js', async (route) => {
    const subId = [...rzp.subscriptions.keys()].at(-1)!;
    const now = new Date();
    rzp.activate(subId, { start: now, end: new Date(now.getTime() + 30 * 24 * 3600 * 1000) });
    const answer = { razorpay_payment_id: 'pay_JourneyUpi01', razorpay_subscription_id: subId, razorpay_signature: rzp.checkoutSignature('pay_JourneyUpi01', subId) };
    await route.fulfill({
      contentType: 'application/javascript',
      body: `window.Razorpay = function (o) { window.journeyRazorpayOpened(o.key, o.subscription_id); this.on = function () {}; this.open = function () { setTimeout(function () { o.handler(${JSON.stringify(answer)}); }, 50); }; };`,
    });
  });
  return { opened };
}
