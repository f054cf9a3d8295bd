import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { publishStory, seedBasics, storyInput, type Basics } from '../../../test/helpers/fixtures.js';
import { staffClient } from '../../../test/helpers/staff.js';
import { eachDialect } from '../../../test/helpers/stores.js';
import { saveArticle } from '../../content/index.js';
import { searchModule } from '../../search/index.js';

const UA = 'Mozilla/5.0 (Linux; Android 14) Chrome/130 Mobile';

await eachDialect((dialect, skip) => {
  describe(`search over HTTP on ${dialect}`, { skip }, () => {
    let h: TestApp;
    let b: Basics;
    const ids: Record<string, number> = {};
    const json = (url: string, headers: Record<string, string> = {}) => h.app.inject({ url, headers });

    before(async () => {
      h = await createTestApp(dialect);
      b = await seedBasics(h.c.content);
      ids.soldiers = (await publishStory(h.c.content, b, { slug: 'soldiers', headline: 'सीमा पर तैनात सैनिकों को नई वर्दी', summary: 'सर्दी में <b>सैनिक</b> गर्म रहेंगे।', publishedAt: '2026-11-25T06:00:00Z' })).id;
      ids.premium = (await publishStory(h.c.content, b, {
        slug: 'premium-soldiers', headline: 'सैनिक कल्याण पर विशेष रिपोर्ट', summary: 'रिपोर्ट का सार।', access: 'premium', publishedAt: '2026-11-24T06:00:00Z',
        body: '<p>खुला पहला पैराग्राफ़।</p><p>खुला दूसरा पैराग्राफ़।</p><p>बंद हिस्से में सैनिक पेंशन का तहख़ाना ब्योरा।</p>',
      })).id;
      for (let i = 0; i < 12; i++) await publishStory(h.c.content, b, { slug: `market-${i}`, headline: `बाज़ार में तेज़ी ${i}`, deskId: i % 2 ? b.desks.sports : b.desks.intl, publishedAt: `2026-11-1${i % 10}T0${i % 10}:00:00Z` });
      ids.draft = (await saveArticle(h.c.content, storyInput(b, { slug: 'draft-soldiers', headline: 'सैनिकों पर अधूरा मसौदा', status: 'draft' }))).id;
      await searchModule(h.c).idle();
    });
    after(() => h.close());

    it('serves a search page that works without JavaScript: a GET form, results with marked words, escaped text', async () => {
      const empty = await h.app.inject({ url: '/search' });
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /<form class="searchbox-form" role="search" method="get" action="\/search">/);
      assert.match(empty.body, /name="q"/);
      assert.doesNotMatch(empty.body, /class="results"/);

      const r = await h.app.inject({ url: `/search?q=${encodeURIComponent('सैनिकों')}` });
      assert.equal(r.statusCode, 200);
      assert.match(r.headers['content-type'] as string, /text\/html/);
      assert.match(r.body, /<meta name="robots" content="noindex, follow">/);
      assert.match(r.body, /<a href="\/international\/news\/soldiers-\d+">सीमा पर तैनात <mark>सैनिकों<\/mark> को नई वर्दी<\/a>/);
      assert.ok(r.body.includes('सर्दी में &lt;b&gt;<mark>सैनिक</mark>&lt;/b&gt; गर्म रहेंगे।'), 'story text is escaped, only <mark> is ours');
      assert.ok(!r.body.includes('अधूरा मसौदा'), 'drafts are not for readers');
      assert.ok(!r.body.includes('तहख़ाना'), 'locked premium text is never quoted');
      assert.match(r.body, /value="सैनिकों"/, 'the box keeps the query');
    });

    it('pages through results and keeps the filters in the page links', async () => {
      const r = await h.app.inject({ url: `/search?q=${encodeURIComponent('बाज़ार')}` });
      assert.match(r.body, /“बाज़ार” के लिए 12 परिणाम/);
      assert.match(r.body, /href="\/search\?q=%E0%A4%AC%E0%A4%BE%E0%A4%9C%E0%A4%BC%E0%A4%BE%E0%A4%B0&amp;page=2"/);
      const desk = await h.app.inject({ url: `/search?q=${encodeURIComponent('बाजार')}&desk=sports` });
      assert.match(desk.body, /“बाजार” के लिए 6 परिणाम/);
      assert.match(desk.body, /<option value="sports" selected>/);
    });

    it('answers the JSON API in its contract, with marked snippets and a total', async () => {
      const r = await json(`/api/v1/search?q=sainik`);
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['access-control-allow-origin'], '*');
      const body = r.json() as { results: Record<string, unknown>[]; total: number; page: number };
      assert.equal(body.total, 2);
      assert.deepEqual(body.results.map((x) => x.id), [ids.soldiers, ids.premium]);
      const first = body.results[0]!;
      for (const k of ['id', 'url', 'headline', 'snippet', 'publishedAt']) assert.ok(k in first, k);
      assert.equal(first.url, `https://news.example/international/news/soldiers-${ids.soldiers}`);
      assert.equal(first.snippet, 'सर्दी में &lt;b&gt;<mark>सैनिक</mark>&lt;/b&gt; गर्म रहेंगे।');
      assert.ok(!JSON.stringify(body).includes('तहख़ाना'));
      const page2 = (await json(`/api/v1/search?q=${encodeURIComponent('बाज़ार')}&page=2&limit=5`)).json() as { results: unknown[]; total: number };
      assert.equal(page2.results.length, 5);
      assert.equal(page2.total, 12);
      const beyond = (await json(`/api/v1/search?q=${encodeURIComponent('बाज़ार')}&page=9`)).json() as { results: unknown[]; total: number };
      assert.deepEqual(beyond, { results: [], total: 12, page: 9, limit: 10 });
    });

    it('finds a premium story by its locked words yet quotes only its public part', async () => {
      const body = (await json(`/api/v1/search?q=${encodeURIComponent('तहख़ाना')}`)).json() as { results: { id: number; snippet: string }[] };
      assert.deepEqual(body.results.map((x) => x.id), [ids.premium]);
      assert.ok(!body.results[0]!.snippet.includes('तहख़ाना'));
      assert.ok(!body.results[0]!.snippet.includes('बंद हिस्से'));
    });

    it('refuses bad parameters with a clear JSON 400 naming every problem', async () => {
      const cases: [string, string[]][] = [
        ['/api/v1/search', ['q']],
        ['/api/v1/search?q=%20%20', ['q']],
        ['/api/v1/search?q=a&q=b', ['q']],
        [`/api/v1/search?q=${'क'.repeat(201)}`, ['q']],
        ['/api/v1/search?q=x&page=0&limit=500', ['page', 'limit']],
        ['/api/v1/search?q=x&desk=Sports!', ['desk']],
        ['/api/v1/search?q=x&desk=no-such-desk', ['desk']],
        ['/api/v1/search?q=x&author=nobody', ['author']],
        ['/api/v1/search?q=x&from=2026-02-30', ['from']],
        ['/api/v1/search?q=x&from=2026-11-20&to=2026-11-01', ['to']],
      ];
      for (const [url, fields] of cases) {
        const r = await json(url);
        assert.equal(r.statusCode, 400, url);
        assert.match(r.headers['content-type'] as string, /application\/json/);
        const err = (r.json() as { error: { code: string; message: string; issues: { field: string }[] } }).error;
        assert.equal(err.code, 'VALIDATION', url);
        assert.deepEqual(err.issues.map((i) => i.field), fields, url);
      }
      const page = await h.app.inject({ url: '/search?q=x&page=abc' });
      assert.equal(page.statusCode, 400);
      assert.match(page.headers['content-type'] as string, /text\/html/);
    });

    it('filters the API by desk, author and dates (days in India time)', async () => {
      const sports = (await json(`/api/v1/search?q=${encodeURIComponent('बाज़ार')}&desk=sports&limit=50`)).json() as { total: number };
      assert.equal(sports.total, 6);
      const author = (await json(`/api/v1/search?q=sainik&author=amit-kumar`)).json() as { total: number };
      assert.equal(author.total, 2);
      const day = (await json(`/api/v1/search?q=sainik&from=2026-11-25&to=2026-11-25`)).json() as { results: { id: number }[] };
      assert.deepEqual(day.results.map((x) => x.id), [ids.soldiers]);
    });

    it('suggests headlines as the reader types', async () => {
      const r = await json(`/api/v1/search/suggest?q=${encodeURIComponent('सैनि')}`);
      assert.equal(r.statusCode, 200);
      const s = (r.json() as { suggestions: { id: number; path: string; headline: string; url: string }[] }).suggestions;
      assert.ok(s.some((x) => x.id === ids.soldiers && x.path.startsWith('/international/news/') && x.url.startsWith('https://news.example/')));
      assert.ok(!s.some((x) => x.id === ids.draft));
      assert.equal((await json('/api/v1/search/suggest')).statusCode, 400);
      assert.deepEqual((await json('/api/v1/search/suggest?q=%E0%A4%B8')).json(), { suggestions: [] });
    });

    it('keeps the newsroom search for staff, and shows drafts with their status to those who may open them', async () => {
      const anon = await h.app.inject({ url: '/newsroom/search?q=x' });
      assert.equal(anon.statusCode, 303);
      assert.match(anon.headers.location as string, /^\/newsroom\/login\?return=/);
      const anonJson = await json('/newsroom/api/search?q=x', { accept: 'application/json' });
      assert.equal(anonJson.statusCode, 401);
      const editor = await staffClient(h, 'editor');
      const page = await editor.get(`/newsroom/search?q=${encodeURIComponent('सैनिक')}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('अधूरा मसौदा'));
      assert.match(page.body, new RegExp(`href="/newsroom/stories/${ids.draft}"`));
      assert.match(page.headers['cache-control'] as string, /no-store/);
      assert.match(page.body, /<a href="\/newsroom\/search" aria-current="page">खोज<\/a>/, 'the newsroom menu leads to search');
      const api = await h.app.inject({ url: `/newsroom/api/search?q=${encodeURIComponent('सैनिक')}`, headers: { cookie: editor.cookie, accept: 'application/json' } });
      const body = api.json() as { results: { id: number; status: string; editPath: string }[]; total: number };
      assert.equal(body.total, 3);
      assert.equal(body.results.find((x) => x.id === ids.draft)!.status, 'draft');
      // A reporter finds what their story list shows: published stories, and drafts of their own only.
      const reporter = await staffClient(h, 'reporter');
      const theirs = await reporter.get(`/newsroom/search?q=${encodeURIComponent('सैनिक')}`);
      assert.equal(theirs.statusCode, 200);
      assert.ok(!theirs.body.includes('अधूरा मसौदा'), 'someone else’s draft is not shown to a reporter');
      const theirsApi = await h.app.inject({ url: `/newsroom/api/search?q=${encodeURIComponent('सैनिक')}`, headers: { cookie: reporter.cookie, accept: 'application/json' } });
      assert.equal((theirsApi.json() as { total: number }).total, 2);
    });

    it('lets editors, not reporters, pin and remove related stories through the JSON endpoint', async () => {
      const reporter = await staffClient(h, 'reporter');
      const editor = await staffClient(h, 'editor');
      const url = `/newsroom/api/related?article=${ids.soldiers}`;
      assert.equal((await h.app.inject({ url, headers: { cookie: reporter.cookie, accept: 'application/json' } })).statusCode, 403);
      const view = await h.app.inject({ url, headers: { cookie: editor.cookie, accept: 'application/json' } });
      assert.equal(view.statusCode, 200);
      assert.equal((view.json() as { articleId: number }).articleId, ids.soldiers);
      const post = (payload: unknown, csrf = true) => h.app.inject({
        method: 'POST', url: '/newsroom/api/related', payload: JSON.stringify(payload),
        headers: { cookie: editor.cookie, accept: 'application/json', 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': editor.csrf } : {}) },
      });
      const target = ids.premium;
      assert.equal((await post({ article: ids.soldiers, related: target, action: 'pin' }, false)).statusCode, 403, 'the form token is required');
      const bad = await post({ article: ids.soldiers, related: target, action: 'bump' });
      assert.equal(bad.statusCode, 400);
      assert.equal((bad.json() as { error: { issues: { field: string }[] } }).error.issues[0]!.field, 'action');
      const pinned = await post({ article: ids.soldiers, related: target, action: 'pin', position: 0 });
      assert.equal(pinned.statusCode, 200);
      const body = pinned.json() as { related: { id: number; pinned: boolean }[] };
      assert.deepEqual(body.related[0], { ...body.related[0], id: target, pinned: true });
      const article = await h.app.inject({ url: `/international/news/soldiers-${ids.soldiers}` });
      assert.ok(article.body.indexOf(`premium-soldiers-${target}`) > article.body.indexOf('id="related-h"'), 'the article page shows the pin');
    });

    it('counts reads with a cookieless beacon and shows the most read in the sidebar', async () => {
      const article = await h.app.inject({ url: `/international/news/soldiers-${ids.soldiers}` });
      assert.ok(article.body.includes(`data-view-beacon="/api/v1/views/${ids.soldiers}"`));
      assert.ok(article.body.includes(`<noscript><img src="/api/v1/views/${ids.soldiers}.gif"`));
      for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
        const r = await h.app.inject({ url: `/api/v1/views/${ids.soldiers}`, headers: { 'user-agent': UA }, remoteAddress: ip });
        assert.equal(r.statusCode, 204);
        assert.equal(r.headers['set-cookie'], undefined);
        assert.match(r.headers['cache-control'] as string, /no-store/);
      }
      const gif = await h.app.inject({ url: `/api/v1/views/${ids.premium}.gif`, headers: { 'user-agent': UA }, remoteAddress: '10.0.0.9' });
      assert.equal(gif.statusCode, 200);
      assert.equal(gif.headers['content-type'], 'image/gif');
      await h.app.inject({ url: `/api/v1/views/${ids.premium}`, headers: { 'user-agent': 'Googlebot/2.1' }, remoteAddress: '10.0.0.8' });
      assert.equal((await h.app.inject({ url: '/api/v1/views/abc' })).statusCode, 404);
      assert.equal(await searchModule(h.c).views.flush(), 4);
      const home = await h.app.inject({ url: '/' });
      const widget = /<section class="widget" id="most-read"[\s\S]*?<\/section>/.exec(home.body)?.[0] ?? '';
      assert.ok(widget.includes('सबसे ज़्यादा पढ़ी गईं'), 'the widget is on the home page');
      assert.ok(widget.indexOf(`soldiers-${ids.soldiers}`) < widget.indexOf(`premium-soldiers-${ids.premium}`), 'most read first');
    });
  });
});
