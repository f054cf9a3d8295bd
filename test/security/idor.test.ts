import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createNewsroomApp, signedIn, storyForm, type Client, type NewsroomTestApp } from '../helpers/newsroom.js';
import { publishStory } from '../helpers/fixtures.js';
import { ReaderBrowser } from '../helpers/reader-browser.js';
import { storeFingerprint, Tally } from './helpers.js';

/**
 * Insecure direct object references. Reporters: by design (README, "Newsroom") a reporter writes and
 * edits their own drafts only, so every story route with another reporter's id must refuse (the role
 * matrix in roles.test.ts checks the editor page, save, revisions and preview; this adds the rest).
 * Readers: account routes take no ids at all (the account is the session's), so a reader can only be
 * shown to reach their own data; there are no bookmarks in the product. Unpublished and scheduled
 * stories: not reachable by id through reader pages, the API, search, feeds or live-blog endpoints.
 */
describe('IDOR: ids that belong to someone else', () => {
  let h: NewsroomTestApp;
  let owner: Client;
  let other: Client;
  let draftId: number;
  let revId: number;
  const tally = new Tally();
  before(async () => {
    h = await createNewsroomApp();
    owner = await signedIn(h, 'reporter');
    other = await signedIn(h, 'reporter2');
    const res = await owner.post('/newsroom/stories', storyForm(h, { headline: 'गुप्त मसौदा ZQXDRAFT1', slug: 'secret-draft', summary: 'मसौदे का सार ZQXDRAFT1', body_html: '<p>पहला पैराग्राफ़ ZQXBODYTEXT मसौदा।</p>' }));
    assert.equal(res.statusCode, 303);
    draftId = Number(/\/newsroom\/stories\/(\d+)/.exec(String(res.headers.location))![1]);
    revId = (await h.c.store.db.selectFrom('revisions').select('id').where('article_id', '=', draftId).executeTakeFirstOrThrow()).id;
  });
  after(async () => {
    console.log(tally.line('idor'));
    await h?.close();
  });

  it("refuses a reporter every route of another reporter's draft, and changes nothing", async () => {
    const before = await storeFingerprint(h.c.store, ['sessions', 'staff_sessions', 'audit_log']);
    const S = draftId, R = revId;
    const gets = [`/newsroom/stories/${S}`, `/newsroom/stories/${S}?revision=${R}`, `/newsroom/stories/${S}/preview`, `/newsroom/stories/${S}/revisions`, `/newsroom/stories/${S}/revisions/${R}`, `/newsroom/stories/${S}/revisions/diff?from=${R}&to=${R}`];
    const posts: Array<[string, Record<string, string>]> = [
      [`/newsroom/stories/${S}`, { action: 'save', headline: 'बदला', version: '1' }], [`/newsroom/stories/${S}/submit`, {}], [`/newsroom/stories/${S}/revisions/${R}/restore`, {}],
    ];
    const wrong: string[] = [];
    for (const u of gets) {
      const r = await other.get(u);
      if (!tally.check(r.statusCode === 403 || r.statusCode === 404, u)) wrong.push(`GET ${u}: ${r.statusCode}`);
      if (!tally.check(!r.body.includes('ZQXDRAFT1'), `${u} body`)) wrong.push(`GET ${u} shows the draft`);
    }
    for (const [u, f] of posts) {
      const r = await other.post(u, f);
      if (!tally.check(r.statusCode === 403 || r.statusCode === 404, u)) wrong.push(`POST ${u}: ${r.statusCode}`);
    }
    // A complete, valid body (a partial one is refused as invalid before ownership is looked at).
    const auto = await other.postJson(`/newsroom/stories/${S}/autosave`, { ...storyForm(h, { headline: 'बदला हुआ शीर्षक' }), version: 1 });
    if (!tally.check(auto.statusCode === 403 || auto.statusCode === 404, 'autosave')) wrong.push(`POST autosave: ${auto.statusCode}`);
    assert.deepEqual(wrong, []);
    assert.deepEqual(await storeFingerprint(h.c.store, ['sessions', 'staff_sessions', 'audit_log']), before);
    // The owner still can (the refusals were about ownership, not the routes).
    assert.equal((await owner.get(`/newsroom/stories/${S}/revisions/${R}`)).statusCode, 200);
  });

  it("lists another reporter's draft in none of the newsroom's lists a reporter sees", async () => {
    // A reporter's story list holds their own stories only (policies.listAllStories), the headline lookup
    // (stories.json) published stories only, and the newsroom search follows the story list: a reporter
    // learns nothing there of a draft they cannot open, not even its headline.
    const wrong: string[] = [];
    for (const u of ['/newsroom/stories.json?q=ZQXDRAFT1', '/newsroom/api/search?q=ZQXDRAFT1', '/newsroom?q=ZQXDRAFT1']) {
      const r = await other.get(u);
      assert.equal(r.statusCode, 200, u);
      // The list page echoes its query in the filter box, so for it the link to the draft is what counts.
      const listed = r.body.includes(`/newsroom/stories/${draftId}`) || (!u.startsWith('/newsroom?') && r.body.includes('ZQXDRAFT1'));
      if (!tally.check(!listed, u)) wrong.push(`${u} lists the draft`);
    }
    assert.deepEqual(wrong, []);
  });

  it("does not quote another reporter's draft in newsroom search, and still finds it for its owner and editors", async () => {
    const wrong: string[] = [];
    for (const q of ['ZQXBODYTEXT', 'ZQXDRAFT1']) {
      const r = await other.get(`/newsroom/api/search?q=${q}`);
      assert.equal(r.statusCode, 200);
      const results = JSON.stringify(r.json().results ?? []);
      if (!tally.check(!/ZQX(BODYTEXT|DRAFT1)|मसौदे का सार/.test(results), `api ${q}`)) wrong.push(`/newsroom/api/search?q=${q} quotes the draft: ${results.slice(0, 300)}`);
    }
    // The page echoes its query, so it is asked for words of the headline and of the body instead.
    for (const words of ['गुप्त', 'पैराग्राफ़']) {
      const r = await other.get(`/newsroom/search?q=${encodeURIComponent(words)}`);
      assert.equal(r.statusCode, 200);
      const shown = /ZQX(BODYTEXT|DRAFT1)|मसौदे का सार/.test(r.body) || r.body.includes(`/newsroom/stories/${draftId}`);
      if (!tally.check(!shown, `page ${words}`)) wrong.push(`/newsroom/search?q=${words} shows the draft`);
    }
    assert.deepEqual(wrong, []);

    // The rule is not simply "no drafts": the owner and an editor find it, body text and all.
    const editor = await signedIn(h, 'editor');
    for (const who of [owner, editor]) {
      const api = await who.get('/newsroom/api/search?q=ZQXBODYTEXT');
      assert.match(JSON.stringify(api.json().results), /ZQXBODYTEXT/);
      const page = await who.get(`/newsroom/search?q=${encodeURIComponent('पैराग्राफ़')}`);
      assert.match(page.body, /ZQXBODYTEXT/);
      assert.ok(page.body.includes(`/newsroom/stories/${draftId}`));
    }
  });

  it('keeps drafts, scheduled and withdrawn stories out of reach of readers by id', async () => {
    const sched = await publishStory(h.c.content, h.b, { slug: 'scheduled-story', headline: 'निर्धारित ख़बर ZQXSCHED', status: 'draft' });
    await h.c.store.db.updateTable('articles').set({ scheduled_at: '2030-01-01T00:00:00.000Z' } as never).where('id', '=', sched.id).execute();
    const gone = await publishStory(h.c.content, h.b, { slug: 'gone-story', headline: 'हटाई गई ख़बर ZQXGONE' });
    await h.c.store.db.updateTable('articles').set({ status: 'unpublished' } as never).where('id', '=', gone.id).execute();
    h.c.bus.publish('site.changed', { what: 'test' });
    const reader = new ReaderBrowser(h.app);
    await reader.signUp('idor-reader@example.in');
    const wrong: string[] = [];
    for (const [id, marker, words] of [[draftId, 'ZQXDRAFT1', 'गुप्त मसौदा'], [sched.id, 'ZQXSCHED', 'निर्धारित ख़बर'], [gone.id, 'ZQXGONE', 'हटाई गई ख़बर']] as const) {
      // Searches ask for the headline's words (the search page echoes its query, so not the marker).
      const w = encodeURIComponent(words);
      for (const u of [`/international/news/secret-draft-${id}`, `/international/news/scheduled-story-${id}`, `/international/news/gone-story-${id}`, `/international/news/x-${id}`, `/api/v1/articles/${id}`, `/api/v1/liveblogs/${id}`, `/?p=${id}`, '/api/v1/articles?limit=100', `/api/v1/search?q=${w}`, `/api/v1/search/suggest?q=${w}`, `/search?q=${w}`, '/rss.xml', '/sitemap-news.xml', '/sitemaps/articles-1.xml', `/newsroom/stories/${id}/preview`]) {
        for (const [who, get] of [['anonymous', (x: string) => h.app.inject({ url: x })], ['reader', (x: string) => reader.get(x)]] as const) {
          const r = await get(u);
          const ok = r.statusCode < 500 && !r.body.includes(marker) && !(u.startsWith('/api/v1/articles/') && r.statusCode === 200);
          if (!tally.check(ok, `${who} ${u}`)) wrong.push(`${who} ${u}: ${r.statusCode}${r.body.includes(marker) ? ' shows the story' : ''}`);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });

  it("gives a reader only their own account, whatever they send", async () => {
    const a = new ReaderBrowser(h.app);
    await a.signUp('alice@example.in', 'correct horse battery', 'ऐलिस');
    const b = new ReaderBrowser(h.app);
    await b.signUp('bob@example.in', 'correct horse battery', 'बॉब');
    const bobId = (await h.c.store.db.selectFrom('reader_accounts').select('id').where('email', '=', 'bob@example.in').executeTakeFirstOrThrow()).id;
    // Ids in the query or the form are ignored: the account is always the session's.
    const exp = await a.get(`/account/export?id=${bobId}&accountId=${bobId}`);
    assert.equal(exp.statusCode, 200);
    assert.ok(exp.body.includes('alice@example.in') && !exp.body.includes('bob@example.in'));
    const page = await a.get(`/account?id=${bobId}`);
    assert.ok(!page.body.includes('bob@example.in'));
    await a.post('/account/profile', { name: 'बदला हुआ', id: String(bobId), accountId: String(bobId) });
    const bob = await h.c.store.db.selectFrom('reader_accounts').select('name').where('id', '=', bobId).executeTakeFirstOrThrow();
    assert.equal(bob.name, 'बॉब');
    const del = await a.post('/account/delete', { confirm: 'bob@example.in', id: String(bobId) });
    assert.equal(del.statusCode, 400);
    assert.ok(await h.c.store.db.selectFrom('reader_accounts').select('id').where('id', '=', bobId).executeTakeFirst());
    await a.post('/account/subscription/cancel', { id: String(bobId) });
    tally.check(true, 'reader: export, page, profile, delete, cancel are the session account only');
  });
});
