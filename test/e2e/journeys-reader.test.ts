import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSkip } from '../helpers/browser.js';
import { startBrowserApp, type BrowserApp } from '../helpers/browser-app.js';
import { publishStory, seedBasics } from '../helpers/fixtures.js';
import { signInStaff, T20, type StaffLogin } from '../helpers/live.js';
import { startRazorpayFake, type RazorpayFake } from '../helpers/payment-providers.js';
import { systemClock } from '../../src/shared/clock.js';
import { searchModule } from '../../src/search/index.js';
import { liveModule } from '../../src/live/index.js';
import { markDocument, playRazorpayCheckout, sameDocument, screenshots, seedMonthlyPlan, textOf } from './journey-helpers.js';

const skip = browserSkip;
/** Words only in the locked part of the premium story: they must reach the browser only after payment. */
const LOCKED = 'ZQXJOURNEYLOCKED7';

/**
 * A reader on the site, in Chromium, the way DESIGN.md describes them: from the home page to a desk, a
 * story and its related story; a search typed in Devanagari; a live score that moves while they read;
 * and a premium story that opens after paying by Razorpay (Checkout's signed answer, then the
 * provider's signed webhook). Screenshots of each page at phone and desktop widths.
 */
describe('journey: a reader', { skip }, () => {
  let h: BrowserApp;
  let rzp: RazorpayFake;
  let ctx: BrowserContext;
  let page: Page;
  let scorer: StaffLogin;
  const shots = screenshots('reader');
  const stories = { soldiers: '', putin: '', cricket: '', premium: '' };
  let matchId = 0;

  before(async () => {
    rzp = await startRazorpayFake(systemClock);
    h = await startBrowserApp({
      config: { razorpayKeyId: rzp.keyId, razorpayKeySecret: rzp.keySecret, razorpayWebhookSecret: rzp.webhookSecret, razorpayApiBase: rzp.url },
      seed: async (c) => {
        // The index follows saves from the moment the module exists (the serving process starts it first).
        const search = searchModule(c);
        const b = await seedBasics(c.content);
        const publish = async (over: Parameters<typeof publishStory>[2]) => (await publishStory(c.content, b, over)).id;
        const soldiers = await publish({ slug: 'border-soldiers-new-uniform', headline: 'सीमा पर तैनात सैनिकों को नई वर्दी', summary: 'सर्दी में सैनिक गर्म रहेंगे।' });
        const putin = await publish({ slug: 'putin-new-year-address', headline: 'पुतिन का नए साल पर संबोधन', summary: 'रूस के राष्ट्रपति ने देश को संबोधित किया।' });
        const cricket = await publish({ slug: 'india-australia-t20-today', headline: 'भारत और ऑस्ट्रेलिया के बीच टी20 मुक़ाबला आज', summary: 'दोनों टीमें पूरी ताक़त से उतरेंगी।', deskId: b.desks.sports, tagIds: [b.tags.cricket], dateline: 'Sports Desk' });
        const body = ['बजट का पहला असर हर घर पर दिखेगा।', 'दूसरा पैराग्राफ़ भी सबके लिए खुला है।', 'तीसरा पैराग्राफ़ केवल सदस्यों के लिए।', `आख़िरी पैराग्राफ़ ${LOCKED} सदस्यों के लिए।`].map((x) => `<p>${x}</p>`).join('');
        const premium = await publish({ slug: 'budget-analysis-premium', headline: 'प्रीमियम विश्लेषण: बजट का असर', summary: 'विशेषज्ञों की राय।', access: 'premium', body });
        stories.soldiers = `/international/news/border-soldiers-new-uniform-${soldiers}`;
        stories.putin = `/international/news/putin-new-year-address-${putin}`;
        stories.cricket = `/sports/news/india-australia-t20-today-${cricket}`;
        stories.premium = `/international/news/budget-analysis-premium-${premium}`;
        await seedMonthlyPlan(c);
        matchId = (await liveModule(c).matches.create({ setup: T20, startTime: new Date().toISOString(), title: 'भारत बनाम ऑस्ट्रेलिया' })).record.id;
        await search.idle();
        c.bus.publish('site.changed', { what: 'test' });
        scorer = await signInStaff(c, 'editor');
      },
    });
    ctx = await h.browser.newContext({ viewport: { width: 412, height: 900 }, locale: 'hi-IN' });
    ctx.setDefaultTimeout(10_000);
    page = h.watch(await ctx.newPage());
  });
  after(async () => {
    await ctx?.close();
    await h?.close();
    await rzp?.close();
    shots.report();
  });

  it('goes from the home page to a desk, opens a story and then its related story', async () => {
    await page.goto(`${h.base}/`);
    await page.getByRole('link', { name: 'सीमा पर तैनात सैनिकों को नई वर्दी' }).first().waitFor();
    await shots.take(page, 'home');

    await Promise.all([page.waitForURL(`${h.base}/international`), page.getByRole('navigation', { name: 'मुख्य मेनू' }).getByRole('link', { name: 'अंतरराष्ट्रीय' }).click()]);
    await shots.take(page, 'desk');

    await Promise.all([page.waitForURL(`${h.base}${stories.soldiers}`), page.getByRole('link', { name: 'सीमा पर तैनात सैनिकों को नई वर्दी' }).first().click()]);
    assert.equal(await textOf(page.getByRole('heading', { level: 1 })), 'सीमा पर तैनात सैनिकों को नई वर्दी');
    const related = page.getByRole('region', { name: 'Related Story' });
    await related.waitFor();
    await shots.take(page, 'article');

    await Promise.all([page.waitForURL(`${h.base}${stories.putin}`), related.getByRole('link', { name: 'पुतिन का नए साल पर संबोधन' }).click()]);
    assert.equal(await textOf(page.getByRole('heading', { level: 1 })), 'पुतिन का नए साल पर संबोधन');
  });

  it('searches in Devanagari from the search box, sees the results and opens one', async () => {
    await Promise.all([page.waitForURL(`${h.base}/search`), page.getByRole('link', { name: 'खोजें' }).first().click()]);
    const box = page.getByRole('combobox', { name: 'क्या खोजना है' }).or(page.getByLabel('क्या खोजना है')).first();
    await box.pressSequentially('सैनिक', { delay: 20 });
    await Promise.all([page.waitForURL(/\/search\?q=/), box.press('Enter')]);
    assert.equal(new URL(page.url()).searchParams.get('q'), 'सैनिक');
    const results = page.locator('.results');
    const hit = results.getByRole('link', { name: 'सीमा पर तैनात सैनिकों को नई वर्दी' });
    await hit.waitFor();
    assert.match(await textOf(page.locator('main')), /“सैनिक” के लिए 1 परिणाम/);
    assert.deepEqual(await results.locator('mark').allInnerTexts().then((m) => [...new Set(m)].sort()), ['सैनिक', 'सैनिकों'], 'the word and its inflection are highlighted');
    await shots.take(page, 'search-results');
    await Promise.all([page.waitForURL(`${h.base}${stories.soldiers}`), hit.click()]);
  });

  it('watches the score widget on a cricket story change without a reload while a ball is entered', async () => {
    const post = async (path: string, body: Record<string, string | number>) => {
      const res = await fetch(`${h.base}/newsroom/matches/${matchId}/${path}`, { method: 'POST', headers: scorer.json, body: JSON.stringify(body) });
      assert.equal(res.status, 200, await res.clone().text());
      return ((await res.json()) as { seq: number }).seq;
    };
    // The scorer opens the first innings before the reader arrives.
    let seq = await post('action', { action: 'startInnings', battingTeam: 'India', expectedSeq: (await liveModule(h.c).matches.view(matchId))!.record.lastSeq });

    await page.goto(`${h.base}${stories.cricket}`);
    const widget = page.getByRole('region', { name: 'लाइव स्कोर' });
    await widget.getByText('IND 0/0 (0.0) · RR 0.00').waitFor();
    await markDocument(page);

    // A ball through the scorer's API: the widget follows over Server-Sent Events.
    seq = await post('entry', { code: '4', striker: 'Rohit Sharma', nonStriker: 'Shubman Gill', bowler: 'Mitchell Starc', expectedSeq: seq });
    await widget.getByText('IND 4/0 (0.1) · RR 24.00').waitFor({ timeout: 10_000 });
    await post('entry', { code: '1', striker: 'Rohit Sharma', nonStriker: 'Shubman Gill', bowler: 'Mitchell Starc', expectedSeq: seq });
    await widget.getByText('IND 5/0 (0.2)').waitFor({ timeout: 10_000 });
    assert.equal(await sameDocument(page), true, 'the page was never reloaded');

    // The widget leads to the match centre, which shows the same ball in its commentary.
    await Promise.all([page.waitForURL(`${h.base}/live/cricket/${matchId}`), widget.getByRole('link', { name: 'भारत बनाम ऑस्ट्रेलिया' }).click()]);
    await page.locator('[data-live-commentary] li', { hasText: 'Mitchell Starc से Rohit Sharma' }).first().waitFor();
  });

  it('finds a premium story locked, subscribes through Razorpay, and lands back on the same story in full', async () => {
    const checkout = await playRazorpayCheckout(page, rzp);
    await page.goto(`${h.base}${stories.premium}`);
    const paywall = page.locator('.paywall');
    await paywall.waitFor();
    assert.match(await textOf(page.locator('.article-body')), /बजट का पहला असर/, 'the opening paragraphs are shown');
    assert.equal((await page.content()).includes(LOCKED), false, 'the locked paragraphs never reach the browser');
    await shots.take(page, 'premium-locked');

    // The paywall's button leads to the plans; a new reader makes an account on the way, and each step
    // carries the story to come back to.
    const plansForStory = `${h.base}/premium?return=${encodeURIComponent(stories.premium)}`;
    await Promise.all([page.waitForURL(plansForStory), paywall.getByRole('link', { name: 'अभी सदस्य बनें' }).click()]);
    await page.getByText('मासिक प्रीमियम').first().waitFor();
    await shots.take(page, 'plans');
    await Promise.all([page.waitForURL(/\/account\/signup\?return=/), page.getByRole('link', { name: 'खाता बनाकर सदस्य बनें' }).click()]);
    await page.getByLabel('नाम').fill('यात्रा पाठक');
    await page.getByLabel('ईमेल').fill('journey.reader@example.in');
    await page.getByLabel('पासवर्ड').fill('correct horse battery');
    await Promise.all([page.waitForURL(plansForStory), page.getByRole('button', { name: 'खाता बनाएँ' }).click()]);

    // Subscribe: our checkout page opens Razorpay Checkout, whose signed answer our server verifies; the
    // reader is then back on the story, now in full.
    await Promise.all([page.waitForURL(`${h.base}${stories.premium}`, { timeout: 15_000 }), page.getByRole('button', { name: /^Razorpay.* से सदस्य बनें$/ }).click()]);
    const subId = [...rzp.subscriptions.keys()].at(-1)!;
    assert.deepEqual(checkout.opened, [{ key: rzp.keyId, subscriptionId: subId }], 'Checkout opened with our key and the subscription the server created');
    await page.locator('.article-body').getByText(LOCKED).waitFor();
    assert.equal(await paywall.count(), 0);
    await shots.take(page, 'premium-unlocked');

    // The account page shows the subscription active; Razorpay then sends its signed webhook for the
    // charge, and the receipt appears there.
    await page.goto(`${h.base}/account`);
    assert.equal(await page.locator('.status-active').count(), 1, 'the subscription shows as active');
    const entity = rzp.subscriptions.get(subId)!;
    const charged = rzp.event('subscription.charged', new Date(), { subscription: entity, payment: rzp.payment({ amount: 14900, at: new Date() }) });
    const hook = await fetch(`${h.base}/webhooks/razorpay`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-razorpay-signature': rzp.sign(charged), 'x-razorpay-event-id': 'evt_journey_charged_1' }, body: charged });
    assert.equal(hook.status, 200, await hook.text());
    await page.reload();
    const receipts = page.getByRole('region', { name: 'भुगतान की रसीदें' });
    await receipts.getByText('149').first().waitFor();
  });

  it('saw no script error and no Content-Security-Policy violation on the way', () => {
    assert.deepEqual(h.problems, []);
  });
});
