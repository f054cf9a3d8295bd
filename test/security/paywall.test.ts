import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createPremiumTestApp, publishPremiumStory, type PremiumTestApp } from '../helpers/premium-app.js';
import { Tally } from './helpers.js';

/**
 * The surfaces src/web/routes/paywall-leak.test.ts does not list (it covers the article page, article
 * APIs, home/desk/tag/author pages, site/desk/tag feeds, the news sitemap and search page/API): search
 * suggestions, the remaining feeds and sitemaps, the live-blog API, the legacy ?p= redirect, the
 * newsroom preview for an anonymous visitor, oEmbed/AMP (reported when absent), and the page cache after
 * an entitled reader's visit.
 */
describe('paywall leak sweep: the remaining surfaces', () => {
  let p: PremiumTestApp;
  let id: number;
  let path: string;
  const MARK = 'ZQXPAYWALL42';
  const tally = new Tally();
  before(async () => {
    p = await createPremiumTestApp();
    const r = await publishPremiumStory(p, MARK, { tagIds: [p.b.tags.cricket], slug: 'paywall-sweep' }, 'गोपनीयशब्द');
    id = r.id;
    path = `/international/news/paywall-sweep-${id}`;
  });
  after(async () => {
    console.log(tally.line('paywall'));
    await p?.close();
  });

  it('keeps the locked text off every remaining surface for an anonymous visitor and a free reader', async (t) => {
    const free = await p.reader('free-sweep@example.in');
    const term = encodeURIComponent('गोपनीयशब्द');
    const urls = [
      `/api/v1/search/suggest?q=${term}`, `/api/v1/search/suggest?q=${encodeURIComponent('प्रीमियम')}`, '/tag/cricket/atom.xml', '/author/amit-kumar/rss.xml', '/author/amit-kumar/atom.xml',
      '/international/rss.xml', '/sitemap.xml', '/sitemaps/articles-1.xml', '/sitemaps/tags-1.xml', '/sitemaps/authors-1.xml', '/sitemaps/desks.xml',
      `/api/v1/liveblogs/${id}`, `/?p=${id}`, `/newsroom/stories/${id}/preview`, `/newsroom/api/search?q=${term}`, `/search?q=${term}&desk=international`,
      `/api/v1/articles?tag=cricket`, `/api/v1/articles?author=amit-kumar`, `/oembed?url=${encodeURIComponent(`https://news.example${path}`)}`, `${path}/amp`, `/amp${path}`,
    ];
    for (const [who, get] of [['anonymous', (u: string) => p.h.app.inject({ url: u })], ['free reader', (u: string) => free.get(u)]] as const) {
      for (const u of urls) {
        const res = await get(u);
        if (res.statusCode === 404 && /oembed|amp/.test(u)) { t.diagnostic(`${u}: not present (404)`); continue; }
        assert.ok(res.statusCode < 500, `${u} answered ${res.statusCode}`);
        assert.equal(res.body.includes(MARK), false, `${u} leaked the locked text to ${who}`);
        assert.equal(res.body.includes('चौथा पैराग्राफ़ केवल सदस्यों के लिए'), false, `${u} leaked a locked paragraph to ${who}`);
        tally.check(true, `${who} ${u}`);
      }
    }
  });

  it('never serves the entitled copy from the page cache, in any order of visits', async () => {
    const paid = await p.reader('paid-sweep@example.in');
    const { grantComplimentary, endOfIndianDay } = await import('../../src/members/index.js');
    await grantComplimentary(p.h.c.store.db, p.h.clock, { accountId: paid.accountId, until: endOfIndianDay('2027-01-31'), note: 'test', grantedBy: null });
    for (const u of [path, `/api/v1/articles/${id}`, '/', '/international', '/rss.xml']) {
      await p.h.app.inject({ url: u });
      const mine = await paid.get(u);
      assert.ok(mine.statusCode < 500);
      // A cookie that merely looks like a session, and a plain visitor, after the entitled visit.
      for (const headers of [{}, { cookie: 'sm_reader=forged-session-value' }, { cookie: 'sm_staff=forged' }, { 'accept-encoding': 'br' }, { 'accept-encoding': 'gzip' }]) {
        const res = await p.h.app.inject({ url: u, headers });
        const enc = res.headers['content-encoding'];
        const body = enc === 'br' ? brotliDecompressSync(res.rawPayload).toString() : enc === 'gzip' ? gunzipSync(res.rawPayload).toString() : res.body;
        assert.equal(body.includes(MARK), false, `${u} with ${JSON.stringify(headers)} leaked after an entitled visit`);
        tally.check(true, `cache ${u}`);
      }
    }
    const full = await paid.get(path);
    assert.ok(full.body.includes(MARK), 'the premium reader does get the text (the marker is real)');
  });
});
