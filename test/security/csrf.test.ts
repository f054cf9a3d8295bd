import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createNewsroomApp, type NewsroomTestApp } from '../helpers/newsroom.js';
import { ReaderBrowser } from '../helpers/reader-browser.js';
import { SESSION_COOKIE } from '../../src/web/plugins/session.js';
import { formBody, routesOf, storeFingerprint, Tally, UNSAFE_METHODS, type RouteEntry } from './helpers.js';

/**
 * CSRF on every state-changing route, enumerated from the real app: each POST/PUT/PATCH/DELETE is sent
 * with a valid session (an admin's for /newsroom, a reader's elsewhere) but without the token, with a
 * wrong token, and with the right token from another site's Origin; each must answer 403 and change
 * nothing in the store. A route added later is in the list automatically; one that opts out of CSRF
 * (config.csrf === false) must be named in EXEMPT with its reason, or this test fails.
 */
const EXEMPT: Record<string, string> = {
  'POST /webhooks/razorpay': 'payment provider webhook: authenticated by the HMAC signature of the raw body, no browser session involved',
  'POST /webhooks/stripe': 'payment provider webhook: authenticated by the Stripe-Signature header, no browser session involved',
};

describe('CSRF protection on every state-changing route', () => {
  let h: NewsroomTestApp;
  let unsafe: RouteEntry[];
  let adminCookie: string;
  let readerCookie: string;
  const tally = new Tally();
  before(async () => {
    h = await createNewsroomApp();
    unsafe = routesOf(h.app).filter((r) => UNSAFE_METHODS.has(r.method));
    const { token } = await h.c.sessions.create('staff', h.staff.admin.id);
    adminCookie = `${SESSION_COOKIE.staff}=${token}`;
    const reader = new ReaderBrowser(h.app);
    await reader.signUp('csrf-reader@example.in');
    readerCookie = `${SESSION_COOKIE.reader}=${reader.cookies.get(SESSION_COOKIE.reader)}`;
  });
  after(async () => {
    console.log(tally.line('csrf', `${unsafe?.length ?? 0} state-changing routes × 5 forgeries (no token, wrong token, header without cookie, other Origin, JSON without token)`));
    await h?.close();
  });

  const concrete = (url: string) => url.replace(/:rev\b/g, '1').replace(/:action\b/g, 'test').replace(/:[a-zA-Z]+/g, '1');

  it('finds the state-changing routes of the app', () => {
    assert.ok(unsafe.length >= 50, `only ${unsafe.length} routes found`);
    assert.ok(unsafe.some((r) => r.url === '/newsroom/stories/:id/publish'));
    assert.ok(unsafe.some((r) => r.url === '/account/delete'));
  });

  it('refuses every forged request with 403 and changes nothing', async (t) => {
    const before = await storeFingerprint(h.c.store);
    const wrong: string[] = [];
    const good = 'g'.repeat(40);
    for (const r of unsafe) {
      const key = `${r.method} ${r.url}`;
      if (EXEMPT[key]) continue;
      const session = r.url.startsWith('/newsroom') ? adminCookie : readerCookie;
      const url = concrete(r.url);
      const forgeries: Array<[string, Record<string, string>, string]> = [
        ['no token', { cookie: `${session}; sm_csrf=${good}` }, formBody({ name: 'x' })],
        ['wrong token', { cookie: `${session}; sm_csrf=${good}` }, formBody({ _csrf: 'w'.repeat(40), name: 'x' })],
        ['no cookie, token in header', { cookie: session, 'x-csrf-token': good }, formBody({ name: 'x' })],
        ['right token, other site', { cookie: `${session}; sm_csrf=${good}`, origin: 'https://evil.example' }, formBody({ _csrf: good, name: 'x' })],
      ];
      for (const [what, headers, payload] of forgeries) {
        const res = await h.app.inject({ method: r.method as 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload });
        if (!tally.check(res.statusCode === 403, key)) wrong.push(`${key} (${url}) with ${what}: ${res.statusCode}`);
      }
      // JSON bodies (the editor script's) are no different.
      const json = await h.app.inject({ method: r.method as 'POST', url, headers: { 'content-type': 'application/json', cookie: `${session}; sm_csrf=${good}` }, payload: '{"name":"x"}' });
      if (!tally.check(json.statusCode === 403, key)) wrong.push(`${key} (${url}) as JSON without token: ${json.statusCode}`);
    }
    assert.deepEqual(wrong, []);
    assert.deepEqual(await storeFingerprint(h.c.store), before, 'a refused request changed the store');
    t.diagnostic(tally.line('csrf (forged requests)'));
  });

  it('lists every route without CSRF protection, and those still refuse what is not signed', async () => {
    const unprotected: string[] = [];
    for (const r of unsafe) {
      const key = `${r.method} ${r.url}`;
      const session = r.url.startsWith('/newsroom') ? adminCookie : readerCookie;
      const res = await h.app.inject({ method: r.method as 'POST', url: concrete(r.url), headers: { 'content-type': 'application/json', cookie: session }, payload: '{"event":"x"}' });
      const csrfRefused = res.statusCode === 403 && /CSRF|another site|expired/i.test(res.body);
      if (!csrfRefused) unprotected.push(key);
      if (EXEMPT[key]) tally.check(res.statusCode >= 400 && res.statusCode < 500, `${key} refuses an unsigned body`);
      if (EXEMPT[key]) assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${key} answered ${res.statusCode} to an unsigned body`);
    }
    assert.deepEqual(unprotected.sort(), Object.keys(EXEMPT).filter((k) => unsafe.some((r) => `${r.method} ${r.url}` === k)).sort(), 'routes without CSRF protection must be listed in EXEMPT with a reason');
  });

  it('accepts the same request with the right token (the forgeries failed for the token, not the route)', async () => {
    const good = 'g'.repeat(40);
    const res = await h.app.inject({ method: 'POST', url: '/account/profile', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${readerCookie}; sm_csrf=${good}` }, payload: formBody({ _csrf: good, name: 'नया नाम' }) });
    assert.equal(res.statusCode, 303);
    const staff = await h.app.inject({ method: 'POST', url: '/newsroom/tags', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${adminCookie}; sm_csrf=${good}`, origin: 'https://news.example' }, payload: formBody({ _csrf: good, name: 'सीएसआरएफ', slug: 'csrf-ok' }) });
    assert.equal(staff.statusCode, 303);
    tally.check(true, 'control');
  });
});
