import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPremiumTestApp, publishPremiumStory, type PremiumTestApp } from '../../../test/helpers/premium-app.js';
import { ReaderBrowser } from '../../../test/helpers/reader-browser.js';
import { widenCsp } from './premium.js';

const DAY = 24 * 60 * 60 * 1000;
const MARKER = 'ZQXE2EMARKER4';

/**
 * From "Subscribe Now!" to a locked story again: a reader signs up, picks a plan, pays through the
 * provider (its API answered by a local server speaking the provider's documented responses, the real
 * SDK pointed at it), the webhook arrives, the premium story opens; the reader cancels, and after the
 * paid period ends the story is locked again. Once with Razorpay, once with Stripe.
 */
describe('premium from sign-up to cancellation', () => {
  let p: PremiumTestApp;
  let storyPath: string;
  let storyId: number;
  before(async () => {
    p = await createPremiumTestApp();
    const r = await publishPremiumStory(p, MARKER);
    storyId = r.id;
    storyPath = `/international/news/premium-story-${MARKER.toLowerCase()}-${r.id}`;
  });
  after(async () => p?.close());

  /** Whether this signed-in reader gets the whole story (the page and the API must agree). */
  const readable = async (br: ReaderBrowser) => {
    const page = await br.get(storyPath);
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'private, no-store', 'the reader is still signed in');
    const api = await br.get(`/api/v1/articles/${storyId}`);
    assert.equal(page.body.includes(MARKER), api.body.includes(MARKER), 'the page and the API agree');
    assert.equal(api.json().locked, !page.body.includes(MARKER));
    return page.body.includes(MARKER);
  };

  it('with Razorpay: subscribe, pay, webhook, read, cancel, and lose access after the period', async () => {
    // The call to action on the story leads to /premium.
    const anon = await p.h.app.inject({ method: 'GET', url: storyPath });
    assert.match(anon.body, /Try Premium Service\. Subscribe Now!|class="paywall"/);
    assert.match(anon.body, /href="\/premium/);
    const plansAnon = await p.h.app.inject({ method: 'GET', url: '/premium' });
    assert.equal(plansAnon.statusCode, 200);
    assert.match(plansAnon.body, /₹149/);
    assert.match(plansAnon.body, /₹1,499/);
    assert.match(plansAnon.body, /href="\/account\/signup\?return=%2Fpremium"/, 'anonymous readers are asked to create an account first');

    const br = new ReaderBrowser(p.h.app);
    const signup = await br.signUp('rahul@example.in');
    assert.equal(signup.headers.location, '/account?done=welcome');
    assert.equal(await readable(br), false);

    const plans = await br.get('/premium');
    assert.match(plans.body, /action="\/premium\/checkout"/);
    assert.match(plans.body, /Razorpay \(UPI, cards\)/);
    assert.match(plans.body, /Stripe \(cards\)/);

    const checkout = await br.post('/premium/checkout', { plan: String(p.plans.monthly.id), provider: 'razorpay' });
    assert.equal(checkout.statusCode, 200, checkout.body.slice(0, 400));
    const subId = /data-subscription="(sub_[A-Za-z0-9]+)"/.exec(checkout.body)![1]!;
    assert.match(checkout.body, new RegExp(`data-key="${p.rzp.keyId}"`));
    assert.match(checkout.body, /https:\/\/rzp\.io\/i\//, 'Razorpay’s own page works without JavaScript');
    assert.match(String(checkout.headers['content-security-policy']), /script-src [^;]*https:\/\/checkout\.razorpay\.com/);
    const created = p.rzp.requests.filter((r) => r.method === 'POST' && r.path === '/v1/subscriptions');
    assert.equal(created.length, 1);
    assert.equal((created[0]!.body as { plan_id: string }).plan_id.startsWith('plan_'), true);
    assert.equal(p.rzp.requests.filter((r) => r.path === '/v1/plans').length, 1, 'a Razorpay plan was made for the price');

    // Checkout's answer with a signature that does not match is refused.
    const forged = await br.post('/premium/razorpay/verify', { razorpay_payment_id: 'pay_Forged1', razorpay_subscription_id: subId, razorpay_signature: 'ab'.repeat(32) });
    assert.equal(forged.statusCode, 400);
    assert.equal(await readable(br), false);

    // The reader pays; Razorpay activates the subscription and sends its webhooks.
    const start = p.h.clock.now();
    const end = new Date(start.getTime() + 30 * DAY);
    const entity = p.rzp.activate(subId, { start, end });
    const payment = p.rzp.payment({ amount: 14900, at: start });
    for (const [i, [event, payload]] of ([['subscription.authenticated', { subscription: { ...entity, status: 'authenticated' } }], ['subscription.activated', { subscription: entity }], ['subscription.charged', { subscription: entity, payment }]] as const).entries()) {
      const body = p.rzp.event(event, start, payload);
      const res = await p.webhook('razorpay', body, { 'x-razorpay-signature': p.rzp.sign(body), 'x-razorpay-event-id': `evt_e2e_${i}` });
      assert.equal(res.statusCode, 200, res.body);
    }
    assert.equal(await readable(br), true);

    // Checkout's own answer arrives too (signed with the key secret): accepted, nothing changes twice.
    const verify = await br.post('/premium/razorpay/verify', { razorpay_payment_id: payment.id, razorpay_subscription_id: subId, razorpay_signature: p.rzp.checkoutSignature(payment.id, subId) });
    assert.equal(verify.statusCode, 303);
    assert.equal(verify.headers.location, '/account?done=subscribed');

    const account = await br.get('/account');
    assert.equal(account.statusCode, 200);
    assert.match(account.body, /मासिक प्रीमियम/);
    assert.match(account.body, /₹149/);
    assert.match(account.body, /status-active/);
    assert.match(account.body, /अगला नवीनीकरण/, 'the renewal date is shown');
    assert.match(account.body, new RegExp(payment.id), 'the payment is listed as a receipt');
    assert.equal(account.headers['cache-control'], 'private, no-store');

    // Cancel at the period end: Razorpay is asked to cancel at the cycle end; access stays until then.
    const cancel = await br.post('/account/subscription/cancel');
    assert.equal(cancel.statusCode, 303);
    const call = p.rzp.requests.find((r) => r.path === `/v1/subscriptions/${subId}/cancel`);
    assert.deepEqual(call?.body, { cancel_at_cycle_end: 1 });
    const after = await br.get('/account');
    assert.match(after.body, /अवधि के अंत में बंद होगी/);
    assert.doesNotMatch(after.body, /action="\/account\/subscription\/cancel"/);

    p.h.clock.set(new Date(end.getTime() - 60_000));
    await br.signIn('rahul@example.in'); // a reader session lasts 30 days
    assert.equal(await readable(br), true, 'still readable on the last day');
    p.h.clock.set(new Date(end.getTime() + 60_000));
    assert.equal(await readable(br), false, 'locked once the paid period ended (no grace after a cancel)');

    // Razorpay tells us the subscription ended at the cycle end; it stays locked, the page says so.
    const cancelled = p.rzp.setStatus(subId, 'cancelled', { ended_at: Math.floor(end.getTime() / 1000) });
    const body = p.rzp.event('subscription.cancelled', p.h.clock.now(), { subscription: cancelled });
    assert.equal((await p.webhook('razorpay', body, { 'x-razorpay-signature': p.rzp.sign(body), 'x-razorpay-event-id': 'evt_e2e_end' })).statusCode, 200);
    assert.equal(await readable(br), false);
    assert.match((await br.get('/account')).body, /status-cancelled/);
  });

  it('with Stripe: Checkout, return to the site, webhooks, billing portal, cancel, and lock after the period', async () => {
    p.h.clock.set('2027-02-01T05:00:00.000Z');
    const br = new ReaderBrowser(p.h.app);
    await br.signUp('meera@example.in');
    const go = await br.post('/premium/checkout', { plan: String(p.plans.yearly.id), provider: 'stripe' });
    assert.equal(go.statusCode, 303);
    assert.match(String(go.headers.location), /^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    const sessionId = /(cs_test_[A-Za-z0-9]+)/.exec(String(go.headers.location))![1]!;
    const sent = p.stripe.requests.find((r) => r.path === '/v1/checkout/sessions')!.body as Record<string, any>;
    assert.equal(sent.mode, 'subscription');
    assert.equal(sent.line_items[0].price_data.currency, 'inr');
    assert.equal(sent.line_items[0].price_data.unit_amount, '149900');
    assert.equal(sent.line_items[0].price_data.recurring.interval, 'year');
    assert.equal(sent.subscription_data.trial_period_days, '7');

    // The reader pays on Stripe's page and comes back; the session is re-read from Stripe's API.
    const start = p.h.clock.now();
    const trialEnd = new Date(start.getTime() + 7 * DAY);
    const done = p.stripe.completeCheckout(sessionId, { start, end: trialEnd, trialEnd });
    const back = await br.get(`/account?checkout=stripe&session_id=${sessionId}`);
    assert.equal(back.statusCode, 303);
    assert.equal(back.headers.location, '/account?done=subscribed');
    assert.equal(await readable(br), true, 'the trial gives premium at once');

    // The webhooks arrive afterwards and change nothing twice.
    for (const [type, obj] of [['checkout.session.completed', done.session], ['customer.subscription.created', done.subscription], ['invoice.paid', done.invoice]] as const) {
      const body = p.stripe.event(type, obj, p.h.clock.now());
      assert.equal((await p.webhook('stripe', body, { 'stripe-signature': p.stripe.sign(body, p.h.clock.now()) })).statusCode, 200);
    }
    await p.h.c.jobs.runDue();
    assert.equal(await readable(br), true);

    const manage = await br.post('/account/subscription/manage');
    assert.equal(manage.statusCode, 303);
    assert.match(String(manage.headers.location), /^https:\/\/billing\.stripe\.com\/p\/session\//);

    // After the trial the year is charged; then the reader cancels at the period end.
    const yearStart = trialEnd;
    const yearEnd = new Date(trialEnd.getTime() + 365 * DAY);
    p.h.clock.set(new Date(yearStart.getTime() + 60_000));
    const renewed = p.stripe.renew(done.subscription.id, { start: yearStart, end: yearEnd });
    for (const [type, obj] of [['customer.subscription.updated', renewed.subscription], ['invoice.paid', renewed.invoice]] as const) {
      const body = p.stripe.event(type, obj, p.h.clock.now());
      assert.equal((await p.webhook('stripe', body, { 'stripe-signature': p.stripe.sign(body, p.h.clock.now()) })).statusCode, 200);
    }
    const account = await br.get('/account');
    assert.match(account.body, /सालाना प्रीमियम/);
    assert.match(account.body, /₹1,499/);
    assert.match(account.body, /invoice\.stripe\.com/);

    assert.equal((await br.post('/account/subscription/cancel')).statusCode, 303);
    const update = p.stripe.requests.find((r) => r.method === 'POST' && r.path === `/v1/subscriptions/${done.subscription.id}`);
    assert.deepEqual(update?.body, { cancel_at_period_end: 'true' });
    p.h.clock.set(new Date(yearEnd.getTime() - DAY));
    await br.signIn('meera@example.in');
    assert.equal(await readable(br), true);
    p.h.clock.set(new Date(yearEnd.getTime() + 60_000));
    assert.equal(await readable(br), false);

    const ended = p.stripe.update(done.subscription.id, { status: 'canceled', ended_at: Math.floor(yearEnd.getTime() / 1000) });
    const body = p.stripe.event('customer.subscription.deleted', ended, p.h.clock.now());
    assert.equal((await p.webhook('stripe', body, { 'stripe-signature': p.stripe.sign(body, p.h.clock.now()) })).statusCode, 200);
    assert.equal(await readable(br), false);
  });

  it('keeps a reader whose renewal failed reading through the grace period, then locks and reconciles', async () => {
    p.h.clock.set('2027-06-01T05:00:00.000Z');
    const br = new ReaderBrowser(p.h.app);
    await br.signUp('grace@example.in');
    const checkout = await br.post('/premium/checkout', { plan: String(p.plans.monthly.id), provider: 'razorpay' });
    const subId = /data-subscription="(sub_[A-Za-z0-9]+)"/.exec(checkout.body)![1]!;
    const start = p.h.clock.now();
    const end = new Date(start.getTime() + 30 * DAY);
    const entity = p.rzp.activate(subId, { start, end });
    const body = p.rzp.event('subscription.activated', start, { subscription: entity });
    await p.webhook('razorpay', body, { 'x-razorpay-signature': p.rzp.sign(body), 'x-razorpay-event-id': 'evt_grace_1' });
    // No renewal webhook comes. Two days after the period end the reader still reads (grace is three).
    p.h.clock.set(new Date(end.getTime() + 2 * DAY));
    await br.signIn('grace@example.in');
    assert.equal(await readable(br), true);
    // The hourly sweep notices the overdue period and re-reads it: Razorpay says halted.
    p.rzp.setStatus(subId, 'halted');
    await p.h.c.jobs.enqueue('payments.sweep', {});
    await p.h.c.jobs.runDue();
    await p.h.c.jobs.runDue();
    const row = await p.h.c.store.db.selectFrom('premium_subscriptions').select('status').where('provider_subscription_id', '=', subId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'halted');
    assert.equal(await readable(br), false, 'a halted subscription gives no grace');
  });
});

describe('the checkout page', () => {
  it('widens the Content-Security-Policy only by the checkout’s origins', () => {
    const csp = "default-src 'self'; script-src 'self' 'nonce-abc'; frame-src 'self'; connect-src 'self'; object-src 'none'";
    const wide = widenCsp(csp, { script: ['https://checkout.razorpay.com'], frame: ['https://api.razorpay.com'], connect: [] });
    assert.equal(wide, "default-src 'self'; script-src 'self' 'nonce-abc' https://checkout.razorpay.com; frame-src 'self' https://api.razorpay.com; connect-src 'self'; object-src 'none'");
  });
});
