import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync } from 'node:zlib';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { publishStory, seedBasics, type Basics } from '../../../test/helpers/fixtures.js';
import { saveArticle } from '../../content/index.js';
import { storyInput } from '../../../test/helpers/fixtures.js';

describe('reader site', () => {
  let h: TestApp;
  let b: Basics;
  let storyId: number;
  let path: string;
  before(async () => {
    h = await createTestApp();
    b = await seedBasics(h.c.content);
    h.c.bus.publish('site.changed', { what: 'test' });
    const r = await publishStory(h.c.content, b, { publishedAt: '2025-12-27T08:36:00Z' });
    storyId = r.id;
    path = `/international/news/kim-sends-new-year-message-to-putin-${storyId}`;
  });
  after(async () => { await h?.close(); });

  it('renders every part of the article anatomy', async () => {
    const res = await h.app.inject(path);
    assert.equal(res.statusCode, 200);
    const body = res.body;
    assert.match(body, /<h1>किम ने पुतिन को भेजा नए साल का संदेश<\/h1>/);
    assert.match(body, /Edited By <a href="\/author\/sunita-verma"><strong>Sunita Verma<\/strong><\/a> \| Updated: <time datetime="2025-12-27T08:36:00.000Z">27 Dec, 2025 02:06 PM<\/time>/);
    assert.match(body, /class="standfirst">उत्तर कोरिया के नेता/);
    assert.match(body, /<p><span class="dateline">International Desk:<\/span> /);
    assert.match(body, /Try Premium Service\. Subscribe Now!/);
    assert.match(body, /<link rel="canonical" href="https:\/\/news\.example\/international\/news\/kim-sends-new-year-message-to-putin-\d+">/);
    assert.match(body, /"@type":"NewsArticle"/);
    assert.match(body, /wa\.me/);
    assert.equal((body.match(/<h1[ >]/g) ?? []).length, 1, 'exactly one h1');
    assert.match(body, /<html lang="hi">/);
    assert.match(body, /<main id="main"/);
  });

  it('shows related stories that share a tag', async () => {
    const other = await publishStory(h.c.content, b, { slug: 'russia-related-story', headline: 'रूस से जुड़ी दूसरी ख़बर' });
    // A new story reaches the related blocks of older cached pages when their minute is up; skip the wait.
    h.app.pageCache.purgeAll();
    const res = await h.app.inject(path);
    assert.match(res.body, /Related Story/);
    assert.match(res.body, new RegExp(`russia-related-story-${other.id}`));
  });

  it('escapes a hostile headline and summary everywhere on the page', async () => {
    const r = await saveArticle(h.c.content, storyInput(b, { slug: 'hostile-headline', headline: '<script>alert(1)</script>"><img src=x onerror=alert(2)>', summary: '"><svg onload=alert(3)>' }));
    const res = await h.app.inject(`/international/news/hostile-headline-${r.id}`);
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<script>alert\(1\)/);
    assert.doesNotMatch(res.body, /<img src=x onerror/);
    assert.doesNotMatch(res.body, /<svg onload/);
    assert.match(res.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    const home = await h.app.inject('/');
    assert.doesNotMatch(home.body, /<script>alert\(1\)/);
  });

  it('answers an old slug and a wrong desk with 301 to the current URL', async () => {
    const r = await saveArticle(h.c.content, storyInput(b, { slug: 'first-slug' }));
    await saveArticle(h.c.content, storyInput(b, { slug: 'second-slug' }), { id: r.id });
    const res = await h.app.inject(`/international/news/first-slug-${r.id}`);
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, `/international/news/second-slug-${r.id}`);
    const wrongDesk = await h.app.inject(`/sports/news/second-slug-${r.id}`);
    assert.equal(wrongDesk.statusCode, 301);
  });

  it('answers 404 in Hindi for an unknown story and 410 for a withdrawn one', async () => {
    const missing = await h.app.inject('/international/news/nothing-here-999999');
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /पेज नहीं मिला/);
    const r = await saveArticle(h.c.content, storyInput(b, { slug: 'withdrawn-story' }));
    await saveArticle(h.c.content, storyInput(b, { slug: 'withdrawn-story', status: 'unpublished' }), { id: r.id });
    const gone = await h.app.inject(`/international/news/withdrawn-story-${r.id}`);
    assert.equal(gone.statusCode, 410);
    assert.match(gone.body, /हटा ली गई/);
    const draft = await saveArticle(h.c.content, storyInput(b, { slug: 'never-published', status: 'draft' }));
    assert.equal((await h.app.inject(`/international/news/never-published-${draft.id}`)).statusCode, 404);
  });

  it('shows only the opening of a premium story to an anonymous reader', async () => {
    const r = await saveArticle(h.c.content, storyInput(b, { slug: 'premium-story', access: 'premium', body: '<p>खुला एक।</p><p>खुला दो।</p><p>छिपा-चिह्न-XYZZY तीन।</p><p>छिपा चार।</p>' }));
    const res = await h.app.inject(`/international/news/premium-story-${r.id}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /खुला दो/);
    assert.doesNotMatch(res.body, /XYZZY/);
    assert.match(res.body, /class="paywall"/);
    assert.match(res.body, /"isAccessibleForFree":false/);
  });

  it('renders home, desk, tag and author pages with pagination links', async () => {
    for (let i = 0; i < 22; i++) await publishStory(h.c.content, b, { slug: `sports-story-${i}`, headline: `खेल ख़बर ${i}`, deskId: b.desks.sports, tagIds: [b.tags.cricket], publishedAt: new Date(Date.UTC(2025, 11, 1, 10, i)).toISOString() });
    const home = await h.app.inject('/');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /खेल ख़बर 21/);
    const desk = await h.app.inject('/sports');
    assert.equal(desk.statusCode, 200);
    assert.match(desk.body, /<h1>खेल<\/h1>/);
    assert.match(desk.body, /rel="next" href="\/sports\?page=2"/);
    const page2 = await h.app.inject('/sports?page=2');
    assert.match(page2.body, /खेल ख़बर 0/);
    assert.equal((await h.app.inject('/sports?page=99')).statusCode, 404);
    assert.equal((await h.app.inject('/sports?page=abc')).statusCode, 400);
    const tag = await h.app.inject('/tag/cricket');
    assert.equal(tag.statusCode, 200);
    assert.match(tag.body, /<h1>क्रिकेट<\/h1>/);
    const author = await h.app.inject('/author/amit-kumar');
    assert.equal(author.statusCode, 200);
    assert.match(author.body, /<h1>अमित कुमार<\/h1>/);
    assert.equal((await h.app.inject('/tag/no-such-tag')).statusCode, 404);
    assert.equal((await h.app.inject('/no-such-desk')).statusCode, 404);
  });

  it('sends security headers and serves fingerprinted assets as immutable', async () => {
    const res = await h.app.inject('/');
    assert.match(String(res.headers['content-security-policy']), /script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    const css = /href="(\/assets\/site\.[a-f0-9]{12}\.css)"/.exec(res.body)?.[1];
    assert.ok(css, 'stylesheet link');
    const asset = await h.app.inject(css!);
    assert.equal(asset.statusCode, 200);
    assert.match(String(asset.headers['cache-control']), /immutable/);
  });

  it('keeps a story under 100 KB before images: one font, stylesheets and scripts sent compressed', async () => {
    const br = { 'accept-encoding': 'gzip, deflate, br' };
    const page = await h.app.inject({ url: path, headers: br });
    assert.equal(page.headers['content-encoding'], 'br');
    const html = brotliDecompressSync(page.rawPayload).toString('utf8');
    const assets = [...new Set([...html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:css|js|woff2))"/g)].map((m) => m[1]!))];
    let bytes = page.rawPayload.length;
    let fonts = 0;
    for (const url of assets) {
      const res = await h.app.inject({ url, headers: br });
      assert.equal(res.statusCode, 200, url);
      if (!url.endsWith('.woff2')) assert.equal(res.headers['content-encoding'], 'br', `${url} is sent compressed`);
      if (url.endsWith('.css')) {
        const text = (await h.app.inject(url)).body;
        const linked = [...text.matchAll(/url\((\/assets\/[^)]+\.woff2)\)/g)].map((m) => m[1]!);
        assert.ok(linked.length <= 1, `${url} declares one font file, not ${linked.length}`);
        for (const f of linked.filter((f) => !assets.includes(f))) bytes += (await h.app.inject(f)).rawPayload.length;
      }
      if (url.endsWith('.woff2')) fonts++;
      bytes += res.rawPayload.length;
    }
    assert.ok(fonts <= 1, 'at most one preloaded font');
    assert.ok(bytes < 100 * 1024, `${bytes} bytes before images`);
    assert.ok(assets.some((a) => /\/site\.[a-f0-9]{12}\.css$/.test(a)), 'the stylesheet is counted');
    const icon = /<link rel="icon" href="(\/assets\/icon\.[a-f0-9]{12}\.svg)"/.exec(html)?.[1];
    assert.ok(icon, 'an icon, so that browsers do not ask for a missing /favicon.ico');
    assert.equal((await h.app.inject(icon!)).headers['content-type'], 'image/svg+xml');
  });

  it('answers /healthz with the store it uses', async () => {
    const res = await h.app.inject('/healthz');
    assert.equal(res.statusCode, 200);
    assert.deepEqual({ ...(res.json() as Record<string, unknown>), storeMs: 0 }, { status: 'ok', store: 'sqlite', storeMs: 0 });
  });
});
