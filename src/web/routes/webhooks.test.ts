import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Razorpay from 'razorpay';
import { eachDialect } from '../../../test/helpers/stores.js';
import { createPremiumTestApp, type PremiumTestApp } from '../../../test/helpers/premium-app.js';

const DAY = 24 * 60 * 60 * 1000;
const at = (p: PremiumTestApp, ms = 0) => new Date(p.h.clock.now().getTime() + ms);

/** Signs up a reader and starts a Razorpay checkout; returns the provider's subscription id. */
async function razorpaySubscription(p: PremiumTestApp, email: string) {
  const br = await p.reader(email);
  const res = await br.post('/premium/checkout', { plan: String(p.plans.monthly.id), provider: 'razorpay' });
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  const subId = /data-subscription="(sub_[A-Za-z0-9]+)"/.exec(res.body)![1]!;
  return { br, subId };
}

async function stripeSubscription(p: PremiumTestApp, email: string) {
  const br = await p.reader(email);
  const res = await br.post('/premium/checkout', { plan: String(p.plans.monthly.id), provider: 'stripe' });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  const sessionId = /\/pay\/(cs_test_[A-Za-z0-9]+)/.exec(String(res.headers.location))![1]!;
  return { br, sessionId };
}

const status = async (p: PremiumTestApp, providerId: string) =>
  (await p.h.c.store.db.selectFrom('premium_subscriptions').select(['status', 'current_period_end', 'cancel_at_period_end']).where('provider_subscription_id', '=', providerId).executeTakeFirstOrThrow());

await eachDialect((dialect, skip) => {
  describe(`Razorpay webhooks (${dialect})`, { skip }, () => {
    let p: PremiumTestApp;
    before(async () => {
      p = await createPremiumTestApp(dialect);
    });
    after(async () => p?.close());

    it('accepts a signed subscription.activated and subscription.charged, grants premium and keeps a receipt', async () => {
      const { br, subId } = await razorpaySubscription(p, 'rzp-valid@example.in');
      const start = at(p);
      const end = at(p, 30 * DAY);
      const entity = p.rzp.activate(subId, { start, end });
      const activated = p.rzp.event('subscription.activated', start, { subscription: entity });
      // The signature is checked by the SDK's own validateWebhookSignature, as the route does.
      assert.equal(Razorpay.validateWebhookSignature(activated, p.rzp.sign(activated), p.rzp.webhookSecret), true);
      const r1 = await p.webhook('razorpay', activated, { 'x-razorpay-signature': p.rzp.sign(activated), 'x-razorpay-event-id': 'evt_rzp_valid_1' });
      assert.equal(r1.statusCode, 200, r1.body);
      assert.deepEqual(r1.json(), { received: true, duplicate: false });
      const charged = p.rzp.event('subscription.charged', start, { subscription: entity, payment: p.rzp.payment({ amount: 14900, at: start }) });
      const r2 = await p.webhook('razorpay', charged, { 'x-razorpay-signature': p.rzp.sign(charged), 'x-razorpay-event-id': 'evt_rzp_valid_2' });
      assert.equal(r2.statusCode, 200, r2.body);
      assert.equal((await status(p, subId)).status, 'active');
      assert.equal(await p.premiumUntilOf(br.accountId), new Date(end.getTime() + 3 * DAY).toISOString(), 'period end plus three days of grace');
      const receipts = await p.h.c.store.db.selectFrom('payment_receipts').selectAll().where('account_id', '=', br.accountId).execute();
      assert.equal(receipts.length, 1);
      assert.equal(Number(receipts[0]!.amount_paise), 14900);
      const stored = await p.h.c.store.db.selectFrom('payment_events').select(['event_id', 'processed_at', 'payload']).where('provider', '=', 'razorpay').where('event_id', '=', 'evt_rzp_valid_2').executeTakeFirstOrThrow();
      assert.ok(stored.processed_at);
      assert.equal(stored.payload, charged, 'the raw body is stored as received');
    });

    it('rejects a forged signature, a missing one, and a body changed after signing, changing nothing', async () => {
      const { br, subId } = await razorpaySubscription(p, 'rzp-forged@example.in');
      const entity = p.rzp.activate(subId, { start: at(p), end: at(p, 30 * DAY) });
      const body = p.rzp.event('subscription.activated', at(p), { subscription: entity });
      const forged = await p.webhook('razorpay', body, { 'x-razorpay-signature': p.rzp.sign(body, 'not-the-secret'), 'x-razorpay-event-id': 'evt_forged_1' });
      assert.equal(forged.statusCode, 400);
      assert.match(forged.json().error.message, /does not match/);
      const missing = await p.webhook('razorpay', body, { 'x-razorpay-event-id': 'evt_forged_2' });
      assert.equal(missing.statusCode, 400);
      const tampered = body.replace('"status":"active"', '"status":"active" ');
      const changed = await p.webhook('razorpay', tampered, { 'x-razorpay-signature': p.rzp.sign(body), 'x-razorpay-event-id': 'evt_forged_3' });
      assert.equal(changed.statusCode, 400);
      assert.equal((await status(p, subId)).status, 'created');
      assert.equal(await p.premiumUntilOf(br.accountId), null);
      const events = await p.h.c.store.db.selectFrom('payment_events').select('event_id').where('event_id', 'like', 'evt_forged_%').execute();
      assert.equal(events.length, 0, 'nothing unverified is stored');
    });

    it('processes a replayed event once: the second delivery is acknowledged and changes nothing', async () => {
      const { br, subId } = await razorpaySubscription(p, 'rzp-replay@example.in');
      const entity = p.rzp.activate(subId, { start: at(p), end: at(p, 30 * DAY) });
      const body = p.rzp.event('subscription.charged', at(p), { subscription: entity, payment: p.rzp.payment({ amount: 14900, at: at(p) }) });
      const headers = { 'x-razorpay-signature': p.rzp.sign(body), 'x-razorpay-event-id': 'evt_replay_1' };
      const first = await p.webhook('razorpay', body, headers);
      const [second, third] = await Promise.all([p.webhook('razorpay', body, headers), p.webhook('razorpay', body, headers)]);
      assert.deepEqual(first.json(), { received: true, duplicate: false });
      assert.deepEqual(second.json(), { received: true, duplicate: true });
      assert.deepEqual(third.json(), { received: true, duplicate: true });
      const receipts = await p.h.c.store.db.selectFrom('payment_receipts').select('id').where('account_id', '=', br.accountId).execute();
      assert.equal(receipts.length, 1);
      assert.equal((await p.h.c.store.db.selectFrom('payment_events').select('id').where('event_id', '=', 'evt_replay_1').execute()).length, 1);
    });

    it('never revives a cancelled subscription from a late activation', async () => {
      const { br, subId } = await razorpaySubscription(p, 'rzp-order@example.in');
      const t1 = at(p);
      const t2 = at(p, 60_000);
      const active = p.rzp.activate(subId, { start: t1, end: at(p, 30 * DAY) });
      const activatedBody = p.rzp.event('subscription.activated', t1, { subscription: active });
      const cancelled = p.rzp.setStatus(subId, 'cancelled', { ended_at: Math.floor(t2.getTime() / 1000) });
      const cancelledBody = p.rzp.event('subscription.cancelled', t2, { subscription: cancelled });
      // The newer event arrives first, the older one after it.
      p.h.clock.advance(60_000);
      assert.equal((await p.webhook('razorpay', cancelledBody, { 'x-razorpay-signature': p.rzp.sign(cancelledBody), 'x-razorpay-event-id': 'evt_order_2' })).statusCode, 200);
      assert.equal((await p.webhook('razorpay', activatedBody, { 'x-razorpay-signature': p.rzp.sign(activatedBody), 'x-razorpay-event-id': 'evt_order_1' })).statusCode, 200);
      assert.equal((await status(p, subId)).status, 'cancelled');
      assert.equal(await p.premiumUntilOf(br.accountId), null);
      const outcome = await p.h.c.store.db.selectFrom('payment_events').select('outcome').where('event_id', '=', 'evt_order_1').executeTakeFirstOrThrow();
      assert.match(outcome.outcome!, /already cancelled/);
    });

    it('keeps a late charge from undoing a newer failure, then reconciles with the API', async () => {
      const { br, subId } = await razorpaySubscription(p, 'rzp-reconcile@example.in');
      const t1 = at(p);
      const t2 = at(p, 60_000);
      const active = p.rzp.activate(subId, { start: t1, end: at(p, 30 * DAY) });
      const pending = { ...active, status: 'pending' };
      const pendingBody = p.rzp.event('subscription.pending', t2, { subscription: pending });
      const chargedBody = p.rzp.event('subscription.charged', t1, { subscription: active, payment: p.rzp.payment({ amount: 14900, at: t1 }) });
      await p.webhook('razorpay', pendingBody, { 'x-razorpay-signature': p.rzp.sign(pendingBody), 'x-razorpay-event-id': 'evt_rec_2' });
      await p.webhook('razorpay', chargedBody, { 'x-razorpay-signature': p.rzp.sign(chargedBody), 'x-razorpay-event-id': 'evt_rec_1' });
      assert.equal((await status(p, subId)).status, 'pending', 'the older charge does not move it back');
      assert.ok(await p.premiumUntilOf(br.accountId), 'a reader whose renewal is being retried keeps access for the grace period');
      const job = await p.h.c.store.db.selectFrom('jobs').select(['kind', 'done_at']).where('kind', '=', 'payments.reconcile').where('done_at', 'is', null).execute();
      assert.ok(job.length >= 1, 'the disagreement queued a re-read');
      // The provider's API says the subscription is active (the fake holds the activated entity).
      await p.h.c.jobs.runDue();
      assert.equal((await status(p, subId)).status, 'active');
    });
  });

  describe(`concurrent Razorpay webhooks for one subscription (${dialect})`, { skip }, () => {
    let p: PremiumTestApp;
    before(async () => {
      p = await createPremiumTestApp(dialect);
    });
    after(async () => p?.close());

    it('ends in the newest state whichever delivery wins the race', async () => {
      for (let round = 0; round < 3; round++) {
        const { subId } = await razorpaySubscription(p, `race${round}@example.in`);
        const t1 = at(p);
        const t2 = at(p, 1000);
        const active = p.rzp.activate(subId, { start: t1, end: at(p, 30 * DAY) });
        const bodies = [
          p.rzp.event('subscription.activated', t1, { subscription: active }),
          p.rzp.event('subscription.pending', t2, { subscription: { ...active, status: 'pending' } }),
          p.rzp.event('subscription.charged', t1, { subscription: active, payment: p.rzp.payment({ amount: 14900, at: t1 }) }),
        ];
        const res = await Promise.all(bodies.map((b, i) => p.webhook('razorpay', b, { 'x-razorpay-signature': p.rzp.sign(b), 'x-razorpay-event-id': `evt_race_${round}_${i}` })));
        assert.deepEqual(res.map((r) => r.statusCode), [200, 200, 200]);
        assert.equal((await status(p, subId)).status, 'pending');
      }
    });
  });

  describe(`Stripe webhooks (${dialect})`, { skip }, () => {
    let p: PremiumTestApp;
    before(async () => {
      p = await createPremiumTestApp(dialect);
    });
    after(async () => p?.close());

    const send = (body: string, when: Date, secret?: string) => p.webhook('stripe', body, { 'stripe-signature': p.stripe.sign(body, when, secret) });

    it('accepts signed checkout, subscription and invoice events and grants premium', async () => {
      const { br, sessionId } = await stripeSubscription(p, 'stripe-valid@example.in');
      const done = p.stripe.completeCheckout(sessionId, { start: at(p), end: at(p, 30 * DAY) });
      const e1 = p.stripe.event('checkout.session.completed', done.session, at(p));
      const e2 = p.stripe.event('customer.subscription.created', done.subscription, at(p));
      const e3 = p.stripe.event('invoice.paid', done.invoice, at(p));
      for (const e of [e1, e2, e3]) {
        const r = await send(e, at(p));
        assert.equal(r.statusCode, 200, r.body);
        assert.equal(r.json().duplicate, false);
      }
      assert.equal((await status(p, done.subscription.id)).status, 'active');
      assert.equal(await p.premiumUntilOf(br.accountId), new Date(at(p, 33 * DAY).getTime()).toISOString());
      const receipt = await p.h.c.store.db.selectFrom('payment_receipts').selectAll().where('account_id', '=', br.accountId).executeTakeFirstOrThrow();
      assert.equal(Number(receipt.amount_paise), 14900);
      assert.match(receipt.receipt_url!, /^https:\/\/invoice\.stripe\.com\//);
    });

    it('rejects a wrong secret, a changed body and a signature older than the tolerance', async () => {
      const { br, sessionId } = await stripeSubscription(p, 'stripe-forged@example.in');
      const done = p.stripe.completeCheckout(sessionId, { start: at(p), end: at(p, 30 * DAY) });
      const body = p.stripe.event('customer.subscription.created', done.subscription, at(p));
      const wrong = await send(body, at(p), 'whsec_someone_else');
      assert.equal(wrong.statusCode, 400);
      const changed = await p.webhook('stripe', body.replace('"active"', '"trialing"'), { 'stripe-signature': p.stripe.sign(body, at(p)) });
      assert.equal(changed.statusCode, 400);
      const old = await send(body, at(p, -10 * 60 * 1000));
      assert.equal(old.statusCode, 400);
      assert.match(old.json().error.message, /tolerance/);
      const none = await p.webhook('stripe', body, {});
      assert.equal(none.statusCode, 400);
      assert.equal(await p.premiumUntilOf(br.accountId), null);
      assert.equal((await status(p, done.subscription.id).catch(() => null)), null, 'the subscription was never linked by a forged event');
    });

    it('processes a replayed event id once', async () => {
      const { br, sessionId } = await stripeSubscription(p, 'stripe-replay@example.in');
      const done = p.stripe.completeCheckout(sessionId, { start: at(p), end: at(p, 30 * DAY) });
      const created = p.stripe.event('customer.subscription.created', done.subscription, at(p));
      await send(created, at(p));
      const paid = p.stripe.event('invoice.paid', done.invoice, at(p), 'evt_replayed_invoice');
      const a = await send(paid, at(p));
      const b = await send(paid, at(p, 5000));
      assert.equal(a.json().duplicate, false);
      assert.equal(b.json().duplicate, true);
      assert.equal((await p.h.c.store.db.selectFrom('payment_receipts').select('id').where('account_id', '=', br.accountId).execute()).length, 1);
    });

    it('keeps a subscription deleted when an older update arrives after the deletion', async () => {
      const { br, sessionId } = await stripeSubscription(p, 'stripe-order@example.in');
      const done = p.stripe.completeCheckout(sessionId, { start: at(p), end: at(p, 30 * DAY) });
      const updated = p.stripe.event('customer.subscription.updated', done.subscription, at(p));
      const deletedSub = p.stripe.update(done.subscription.id, { status: 'canceled', canceled_at: Math.floor(at(p, 60_000).getTime() / 1000), ended_at: Math.floor(at(p, 60_000).getTime() / 1000) });
      const deleted = p.stripe.event('customer.subscription.deleted', deletedSub, at(p, 60_000));
      p.h.clock.advance(60_000);
      assert.equal((await send(deleted, at(p))).statusCode, 200);
      assert.equal((await send(updated, at(p))).statusCode, 200);
      const s = await status(p, done.subscription.id);
      assert.equal(s.status, 'cancelled');
      assert.equal(await p.premiumUntilOf(br.accountId), null);
    });

    it('answers 400 for an empty body or a body that is not an event', async () => {
      const empty = await p.h.app.inject({ method: 'POST', url: '/webhooks/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' } });
      assert.equal(empty.statusCode, 400);
      const text = await p.h.app.inject({ method: 'POST', url: '/webhooks/razorpay', payload: 'hello', headers: { 'content-type': 'text/plain', 'x-razorpay-signature': p.rzp.sign('hello') } });
      assert.equal(text.statusCode, 400);
      assert.match(text.json().error.message, /not JSON/);
    });
  });
});
