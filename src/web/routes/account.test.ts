import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createPremiumTestApp, publishPremiumStory, type PremiumTestApp } from '../../../test/helpers/premium-app.js';
import { ReaderBrowser } from '../../../test/helpers/reader-browser.js';
import { seedBasics } from '../../../test/helpers/fixtures.js';
import { THROTTLES } from '../../members/index.js';
import { savePlan } from '../../payments/index.js';

const DAY = 24 * 60 * 60 * 1000;

describe('reader accounts over HTTP', () => {
  let p: PremiumTestApp;
  before(async () => {
    p = await createPremiumTestApp();
  });
  after(async () => p?.close());

  it('signs up, lands on the account page signed in, signs out and back in', async () => {
    const br = new ReaderBrowser(p.h.app);
    const form = await br.get('/account/signup?return=%2Fpremium');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="_csrf"/);
    assert.match(form.body, /value="\/premium"/);
    const res = await br.post('/account/signup', { email: 'Asha@Example.in', password: 'correct horse battery', name: 'आशा', return: '/premium' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/premium');
    assert.ok(br.signedIn);
    const acct = await br.get('/account');
    assert.equal(acct.statusCode, 200);
    assert.match(acct.body, /asha@example\.in/);
    assert.match(acct.body, /आशा/);
    assert.equal((await br.post('/account/signout')).statusCode, 303);
    assert.equal(br.signedIn, false);
    assert.equal((await br.get('/account')).headers.location, '/account/signin?return=%2Faccount');
    const back = await br.post('/account/signin', { email: 'asha@example.in', password: 'correct horse battery' });
    assert.equal(back.headers.location, '/account?done=signedin');
    assert.match((await br.get('/account?done=signedin')).body, /आप साइन इन हैं/);
  });

  it('rotates the session id on every sign-in', async () => {
    const br = new ReaderBrowser(p.h.app);
    await br.signUp('rotate@example.in');
    const first = br.cookies.get('sm_reader');
    await br.signIn('rotate@example.in');
    assert.notEqual(br.cookies.get('sm_reader'), first);
    const stale = await p.h.app.inject({ method: 'GET', url: '/account', headers: { cookie: `sm_reader=${first}` } });
    assert.equal(stale.statusCode, 303, 'the old session id no longer works');
  });

  it('shows form errors next to the form and keeps what was typed', async () => {
    const br = new ReaderBrowser(p.h.app);
    const res = await br.post('/account/signup', { email: 'not-an-email', password: 'short', name: 'नया पाठक' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /class="form-errors"/);
    assert.match(res.body, /value="नया पाठक"/);
    assert.match(res.body, /aria-invalid="true"/);
    const wrong = await br.post('/account/signin', { email: 'asha@example.in', password: 'not the password' });
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.body, /value="asha@example.in"/);
  });

  it('sends a form posted after the session ended to sign in, and back to where it came from', async () => {
    const res = await new ReaderBrowser(p.h.app).post('/premium/checkout', { plan: String(p.plans.monthly.id), provider: 'razorpay' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account/signin?return=%2Fpremium');
    const api = await p.h.app.inject({ method: 'POST', url: '/account/subscription/cancel', headers: { accept: 'application/json', cookie: 'sm_csrf=abcdefghijklmnopqrstuvwxyz0123456789', 'x-csrf-token': 'abcdefghijklmnopqrstuvwxyz0123456789' } });
    assert.equal(api.statusCode, 401);
  });

  it('refuses a form posted without the CSRF token', async () => {
    const res = await p.h.app.inject({ method: 'POST', url: '/account/signup', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=x%40example.in&password=correct+horse+battery' });
    assert.equal(res.statusCode, 403);
  });

  it('rate-limits repeated failed sign-ins with 429', async () => {
    const br = new ReaderBrowser(p.h.app);
    await br.signUp('limited@example.in');
    await br.post('/account/signout');
    for (let i = 0; i < THROTTLES.signinEmail.limit; i++) assert.equal((await br.post('/account/signin', { email: 'limited@example.in', password: `wrong guess ${i}` })).statusCode, 401);
    const blocked = await br.post('/account/signin', { email: 'limited@example.in', password: 'correct horse battery' });
    assert.equal(blocked.statusCode, 429);
    assert.match(blocked.body, /बहुत सारी कोशिशें/);
    p.h.clock.advance(16 * 60 * 1000);
    assert.equal((await br.post('/account/signin', { email: 'limited@example.in', password: 'correct horse battery' })).statusCode, 303);
  });

  it('signs in with an emailed one-time link after one confirming click, and never follows a foreign return path', async () => {
    const br = new ReaderBrowser(p.h.app);
    const sent = await br.post('/account/signin/link', { email: 'link.reader@example.in', return: '//evil.example/steal' });
    assert.equal(sent.statusCode, 200);
    assert.match(sent.body, /link\.reader@example\.in/);
    const mail = await p.h.c.store.db.selectFrom('outbox').selectAll().where('to_address', '=', 'link.reader@example.in').executeTakeFirstOrThrow();
    const link = /https:\/\/news\.example(\/account\/link\?token=[A-Za-z0-9_-]+)/.exec(mail.text_body)![1]!;
    const confirm = await br.get(link);
    assert.equal(confirm.statusCode, 200);
    // The token is in the URL: the site-wide policy sends no path to other sites.
    assert.equal(confirm.headers['referrer-policy'], 'strict-origin-when-cross-origin');
    assert.equal(br.signedIn, false, 'opening the link alone (a mail scanner) does not use it');
    const token = new URL(link, 'https://x').searchParams.get('token')!;
    const used = await br.post('/account/link', { token });
    assert.equal(used.statusCode, 303);
    assert.equal(used.headers.location, '/account?done=welcome');
    assert.ok(br.signedIn);
    const again = await new ReaderBrowser(p.h.app).post('/account/link', { token });
    assert.equal(again.statusCode, 400);
    assert.equal((await new ReaderBrowser(p.h.app).get(link)).statusCode, 400);
  });

  it('updates the profile and changes the password, signing out other devices', async () => {
    const phone = new ReaderBrowser(p.h.app);
    await phone.signUp('devices@example.in');
    const laptop = new ReaderBrowser(p.h.app);
    await laptop.signIn('devices@example.in');
    assert.equal((await phone.post('/account/profile', { name: 'नया नाम' })).headers.location, '/account?done=profile');
    const bad = await phone.post('/account/password', { current: 'not it', next: 'another long password' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /मौजूदा पासवर्ड सही नहीं है/);
    assert.equal((await phone.post('/account/password', { current: 'correct horse battery', next: 'another long password' })).headers.location, '/account?done=password');
    assert.equal((await phone.get('/account')).statusCode, 200);
    assert.match((await phone.get('/account')).body, /नया नाम/);
    assert.equal((await laptop.get('/account')).statusCode, 303, 'the other device was signed out');
  });

  it('exports the reader’s own data as a JSON download', async () => {
    const br = await p.reader('export@example.in');
    const res = await br.get('/account/export');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="samachar-account-\d+\.json"$/);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const data = res.json();
    assert.equal(data.account.email, 'export@example.in');
    assert.equal('password_hash' in data.account, false);
    assert.ok(Array.isArray(data.subscriptions) && Array.isArray(data.payments) && Array.isArray(data.sessions));
    assert.equal((await new ReaderBrowser(p.h.app).get('/account/export')).statusCode, 303);
  });

  it('deletes an account only when the email is typed, cancels its subscription at once and keeps anonymous receipts', async () => {
    const br = await p.reader('leaving@example.in');
    const checkout = await br.post('/premium/checkout', { plan: String(p.plans.monthly.id), provider: 'razorpay' });
    const subId = /data-subscription="(sub_[A-Za-z0-9]+)"/.exec(checkout.body)![1]!;
    const entity = p.rzp.activate(subId, { start: p.h.clock.now(), end: new Date(p.h.clock.now().getTime() + 30 * DAY) });
    const body = p.rzp.event('subscription.charged', p.h.clock.now(), { subscription: entity, payment: p.rzp.payment({ amount: 14900, at: p.h.clock.now() }) });
    assert.equal((await p.webhook('razorpay', body, { 'x-razorpay-signature': p.rzp.sign(body), 'x-razorpay-event-id': 'evt_delete_1' })).statusCode, 200);
    const confirm = await br.get('/account/delete');
    assert.match(confirm.body, /तुरंत रद्द/);
    const wrong = await br.post('/account/delete', { confirm: 'someone@example.in' });
    assert.equal(wrong.statusCode, 400);
    assert.ok(await p.h.c.store.db.selectFrom('reader_accounts').select('id').where('email', '=', 'leaving@example.in').executeTakeFirst());
    const done = await br.post('/account/delete', { confirm: 'Leaving@example.in' });
    assert.equal(done.statusCode, 200);
    assert.equal(br.signedIn, false);
    assert.equal(await p.h.c.store.db.selectFrom('reader_accounts').select('id').where('email', '=', 'leaving@example.in').executeTakeFirst(), undefined);
    assert.equal(p.rzp.subscriptions.get(subId)!.status, 'cancelled', 'Razorpay was told to stop charging');
    const receipt = await p.h.c.store.db.selectFrom('payment_receipts').select(['account_id', 'amount_paise']).where('provider', '=', 'razorpay').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(receipt.account_id, null);
    assert.equal((await p.h.c.store.db.selectFrom('sessions').select('id_hash').where('kind', '=', 'reader').where('subject_id', '=', br.accountId).execute()).length, 0);
  });

  it('marks every response to a signed-in reader private with Vary: Cookie, and leaves assets cacheable', async () => {
    const br = await p.reader('private@example.in');
    for (const url of ['/', '/premium', '/api/v1/articles', '/account']) {
      const res = await br.get(url);
      assert.equal(res.headers['cache-control'], 'private, no-store', url);
      assert.match(String(res.headers.vary), /Cookie/, url);
    }
    const anon = await p.h.app.inject({ method: 'GET', url: '/premium' });
    assert.doesNotMatch(String(anon.headers['cache-control'] ?? ''), /private/);
  });

  it('shows a new plan on /premium as soon as it is saved, even after the page was cached', async () => {
    const before = await p.h.app.inject({ method: 'GET', url: '/premium' });
    assert.doesNotMatch(before.body, /छात्र प्लान/);
    await savePlan(p.h.c.store.db, p.h.clock, { name: 'छात्र प्लान', interval: 'month', pricePaise: 4900 });
    p.h.c.bus.publish('cache.purge', { tags: ['plans'] });
    const after = await p.h.app.inject({ method: 'GET', url: '/premium' });
    assert.match(after.body, /छात्र प्लान/);
    assert.match(after.body, /₹49/);
  });
});

describe('metering', () => {
  let p: PremiumTestApp;
  before(async () => {
    p = await createPremiumTestApp('sqlite', { meteredStoriesPerMonth: 1 });
  });
  after(async () => p?.close());

  it('lets a signed-in reader open one premium story a month, and never an anonymous visitor', async () => {
    const a = await publishPremiumStory(p, 'METERONEX1', { slug: 'metered-one' });
    const b = await publishPremiumStory(p, 'METERTWOX2', { slug: 'metered-two' });
    const br = await p.reader('meter@example.in');
    const first = await br.get(`/international/news/metered-one-${a.id}`);
    assert.ok(first.body.includes('METERONEX1'));
    assert.ok((await br.get(`/api/v1/articles/${a.id}`)).body.includes('METERONEX1'), 'the same story again does not use another');
    assert.equal((await br.get(`/international/news/metered-two-${b.id}`)).body.includes('METERTWOX2'), false);
    assert.equal((await p.h.app.inject({ method: 'GET', url: `/international/news/metered-one-${a.id}` })).body.includes('METERONEX1'), false);
    assert.match((await br.get('/account')).body, /1 में से 0/);
    p.h.clock.set('2027-01-05T00:00:00.000Z');
    await br.signIn('meter@example.in');
    assert.ok((await br.get(`/international/news/metered-two-${b.id}`)).body.includes('METERTWOX2'), 'a new month, a new story');
  });
});

describe('a site without payment keys', () => {
  let h: TestApp;
  before(async () => {
    h = await createTestApp();
    await seedBasics(h.c.content);
    await savePlan(h.c.store.db, h.clock, { name: 'मासिक', interval: 'month', pricePaise: 9900 });
  });
  after(async () => h?.close());

  it('shows the plans without Subscribe buttons and answers webhooks with 404', async () => {
    const br = new ReaderBrowser(h.app);
    await br.signUp('nokeys@example.in');
    const page = await br.get('/premium');
    assert.match(page.body, /₹99/);
    assert.match(page.body, /ऑनलाइन भुगतान अभी उपलब्ध नहीं है/);
    assert.doesNotMatch(page.body, /action="\/premium\/checkout"/);
    const hook = await h.app.inject({ method: 'POST', url: '/webhooks/razorpay', payload: '{}', headers: { 'content-type': 'application/json', 'x-razorpay-signature': 'x' } });
    assert.equal(hook.statusCode, 404);
    const checkout = await br.post('/premium/checkout', { plan: '1', provider: 'razorpay' });
    assert.equal(checkout.statusCode, 404);
  });
});
