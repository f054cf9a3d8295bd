import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'htmlparser2';
import { createNewsroomApp, Client, signedIn, type NewsroomTestApp } from '../helpers/newsroom.js';
import { ReaderBrowser } from '../helpers/reader-browser.js';
import { PASSWORD } from '../helpers/newsroom.js';
import { createPremiumTestApp, publishPremiumStory, type PremiumTestApp } from '../helpers/premium-app.js';
import { Tally } from './helpers.js';

/**
 * Open redirects: every return/next-style parameter (newsroom sign-in GET and POST, the newsroom
 * language switch, reader sign-in GET and POST, sign-up, and the forms that carry the value on) refuses
 * absolute, protocol-relative and backslash targets. A Location is safe when it resolves to this site.
 * The emailed-link return path is covered by account.test.ts ("never follows a foreign return path").
 * The story a subscriber returns to (/premium → sign-up → checkout → back) is checked in the second suite.
 */
const TARGETS = [
  'https://evil.example/', 'http://evil.example', '//evil.example', '///evil.example', '/\\evil.example', '\\\\evil.example', '\\/evil.example',
  'https:evil.example', 'https:/evil.example', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', ' //evil.example', '/\t/evil.example',
  '/\r\n//evil.example', '%2F%2Fevil.example', '/%2F%2Fevil.example', '/newsroom/..//evil.example', 'http://news.example@evil.example', '//news.example.evil.example',
  '/newsroom\\..\\..\\evil.example', '/account//evil.example', '\u3002evil.example', '//evil%E3%80%82example',
];

function sameSite(location: string): boolean {
  if (!location.startsWith('/') || location.startsWith('//') || location.startsWith('/\\') || /[\u0000-\u001f\\]/.test(location)) return false;
  // What a browser would do with it (it treats \ as / and strips tabs and newlines).
  const browserish = location.replace(/\\/g, '/').replace(/[\t\r\n]/g, '');
  return new URL(browserish, 'https://news.example').origin === 'https://news.example' && !browserish.startsWith('//');
}

describe('open redirects', () => {
  let h: NewsroomTestApp;
  const tally = new Tally();
  let editor: Client;
  let reader: ReaderBrowser;
  before(async () => {
    h = await createNewsroomApp();
    editor = await signedIn(h, 'editor');
    reader = new ReaderBrowser(h.app);
    await reader.signUp('redirects@example.in');
  });
  after(async () => {
    console.log(tally.line('redirects', `${TARGETS.length} targets × 8 parameters`));
    await h?.close();
  });

  it('never sends anyone off the site, whatever the target', async () => {
    const wrong: string[] = [];
    const see = (where: string, target: string, status: number, location: unknown) => {
      const ok = location === undefined ? status < 500 : sameSite(String(location));
      if (!tally.check(ok, where)) wrong.push(`${where} return=${JSON.stringify(target)} → ${status} ${String(location)}`);
    };
    for (const target of TARGETS) {
      const q = encodeURIComponent(target);
      let r = await editor.get(`/newsroom/login?return=${q}`);
      see('GET /newsroom/login (signed in)', target, r.statusCode, r.headers.location);
      r = await new Client(h.app).post('/newsroom/login', { email: h.staff.reporter.email, password: PASSWORD, return: target });
      see('POST /newsroom/login', target, r.statusCode, r.headers.location);
      r = await editor.get(`/newsroom/lang?to=en&return=${q}`);
      see('GET /newsroom/lang', target, r.statusCode, r.headers.location);
      const rr = await reader.get(`/account/signin?return=${q}`);
      see('GET /account/signin (signed in)', target, rr.statusCode, rr.headers.location);
      const fresh = new ReaderBrowser(h.app);
      const si = await fresh.post('/account/signin', { email: 'redirects@example.in', password: 'correct horse battery', return: target });
      see('POST /account/signin', target, si.statusCode, si.headers.location);
      const su = await new ReaderBrowser(h.app).post('/account/signup', { email: `r${Math.random().toString(36).slice(2)}@example.in`, password: 'correct horse battery', name: 'पाठक', return: target });
      see('POST /account/signup', target, su.statusCode, su.headers.location);
      // The forms carry the value on in a hidden field: it must already be the safe one.
      for (const url of [`/account/signin?return=${q}`, `/account/signup?return=${q}`, `/newsroom/login?return=${q}`]) {
        const page = await h.app.inject({ url });
        const dom = parseDocument(page.body);
        const values: string[] = [];
        const walk = (n: any) => { if (n.name === 'input' && n.attribs?.name === 'return') values.push(n.attribs.value ?? ''); for (const c of n.children ?? []) walk(c); };
        walk(dom);
        const ok = values.every((v) => v === '' || sameSite(v));
        if (!tally.check(ok, `form ${url}`)) wrong.push(`${url}: hidden return=${JSON.stringify(values)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('still returns to a page of this site (the guard is not simply switched off)', async () => {
    const r = await new Client(h.app).post('/newsroom/login', { email: h.staff.reporter.email, password: PASSWORD, return: '/newsroom/media' });
    assert.equal(r.headers.location, '/newsroom/media');
    const s = await new ReaderBrowser(h.app).post('/account/signin', { email: 'redirects@example.in', password: 'correct horse battery', return: '/premium' });
    assert.equal(s.headers.location, '/premium');
    tally.check(true, 'control');
  });
});

/** The `return` values a page carries on: hidden fields, and the `return` of links to sign-in and sign-up. */
function returnsOn(body: string): string[] {
  const values: string[] = [];
  const walk = (n: any) => {
    if (n.name === 'input' && n.attribs?.name === 'return') values.push(n.attribs.value ?? '');
    if (n.name === 'a' && /^\/account\/sign(in|up)\?/.test(n.attribs?.href ?? '')) values.push(new URL(n.attribs.href, 'https://news.example').searchParams.get('return') ?? '');
    for (const c of n.children ?? []) walk(c);
  };
  walk(parseDocument(body));
  // /premium?return=… handed to sign-up carries the story on once more.
  return values.flatMap((v) => (v.startsWith('/premium?') ? [v, new URL(v, 'https://news.example').searchParams.get('return') ?? ''] : [v]));
}

describe('open redirects on the way back from checkout', () => {
  let p: PremiumTestApp;
  let story = '';
  const tally = new Tally();
  before(async () => {
    p = await createPremiumTestApp();
    const r = await publishPremiumStory(p, 'ZQXREDIRECTS1');
    story = `/international/news/premium-story-zqxredirects1-${r.id}`;
  });
  after(async () => {
    console.log(tally.line('checkout redirects', `${TARGETS.length} targets × 7 checks`));
    await p?.close();
  });

  it('never sends a subscriber off the site, whatever the return target', async () => {
    const wrong: string[] = [];
    const carried = (where: string, target: string, values: string[]) => {
      if (!tally.check(values.every((v) => v === '' || sameSite(v)), where)) wrong.push(`${where} return=${JSON.stringify(target)} → ${JSON.stringify(values)}`);
    };
    const see = (where: string, target: string, status: number, location: unknown) => {
      const ok = location === undefined ? status < 500 : sameSite(String(location));
      if (!tally.check(ok, where)) wrong.push(`${where} return=${JSON.stringify(target)} → ${status} ${String(location)}`);
    };
    const rzpReader = await p.reader('redirects.rzp@example.in');
    const stripeReader = await p.reader('redirects.stripe@example.in');
    for (const target of TARGETS) {
      const q = encodeURIComponent(target);
      carried('GET /premium (anonymous)', target, returnsOn((await p.h.app.inject({ url: `/premium?return=${q}` })).body));
      carried('GET /premium (signed in)', target, returnsOn((await rzpReader.get(`/premium?return=${q}`)).body));
      const page = await rzpReader.post('/premium/checkout', { plan: String(p.plans.monthly.id), provider: 'razorpay', return: target });
      assert.equal(page.statusCode, 200, page.body.slice(0, 300));
      carried('Razorpay checkout page', target, returnsOn(page.body));
      const go = await stripeReader.post('/premium/checkout', { plan: String(p.plans.monthly.id), provider: 'stripe', return: target });
      assert.equal(go.statusCode, 303);
      const sent = p.stripe.requests.filter((r) => r.path === '/v1/checkout/sessions').at(-1)!.body as { success_url: string; cancel_url: string };
      for (const url of [sent.success_url, sent.cancel_url]) carried('Stripe success and cancel addresses', target, [new URL(url).searchParams.get('return') ?? '']);
    }

    // Paid: each way back is confirmed again (idempotent), with every target.
    const subId = [...p.rzp.subscriptions.keys()].at(-1)!;
    const now = p.h.clock.now();
    p.rzp.activate(subId, { start: now, end: new Date(now.getTime() + 30 * 24 * 3600 * 1000) });
    const sessionId = /(cs_test_[A-Za-z0-9]+)/.exec(String((await stripeReader.post('/premium/checkout', { plan: String(p.plans.monthly.id), provider: 'stripe' })).headers.location))![1]!;
    p.stripe.completeCheckout(sessionId, { start: now, end: new Date(now.getTime() + 30 * 24 * 3600 * 1000) });
    for (const target of TARGETS) {
      const v = await rzpReader.post('/premium/razorpay/verify', { razorpay_payment_id: 'pay_Redirects1', razorpay_subscription_id: subId, razorpay_signature: p.rzp.checkoutSignature('pay_Redirects1', subId), return: target });
      see('POST /premium/razorpay/verify', target, v.statusCode, v.headers.location);
      const back = await stripeReader.get(`/account?checkout=stripe&session_id=${sessionId}&return=${encodeURIComponent(target)}`);
      see('GET /account (back from Stripe)', target, back.statusCode, back.headers.location);
    }
    assert.deepEqual(wrong, []);

    // The guard is not simply switched off: a story of this site is where the subscriber lands.
    const v = await rzpReader.post('/premium/razorpay/verify', { razorpay_payment_id: 'pay_Redirects1', razorpay_subscription_id: subId, razorpay_signature: p.rzp.checkoutSignature('pay_Redirects1', subId), return: story });
    assert.equal(v.headers.location, story);
    const back = await stripeReader.get(`/account?checkout=stripe&session_id=${sessionId}&return=${encodeURIComponent(story)}`);
    assert.equal(back.headers.location, story);
  });
});
