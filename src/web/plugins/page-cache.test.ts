import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync } from 'node:zlib';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { publishStory, seedBasics, storyInput, type Basics } from '../../../test/helpers/fixtures.js';
import { saveArticle } from '../../content/index.js';

describe('page cache', () => {
  let h: TestApp;
  let b: Basics;
  let sportsId: number;
  let intlId: number;
  before(async () => {
    h = await createTestApp();
    b = await seedBasics(h.c.content);
    h.c.bus.publish('site.changed', { what: 'test' });
    intlId = (await publishStory(h.c.content, b, { slug: 'intl-cached' })).id;
    sportsId = (await publishStory(h.c.content, b, { slug: 'sports-cached', deskId: b.desks.sports, tagIds: [b.tags.cricket], headline: 'खेल की ख़बर' })).id;
  });
  after(async () => { await h?.close(); });

  it('serves the second anonymous request from memory and answers 304 to a matching ETag', async () => {
    const first = await h.app.inject('/sports');
    assert.equal(first.headers['x-cache'], 'MISS');
    const second = await h.app.inject('/sports');
    assert.equal(second.headers['x-cache'], 'HIT');
    assert.equal(second.body, first.body);
    assert.match(String(second.headers['cache-control']), /public, max-age=60, stale-while-revalidate=600/);
    assert.match(String(second.headers['surrogate-key']), new RegExp(`desk:${b.desks.sports}`));
    const nm = await h.app.inject({ url: '/sports', headers: { 'if-none-match': String(first.headers.etag) } });
    assert.equal(nm.statusCode, 304);
    assert.equal(nm.body, '');
  });

  it('sends brotli to clients that accept it', async () => {
    await h.app.inject('/');
    const res = await h.app.inject({ url: '/', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(res.headers['content-encoding'], 'br');
    assert.match(brotliDecompressSync(res.rawPayload).toString(), /<!doctype html>/);
  });

  it('purges exactly the pages that show an edited story', async () => {
    const sportsArticle = `/sports/news/sports-cached-${sportsId}`;
    const intlArticle = `/international/news/intl-cached-${intlId}`;
    for (const u of ['/', '/sports', '/international', '/tag/cricket', '/tag/russia', sportsArticle, intlArticle, '/author/amit-kumar']) await h.app.inject(u);
    for (const u of ['/sports', '/international', sportsArticle, intlArticle]) assert.equal((await h.app.inject(u)).headers['x-cache'], 'HIT', u);
    await saveArticle(h.c.content, storyInput(b, { slug: 'sports-cached', deskId: b.desks.sports, tagIds: [b.tags.cricket], headline: 'खेल की ताज़ा ख़बर' }), { id: sportsId });
    for (const u of ['/', '/sports', '/tag/cricket', sportsArticle, '/author/amit-kumar']) {
      const r = await h.app.inject(u);
      assert.equal(r.headers['x-cache'], 'MISS', `${u} was purged`);
    }
    assert.match((await h.app.inject(sportsArticle)).body, /खेल की ताज़ा ख़बर/);
    assert.equal((await h.app.inject('/international')).headers['x-cache'], 'HIT', 'another desk is untouched');
    assert.equal((await h.app.inject('/tag/russia')).headers['x-cache'], 'HIT', 'another tag is untouched');
  });

  it('never caches or serves cached pages to a request with a session cookie', async () => {
    await h.app.inject('/international');
    const res = await h.app.inject({ url: '/international', headers: { cookie: 'sm_reader=abc' } });
    assert.equal(res.headers['x-cache'], undefined);
    assert.match(String(res.headers['cache-control']), /private, no-store/);
  });

  it('does not cache error pages', async () => {
    await h.app.inject('/no-such-desk');
    assert.notEqual((await h.app.inject('/no-such-desk')).headers['x-cache'], 'HIT');
  });

  it('over HTTP, answers hits before the framework with the same headers, 304, brotli and HEAD', async () => {
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(h.app.server.address() as { port: number }).port}`;
    const url = `${base}/international/news/intl-cached-${intlId}`;
    h.c.bus.publish('site.changed', { what: 'test' });
    const miss = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    const missBody = await miss.text();
    assert.equal(miss.headers.get('x-cache'), 'MISS');
    const hit = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(hit.headers.get('x-cache'), 'HIT');
    assert.equal(await hit.text(), missBody);
    for (const name of ['x-content-type-options', 'x-frame-options', 'referrer-policy', 'permissions-policy', 'content-type', 'etag', 'cache-control', 'surrogate-key', 'vary']) {
      assert.equal(hit.headers.get(name), miss.headers.get(name), name);
    }
    const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];
    const policy = (csp: string | null) => String(csp).replace(/'nonce-[^']+'/, "'nonce-N'");
    assert.equal(policy(hit.headers.get('content-security-policy')), policy(miss.headers.get('content-security-policy')), 'the same policy');
    assert.ok(nonceOf(hit.headers.get('content-security-policy')), 'with a nonce');
    assert.notEqual(nonceOf(hit.headers.get('content-security-policy')), nonceOf(miss.headers.get('content-security-policy')), 'a fresh nonce on every hit');
    assert.equal(hit.headers.get('set-cookie'), null, 'a cached answer sets no cookie');
    const br = await fetch(url, { headers: { 'accept-encoding': 'br' } });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(await br.text(), missBody, 'fetch decodes the brotli copy to the same page');
    const nm = await fetch(url, { headers: { 'if-none-match': miss.headers.get('etag')! } });
    assert.equal(nm.status, 304);
    const head = await fetch(url, { method: 'HEAD', headers: { 'accept-encoding': 'identity' } });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('x-cache'), 'HIT');
    assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(missBody)));
    assert.equal(await head.text(), '');
    const withSession = await fetch(url, { headers: { cookie: 'sm_reader=nobody' } });
    assert.notEqual(withSession.headers.get('x-cache'), 'HIT', 'a session cookie never gets the cached copy');
    assert.match(String(withSession.headers.get('cache-control')), /private/);
    await saveArticle(h.c.content, storyInput(b, { slug: 'intl-cached', headline: 'अंतरराष्ट्रीय ख़बर बदली' }), { id: intlId });
    const after = await fetch(url);
    assert.equal(after.headers.get('x-cache'), 'MISS', 'an edit purges the page for the fast path too');
    assert.match(await after.text(), /अंतरराष्ट्रीय ख़बर बदली/);
  });
});
