import type { Config } from '../../src/config/index.js';
import { savePlan, type Plan } from '../../src/payments/index.js';
import { premiumUntil } from '../../src/members/index.js';
import { createTestApp, TEST_NOW, type TestApp } from './app.js';
import { publishStory, seedBasics, type Basics } from './fixtures.js';
import { startRazorpayFake, startStripeFake, type RazorpayFake, type StripeFake } from './payment-providers.js';
import { ReaderBrowser } from './reader-browser.js';

export interface PremiumTestApp {
  h: TestApp;
  rzp: RazorpayFake;
  stripe: StripeFake;
  b: Basics;
  plans: { monthly: Plan; yearly: Plan };
  /** A new reader with an account, signed in. */
  reader(email: string): Promise<ReaderBrowser & { accountId: number }>;
  premiumUntilOf(accountId: number): Promise<string | null>;
  /** Posts a signed webhook body as the provider would. */
  webhook(provider: 'razorpay' | 'stripe', body: string, headers: Record<string, string>): Promise<Awaited<ReturnType<TestApp['app']['inject']>>>;
  close(): Promise<void>;
}

/**
 * The whole application with both payment providers configured against local fakes of their APIs, the
 * basic desks, and two plans (₹149 a month, ₹1,499 a year).
 */
export async function createPremiumTestApp(dialect: 'sqlite' | 'postgres' = 'sqlite', over: Partial<Config> = {}): Promise<PremiumTestApp> {
  let clockRef: { now(): Date } | null = null;
  const clock = { now: () => (clockRef ? clockRef.now() : new Date(TEST_NOW)) };
  const rzp = await startRazorpayFake(clock);
  const stripe = await startStripeFake(clock);
  const h = await createTestApp(dialect, {
    razorpayKeyId: rzp.keyId,
    razorpayKeySecret: rzp.keySecret,
    razorpayWebhookSecret: rzp.webhookSecret,
    razorpayApiBase: rzp.url,
    stripeSecretKey: stripe.secretKey,
    stripeWebhookSecret: stripe.webhookSecret,
    stripeApiBase: stripe.url,
    premiumGraceDays: 3,
    ...over,
  });
  clockRef = h.clock;
  const b = await seedBasics(h.c.content);
  h.c.bus.publish('site.changed', { what: 'test' });
  const monthly = await savePlan(h.c.store.db, h.clock, { name: 'मासिक प्रीमियम', code: 'monthly', interval: 'month', pricePaise: 14900, description: 'हर महीने' });
  const yearly = await savePlan(h.c.store.db, h.clock, { name: 'सालाना प्रीमियम', code: 'yearly', interval: 'year', pricePaise: 149900, trialDays: 7 });
  return {
    h, rzp, stripe, b,
    plans: { monthly, yearly },
    async reader(email) {
      const br = new ReaderBrowser(h.app) as ReaderBrowser & { accountId: number };
      await br.signUp(email);
      const row = await h.c.store.db.selectFrom('reader_accounts').select('id').where('email', '=', email.toLowerCase()).executeTakeFirstOrThrow();
      br.accountId = row.id;
      return br;
    },
    premiumUntilOf: (id) => premiumUntil(h.c.store.db, id, h.clock.now()),
    webhook: (provider, body, headers) => h.app.inject({ method: 'POST', url: `/webhooks/${provider}`, headers: { 'content-type': 'application/json', ...headers }, payload: body }),
    close: async () => {
      await h.close();
      await rzp.close();
      await stripe.close();
    },
  };
}

/**
 * A premium story whose body ends with paragraphs the paywall must keep on the server. The last one holds
 * `marker`, and `term` when given: a word to search for that is not the marker, so that a search page
 * echoing its query is not taken for a leak.
 */
export async function publishPremiumStory(p: PremiumTestApp, marker: string, over: Parameters<typeof publishStory>[2] = {}, term = '') {
  const body = ['पहला पैराग्राफ़, जो सब पढ़ सकते हैं।', 'दूसरा पैराग्राफ़, यह भी खुला है।', 'तीसरा पैराग्राफ़ केवल सदस्यों के लिए।', 'चौथा पैराग्राफ़ केवल सदस्यों के लिए।', `आख़िरी पैराग्राफ़ ${term} ${marker} यहीं है।`].map((x) => `<p>${x}</p>`).join('');
  return publishStory(p.h.c.content, p.b, { access: 'premium', slug: `premium-story-${marker.toLowerCase()}`, headline: 'प्रीमियम विश्लेषण: बजट का असर', body, ...over });
}
