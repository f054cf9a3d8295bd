import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { publishStory, seedBasics, type Basics } from '../../test/helpers/fixtures.js';
import { readXml, textOf, RFC822_IST, RFC3339 } from '../../test/helpers/xml.js';
import { saveArticle } from '../content/index.js';
import { rfc3339, rfc822 } from './dates.js';
import { escapeXml } from './xml.js';

describe('RSS and Atom feeds', () => {
  let h: TestApp;
  let b: Basics;
  let freeId: number;
  let premiumId: number;
  let membersId: number;
  before(async () => {
    h = await createTestApp();
    b = await seedBasics(h.c.content);
    const now = h.clock.now().toISOString();
    const jpeg = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#c33' } }).jpeg().toBuffer();
    const img = await h.c.store.transaction((trx) => h.c.media.ingest(trx, jpeg, { alt: 'मॉस्को का चौक', credit: 'फोटो: एजेंसी', caption: 'रेड स्क्वायर' }, now));
    freeId = (await publishStory(h.c.content, b, { slug: 'feed-free', publishedAt: '2025-12-27T08:36:00Z', updatedAt: '2025-12-27T10:00:00Z', imageId: img.id, body: '<p>पहला <a href="/sports">खेल</a> पैराग्राफ।</p><p>मुक्त-पाठ-चिह्न दूसरा।</p>' })).id;
    premiumId = (await publishStory(h.c.content, b, { slug: 'feed-premium', access: 'premium', publishedAt: '2025-12-26T08:36:00Z', deskId: b.desks.sports, tagIds: [b.tags.cricket], body: '<p>एक।</p><p>दो।</p><p>गुप्त-फ़ीड-चिह्न तीन।</p>' })).id;
    membersId = (await publishStory(h.c.content, b, { slug: 'feed-members', access: 'members', publishedAt: '2025-12-25T08:36:00Z', body: '<p>एक।</p><p>सदस्य-फ़ीड-चिह्न दो।</p>' })).id;
    await publishStory(h.c.content, b, { slug: 'feed-draft', status: 'draft', headline: 'अप्रकाशित-मसौदा' });
  });
  after(async () => { await h?.close(); });

  it('serves the site RSS 2.0 feed that an independent parser reads, newest first, with namespaces and a self link', async () => {
    const res = await h.app.inject('/rss.xml');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
    const x = readXml(res.body, ['item', 'category', 'dc:creator']);
    assert.equal(x.rss['@_version'], '2.0');
    assert.equal(x.rss['@_xmlns:content'], 'http://purl.org/rss/1.0/modules/content/');
    assert.equal(x.rss['@_xmlns:media'], 'http://search.yahoo.com/mrss/');
    const ch = x.rss.channel;
    assert.equal(ch.title, 'समाचार');
    assert.equal(ch.link, 'https://news.example/');
    assert.equal(ch.language, 'hi');
    assert.equal(ch['atom:link']['@_href'], 'https://news.example/rss.xml');
    assert.equal(ch['atom:link']['@_rel'], 'self');
    assert.match(ch.lastBuildDate, RFC822_IST);
    assert.deepEqual(ch.item.map((i: any) => i.link), [`https://news.example/international/news/feed-free-${freeId}`, `https://news.example/sports/news/feed-premium-${premiumId}`, `https://news.example/international/news/feed-members-${membersId}`]);
    assert.doesNotMatch(res.body, /अप्रकाशित-मसौदा/);
  });

  it('gives the whole text of a free story with absolute links and its image as media:content', async () => {
    const x = readXml((await h.app.inject('/rss.xml')).body, ['item', 'category', 'dc:creator']);
    const item = x.rss.channel.item[0];
    assert.equal(item.title, 'किम ने पुतिन को भेजा नए साल का संदेश');
    assert.equal(textOf(item.guid), `https://news.example/api/v1/articles/${freeId}`);
    assert.equal(item.guid['@_isPermaLink'], 'false');
    assert.equal(item.pubDate, 'Sat, 27 Dec 2025 14:06:00 +0530');
    assert.match(item['content:encoded'], /मुक्त-पाठ-चिह्न/);
    assert.match(item['content:encoded'], /href="https:\/\/news\.example\/sports"/);
    assert.deepEqual(item['dc:creator'], ['अमित कुमार']);
    assert.deepEqual(item.category.map((c: any) => textOf(c)), ['अंतरराष्ट्रीय', 'रूस']);
    assert.equal(item.category[0]['@_domain'], 'https://news.example/international');
    const m = item['media:content'];
    assert.equal(m['@_medium'], 'image');
    assert.equal(m['@_type'], 'image/jpeg');
    assert.equal(m['@_width'], '1280');
    assert.equal(m['@_height'], '720');
    assert.equal(textOf(m['media:credit']), 'फोटो: एजेंसी');
    const img = await h.app.inject(m['@_url'].replace('https://news.example', ''));
    assert.equal(img.statusCode, 200);
    assert.equal(img.headers['content-type'], 'image/jpeg');
  });

  it('gives only the summary of premium and members-only stories, never their text', async () => {
    for (const path of ['/rss.xml', '/atom.xml', '/sports/rss.xml', '/tag/cricket/atom.xml', '/author/amit-kumar/rss.xml']) {
      const res = await h.app.inject(path);
      assert.equal(res.statusCode, 200, path);
      assert.doesNotMatch(res.body, /गुप्त-फ़ीड-चिह्न|सदस्य-फ़ीड-चिह्न/, path);
    }
    const x = readXml((await h.app.inject('/rss.xml')).body, ['item']);
    const premium = x.rss.channel.item.find((i: any) => i.link.endsWith(`-${premiumId}`));
    assert.equal(premium['content:encoded'], undefined);
    assert.equal(premium.description, 'उत्तर कोरिया के नेता ने रूस के राष्ट्रपति को शुभकामनाएँ भेजीं।');
  });

  it('serves Atom 1.0 with RFC 3339 dates in India time, an id, author and self link', async () => {
    const res = await h.app.inject('/atom.xml');
    assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
    const x = readXml(res.body, ['entry', 'author', 'category', 'link']);
    const f = x.feed;
    assert.equal(f['@_xmlns'], 'http://www.w3.org/2005/Atom');
    assert.equal(f.id, 'https://news.example/atom.xml');
    assert.match(f.updated, RFC3339);
    assert.equal(f.updated, '2025-12-27T15:30:00+05:30');
    assert.ok(f.link.some((l: any) => l['@_rel'] === 'self' && l['@_href'] === 'https://news.example/atom.xml'));
    assert.equal(f.entry.length, 3);
    const e = f.entry[0];
    assert.equal(e.id, `https://news.example/api/v1/articles/${freeId}`);
    assert.equal(e.published, '2025-12-27T14:06:00+05:30');
    assert.equal(e.updated, '2025-12-27T15:30:00+05:30');
    assert.equal(e.author[0].name, 'अमित कुमार');
    assert.equal(e.author[0].uri, 'https://news.example/author/amit-kumar');
    assert.equal(e.content['@_type'], 'html');
    assert.match(textOf(e.content), /मुक्त-पाठ-चिह्न/);
    assert.ok(e.link.some((l: any) => l['@_rel'] === 'enclosure' && l['@_type'] === 'image/jpeg'));
    const p = f.entry.find((x: any) => x.id.endsWith(`/${premiumId}`));
    assert.equal(p.content, undefined);
    assert.equal(textOf(p.summary), 'उत्तर कोरिया के नेता ने रूस के राष्ट्रपति को शुभकामनाएँ भेजीं।');
  });

  it('has a feed per desk, tag and author with only their stories, and 404 for unknown ones', async () => {
    const links = async (path: string) => readXml((await h.app.inject(path)).body, ['item']).rss.channel.item?.map((i: any) => i.link) ?? [];
    assert.deepEqual(await links('/sports/rss.xml'), [`https://news.example/sports/news/feed-premium-${premiumId}`]);
    assert.equal((await links('/international/rss.xml')).length, 2);
    assert.deepEqual(await links('/tag/cricket/rss.xml'), [`https://news.example/sports/news/feed-premium-${premiumId}`]);
    assert.equal((await links('/author/amit-kumar/rss.xml')).length, 3);
    const desk = readXml((await h.app.inject('/sports/atom.xml')).body, ['entry', 'link']);
    assert.equal(desk.feed.id, 'https://news.example/sports/atom.xml');
    assert.match(desk.feed.title['#text'] ?? desk.feed.title, /^खेल \| समाचार$/);
    for (const p of ['/no-such-desk/rss.xml', '/tag/no-such-tag/rss.xml', '/author/nobody/atom.xml']) assert.equal((await h.app.inject(p)).statusCode, 404, p);
  });

  it('answers conditional requests with 304 (ETag and Last-Modified) and says how long to cache', async () => {
    const first = await h.app.inject('/rss.xml');
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[\w-]+"$/);
    assert.equal(first.headers['last-modified'], 'Sat, 27 Dec 2025 10:00:00 GMT');
    assert.match(String(first.headers['cache-control']), /public, max-age=300/);
    const again = await h.app.inject({ url: '/rss.xml', headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal((await h.app.inject({ url: '/rss.xml', headers: { 'if-modified-since': 'Sat, 27 Dec 2025 10:00:00 GMT' } })).statusCode, 304);
    assert.equal((await h.app.inject({ url: '/rss.xml', headers: { 'if-modified-since': 'Sat, 27 Dec 2025 09:59:59 GMT' } })).statusCode, 200);
    assert.equal((await h.app.inject({ url: '/rss.xml', headers: { 'if-none-match': '"stale"' } })).statusCode, 200);
  });

  it('shows a newly published story at once (the cached feed is dropped by the event)', async () => {
    const before = await h.app.inject('/rss.xml');
    const id = (await publishStory(h.c.content, b, { slug: 'feed-breaking', headline: 'ताज़ा-ब्रेकिंग-ख़बर', publishedAt: '2025-12-28T01:00:00Z' })).id;
    const after = await h.app.inject({ url: '/rss.xml', headers: { 'if-none-match': String(before.headers.etag) } });
    assert.equal(after.statusCode, 200);
    assert.match(after.body, /ताज़ा-ब्रेकिंग-ख़बर/);
    // Unpublishing takes it out again.
    const a = await h.c.store.db.selectFrom('articles').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    await saveArticle(h.c.content, { ...(await import('../../test/helpers/fixtures.js')).storyInput(b, { slug: 'feed-breaking', headline: 'ताज़ा-ब्रेकिंग-ख़बर' }), status: 'unpublished' }, { id, expectedVersion: a.version });
    assert.doesNotMatch((await h.app.inject('/rss.xml')).body, /ताज़ा-ब्रेकिंग-ख़बर/);
  });

  it('drops characters that XML forbids instead of breaking the feed', async () => {
    await publishStory(h.c.content, b, { slug: 'feed-control', headline: 'नियंत्रण चिह्न', summary: 'सारांश \u000B में & < > "उद्धरण"', publishedAt: '2025-12-20T01:00:00Z' });
    const res = await h.app.inject('/atom.xml');
    const x = readXml(res.body, ['entry']);
    const e = x.feed.entry.find((en: any) => textOf(en.title) === 'नियंत्रण चिह्न');
    assert.equal(textOf(e.summary), 'सारांश में & < > "उद्धरण"');
    assert.equal(escapeXml('a\u0001b\uFFFEc & d'), 'abc &amp; d');
  });
});

describe('feed dates', () => {
  it('writes RFC 822 and RFC 3339 in India time', () => {
    assert.equal(rfc822('2025-12-27T08:36:00Z'), 'Sat, 27 Dec 2025 14:06:00 +0530');
    assert.equal(rfc822('2025-12-31T20:00:00Z'), 'Thu, 01 Jan 2026 01:30:00 +0530');
    assert.equal(rfc3339('2025-12-31T20:00:00.123Z'), '2026-01-01T01:30:00+05:30');
    assert.equal(Date.parse(rfc822('2025-12-27T08:36:00Z')), Date.parse('2025-12-27T08:36:00Z'));
    assert.equal(Date.parse(rfc3339('2025-12-27T08:36:00Z')), Date.parse('2025-12-27T08:36:00Z'));
  });
});
