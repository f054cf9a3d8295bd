import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { publishStory, seedBasics, storyInput, type Basics } from '../../test/helpers/fixtures.js';
import { staffClient, type StaffClient } from '../../test/helpers/staff.js';
import { eachDialect } from '../../test/helpers/stores.js';
import { saveArticle } from '../content/index.js';
import { backoffMs } from '../jobs/index.js';
import { signatureHeader, verifySignature } from './sign.js';
import { WEBHOOK_MAX_ATTEMPTS } from './deliver.js';

interface Received { headers: IncomingHttpHeaders; body: string; path: string }

/** A partner's receiver on this machine: answers with the next status of its script (the last one repeats). */
async function receiver(script: number[]) {
  const got: Received[] = [];
  let i = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body, path: req.url ?? '' });
      const status = script[Math.min(i++, script.length - 1)]!;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 200 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { got, url, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

async function until<T>(fn: () => Promise<T | undefined | null | false>, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('webhook signatures', () => {
  it('signs `${timestamp}.${body}` with HMAC-SHA256 and verifies only the same body, secret and a recent time', () => {
    const body = '{"type":"article.published"}';
    const header = signatureHeader('whsec_test', 1_700_000_000, body);
    assert.match(header, /^t=1700000000,v1=[0-9a-f]{64}$/);
    assert.equal(verifySignature('whsec_test', header, body, 1_700_000_100), true);
    assert.equal(verifySignature('whsec_test', header, body + ' ', 1_700_000_100), false);
    assert.equal(verifySignature('whsec_other', header, body, 1_700_000_100), false);
    assert.equal(verifySignature('whsec_test', header, body, 1_700_000_000 + 301), false, 'a replay after five minutes');
    assert.equal(verifySignature('whsec_test', undefined, body, 1_700_000_000), false);
  });
});

await eachDialect((dialect, skip) => {
  describe(`outgoing webhooks (${dialect})`, { skip }, () => {
    let h: TestApp;
    let b: Basics;
    let admin: StaffClient;
    before(async () => {
      h = await createTestApp(dialect);
      b = await seedBasics(h.c.content);
      admin = await staffClient(h, 'admin');
    });
    after(async () => { await h?.close(); });

    const hookId = async (url: string) => (await h.c.store.db.selectFrom('webhooks').select(['id', 'secret']).where('url', '=', url).executeTakeFirstOrThrow());
    const deliveriesOf = (id: number) => h.c.store.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', id).orderBy('id').execute();

    it('delivers a signed event, retries with backoff from the job table after a failure, and logs each attempt', async () => {
      const r = await receiver([500, 200]);
      try {
        const form = await admin.post('/newsroom/webhooks', { url: `${r.url}/hook`, description: 'साझेदार', events: ['article.published', 'article.updated'] });
        assert.equal(form.statusCode, 303);
        const hook = await hookId(`${r.url}/hook`);
        const story = await publishStory(h.c.content, b, { slug: 'hook-free', body: '<p>पहला।</p><p>मुक्त-वेबहुक-चिह्न।</p>' });
        const [d] = await until(async () => { const x = await deliveriesOf(hook.id); return x.length ? x : null; });
        assert.equal(d!.status, 'pending');

        assert.equal(await h.c.jobs.runDue(), 1);
        let row = (await deliveriesOf(hook.id))[0]!;
        assert.equal(row.status, 'retrying');
        assert.equal(row.attempts, 1);
        assert.equal(row.last_status_code, 500);
        assert.match(row.last_error ?? '', /answered 500/);
        const job = await h.c.store.db.selectFrom('jobs').selectAll().where('kind', '=', 'webhook.deliver').orderBy('id', 'desc').executeTakeFirstOrThrow();
        assert.equal(Date.parse(job.run_at) - h.clock.now().getTime(), backoffMs(1));

        // Not due yet: nothing is sent until the backoff has passed.
        assert.equal(await h.c.jobs.runDue(), 0);
        h.clock.advance(backoffMs(1));
        assert.equal(await h.c.jobs.runDue(), 1);
        row = (await deliveriesOf(hook.id))[0]!;
        assert.equal(row.status, 'delivered');
        assert.equal(row.attempts, 2);
        assert.equal(row.last_status_code, 200);

        assert.equal(r.got.length, 2);
        assert.equal(r.got[0]!.body, r.got[1]!.body, 'a retry sends the same body');
        for (const g of r.got) {
          assert.equal(g.path, '/hook');
          assert.equal(g.headers['content-type'], 'application/json; charset=utf-8');
          assert.equal(g.headers['samachar-event'], 'article.published');
          assert.ok(verifySignature(hook.secret, String(g.headers['samachar-signature']), g.body, Math.floor(h.clock.now().getTime() / 1000)), 'the signature verifies');
        }
        const payload = JSON.parse(r.got[1]!.body);
        assert.equal(payload.type, 'article.published');
        assert.match(payload.id, /^evt_/);
        assert.equal(payload.data.article.id, story.id);
        assert.equal(payload.data.article.url, `https://news.example/international/news/hook-free-${story.id}`);
        assert.equal(payload.data.article.locked, false);
        assert.match(payload.data.article.body, /मुक्त-वेबहुक-चिह्न/);

        // The newsroom's delivery log shows each attempt with its answer.
        const log = await admin.get(`/newsroom/webhooks/${hook.id}`);
        assert.equal(log.statusCode, 200);
        assert.match(log.body, /article\.published/);
        assert.match(log.body, /प्रयास 1: <time[^>]*>[^<]+<\/time> — 500 — the receiver answered 500/);
        assert.match(log.body, /प्रयास 2: <time[^>]*>[^<]+<\/time> — 200/);
        assert.match(log.body, /पहुँचा/);
        assert.match(log.body, new RegExp(hook.secret));
      } finally {
        await r.close();
      }
    });

    it('never delivers the body of a premium or members-only story', async () => {
      const r = await receiver([200]);
      try {
        await admin.post('/newsroom/webhooks', { url: `${r.url}/premium`, events: ['article.published'] });
        const hook = await hookId(`${r.url}/premium`);
        await publishStory(h.c.content, b, { slug: 'hook-premium', access: 'premium', body: '<p>एक।</p><p>दो।</p><p>गुप्त-वेबहुक-चिह्न।</p>' });
        await publishStory(h.c.content, b, { slug: 'hook-members', access: 'members', body: '<p>एक।</p><p>सदस्य-वेबहुक-चिह्न।</p>' });
        await until(async () => (await deliveriesOf(hook.id)).length === 2);
        while ((await h.c.jobs.runDue()) > 0) { /* deliver everything due */ }
        await until(async () => r.got.length === 2);
        for (const g of r.got) {
          assert.doesNotMatch(g.body, /गुप्त-वेबहुक-चिह्न|सदस्य-वेबहुक-चिह्न/);
          const a = JSON.parse(g.body).data.article;
          assert.equal(a.locked, true);
          assert.equal('body' in a, false);
          assert.equal(a.summary, 'उत्तर कोरिया के नेता ने रूस के राष्ट्रपति को शुभकामनाएँ भेजीं।');
        }
      } finally {
        await r.close();
      }
    });

    it('sends updated and unpublished events to webhooks that asked for them, and match updates', async () => {
      const r = await receiver([200]);
      try {
        await admin.post('/newsroom/webhooks', { url: `${r.url}/all`, events: ['article.updated', 'article.unpublished', 'match.updated'] });
        const hook = await hookId(`${r.url}/all`);
        const s = await publishStory(h.c.content, b, { slug: 'hook-changes' });
        await saveArticle(h.c.content, storyInput(b, { slug: 'hook-changes', headline: 'बदली हुई सुर्ख़ी' }), { id: s.id });
        await saveArticle(h.c.content, { ...storyInput(b, { slug: 'hook-changes', headline: 'बदली हुई सुर्ख़ी' }), status: 'unpublished' }, { id: s.id });
        h.c.bus.publish('match.updated', { matchId: 7, seq: 12, status: 'live', previousStatus: 'live' });
        await until(async () => (await deliveriesOf(hook.id)).length === 3);
        while ((await h.c.jobs.runDue()) > 0) { /* deliver */ }
        const events = (await deliveriesOf(hook.id)).map((d) => [d.event, d.status]).sort((x, y) => x[0]!.localeCompare(y[0]!));
        assert.deepEqual(events, [['article.unpublished', 'delivered'], ['article.updated', 'delivered'], ['match.updated', 'delivered']]);
        const match = JSON.parse(r.got.find((g) => g.headers['samachar-event'] === 'match.updated')!.body);
        assert.deepEqual(match.data.match, { matchId: 7, seq: 12, status: 'live', previousStatus: 'live' });
      } finally {
        await r.close();
      }
    });

    it('queues nothing for an event that came from another instance (that instance queues it)', async () => {
      const r = await receiver([200]);
      try {
        await admin.post('/newsroom/webhooks', { url: `${r.url}/once`, events: ['article.published'] });
        const hook = await hookId(`${r.url}/once`);
        h.c.bus.deliverLocal({ type: 'article.published', payload: { articleId: 1, deskId: 1, tagIds: [], authorIds: [] }, origin: 'another-instance' });
        await new Promise((res) => setTimeout(res, 100));
        assert.equal((await deliveriesOf(hook.id)).length, 0);
      } finally {
        await r.close();
      }
    });

    it('gives up after the last attempt, marks the delivery failed and records why', async () => {
      const r = await receiver([503]);
      await admin.post('/newsroom/webhooks', { url: `${r.url}/down`, events: ['article.published'] });
      const hook = await hookId(`${r.url}/down`);
      await publishStory(h.c.content, b, { slug: 'hook-down' });
      await until(async () => (await deliveriesOf(hook.id)).length === 1);
      for (let i = 0; i < WEBHOOK_MAX_ATTEMPTS; i++) {
        await h.c.jobs.runDue();
        h.clock.advance(2 * 60 * 60 * 1000);
      }
      await r.close();
      const [d] = await deliveriesOf(hook.id);
      assert.equal(d!.status, 'failed');
      assert.equal(d!.attempts, WEBHOOK_MAX_ATTEMPTS);
      const attempts = await h.c.store.db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', d!.id).execute();
      assert.equal(attempts.length, WEBHOOK_MAX_ATTEMPTS);
      assert.ok(attempts.every((a) => a.status_code === 503));
      assert.equal(r.got.length, WEBHOOK_MAX_ATTEMPTS);
    });

    it('logs a receiver that cannot be reached, and cancels deliveries of a webhook switched off', async () => {
      admin = await staffClient(h, 'admin'); // the clock moved on past the earlier session
      const r = await receiver([200]);
      const url = `${r.url}/gone`;
      await r.close();
      await admin.post('/newsroom/webhooks', { url, events: ['article.published'] });
      const hook = await hookId(url);
      await publishStory(h.c.content, b, { slug: 'hook-unreachable' });
      await until(async () => (await deliveriesOf(hook.id)).length === 1);
      await h.c.jobs.runDue();
      let [d] = await deliveriesOf(hook.id);
      assert.equal(d!.status, 'retrying');
      assert.equal(d!.last_status_code, null);
      assert.match(d!.last_error ?? '', /could not connect/);
      assert.equal((await admin.post(`/newsroom/webhooks/${hook.id}/off`, {})).statusCode, 303);
      h.clock.advance(60 * 60 * 1000);
      await h.c.jobs.runDue();
      [d] = await deliveriesOf(hook.id);
      assert.equal(d!.status, 'cancelled');
    });

    it('sends a test ping from the newsroom, and refuses bad webhook forms with reasons', async () => {
      admin = await staffClient(h, 'admin'); // the clock moved on past the earlier session
      const r = await receiver([200]);
      try {
        await admin.post('/newsroom/webhooks', { url: `${r.url}/ping`, events: ['article.published'] });
        const hook = await hookId(`${r.url}/ping`);
        const res = await admin.post(`/newsroom/webhooks/${hook.id}/ping`, {});
        assert.equal(res.statusCode, 303);
        while ((await h.c.jobs.runDue()) > 0) { /* deliver */ }
        assert.equal(JSON.parse(r.got[0]!.body).type, 'ping');
        const bad = await admin.post('/newsroom/webhooks', { url: 'ftp://partner.example/x', events: ['article.deleted'] });
        assert.equal(bad.statusCode, 400);
        assert.match(bad.body, /https:\/\//);
        assert.match(bad.body, /unknown event: article\.deleted/);
        assert.match(bad.body, /value="ftp:\/\/partner\.example\/x"/);
        const list = await admin.get('/newsroom/webhooks');
        assert.match(list.body, new RegExp(`${r.url}/ping`));
        const editor = await staffClient(h, 'editor');
        assert.equal((await editor.get('/newsroom/webhooks')).statusCode, 403);
        assert.equal((await editor.post('/newsroom/webhooks', { url: `${r.url}/x`, events: ['article.published'] })).statusCode, 403);
        assert.equal((await admin.post(`/newsroom/webhooks/${hook.id}/delete`, {})).statusCode, 303);
        assert.equal((await h.c.store.db.selectFrom('webhooks').select('id').where('id', '=', hook.id).execute()).length, 0);
      } finally {
        await r.close();
      }
    });
  });
});
