import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { createPremiumTestApp, publishPremiumStory, type PremiumTestApp } from '../../../test/helpers/premium-app.js';
import { publishStory } from '../../../test/helpers/fixtures.js';
import { ReaderBrowser } from '../../../test/helpers/reader-browser.js';
import { grantComplimentary, endOfIndianDay } from '../../members/index.js';

/**
 * The paywall leak test: a unique marker sits in the last paragraph of a premium story (and of a
 * members-only one), far past the teaser, and every surface that can show story text is searched for
 * it, as an anonymous visitor and as a signed-in reader without premium. A surface is one line in
 * SURFACES; one whose route is not registered (yet) is reported and skipped, so that adding a feature
 * means adding its line here.
 */
interface Story {
  id: number;
  path: string;
  desk: string;
  tag: string;
  author: string;
  marker: string;
  /** A word of the locked text that is not the marker: what the search surfaces are asked for. */
  term: string;
}
interface Surface {
  name: string;
  /** The registered route that serves it (method GET). */
  route: string;
  url: (s: Story) => string;
}

const SURFACES: Surface[] = [
  { name: 'article page (body, meta tags, Open Graph, Twitter, JSON-LD)', route: '/:desk/news/:seg', url: (s) => s.path },
  { name: 'article JSON API', route: '/api/v1/articles/:id', url: (s) => `/api/v1/articles/${s.id}` },
  { name: 'article list JSON API', route: '/api/v1/articles', url: () => '/api/v1/articles?limit=100' },
  { name: 'article list JSON API by desk', route: '/api/v1/articles', url: (s) => `/api/v1/articles?desk=${s.desk}` },
  { name: 'home page', route: '/', url: () => '/' },
  { name: 'desk page', route: '/:desk', url: (s) => `/${s.desk}` },
  { name: 'tag page', route: '/tag/:tag', url: (s) => `/tag/${s.tag}` },
  { name: 'author page', route: '/author/:author', url: (s) => `/author/${s.author}` },
  { name: 'RSS feed', route: '/rss.xml', url: () => '/rss.xml' },
  { name: 'Atom feed', route: '/atom.xml', url: () => '/atom.xml' },
  { name: 'desk RSS feed', route: '/:desk/rss.xml', url: (s) => `/${s.desk}/rss.xml` },
  { name: 'desk Atom feed', route: '/:desk/atom.xml', url: (s) => `/${s.desk}/atom.xml` },
  { name: 'tag RSS feed', route: '/tag/:tag/rss.xml', url: (s) => `/tag/${s.tag}/rss.xml` },
  { name: 'news sitemap', route: '/sitemap-news.xml', url: () => '/sitemap-news.xml' },
  { name: 'search page', route: '/search', url: (s) => `/search?q=${s.term}` },
  { name: 'search page (headline words)', route: '/search', url: () => `/search?q=${encodeURIComponent('बजट')}` },
  { name: 'search JSON API', route: '/api/v1/search', url: (s) => `/api/v1/search?q=${s.term}` },
  { name: 'search JSON API (headline words)', route: '/api/v1/search', url: () => `/api/v1/search?q=${encodeURIComponent('बजट')}` },
];

const exists = (app: FastifyInstance, route: string) => app.hasRoute({ method: 'GET', url: route });

describe('the paywall never lets locked text leave the server', () => {
  let p: PremiumTestApp;
  let premium: Story;
  let members: Story;
  let free: ReaderBrowser;
  let paid: ReaderBrowser & { accountId: number };
  before(async () => {
    p = await createPremiumTestApp();
    const r = await publishPremiumStory(p, 'ZQXPREMIUMLEAK7', { tagIds: [p.b.tags.cricket], deskId: p.b.desks.sports, slug: 'premium-leak-story' }, 'गुप्तशब्दप्रीमियम');
    premium = { id: r.id, path: `/sports/news/premium-leak-story-${r.id}`, desk: 'sports', tag: 'cricket', author: 'amit-kumar', marker: 'ZQXPREMIUMLEAK7', term: encodeURIComponent('गुप्तशब्दप्रीमियम') };
    const mBody = ['पहला', 'दूसरा', 'तीसरा', 'चौथा', 'गुप्तशब्दसदस्य ZQXMEMBERSLEAK9 आख़िरी'].map((x) => `<p>${x} पैराग्राफ़।</p>`).join('');
    const m = await publishStory(p.h.c.content, p.b, { access: 'members', slug: 'members-leak-story', headline: 'सदस्यों के लिए ख़बर', body: mBody });
    members = { id: m.id, path: `/international/news/members-leak-story-${m.id}`, desk: 'international', tag: 'russia', author: 'amit-kumar', marker: 'ZQXMEMBERSLEAK9', term: encodeURIComponent('गुप्तशब्दसदस्य') };
    free = await p.reader('free-member@example.in');
    paid = await p.reader('paid-member@example.in');
    await grantComplimentary(p.h.c.store.db, p.h.clock, { accountId: paid.accountId, until: endOfIndianDay('2027-01-31'), note: 'test', grantedBy: null });
  });
  after(async () => p?.close());

  const as = (who: 'anonymous' | 'free member') => (url: string) => (who === 'anonymous' ? p.h.app.inject({ method: 'GET', url }) : free.get(url));

  for (const who of ['anonymous', 'free member'] as const) {
    it(`keeps the premium story's locked paragraphs off every surface for ${who === 'anonymous' ? 'an anonymous visitor' : 'a signed-in reader without premium'}`, async (t) => {
      const get = as(who);
      let checked = 0;
      for (const s of SURFACES) {
        if (!exists(p.h.app, s.route)) {
          t.diagnostic(`not checked (route ${s.route} does not exist yet): ${s.name}`);
          continue;
        }
        const res = await get(s.url(premium));
        assert.ok(res.statusCode < 500, `${s.name} answered ${res.statusCode}`);
        assert.equal(res.body.includes(premium.marker), false, `${s.name} (${s.url(premium)}) leaked the locked text to ${who}`);
        assert.equal(res.body.includes('चौथा पैराग्राफ़ केवल सदस्यों के लिए'), false, `${s.name} leaked a locked paragraph to ${who}`);
        checked++;
      }
      assert.ok(checked >= 6, `only ${checked} surfaces were checked`);
    });
  }

  it('keeps a members-only story locked for anonymous visitors everywhere, and opens it to members', async (t) => {
    for (const s of SURFACES) {
      if (!exists(p.h.app, s.route)) continue;
      const res = await p.h.app.inject({ method: 'GET', url: s.url(members) });
      assert.equal(res.body.includes(members.marker), false, `${s.name} leaked a members-only story`);
    }
    const page = await free.get(members.path);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(members.marker), 'a signed-in reader reads a members story');
    t.diagnostic('members story checked');
  });

  it('shows the teaser and the call to action, and declares the paywalled part in JSON-LD', async () => {
    const res = await p.h.app.inject({ method: 'GET', url: premium.path });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /पहला पैराग्राफ़, जो सब पढ़ सकते हैं/);
    assert.match(res.body, /दूसरा पैराग्राफ़, यह भी खुला है/);
    assert.doesNotMatch(res.body, /तीसरा पैराग्राफ़/);
    assert.match(res.body, /class="paywall"/);
    assert.match(res.body, /href="\/premium\?return=/);
    const ld = [...res.body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!) as Record<string, any>);
    const article = ld.find((x) => x['@type'] === 'NewsArticle')!;
    assert.equal(article.isAccessibleForFree, false);
    assert.equal(article.hasPart.isAccessibleForFree, false);
    assert.equal(typeof article.hasPart.cssSelector, 'string');
    assert.equal(article.articleBody, undefined);
    const api = await p.h.app.inject({ method: 'GET', url: `/api/v1/articles/${premium.id}` });
    assert.equal(api.json().locked, true);
  });

  it('gives the whole story to a premium reader, privately (never to a shared cache)', async () => {
    const page = await paid.get(premium.path);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(premium.marker), 'the marker is really in the story');
    assert.equal(page.headers['cache-control'], 'private, no-store');
    assert.match(String(page.headers.vary), /Cookie/);
    const api = await paid.get(`/api/v1/articles/${premium.id}`);
    assert.equal(api.json().locked, false);
    assert.ok(api.body.includes(premium.marker));
    assert.equal(api.headers['cache-control'], 'private, no-store');
    assert.match(String(api.headers.vary), /Cookie/);
    // The anonymous copy that follows is the locked one, whatever a cache saw before.
    const anon = await p.h.app.inject({ method: 'GET', url: premium.path });
    assert.equal(anon.body.includes(premium.marker), false);
  });
});
