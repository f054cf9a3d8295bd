import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createNewsroomApp, Client, PASSWORD, type NewsroomTestApp } from '../helpers/newsroom.js';
import { ReaderBrowser } from '../helpers/reader-browser.js';
import { SESSION_COOKIE } from '../../src/web/plugins/session.js';
import { THROTTLES } from '../../src/members/accounts.js';
import { formBody, Tally } from './helpers.js';

/**
 * Session fixation, server-side sign-out and sign-in rate limits, for staff and readers. The basics are
 * in src/web/routes/newsroom/auth.test.ts and src/web/routes/account.test.ts (rotation on sign-in, the
 * per-account staff limit, the per-address staff limit, the per-email reader limit); this file adds what
 * they do not: a planted session id, a replayed cookie after sign-out for readers, the reader's
 * per-address limit, and the emailed-link limit.
 */
describe('sessions: fixation, sign-out and sign-in limits', () => {
  let h: NewsroomTestApp;
  const tally = new Tally();
  before(async () => { h = await createNewsroomApp(); });
  after(async () => {
    console.log(tally.line('sessions'));
    await h?.close();
  });

  it('never adopts a session id planted before staff sign-in', async () => {
    const planted = 'attacker-chosen-session-id-0123456789abcdef';
    const cl = new Client(h.app);
    cl.cookies.set(SESSION_COOKIE.staff, planted);
    const res = await cl.signIn(h.staff.editor.email);
    assert.equal(res.statusCode, 303);
    const after = cl.cookies.get(SESSION_COOKIE.staff);
    assert.ok(tally.check(Boolean(after) && after !== planted, 'staff: new id'), 'a fresh id is issued');
    const attacker = new Client(h.app);
    attacker.cookies.set(SESSION_COOKIE.staff, planted);
    assert.equal(tally.check((await attacker.get('/newsroom')).statusCode === 303, 'staff: planted id is not signed in') && 303, 303);
  });

  it('never adopts a reader session planted before sign-in, and ends it on the server at sign-out', async () => {
    const victim = new ReaderBrowser(h.app);
    await victim.signUp('victim@example.in');
    await victim.post('/account/signout');
    // The attacker signs in as themselves and plants their session id in the victim's browser.
    const attacker = new ReaderBrowser(h.app);
    await attacker.signUp('attacker@example.in');
    const plantedId = attacker.cookies.get(SESSION_COOKIE.reader)!;
    victim.cookies.set(SESSION_COOKIE.reader, plantedId);
    await victim.signIn('victim@example.in');
    const mine = victim.cookies.get(SESSION_COOKIE.reader)!;
    assert.ok(tally.check(mine !== plantedId, 'reader: new id'), 'the victim gets a new id');
    // The planted session was destroyed: the attacker's own copy no longer signs anyone in.
    const replayPlanted = await h.app.inject({ url: '/account', headers: { cookie: `${SESSION_COOKIE.reader}=${plantedId}` } });
    assert.equal(replayPlanted.statusCode, 303);
    tally.check(true, 'reader: planted session destroyed');
    // Sign-out ends the session on the server: replaying the old cookie finds nobody.
    assert.equal((await victim.get('/account')).statusCode, 200);
    await victim.post('/account/signout');
    const replay = await h.app.inject({ url: '/account', headers: { cookie: `${SESSION_COOKIE.reader}=${mine}` } });
    assert.equal(replay.statusCode, 303, 'the old cookie no longer works');
    assert.equal(await h.c.sessions.get('reader', mine), null);
    tally.check(true, 'reader: sign-out server-side');
  });

  it('ends a staff session on the server at sign-out so the old cookie fails even for data routes', async () => {
    const cl = new Client(h.app);
    await cl.signIn(h.staff.reporter.email);
    const token = cl.cookies.get(SESSION_COOKIE.staff)!;
    await cl.post('/newsroom/logout');
    const res = await h.app.inject({ url: '/newsroom/stories.json?q=a', headers: { cookie: `${SESSION_COOKIE.staff}=${token}` } });
    assert.equal(res.statusCode, 401);
    tally.check(true, 'staff: sign-out server-side (data route)');
  });

  it('limits reader sign-ins per address across many accounts (the documented 100 in 15 minutes)', async () => {
    const ip = '10.20.30.40';
    const send = (email: string, password: string) => h.app.inject({ method: 'POST', url: '/account/signin', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `sm_csrf=${'k'.repeat(32)}`, 'x-forwarded-for': ip }, payload: formBody({ _csrf: 'k'.repeat(32), email, password }) });
    for (let i = 0; i < THROTTLES.signinIp.limit; i++) {
      const r = await send(`nobody${i}@example.in`, 'wrong guess');
      assert.equal(r.statusCode, 401, `attempt ${i}`);
    }
    const limited = await send('someone-else@example.in', 'wrong guess');
    assert.equal(limited.statusCode, 429);
    tally.check(true, 'reader: per-address 429');
    const elsewhere = await h.app.inject({ method: 'POST', url: '/account/signin', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `sm_csrf=${'k'.repeat(32)}`, 'x-forwarded-for': '10.20.30.41' }, payload: formBody({ _csrf: 'k'.repeat(32), email: 'x@example.in', password: 'wrong guess' }) });
    assert.equal(elsewhere.statusCode, 401, 'another address is not affected');
  });

  it('limits emailed sign-in links per email address (3 in 15 minutes)', async () => {
    const br = new ReaderBrowser(h.app);
    const codes: number[] = [];
    for (let i = 0; i <= THROTTLES.linkEmail.limit; i++) codes.push((await br.post('/account/signin/link', { email: 'links@example.in' })).statusCode);
    assert.deepEqual(codes.slice(0, THROTTLES.linkEmail.limit), Array(THROTTLES.linkEmail.limit).fill(200));
    assert.equal(codes.at(-1), 429);
    tally.check(true, 'reader: email link 429');
  });

  it('limits staff sign-in per account whatever the case or spacing of the email', async () => {
    for (let i = 0; i < 5; i++) await new Client(h.app).post('/newsroom/login', { email: i % 2 ? ' ADMIN@news.example ' : 'admin@NEWS.example', password: `wrong-${i}` });
    const res = await new Client(h.app).post('/newsroom/login', { email: h.staff.admin.email, password: PASSWORD });
    assert.equal(res.statusCode, 429);
    assert.ok(Number(res.headers['retry-after']) > 0);
    tally.check(true, 'staff: per-account 429 across spellings');
  });
});
