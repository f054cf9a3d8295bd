import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStore, eachDialect, type TestStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../shared/clock.js';
import { silentLogger } from '../shared/logger.js';
import { JobQueue } from '../jobs/index.js';
import { Outbox } from '../mail/index.js';
import { AppError } from '../shared/errors.js';
import { Members, THROTTLES, safeReturnPath } from './accounts.js';
import { endOfIndianDay, grantComplimentary, listGrants, premiumUntil, revokeGrant, setSubscriptionEntitlement } from './grants.js';
import { meterPeriod, meterRemaining, useMeter } from './meter.js';

const rejects = async (p: Promise<unknown>, code: string) => {
  await assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === code);
};

await eachDialect((dialect, skip) => {
  describe(`reader accounts (${dialect})`, { skip }, () => {
    let t: TestStore;
    let members: Members;
    const clock = fixedClock('2026-11-26T06:30:00.000Z');
    before(async () => {
      t = await createTestStore(dialect);
      const jobs = new JobQueue(t.store, clock, silentLogger);
      const mail = new Outbox(jobs, clock, silentLogger, 'Samachar <no-reply@localhost>', null).bind(t.store.db);
      members = new Members({ store: t.store, clock, mail, baseUrl: 'https://news.example', siteName: 'समाचार' });
    });
    after(async () => t?.cleanup());

    it('signs up with a normalised email and signs in with the password', async () => {
      const a = await members.signUp({ email: '  Reader@Example.IN ', password: 'correct horse battery', name: ' पाठक ' }, '10.0.0.1');
      assert.equal(a.email, 'reader@example.in');
      assert.equal(a.name, 'पाठक');
      assert.equal(a.hasPassword, true);
      const b = await members.signInWithPassword('READER@example.in', 'correct horse battery', '10.0.0.1');
      assert.equal(b.id, a.id);
    });

    it('refuses a second account for the same email and reports every bad field at once', async () => {
      await rejects(members.signUp({ email: 'reader@example.in', password: 'another long password', name: '' }, '10.0.0.2'), 'VALIDATION');
      await assert.rejects(members.signUp({ email: 'not-an-email', password: 'short', name: '' }, '10.0.0.2'), (e: unknown) => e instanceof AppError && e.issues.map((i) => i.field).sort().join() === 'email,password');
    });

    it('rejects a wrong password with one message for unknown and known emails alike', async () => {
      const m1 = await members.signInWithPassword('reader@example.in', 'wrong password!!', '10.0.0.3').catch((e: Error) => e.message);
      const m2 = await members.signInWithPassword('nobody@example.in', 'wrong password!!', '10.0.0.3').catch((e: Error) => e.message);
      assert.equal(m1, m2);
    });

    it('throttles sign-in after repeated failures for one email, even with the right password', async () => {
      await members.signUp({ email: 'target@example.in', password: 'the right password', name: '' }, '10.0.1.1');
      for (let i = 0; i < THROTTLES.signinEmail.limit; i++) await rejects(members.signInWithPassword('target@example.in', 'guess number ' + i, `10.0.2.${i}`), 'UNAUTHENTICATED');
      await rejects(members.signInWithPassword('target@example.in', 'the right password', '10.0.3.1'), 'RATE_LIMITED');
      clock.advance(THROTTLES.signinEmail.windowMs + 1000);
      const ok = await members.signInWithPassword('target@example.in', 'the right password', '10.0.3.1');
      assert.equal(ok.email, 'target@example.in');
    });

    it('emails a one-time link that signs in once, creates the account if needed, and then stops working', async () => {
      await members.requestEmailLink('New.Reader@example.in', '/sports/news/x-1', '10.0.4.1', 'en');
      const mail = await t.store.db.selectFrom('outbox').selectAll().where('to_address', '=', 'new.reader@example.in').executeTakeFirstOrThrow();
      assert.match(mail.subject, /sign-in link/);
      const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text_body)![1]!;
      assert.equal((await t.store.db.selectFrom('jobs').select('kind').where('kind', '=', 'mail.send').execute()).length >= 1, true, 'the mail is sent by a job');
      assert.deepEqual(await members.peekEmailLink(token), { email: 'new.reader@example.in' });
      const first = await members.consumeEmailLink(token);
      assert.equal(first.created, true);
      assert.equal(first.returnTo, '/sports/news/x-1');
      assert.ok(first.account.emailVerifiedAt);
      await rejects(members.consumeEmailLink(token), 'BAD_REQUEST');
      assert.equal(await members.peekEmailLink(token), null);
    });

    it('refuses an expired link and limits how many links one email can ask for', async () => {
      await members.requestEmailLink('late@example.in', '/account', '10.0.5.1');
      const mail = await t.store.db.selectFrom('outbox').selectAll().where('to_address', '=', 'late@example.in').executeTakeFirstOrThrow();
      const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text_body)![1]!;
      clock.advance(21 * 60 * 1000);
      await rejects(members.consumeEmailLink(token), 'BAD_REQUEST');
      for (let i = 0; i < THROTTLES.linkEmail.limit; i++) await members.requestEmailLink('late@example.in', '/account', `10.0.6.${i}`);
      await rejects(members.requestEmailLink('late@example.in', '/account', '10.0.7.1'), 'RATE_LIMITED');
    });

    it('keeps a sign-in return path on this site only', () => {
      assert.equal(safeReturnPath('/premium'), '/premium');
      assert.equal(safeReturnPath('//evil.example/x'), '/account');
      assert.equal(safeReturnPath('https://evil.example'), '/account');
      assert.equal(safeReturnPath('/\\evil.example'), '/account');
    });

    it('changes a password only with the current one', async () => {
      const a = await members.signUp({ email: 'pw@example.in', password: 'first password 1', name: '' }, '10.0.8.1');
      await rejects(members.changePassword(a.id, { current: 'not it at all', next: 'second password 2' }), 'VALIDATION');
      await members.changePassword(a.id, { current: 'first password 1', next: 'second password 2' });
      await members.signInWithPassword('pw@example.in', 'second password 2', '10.0.8.1');
    });

    it('gives premium until the latest entitlement in force, and time alone ends it', async () => {
      const a = await members.ensureAccount('vip@example.in');
      const now = clock.now();
      assert.equal(await premiumUntil(t.store.db, a.id, now), null);
      const until = endOfIndianDay('2026-12-31');
      assert.equal(until, '2026-12-31T18:29:59.999Z');
      const g = await grantComplimentary(t.store.db, clock, { accountId: a.id, until, note: 'press pass', grantedBy: null });
      assert.equal(await premiumUntil(t.store.db, a.id, now), until);
      assert.equal((await listGrants(t.store.db, now)).some((x) => x.id === g && x.email === 'vip@example.in'), true);
      assert.equal(await premiumUntil(t.store.db, a.id, new Date('2027-01-01T00:00:00.000Z')), null);
      await revokeGrant(t.store.db, clock, g);
      assert.equal(await premiumUntil(t.store.db, a.id, now), null);
      await rejects(revokeGrant(t.store.db, clock, g), 'NOT_FOUND');
    });

    it('refuses impossible grant dates', () => {
      assert.throws(() => endOfIndianDay('2026-02-31'), AppError);
      assert.throws(() => endOfIndianDay('31/12/2026'), AppError);
    });

    it('meters premium stories per month in India time, counting a story once', async () => {
      const a = await members.ensureAccount('meter@example.in');
      const now = new Date('2026-11-30T19:00:00.000Z');
      assert.equal(meterPeriod(now), '2026-12', '00:30 on 1 December in India');
      assert.equal(await useMeter(t.store.db, { accountId: a.id, articleId: 1, now, limit: 2 }), true);
      assert.equal(await useMeter(t.store.db, { accountId: a.id, articleId: 1, now, limit: 2 }), true);
      assert.equal(await useMeter(t.store.db, { accountId: a.id, articleId: 2, now, limit: 2 }), true);
      assert.equal(await useMeter(t.store.db, { accountId: a.id, articleId: 3, now, limit: 2 }), false);
      assert.equal(await meterRemaining(t.store.db, { accountId: a.id, now, limit: 2 }), 0);
      assert.equal(await useMeter(t.store.db, { accountId: a.id, articleId: 3, now: new Date('2027-01-02T00:00:00.000Z'), limit: 2 }), true);
    });

    it('keeps one entitlement row per subscription in step and removes it when access ends', async () => {
      const a = await members.ensureAccount('sub@example.in');
      const nowIso = clock.now().toISOString();
      const plan = await t.store.db.insertInto('premium_plans').values({ code: `p-${Date.now()}`, name: 'P', description: '', interval: 'month', price_paise: 9900, currency: 'INR', trial_days: 0, active: 1, position: 0, provider_refs: '{}', created_at: nowIso, updated_at: nowIso }).returning('id').executeTakeFirstOrThrow();
      const sub = await t.store.db.insertInto('premium_subscriptions').values({ account_id: a.id, plan_id: plan.id, provider: 'razorpay', provider_subscription_id: 'sub_x', provider_customer_id: null, checkout_ref: null, status: 'active', current_period_start: null, current_period_end: null, cancel_at_period_end: 0, ended_at: null, observed_at: null, price_paise: 9900, created_at: nowIso, updated_at: nowIso }).returning('id').executeTakeFirstOrThrow();
      await setSubscriptionEntitlement(t.store.db, { accountId: a.id, subscriptionId: sub.id, startsAt: nowIso, until: '2026-12-01T00:00:00.000Z', now: nowIso });
      await setSubscriptionEntitlement(t.store.db, { accountId: a.id, subscriptionId: sub.id, startsAt: nowIso, until: '2026-12-29T00:00:00.000Z', now: nowIso });
      assert.equal(await premiumUntil(t.store.db, a.id, clock.now()), '2026-12-29T00:00:00.000Z');
      await setSubscriptionEntitlement(t.store.db, { accountId: a.id, subscriptionId: sub.id, startsAt: nowIso, until: null, now: nowIso });
      assert.equal(await premiumUntil(t.store.db, a.id, clock.now()), null);
    });
  });
});
