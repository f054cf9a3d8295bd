import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { razorpayProvider, razorpaySnapshot } from './razorpay.js';
import { stripeProvider, stripeSnapshot } from './stripe.js';
import { configuredProviders } from './index.js';
import { ProviderApiError, WebhookSignatureError, type CheckoutInput } from '../port.js';
import { startRazorpayFake, startStripeFake, type RazorpayFake, type StripeFake } from '../../../test/helpers/payment-providers.js';

const clock = { now: () => new Date('2026-11-26T06:30:00.000Z') };
const input = (over: Partial<CheckoutInput['plan']> = {}): CheckoutInput => ({
  plan: { id: 1, code: 'monthly', name: 'मासिक प्रीमियम', description: '', interval: 'month', pricePaise: 14900, trialDays: 0, providerPlanId: null, ...over },
  localSubscriptionId: 42,
  account: { id: 7, email: 'reader@example.in', name: 'पाठक' },
  successUrl: 'https://news.example/account?checkout=stripe',
  cancelUrl: 'https://news.example/premium?checkout=cancelled',
  now: clock.now(),
});

describe('provider adapters', () => {
  let rf: RazorpayFake;
  let sf: StripeFake;
  before(async () => {
    rf = await startRazorpayFake(clock);
    sf = await startStripeFake(clock);
  });
  after(async () => {
    await rf.close();
    await sf.close();
  });

  it('are on only with their keys and webhook secrets, Razorpay first', async () => {
    assert.deepEqual([...(await configuredProviders({})).keys()], []);
    assert.deepEqual([...(await configuredProviders({ razorpayKeyId: 'k', razorpayKeySecret: 's' })).keys()], [], 'no webhook secret, no provider');
    assert.deepEqual([...(await configuredProviders({ razorpayKeyId: 'k', razorpayKeySecret: 's', razorpayWebhookSecret: 'w', stripeSecretKey: 'sk', stripeWebhookSecret: 'wh' })).keys()], ['razorpay', 'stripe']);
  });

  it('Razorpay: makes a plan once per price, a subscription with a trial start, and carries our id in notes', async () => {
    const rp = razorpayProvider({ keyId: rf.keyId, keySecret: rf.keySecret, webhookSecret: rf.webhookSecret, apiBase: rf.url });
    const first = await rp.startCheckout(input({ trialDays: 7 }));
    assert.equal(first.kind, 'razorpay');
    const plan = rf.requests.find((r) => r.path === '/v1/plans')!.body as Record<string, any>;
    assert.equal(plan.period, 'monthly');
    assert.equal(plan.item.amount, 14900);
    assert.equal(plan.item.currency, 'INR');
    const sub = rf.requests.find((r) => r.path === '/v1/subscriptions')!.body as Record<string, any>;
    assert.equal(sub.start_at, Math.floor(clock.now().getTime() / 1000) + 7 * 86400);
    assert.equal(sub.notes.samachar_subscription_id, '42');
    await rp.startCheckout(input({ providerPlanId: first.providerPlanId }));
    assert.equal(rf.requests.filter((r) => r.path === '/v1/plans').length, 1, 'the saved plan is reused');
  });

  it('Razorpay: reports a refused call with the provider’s own words', async () => {
    const rp = razorpayProvider({ keyId: rf.keyId, keySecret: 'wrong', webhookSecret: rf.webhookSecret, apiBase: rf.url });
    await assert.rejects(rp.fetchSubscription('sub_X'), (e: unknown) => e instanceof ProviderApiError && /Authentication failed/.test(e.message));
  });

  it('Razorpay: verifies the Checkout callback signature with the key secret', async () => {
    const rp = razorpayProvider({ keyId: rf.keyId, keySecret: rf.keySecret, webhookSecret: rf.webhookSecret, apiBase: rf.url });
    const ok = await rp.completeCheckout({ razorpay_payment_id: 'pay_A', razorpay_subscription_id: 'sub_B', razorpay_signature: rf.checkoutSignature('pay_A', 'sub_B') });
    assert.equal(ok.providerSubscriptionId, 'sub_B');
    await assert.rejects(rp.completeCheckout({ razorpay_payment_id: 'pay_A', razorpay_subscription_id: 'sub_C', razorpay_signature: rf.checkoutSignature('pay_A', 'sub_B') }), WebhookSignatureError);
    await assert.rejects(rp.completeCheckout({ razorpay_payment_id: 'pay_A', razorpay_subscription_id: 'sub_B' }), WebhookSignatureError);
  });

  it('Razorpay: maps its states onto ours, counting a paused subscription as giving nothing', () => {
    const base = { id: 'sub_1', current_start: null, current_end: null, ended_at: null, charge_at: 1_800_000_000, start_at: 1_800_000_000 };
    assert.equal(razorpaySnapshot({ ...base, status: 'paused' }).status, 'halted');
    const auth = razorpaySnapshot({ ...base, status: 'authenticated' });
    assert.equal(auth.currentPeriodEnd, new Date(1_800_000_000 * 1000).toISOString(), 'a trial runs until the first charge');
    assert.equal(razorpaySnapshot({ ...base, status: 'active', notes: { samachar_subscription_id: '9' } }).localSubscriptionId, 9);
    assert.equal(razorpaySnapshot({ ...base, status: 'active', notes: [] }).localSubscriptionId, null);
  });

  it('Stripe: reads the billing period from the subscription items and maps its states', () => {
    const sub = { id: 'sub_1', status: 'past_due', customer: 'cus_1', cancel_at_period_end: false, ended_at: null, trial_end: null, metadata: { samachar_subscription_id: '5' }, items: { data: [{ current_period_start: 1_800_000_000, current_period_end: 1_802_592_000 }] } } as unknown as Stripe.Subscription;
    const s = stripeSnapshot(sub);
    assert.equal(s.status, 'pending');
    assert.equal(s.currentPeriodEnd, new Date(1_802_592_000 * 1000).toISOString());
    assert.equal(s.localSubscriptionId, 5);
    assert.equal(stripeSnapshot({ ...sub, status: 'incomplete_expired' } as Stripe.Subscription).status, 'expired');
    assert.equal(stripeSnapshot({ ...sub, status: 'trialing' } as Stripe.Subscription).status, 'active');
  });

  it('Stripe: refuses a checkout return that is not complete', async () => {
    const sp = stripeProvider({ secretKey: sf.secretKey, webhookSecret: sf.webhookSecret, apiBase: sf.url });
    const start = await sp.startCheckout(input());
    assert.equal(start.kind, 'redirect');
    await assert.rejects(sp.completeCheckout({ session_id: start.checkoutRef! }), WebhookSignatureError);
    await assert.rejects(sp.completeCheckout({ session_id: 'javascript:alert(1)' }), WebhookSignatureError);
  });

});
