import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { seedBasics } from '../../../test/helpers/fixtures.js';
import { ReaderBrowser } from '../../../test/helpers/reader-browser.js';
import { addStaff } from '../../newsroom/staff.js';
import { listPlans } from '../../payments/index.js';
import { premiumUntil } from '../../members/index.js';

describe('plans and complimentary premium in the newsroom', () => {
  let h: TestApp;
  let admin: ReaderBrowser;
  let editor: ReaderBrowser;
  before(async () => {
    h = await createTestApp();
    await seedBasics(h.c.content);
    const staff = async (email: string, role: 'admin' | 'editor') => {
      const s = await addStaff(h.c.content, { email, name: role, role, password: 'staff password 123' });
      const { token } = await h.c.sessions.create('staff', s.id);
      const br = new ReaderBrowser(h.app);
      br.cookies.set('sm_staff', token);
      return br;
    };
    admin = await staff('admin@news.example', 'admin');
    editor = await staff('editor@news.example', 'editor');
  });
  after(async () => h?.close());

  it('is for admins only', async () => {
    const anon = await h.app.inject({ method: 'GET', url: '/newsroom/plans' });
    assert.equal(anon.statusCode, 303);
    assert.match(String(anon.headers.location), /^\/newsroom\/login/);
    assert.equal((await editor.get('/newsroom/plans')).statusCode, 403);
    assert.equal((await editor.post('/newsroom/plans', { name: 'x', interval: 'month', price: '10' })).statusCode, 403);
    assert.equal((await admin.get('/newsroom/plans')).statusCode, 200);
  });

  it('creates a plan with a price in rupees and shows it on /premium', async () => {
    const res = await admin.post('/newsroom/plans', { name: 'मासिक प्रीमियम', code: '', interval: 'month', price: 'एक सौ', trialDays: '0', position: '1', description: 'हर महीने', active: '1' });
    assert.equal(res.statusCode, 400, 'a malformed amount is refused');
    const ok = await admin.post('/newsroom/plans', { name: 'मासिक प्रीमियम', code: 'monthly', interval: 'month', price: '₹१४९.५०', trialDays: '7', position: '1', description: 'हर महीने', active: '1' });
    assert.equal(ok.statusCode, 303);
    const plans = await listPlans(h.c.store.db);
    assert.equal(plans.length, 1);
    assert.equal(plans[0]!.pricePaise, 14950);
    assert.equal(plans[0]!.trialDays, 7);
    const page = await h.app.inject({ method: 'GET', url: '/premium' });
    assert.match(page.body, /₹149\.50/);
    assert.match(page.body, /पहले 7 दिन मुफ़्त/);
  });

  it('keeps what was typed and names the field when a plan is not valid', async () => {
    const res = await admin.post('/newsroom/plans', { name: '', code: 'Bad Code', interval: 'week', price: '99' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /name is required/);
    assert.match(res.body, /interval must be month or year/);
    assert.match(res.body, /value="Bad Code"/);
  });

  it('hides a plan from readers and forgets the providers’ plans when its price changes', async () => {
    const [plan] = await listPlans(h.c.store.db);
    await h.c.store.db.updateTable('premium_plans').set({ provider_refs: JSON.stringify({ razorpay: { id: 'plan_Old', pricePaise: 14950, interval: 'month' } }) }).where('id', '=', plan!.id).execute();
    const res = await admin.post(`/newsroom/plans/${plan!.id}`, { name: plan!.name, code: plan!.code, interval: 'month', price: '199', trialDays: '0', position: '1', active: '0' });
    assert.equal(res.statusCode, 303);
    const [after] = await listPlans(h.c.store.db);
    assert.equal(after!.pricePaise, 19900);
    assert.equal(after!.active, false);
    assert.deepEqual(after!.providerRefs, {});
    assert.doesNotMatch((await h.app.inject({ method: 'GET', url: '/premium' })).body, /मासिक प्रीमियम/);
    assert.equal((await admin.post('/newsroom/plans/99999', { name: 'x', interval: 'month', price: '10' })).statusCode, 404);
  });

  it('grants complimentary premium to an email until a date, and revokes it', async () => {
    const reader = new ReaderBrowser(h.app);
    await reader.signUp('guest@example.in');
    const bad = await admin.post('/newsroom/plans/grants', { email: 'guest@example.in', until: '2026-02-31', note: '' });
    assert.equal(bad.statusCode, 400);
    const past = await admin.post('/newsroom/plans/grants', { email: 'guest@example.in', until: '2026-01-01', note: '' });
    assert.equal(past.statusCode, 400);
    const ok = await admin.post('/newsroom/plans/grants', { email: 'Guest@Example.in', until: '2026-12-31', note: 'प्रेस पास' });
    assert.equal(ok.statusCode, 303);
    const acct = await h.c.store.db.selectFrom('reader_accounts').select('id').where('email', '=', 'guest@example.in').executeTakeFirstOrThrow();
    assert.equal(await premiumUntil(h.c.store.db, acct.id, h.clock.now()), '2026-12-31T18:29:59.999Z');
    const page = await admin.get('/newsroom/plans');
    assert.match(page.body, /guest@example\.in/);
    assert.match(page.body, /प्रेस पास/);
    assert.match((await reader.get('/account')).body, /मानार्थ प्रीमियम/);
    const grantId = /\/newsroom\/plans\/grants\/(\d+)\/revoke/.exec(page.body)![1]!;
    assert.equal((await admin.post(`/newsroom/plans/grants/${grantId}/revoke`)).statusCode, 303);
    assert.equal(await premiumUntil(h.c.store.db, acct.id, h.clock.now()), null);
    assert.equal((await admin.post(`/newsroom/plans/grants/${grantId}/revoke`)).statusCode, 404);
  });

  it('creates an account for an email that has none, so the reader can sign in by link', async () => {
    assert.equal((await admin.post('/newsroom/plans/grants', { email: 'newcomer@example.in', until: '2027-03-31', note: '' })).statusCode, 303);
    const acct = await h.c.store.db.selectFrom('reader_accounts').select(['id', 'password_hash']).where('email', '=', 'newcomer@example.in').executeTakeFirstOrThrow();
    assert.equal(acct.password_hash, null);
    assert.ok(await premiumUntil(h.c.store.db, acct.id, h.clock.now()));
  });
});
