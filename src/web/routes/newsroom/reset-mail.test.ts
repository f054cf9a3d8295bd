import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createNewsroomApp, Client, PASSWORD, type NewsroomTestApp } from '../../../../test/helpers/newsroom.js';

interface Received { to: string[]; raw: string }

/** Decodes the text part of a simple message (quoted-printable or base64, as nodemailer writes them). */
function textOf(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const enc = /content-transfer-encoding:\s*([\w-]+)/i.exec(head ?? '')?.[1]?.toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

describe('password reset through a real SMTP server', () => {
  let h: NewsroomTestApp;
  let smtp: SMTPServer;
  const inbox: Received[] = [];
  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const port = (smtp.server.address() as AddressInfo).port;
    h = await createNewsroomApp('sqlite', { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Samachar <newsroom@news.example>' });
  });
  after(async () => {
    await h?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('mails a one-time link that sets a new password and ends old sessions', async () => {
    const old = new Client(h.app);
    assert.equal((await old.signIn(h.staff.editor.email)).statusCode, 303);

    const cl = new Client(h.app);
    const asked = await cl.post('/newsroom/forgot', { email: 'Editor@News.Example' });
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /लिंक भेज दिया गया है/);
    assert.equal(await h.c.jobs.runDue(), 1);
    assert.equal(inbox.length, 1);
    const mail = inbox[0]!;
    assert.deepEqual(mail.to, ['editor@news.example']);
    assert.match(mail.raw, /^From: Samachar <newsroom@news\.example>/m);
    const text = textOf(mail.raw);
    assert.match(text, /नमस्ते संजय संपादक/);
    const link = /https:\/\/news\.example\/newsroom\/reset\?token=([A-Za-z0-9_-]+)/.exec(text);
    assert.ok(link, `a reset link in: ${text}`);
    const path = `/newsroom/reset?token=${link[1]}`;

    const form = await cl.get(path);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, new RegExp(`name="token" value="${link[1]}"`));
    const mismatch = await cl.post('/newsroom/reset', { token: link[1]!, password: 'नया-पासवर्ड-2026', confirm: 'कुछ-और-2026' });
    assert.equal(mismatch.statusCode, 400);
    const done = await cl.post('/newsroom/reset', { token: link[1]!, password: 'नया-पासवर्ड-2026', confirm: 'नया-पासवर्ड-2026' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/newsroom/login?done=reset');

    assert.equal((await old.get('/newsroom')).statusCode, 303, 'the session from before the reset has ended');
    assert.equal((await new Client(h.app).signIn(h.staff.editor.email, PASSWORD)).statusCode, 401);
    assert.equal((await new Client(h.app).signIn(h.staff.editor.email, 'नया-पासवर्ड-2026')).statusCode, 303);

    assert.equal((await cl.get(path)).statusCode, 410, 'the link works once');
    const again = await cl.post('/newsroom/reset', { token: link[1]!, password: 'तीसरा-पासवर्ड-2026', confirm: 'तीसरा-पासवर्ड-2026' });
    assert.equal(again.statusCode, 410);
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const before = inbox.length;
    const res = await new Client(h.app).post('/newsroom/forgot', { email: 'stranger@elsewhere.example' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /लिंक भेज दिया गया है/);
    await h.c.jobs.runDue();
    assert.equal(inbox.length, before);
  });

  it('refuses an expired link', async () => {
    const cl = new Client(h.app);
    await cl.post('/newsroom/forgot', { email: h.staff.reporter.email });
    await h.c.jobs.runDue();
    const link = /token=([A-Za-z0-9_-]+)/.exec(textOf(inbox.at(-1)!.raw))!;
    h.clock.advance(61 * 60 * 1000);
    assert.equal((await cl.get(`/newsroom/reset?token=${link[1]}`)).statusCode, 410);
    assert.equal((await cl.post('/newsroom/reset', { token: link[1]!, password: 'नया-पासवर्ड-2026', confirm: 'नया-पासवर्ड-2026' })).statusCode, 410);
  });

  it('sends at most three links an hour to one address, answering the same way', async () => {
    const before = inbox.length;
    for (let i = 0; i < 5; i++) {
      const res = await new Client(h.app).post('/newsroom/forgot', { email: h.staff.reporter2.email });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /लिंक भेज दिया गया है/);
    }
    await h.c.jobs.runDue();
    assert.equal(inbox.length - before, 3);
  });

  it('sends a new staff member a link to set their first password', async () => {
    const admin = new Client(h.app);
    assert.equal((await admin.signIn(h.staff.admin.email)).statusCode, 303);
    const res = await admin.post('/newsroom/staff', { name: 'नई रिपोर्टर', nameEn: 'New Reporter', email: 'new.reporter@news.example', role: 'reporter', password: '' });
    assert.equal(res.statusCode, 303);
    await h.c.jobs.runDue();
    const mail = inbox.at(-1)!;
    assert.deepEqual(mail.to, ['new.reporter@news.example']);
    const link = /token=([A-Za-z0-9_-]+)/.exec(textOf(mail.raw))!;
    const cl = new Client(h.app);
    assert.equal((await cl.post('/newsroom/reset', { token: link[1]!, password: 'पहला-पासवर्ड-2026', confirm: 'पहला-पासवर्ड-2026' })).statusCode, 303);
    assert.equal((await new Client(h.app).signIn('new.reporter@news.example', 'पहला-पासवर्ड-2026')).statusCode, 303);
  });
});
