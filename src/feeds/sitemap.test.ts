import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { publishStory, seedBasics, type Basics } from '../../test/helpers/fixtures.js';
import { readXml, textOf, W3C_DATETIME } from '../../test/helpers/xml.js';
import type { Executor } from '../storage/index.js';
import { NEWS_NS, SITEMAP_NS, IMAGE_NS, renderNewsSitemap, renderUrlset, renderSitemapIndex } from './sitemap.js';

/** Many published stories at once, straight into the table (the sitemap reads only the table). */
async function bulkStories(db: Executor, n: number, deskId: number, publishedAt: (i: number) => string, prefix: string): Promise<void> {
  const chunk = 400;
  for (let start = 0; start < n; start += chunk) {
    const rows = [];
    for (let i = start; i < Math.min(n, start + chunk); i++) {
      const at = publishedAt(i);
      rows.push({ slug: `${prefix}-${i}`, headline: `थोक ख़बर ${i}`, summary: '', body_doc: '{"type":"doc","content":[]}', body_html: '', desk_id: deskId, editor_id: null, dateline: '', image_id: null, access: 'free', status: 'published', lang: 'hi', external_id: null, published_at: at, updated_at: at, scheduled_at: null, correction: '', created_at: at, modified_at: at, version: 1 });
    }
    await db.insertInto('articles').values(rows).execute();
  }
}

const URL_ARRAYS = ['url', 'sitemap', 'image:image'];

/** Checks one <url> against the sitemaps.org rules: an absolute loc under 2,048 characters, lastmod in W3C Datetime. */
function checkUrl(u: any) {
  assert.match(u.loc, /^https:\/\/news\.example\//);
  assert.ok(u.loc.length < 2048);
  if (u.lastmod !== undefined) assert.match(u.lastmod, W3C_DATETIME, `lastmod of ${u.loc}`);
}

describe('sitemaps and robots.txt', () => {
  let h: TestApp;
  let b: Basics;
  let freeId: number;
  before(async () => {
    h = await createTestApp();
    b = await seedBasics(h.c.content);
    const now = h.clock.now().toISOString();
    const jpeg = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#36c' } }).jpeg().toBuffer();
    const img = await h.c.store.transaction((trx) => h.c.media.ingest(trx, jpeg, {}, now));
    // The test clock is 2026-11-26T06:30:00Z.
    freeId = (await publishStory(h.c.content, b, { slug: 'fresh-story', publishedAt: '2026-11-26T05:00:00Z', imageId: img.id })).id;
    await publishStory(h.c.content, b, { slug: 'yesterday-story', publishedAt: '2026-11-25T06:00:00Z', deskId: b.desks.sports, tagIds: [b.tags.cricket], access: 'premium' });
    await publishStory(h.c.content, b, { slug: 'old-story', publishedAt: '2026-11-20T06:00:00Z' });
    await publishStory(h.c.content, b, { slug: 'draft-story', status: 'draft' });
  });
  after(async () => { await h?.close(); });

  it('serves a sitemap index that names every sitemap, each answering with a valid urlset', async () => {
    const res = await h.app.inject('/sitemap.xml');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
    assert.match(res.body, /^<\?xml version="1\.0" encoding="UTF-8"\?>/);
    const x = readXml(res.body, URL_ARRAYS);
    assert.equal(x.sitemapindex['@_xmlns'], SITEMAP_NS);
    const locs = x.sitemapindex.sitemap.map((s: any) => s.loc);
    assert.deepEqual(locs, ['https://news.example/sitemaps/articles-1.xml', 'https://news.example/sitemap-news.xml', 'https://news.example/sitemaps/desks.xml', 'https://news.example/sitemaps/tags-1.xml', 'https://news.example/sitemaps/authors-1.xml']);
    for (const s of x.sitemapindex.sitemap) {
      assert.match(s.lastmod, W3C_DATETIME);
      const child = await h.app.inject(s.loc.replace('https://news.example', ''));
      assert.equal(child.statusCode, 200, s.loc);
      const cx = readXml(child.body, URL_ARRAYS);
      assert.equal(cx.urlset['@_xmlns'], SITEMAP_NS, s.loc);
      for (const u of cx.urlset.url) checkUrl(u);
    }
  });

  it('lists every published story in the article sitemap with lastmod and its image, and no draft', async () => {
    const x = readXml((await h.app.inject('/sitemaps/articles-1.xml')).body, URL_ARRAYS);
    assert.equal(x.urlset['@_xmlns:image'], IMAGE_NS);
    const urls = x.urlset.url;
    assert.equal(urls.length, 3);
    const fresh = urls.find((u: any) => u.loc === `https://news.example/international/news/fresh-story-${freeId}`);
    assert.equal(fresh.lastmod, '2026-11-26T10:30:00+05:30');
    assert.match(fresh['image:image'][0]['image:loc'], /^https:\/\/news\.example\/media\/\d+-[a-f0-9]{10}-1600\.jpg$/);
    assert.ok(!urls.some((u: any) => u.loc.includes('draft-story')));
    assert.equal((await h.app.inject('/sitemaps/articles-2.xml')).statusCode, 404);
    assert.equal((await h.app.inject('/sitemaps/articles-0.xml')).statusCode, 404);
    assert.equal((await h.app.inject('/sitemaps/everything.xml')).statusCode, 404);
  });

  it('keeps the Google News sitemap to stories of the last 48 hours, with publication name, language and date', async () => {
    const res = await h.app.inject('/sitemap-news.xml');
    const x = readXml(res.body, URL_ARRAYS);
    assert.equal(x.urlset['@_xmlns'], SITEMAP_NS);
    assert.equal(x.urlset['@_xmlns:news'], NEWS_NS);
    const urls = x.urlset.url;
    assert.deepEqual(urls.map((u: any) => u.loc.replace(/-\d+$/, '')), ['https://news.example/international/news/fresh-story', 'https://news.example/sports/news/yesterday-story']);
    for (const u of urls) {
      const n = u['news:news'];
      assert.equal(textOf(n['news:publication']['news:name']), 'समाचार');
      assert.equal(textOf(n['news:publication']['news:language']), 'hi');
      assert.match(n['news:publication_date'], W3C_DATETIME);
      assert.ok(Date.parse(n['news:publication_date']) >= Date.parse('2026-11-24T06:30:00Z'));
      assert.ok(textOf(n['news:title']).length > 0);
      assert.equal(u.lastmod, undefined);
    }
    assert.equal(urls[0]['news:news']['news:publication_date'], '2026-11-26T10:30:00+05:30');
  });

  it('lists desks, tags and authors that have stories', async () => {
    const desks = readXml((await h.app.inject('/sitemaps/desks.xml')).body, URL_ARRAYS).urlset.url.map((u: any) => u.loc);
    assert.deepEqual(desks, ['https://news.example/', 'https://news.example/international', 'https://news.example/sports']);
    const tags = readXml((await h.app.inject('/sitemaps/tags-1.xml')).body, URL_ARRAYS).urlset.url.map((u: any) => u.loc).sort();
    assert.deepEqual(tags, ['https://news.example/tag/cricket', 'https://news.example/tag/russia']);
    const authors = readXml((await h.app.inject('/sitemaps/authors-1.xml')).body, URL_ARRAYS).urlset.url.map((u: any) => u.loc);
    assert.deepEqual(authors, ['https://news.example/author/amit-kumar']);
  });

  it('answers sitemaps conditionally and caches them publicly', async () => {
    const first = await h.app.inject('/sitemap.xml');
    assert.match(String(first.headers['cache-control']), /^public/);
    assert.ok(first.headers['last-modified']);
    assert.equal((await h.app.inject({ url: '/sitemap.xml', headers: { 'if-none-match': String(first.headers.etag) } })).statusCode, 304);
  });

  it('points robots.txt at the sitemaps and keeps crawlers out of the newsroom, accounts and the API', async () => {
    const res = await h.app.inject('/robots.txt');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    const lines = res.body.split('\n');
    for (const l of ['User-agent: *', 'Disallow: /newsroom', 'Disallow: /account', 'Disallow: /api/', 'Sitemap: https://news.example/sitemap.xml', 'Sitemap: https://news.example/sitemap-news.xml']) assert.ok(lines.includes(l), l);
    assert.ok(!lines.some((l) => /^Disallow: \/(rss|atom)\.xml/.test(l)), 'feeds stay open');
  });

  it('refuses to write more URLs into one file than the protocols allow', () => {
    const u = { loc: 'https://news.example/a' };
    assert.throws(() => renderUrlset(Array(50_001).fill(u)), /at most 50000/);
    assert.doesNotThrow(() => renderUrlset(Array(50_000).fill(u)));
    assert.throws(() => renderSitemapIndex(Array(50_001).fill(u)), /at most 50000/);
    const n = { loc: 'https://news.example/a', title: 'त', publicationName: 'स', language: 'hi', publicationDate: '2026-11-26T00:00:00Z' };
    assert.throws(() => renderNewsSitemap(Array(1001).fill(n)), /at most 1000/);
    assert.throws(() => renderUrlset([{ loc: '/relative' }]), /absolute/);
  });
});

describe('sitemaps of a large archive', () => {
  let h: TestApp;
  let b: Basics;
  before(async () => {
    h = await createTestApp();
    b = await seedBasics(h.c.content);
    // 50,001 stories: one more than a sitemap file holds. The newest 1,005 are within 48 hours.
    const now = Date.parse('2026-11-26T06:30:00Z');
    await bulkStories(h.c.store.db, 50_001, b.desks.intl, (i) => new Date(now - (50_001 - i) * 60_000).toISOString(), 'archive');
  });
  after(async () => { await h?.close(); });

  it('splits articles into files of at most 50,000 URLs, listed in the index', async () => {
    const index = readXml((await h.app.inject('/sitemap.xml')).body, URL_ARRAYS);
    const articleMaps = index.sitemapindex.sitemap.map((s: any) => s.loc).filter((l: string) => l.includes('/sitemaps/articles-'));
    assert.deepEqual(articleMaps, ['https://news.example/sitemaps/articles-1.xml', 'https://news.example/sitemaps/articles-2.xml']);
    const first = readXml((await h.app.inject('/sitemaps/articles-1.xml')).body, URL_ARRAYS);
    assert.equal(first.urlset.url.length, 50_000);
    const second = readXml((await h.app.inject('/sitemaps/articles-2.xml')).body, URL_ARRAYS);
    assert.equal(second.urlset.url.length, 1);
    assert.match(second.urlset.url[0].loc, /archive-50000-\d+$/);
    assert.equal((await h.app.inject('/sitemaps/articles-3.xml')).statusCode, 404);
  });

  it('keeps the news sitemap to the newest 1,000 stories', async () => {
    const x = readXml((await h.app.inject('/sitemap-news.xml')).body, URL_ARRAYS);
    assert.equal(x.urlset.url.length, 1000);
    assert.match(x.urlset.url[0].loc, /archive-50000-\d+$/);
  });
});
