import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createNewsroomApp, Client, PASSWORD, signedIn, type NewsroomTestApp } from '../../../../test/helpers/newsroom.js';
import { SESSION_COOKIE } from '../../plugins/session.js';
import { SIGNIN_LIMITS } from '../../../newsroom/index.js';

describe('newsroom sign-in', () => {
  let h: NewsroomTestApp;
  before(async () => { h = await createNewsroomApp(); });
  after(async () => { await h?.close(); });

  it('shows the sign-in form with a CSRF token and sends a signed-in visitor on', async () => {
    const cl = new Client(h.app);
    const res = await cl.get('/newsroom/login?return=%2Fnewsroom%2Fmedia');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<input type="hidden" name="_csrf" value="[A-Za-z0-9_-]{32,64}">/);
    assert.match(res.body, /name="return" value="\/newsroom\/media"/);
    const signed = await signedIn(h, 'editor');
    const again = await signed.get('/newsroom/login');
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, '/newsroom');
  });

  it('signs in with email and password and issues a new session id, ending the old one', async () => {
    const cl = new Client(h.app);
    const { token: old } = await h.c.sessions.create('staff', h.staff.editor.id);
    cl.cookies.set(SESSION_COOKIE.staff, old);
    const res = await cl.post('/newsroom/login', { email: 'EDITOR@news.example ', password: PASSWORD, return: '/newsroom/media' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/newsroom/media');
    const fresh = cl.cookies.get(SESSION_COOKIE.staff);
    assert.ok(fresh && fresh !== old, 'a new session id');
    assert.equal(await h.c.sessions.get('staff', old), null, 'the old session is gone');
    const set = String(([] as string[]).concat(res.headers['set-cookie'] as string[]).find((c) => c.startsWith(`${SESSION_COOKIE.staff}=`)));
    assert.match(set, /HttpOnly/);
    assert.match(set, /SameSite=Lax/);
    assert.match(set, /Secure/);
    assert.equal((await cl.get('/newsroom')).statusCode, 200);
  });

  it('refuses a wrong password with 401 and keeps the email in the form', async () => {
    const cl = new Client(h.app);
    const res = await cl.post('/newsroom/login', { email: h.staff.admin.email, password: 'wrong-password-1' });
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /ईमेल या पासवर्ड सही नहीं है/);
    assert.match(res.body, /value="admin@news\.example"/);
    assert.equal(cl.cookies.get(SESSION_COOKIE.staff), undefined);
  });

  it('never sends a signed-in member outside the newsroom', async () => {
    for (const target of ['https://evil.example/', '//evil.example', '/\\evil.example', '/account']) {
      const cl = new Client(h.app);
      const res = await cl.post('/newsroom/login', { email: h.staff.editor.email, password: PASSWORD, return: target });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/newsroom', `return=${target}`);
    }
  });

  it('refuses a sign-in form without its CSRF token', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/newsroom/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `email=${encodeURIComponent(h.staff.editor.email)}&password=${encodeURIComponent(PASSWORD)}` });
    assert.equal(res.statusCode, 403);
  });

  it('pauses an account after repeated failures, even for the right password, until the window passes', async () => {
    const email = h.staff.reporter2.email;
    for (let i = 0; i < SIGNIN_LIMITS.perAccount; i++) {
      const r = await new Client(h.app).post('/newsroom/login', { email, password: `wrong-password-${i}` });
      assert.equal(r.statusCode, 401);
    }
    const limited = await new Client(h.app).post('/newsroom/login', { email, password: PASSWORD });
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.match(limited.body, /15 मिनट/);
    const other = await new Client(h.app).post('/newsroom/login', { email: h.staff.reporter.email, password: PASSWORD });
    assert.equal(other.statusCode, 303, 'other accounts are not affected');
    h.clock.advance(SIGNIN_LIMITS.windowMs + 1000);
    const later = await new Client(h.app).post('/newsroom/login', { email, password: PASSWORD });
    assert.equal(later.statusCode, 303);
  });

  it('pauses sign-ins from one address that tries many accounts', async () => {
    for (let i = 0; i < SIGNIN_LIMITS.perAddress; i++) {
      await new Client(h.app).post('/newsroom/login', { email: `nobody${i}@news.example`, password: 'wrong-password-1' });
    }
    const res = await new Client(h.app).post('/newsroom/login', { email: h.staff.admin.email, password: PASSWORD });
    assert.equal(res.statusCode, 429);
    h.clock.advance(SIGNIN_LIMITS.windowMs + 1000);
    assert.equal((await new Client(h.app).post('/newsroom/login', { email: h.staff.admin.email, password: PASSWORD })).statusCode, 303);
  });

  it('records sign-ins and failures in the audit log', async () => {
    const rows = await h.c.store.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', 'in', ['signin', 'signin.failed']).execute();
    assert.ok(rows.some((r) => r.action === 'signin' && r.actor_id === h.staff.editor.id));
    assert.ok(rows.some((r) => r.action === 'signin.failed' && r.actor_id === h.staff.admin.id));
  });

  it('signs out and ends the session on the server', async () => {
    const cl = await signedIn(h, 'reporter');
    const token = cl.cookies.get(SESSION_COOKIE.staff)!;
    const res = await cl.post('/newsroom/logout');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/newsroom/login?done=signedout');
    assert.equal(await h.c.sessions.get('staff', token), null);
    const replay = new Client(h.app);
    replay.cookies.set(SESSION_COOKIE.staff, token);
    assert.equal((await replay.get('/newsroom')).statusCode, 303);
  });

  it('changes a password only with the current one, ending every other session', async () => {
    const a = await signedIn(h, 'reporter');
    const b = await signedIn(h, 'reporter');
    const wrong = await a.post('/newsroom/account/password', { current: 'not-my-password', password: 'नया-पासवर्ड-456', confirm: 'नया-पासवर्ड-456' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /current password is not right/);
    const mismatch = await a.post('/newsroom/account/password', { current: PASSWORD, password: 'नया-पासवर्ड-456', confirm: 'नया-पासवर्ड-789' });
    assert.equal(mismatch.statusCode, 400);
    const short = await a.post('/newsroom/account/password', { current: PASSWORD, password: 'short', confirm: 'short' });
    assert.equal(short.statusCode, 400);
    const ok = await a.post('/newsroom/account/password', { current: PASSWORD, password: 'नया-पासवर्ड-456', confirm: 'नया-पासवर्ड-456' });
    assert.equal(ok.statusCode, 303);
    assert.equal((await a.get('/newsroom')).statusCode, 200, 'this session goes on');
    assert.equal((await b.get('/newsroom')).statusCode, 303, 'the other session ended');
    assert.equal((await new Client(h.app).signIn(h.staff.reporter.email, PASSWORD)).statusCode, 401);
    assert.equal((await new Client(h.app).signIn(h.staff.reporter.email, 'नया-पासवर्ड-456')).statusCode, 303);
  });

  it('lets an admin switch a member off, which ends their sessions and stops their sign-in', async () => {
    const victim = await signedIn(h, 'reporter2');
    const admin = await signedIn(h, 'admin');
    const res = await admin.post(`/newsroom/staff/${h.staff.reporter2.id}`, { name: 'दूसरा रिपोर्टर', role: 'reporter' });
    assert.equal(res.statusCode, 303);
    assert.equal((await victim.get('/newsroom')).statusCode, 303);
    assert.equal((await new Client(h.app).signIn(h.staff.reporter2.email)).statusCode, 401);
    const self = await admin.post(`/newsroom/staff/${h.staff.admin.id}`, { name: 'अनीता एडमिन', role: 'editor', active: '1' });
    assert.equal(self.statusCode, 400, 'an admin cannot demote themselves');
    await admin.post(`/newsroom/staff/${h.staff.reporter2.id}`, { name: 'दूसरा रिपोर्टर', role: 'reporter', active: '1' });
    assert.equal((await new Client(h.app).signIn(h.staff.reporter2.email)).statusCode, 303);
  });

  it('switches the newsroom to English and remembers it', async () => {
    const cl = await signedIn(h, 'editor');
    const res = await cl.get('/newsroom/lang?to=en&return=%2Fnewsroom%2Fmedia');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/newsroom/media');
    const page = await cl.get('/newsroom/media');
    assert.match(page.body, /<html lang="en">/);
    assert.match(page.body, /Media library/);
  });
});
