import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { publishStory, seedBasics, type Basics } from '../../test/helpers/fixtures.js';
import { loadConfig } from '../config/index.js';
import { CDN_PURGE_JOB } from './cdn-purge.js';

interface Got { headers: http.IncomingHttpHeaders; body: { surrogate_keys: string[] } }

describe('CDN purge by surrogate key', () => {
  let h: TestApp;
  let b: Basics;
  let cdn: http.Server;
  const got: Got[] = [];
  let answer = 200;
  before(async () => {
    cdn = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        got.push({ headers: req.headers, body: JSON.parse(body) as Got['body'] });
        res.writeHead(answer, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      });
    });
    await new Promise<void>((r) => cdn.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}/service/abc/purge`;
    h = await createTestApp('sqlite', { cdnPurgeUrl: url, cdnPurgeHeaders: { 'Fastly-Key': 'secret-token' } });
    b = await seedBasics(h.c.content);
  });
  after(async () => {
    await h?.close();
    await new Promise((r) => cdn.close(r));
  });

  const pending = () => h.c.store.db.selectFrom('jobs').selectAll().where('kind', '=', CDN_PURGE_JOB).where('done_at', 'is', null).where('failed_at', 'is', null).execute();

  it('sends the keys of exactly the pages that show a published story, with the configured headers', async () => {
    got.length = 0;
    const story = await publishStory(h.c.content, b, { slug: 'cdn-story' });
    assert.equal((await pending()).length, 1, 'one purge queued');
    await h.c.jobs.runDue();
    assert.equal(got.length, 1);
    const keys = got[0]!.body.surrogate_keys;
    for (const k of [`article:${story.id}`, 'home', 'feeds', 'sitemaps', `desk:${b.desks.intl}`]) assert.ok(keys.includes(k), k);
    assert.equal(got[0]!.headers['surrogate-key'], keys.join(' '));
    assert.equal(got[0]!.headers['fastly-key'], 'secret-token');
    // What the CDN holds carries the same keys (and `all`).
    const page = await h.app.inject('/international');
    assert.match(String(page.headers['surrogate-key']), new RegExp(`\\bdesk:${b.desks.intl}\\b.*\\ball$`));
  });

  it('keeps a purge the CDN refused and tries it again later', async () => {
    got.length = 0;
    answer = 503;
    await publishStory(h.c.content, b, { slug: 'cdn-story-2' });
    await h.c.jobs.runDue();
    assert.equal(got.length, 1);
    const [job] = await pending();
    assert.ok(job, 'the purge is still pending');
    assert.equal(job.attempts, 1);
    assert.match(String(job.last_error), /503/);
    answer = 200;
  });

  it('purges once for an event that several instances hear, and again for a later event', async () => {
    const purges = () => h.c.store.db.selectFrom('jobs').select(['id', 'payload', 'done_at']).where('kind', '=', CDN_PURGE_JOB).where('payload', '=', JSON.stringify({ keys: ['all'] })).execute();
    // The same event, heard from another instance (a bridge delivers it with its origin) and here.
    h.c.bus.deliverLocal({ type: 'site.changed', payload: { what: 'desks' }, origin: 'another-instance' });
    h.c.bus.publish('site.changed', { what: 'desks' });
    let rows = await purges();
    assert.equal(rows.length, 1, 'one purge job');
    assert.equal(rows[0]!.done_at, null);
    got.length = 0;
    await h.c.jobs.runDue();
    assert.equal(got.filter((g) => g.body.surrogate_keys.join(' ') === 'all').length, 1, 'sent once');
    h.c.bus.publish('site.changed', { what: 'tags' });
    rows = await purges();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.done_at, null, 'a later event asks for the purge again');
  });

  it('refuses a purge URL or header lines it cannot use, with the setting named', () => {
    assert.throws(() => loadConfig({}, { CDN_PURGE_URL: 'not a url' }), /CDN_PURGE_URL must be an absolute http\(s\) URL/);
    assert.throws(() => loadConfig({}, { CDN_PURGE_URL: 'ftp://cdn.example/purge' }), /CDN_PURGE_URL must use http or https/);
    assert.throws(() => loadConfig({}, { CDN_PURGE_URL: 'https://cdn.example/purge', CDN_PURGE_HEADERS: 'no colon here' }), /CDN_PURGE_HEADERS must be lines of "Header-Name: value"/);
    const ok = loadConfig({}, { CDN_PURGE_URL: 'https://api.fastly.com/service/x/purge', CDN_PURGE_HEADERS: 'Fastly-Key: abc;;X-Other: 1' });
    assert.deepEqual(ok.cdnPurgeHeaders, { 'Fastly-Key': 'abc', 'X-Other': '1' });
  });
});
