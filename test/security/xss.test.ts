import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createNewsroomApp, signedIn, storyForm, type Client, type NewsroomTestApp } from '../helpers/newsroom.js';
import { importContext } from '../../src/importers/index.js';
import { importNdjson } from '../../src/importers/ndjson.js';
import { importWxr } from '../../src/importers/wxr.js';
import { importGhost } from '../../src/importers/ghost.js';
import { cspNonce, formBody, htmlProblems, jsonLdOf, jsonProblems, metaContent, Tally, xmlProblems } from './helpers.js';

/**
 * The XSS corpus: each payload goes in through every input a person can type into (the newsroom's story
 * form: headline, summary, body HTML, tags, dateline; desk names; staff names, who become authors; the
 * reader's display name; the search box; live-blog updates; cricket team and player names; and the three
 * importers), and every surface that shows the value is parsed with htmlparser2 and checked for markup
 * that came from the payload (helpers.ts: htmlProblems, xmlProblems, jsonProblems).
 */
export const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<svg/onload=alert(1)//',
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">क्लिक</a>',
  '<a href=" JaVaScRiPt&#58;alert(1)">दो</a>',
  '<iframe src="https://evil.example/"></iframe>',
  '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
  '<div style="width:expression(alert(1))">x</div>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">d</a>',
  '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
  '</script><script>alert(1)</script>',
  "{{constructor.constructor('alert(1)')()}}",
  '${alert(1)}<%= 7*7 %>',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '\\u003cscript\\u003ealert(1)\\u003c/script\\u003e',
  '＜script＞alert(1)＜/script＞',
  '<img src=x:alert(alt) onerror=eval(src) alt=0>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<object data="javascript:alert(1)"></object><embed src="data:text/html,x">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="https://evil.example/">',
  '" autofocus onfocus=alert(1) x="',
  "' onmouseover='alert(1)",
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
];

const INPUTS = ['headline', 'summary', 'body HTML', 'body link href', 'tags', 'dateline', 'desk names', 'staff/author name', 'reader display name', 'search query', 'search suggestions', 'live-blog update', 'cricket match title/teams/players', 'NDJSON import', 'WXR import', 'Ghost import'];

/** One surface fetched for one payload: HTML pages, JSON answers, XML feeds. */
type Kind = 'html' | 'json' | 'xml';

describe('the XSS corpus through every input and every surface', () => {
  let h: NewsroomTestApp;
  let admin: Client;
  const tally = new Tally();
  const surfaces = new Set<string>();
  before(async () => {
    h = await createNewsroomApp('sqlite', { baseUrl: 'https://news.example' });
    admin = await signedIn(h, 'admin');
  });
  after(async () => {
    console.log(tally.line('xss', `${PAYLOADS.length} payloads × ${INPUTS.length} inputs × ${surfaces.size} surfaces`));
    await h?.close();
  });

  async function check(who: Client | null, kind: Kind, name: string, url: string, extra?: (body: string) => string[], htmlFields?: string[]): Promise<string[]> {
    surfaces.add(name);
    const res = who ? await who.get(url) : await h.app.inject({ method: 'GET', url });
    const problems: string[] = [];
    if (res.statusCode >= 500) problems.push(`${name} ${url}: answered ${res.statusCode}`);
    const body = res.body;
    if (kind === 'html') problems.push(...htmlProblems(body, cspNonce(res.headers), `${name} ${url}`));
    else if (kind === 'json') problems.push(...jsonProblems(body, `${name} ${url}`, htmlFields));
    else problems.push(...xmlProblems(body, `${name} ${url}`));
    if (extra) problems.push(...extra(body));
    tally.check(problems.length === 0, `${name} ${url}`);
    return problems;
  }

  async function post(cl: Client, url: string, form: Record<string, string | string[] | number>) {
    const res = await cl.post(url, form);
    assert.ok(res.statusCode < 500, `${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    return res;
  }

  it('never lets a payload typed into the newsroom, the reader site or the live desk become markup', async (t) => {
    const problems: string[] = [];
    for (const [i, p] of PAYLOADS.entries()) {
      // Desk, staff member (an author), then a story carrying the payload in every field, published.
      const deskSlug = `xss-desk-${i}`;
      await post(admin, '/newsroom/desks', { slug: deskSlug, nameHi: `डेस्क ${p}`, nameEn: `Desk ${p}`, datelineLabel: `${p} Desk`, position: 50 + i });
      const desk = await h.c.store.db.selectFrom('desks').select('id').where('slug', '=', deskSlug).executeTakeFirst();
      assert.ok(desk, `desk ${i} was created (${p})`);
      await post(admin, '/newsroom/staff', { email: `xss${i}@news.example`, name: `लेखक ${p}`, nameEn: `Writer ${p}`, role: 'reporter', password: 'a-long-enough-password-1' });
      const person = await h.c.store.db.selectFrom('people').select(['id', 'slug']).where('email', '=', `xss${i}@news.example`).executeTakeFirstOrThrow();
      const body = `<p>पहला ${p}</p><p><a href="javascript:alert(${i})">लिंक</a> <a href="${p.replace(/"/g, '&quot;')}">दो</a></p><figure><img src="javascript:alert(1)" onerror="alert(1)" alt="${p.replace(/"/g, '&quot;')}"><figcaption>${p}</figcaption></figure>${p}`;
      const form = (bodyHtml: string) => storyForm(h, { headline: `ख़बर ${i} ${p}`, slug: `xss-story-${i}`, summary: `सार ${p}`, body_html: bodyHtml, deskId: desk.id, tags: `टैग${i} ${p.replace(/[,،]/g, ' ')}`, authorIds: [String(person.id)], dateline: `${p}`.slice(0, 100) });
      let created = await post(admin, '/newsroom/stories', form(body));
      if (created.statusCode === 400) {
        // Refused (an <img> that is not a stored image): the re-shown form is a surface, then the same
        // hostile body without its <img> elements is saved.
        surfaces.add('newsroom writing screen (refused form)');
        const pr = htmlProblems(created.body, cspNonce(created.headers), `refused story form ${i}`);
        tally.check(pr.length === 0, 'refused story form');
        problems.push(...pr);
        created = await post(admin, '/newsroom/stories', form(body.replace(/<img\b[^>]*>/gi, '')));
      }
      assert.equal(created.statusCode, 303, `story ${i} created: ${created.body.slice(0, 400)}`);
      const id = Number(/\/newsroom\/stories\/(\d+)/.exec(String(created.headers.location))![1]);
      // The writing screen of the saved story is a surface too.
      problems.push(...await check(admin, 'html', 'newsroom writing screen', `/newsroom/stories/${id}`));
      const version = (await h.c.store.db.selectFrom('articles').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
      const pub = await post(admin, `/newsroom/stories/${id}`, { action: 'publish', version: String(version) });
      assert.equal(pub.statusCode, 303, `story ${i} published: ${pub.body.slice(0, 400)}`);
      // A live blog on the story, with the payload as an update.
      await post(admin, '/newsroom/liveblogs', { articleId: String(id) });
      await post(admin, `/newsroom/liveblogs/${id}/updates`, { body: `अपडेट ${p}`, keyEvent: '1' });
      // A cricket match whose title, teams and players are the payload (refused or kept as text).
      await post(admin, '/newsroom/matches', { title: `मैच ${p}`, teamA: `A ${p}`.slice(0, 60), teamB: `B ${i}`, squadA: `${p}\nदूसरा खिलाड़ी`, squadB: 'X\nY', overs: '20', ballsPerOver: '6', matchType: 'T20', tossWinner: `B ${i}`, tossDecision: 'bat', startTime: '2026-11-26T19:30', venue: p });

      const art = await h.c.store.db.selectFrom('articles').select(['slug']).where('id', '=', id).executeTakeFirstOrThrow();
      const tag = await h.c.store.db.selectFrom('tags').select('slug').where('name', 'like', `टैग${i} %`).executeTakeFirst();
      const path = `/${deskSlug}/news/${art.slug}-${id}`;
      const ld = (b: string) => {
        const out: string[] = [];
        const blocks = jsonLdOf(b);
        if (!blocks.some((x) => JSON.stringify(x).includes('NewsArticle'))) out.push(`${path}: no NewsArticle JSON-LD`);
        if (metaContent(b, 'og:title') === null) out.push(`${path}: no og:title`);
        return out;
      };
      problems.push(...await check(null, 'html', 'article page (body, meta, Open Graph, JSON-LD, live blog)', path, ld));
      problems.push(...await check(null, 'html', 'home page', '/'));
      problems.push(...await check(null, 'html', 'desk page', `/${deskSlug}`));
      if (tag) {
        problems.push(...await check(null, 'html', 'tag page', `/tag/${encodeURIComponent(tag.slug)}`));
        problems.push(...await check(null, 'xml', 'tag RSS feed', `/tag/${encodeURIComponent(tag.slug)}/rss.xml`));
      }
      problems.push(...await check(null, 'html', 'author page', `/author/${encodeURIComponent(person.slug!)}`));
      problems.push(...await check(null, 'html', 'search page', `/search?q=${encodeURIComponent(p)}`));
      problems.push(...await check(null, 'html', 'search page (story words)', `/search?q=${encodeURIComponent(`ख़बर ${i}`)}`));
      problems.push(...await check(null, 'json', 'search JSON API', `/api/v1/search?q=${encodeURIComponent(`ख़बर ${i}`)}`));
      problems.push(...await check(null, 'json', 'search suggestions', `/api/v1/search/suggest?q=${encodeURIComponent(`ख़बर ${i}`)}`));
      problems.push(...await check(null, 'json', 'search suggestions (payload as query)', `/api/v1/search/suggest?q=${encodeURIComponent(p)}`));
      problems.push(...await check(null, 'json', 'article JSON API', `/api/v1/articles/${id}`));
      problems.push(...await check(null, 'json', 'live-blog JSON API', `/api/v1/liveblogs/${id}`, undefined, []));
      problems.push(...await check(null, 'xml', 'RSS feed', '/rss.xml'));
      problems.push(...await check(null, 'xml', 'Atom feed', '/atom.xml'));
      problems.push(...await check(null, 'xml', 'desk Atom feed', `/${deskSlug}/atom.xml`));
      problems.push(...await check(null, 'xml', 'author RSS feed', `/author/${encodeURIComponent(person.slug!)}/rss.xml`));
      problems.push(...await check(null, 'xml', 'news sitemap', '/sitemap-news.xml'));
      problems.push(...await check(admin, 'html', 'newsroom story list', `/newsroom?q=${encodeURIComponent(p)}`));
      problems.push(...await check(admin, 'html', 'newsroom search', `/newsroom/search?q=${encodeURIComponent(`ख़बर ${i}`)}`));
      problems.push(...await check(admin, 'html', 'newsroom live-blog desk', `/newsroom/liveblogs/${id}`));
      if (i % 5 === 0 || i === PAYLOADS.length - 1) {
        problems.push(...await check(admin, 'html', 'newsroom desks', '/newsroom/desks'));
        problems.push(...await check(admin, 'html', 'newsroom tags', '/newsroom/tags'));
        problems.push(...await check(admin, 'html', 'newsroom staff', '/newsroom/staff'));
        problems.push(...await check(admin, 'html', 'newsroom audit log', '/newsroom/audit'));
        problems.push(...await check(admin, 'html', 'newsroom matches', '/newsroom/matches'));
        problems.push(...await check(null, 'html', 'live cricket page', '/live/cricket'));
        problems.push(...await check(null, 'json', 'matches JSON API', '/api/v1/matches'));
        problems.push(...await check(null, 'xml', 'desks sitemap', '/sitemaps/desks.xml'));
        problems.push(...await check(null, 'xml', 'articles sitemap', '/sitemaps/articles-1.xml'));
        problems.push(...await check(null, 'xml', 'tags sitemap', '/sitemaps/tags-1.xml'));
        problems.push(...await check(null, 'xml', 'authors sitemap', '/sitemaps/authors-1.xml'));
      }
      const match = await h.c.store.db.selectFrom('matches' as never).select('id' as never).orderBy('id' as never, 'desc').executeTakeFirst() as { id: number } | undefined;
      if (match) {
        problems.push(...await check(admin, 'html', 'newsroom scorer', `/newsroom/matches/${match.id}`));
        problems.push(...await check(null, 'html', 'live match page', `/live/cricket/${match.id}`));
        problems.push(...await check(null, 'json', 'match JSON API', `/api/v1/matches/${match.id}`));
      }
      // The reader's display name, on the reader's own account page.
      const signup = await h.app.inject({ method: 'POST', url: '/account/signup', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `sm_csrf=${'r'.repeat(32)}`, 'x-forwarded-for': `10.9.${i}.1` }, payload: formBody({ _csrf: 'r'.repeat(32), email: `reader${i}@example.in`, password: 'correct horse battery', name: `पाठक ${p}`.slice(0, 100) }) });
      assert.ok(signup.statusCode < 500, `sign-up answered ${signup.statusCode}`);
      const session = signup.cookies.find((c) => c.name === 'sm_reader');
      if (session) {
        surfaces.add('reader account page');
        const page = await h.app.inject({ url: '/account', headers: { cookie: `sm_reader=${session.value}` } });
        const pr = htmlProblems(page.body, cspNonce(page.headers), `reader account page (${i})`);
        tally.check(pr.length === 0, 'reader account page');
        problems.push(...pr);
      } else {
        // Refused by validation: the re-shown form must be clean too.
        const pr = htmlProblems(signup.body, cspNonce(signup.headers), `reader sign-up form (${i})`);
        tally.check(pr.length === 0, 'reader sign-up form');
        problems.push(...pr);
      }
    }
    t.diagnostic(tally.line('xss (typed inputs)'));
    assert.deepEqual([...new Set(problems)], []);
  });

  it('never lets a payload arriving by NDJSON, WXR or Ghost import become markup', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'samachar-xss-'));
    const offline: typeof fetch = async () => new Response('not here', { status: 404 });
    // NDJSON: one story per payload, the payload in every text field.
    const lines = PAYLOADS.map((p, i) => JSON.stringify({ headline: `आयात ${i} ${p}`, slug: `imported-xss-${i}`, summary: p, body: `<p>${p}</p><p><a href="javascript:alert(1)">x</a><img src="x" onerror="alert(1)"></p>`, desk: `आयात डेस्क ${p}`.slice(0, 80), tags: [p, `आयात टैग ${i}`], authors: [`आयात लेखक ${p}`.slice(0, 80)], access: 'free', status: 'published', publishedAt: '2026-11-26T05:00:00.000Z', lang: 'hi', externalId: `xss:${i}` }));
    const nd = join(dir, 'xss.ndjson');
    writeFileSync(nd, lines.join('\n'));
    const report = await importNdjson({ ...importContext(h.c, nd), fetchImpl: offline }, nd);
    t.diagnostic(`NDJSON: ${report.created} created, ${report.rejected.length} rejected`);
    // WXR and Ghost: the fixtures with a payload in place of the first post's headline and body text.
    const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const wxrSrc = readFileSync(resolve('test/fixtures/importers/wordpress/export.xml'), 'utf8');
    const ghostSrc = readFileSync(resolve('test/fixtures/importers/ghost/export.json'), 'utf8');
    const all = PAYLOADS.join(' ');
    const wxr = join(dir, 'export.xml');
    writeFileSync(wxr, wxrSrc.replace('बिहार चुनाव: पहले चरण में 62% मतदान, महिलाओं की लंबी कतारें', xmlEscape(`बिहार ${PAYLOADS.slice(0, 8).join(' ')}`)).replace(/<content:encoded><!\[CDATA\[/, `<content:encoded><![CDATA[<p>${all.replace(/]]>/g, '')}</p>`));
    await importWxr({ ...importContext(h.c, wxr, resolve('test/fixtures/importers/wordpress/uploads')), fetchImpl: offline }, wxr);
    const ghost = join(dir, 'ghost.json');
    writeFileSync(ghost, ghostSrc.replace('शेयर बाज़ार: सेंसेक्स पहली बार 75 हज़ार के पार', JSON.stringify(`सेंसेक्स ${PAYLOADS.slice(8, 16).join(' ')}`).slice(1, -1)));
    await importGhost({ ...importContext(h.c, ghost, resolve('test/fixtures/importers/ghost/content/images')), fetchImpl: offline }, ghost);
    h.c.bus.publish('site.changed', { what: 'import' });

    const rows = await h.c.store.db.selectFrom('articles').innerJoin('desks', 'desks.id', 'articles.desk_id').select(['articles.id', 'articles.slug', 'articles.status', 'desks.slug as desk']).where((eb) => eb.or([eb('articles.external_id', 'like', 'xss:%'), eb('articles.external_id', 'like', 'wp:%'), eb('articles.external_id', 'like', 'ghost:%')])).execute();
    assert.ok(rows.length >= PAYLOADS.length, `imported ${rows.length} stories`);
    const problems: string[] = [];
    for (const r of rows) {
      if (r.status === 'published') problems.push(...await check(null, 'html', 'imported article page', `/${r.desk}/news/${r.slug}-${r.id}`));
      problems.push(...await check(admin, 'html', 'newsroom writing screen (imported)', `/newsroom/stories/${r.id}`));
      if (r.status === 'published') problems.push(...await check(null, 'json', 'imported article JSON API', `/api/v1/articles/${r.id}`));
    }
    for (const u of ['/', '/rss.xml', '/atom.xml', '/sitemap-news.xml', '/sitemaps/tags-1.xml', '/sitemaps/authors-1.xml']) problems.push(...await check(null, u.endsWith('.xml') ? 'xml' : 'html', `after import ${u}`, u));
    for (const d of new Set(rows.map((r) => r.desk))) problems.push(...await check(null, 'html', 'imported desk page', `/${d}`));
    t.diagnostic(tally.line('xss (typed inputs and imports)'));
    assert.deepEqual([...new Set(problems)], []);
  });

  it('keeps JSON-LD parseable and free of </script for a headline that tries to close it', async () => {
    const id = (await h.c.store.db.selectFrom('articles').select(['id', 'slug']).where('slug', '=', 'xss-story-12').executeTakeFirstOrThrow());
    const res = await h.app.inject({ url: `/xss-desk-12/news/${id.slug}-${id.id}` });
    assert.equal(res.statusCode, 200);
    const blocks = jsonLdOf(res.body);
    const article = blocks.find((b) => JSON.stringify(b).includes('NewsArticle')) as { headline: string } | undefined;
    assert.ok(article, 'NewsArticle JSON-LD');
    assert.match(article.headline, /<\/script><script>alert\(1\)<\/script>/, 'the headline survives as text');
    assert.equal(metaContent(res.body, 'og:title')?.includes('</script><script>alert(1)</script>'), true, 'Open Graph title holds the text, escaped');
    tally.check(true, 'JSON-LD round trip');
  });
});
