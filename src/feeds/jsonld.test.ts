import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { publishStory, seedBasics, type Basics } from '../../test/helpers/fixtures.js';
import { cropSize, cropSizes } from '../media/index.js';

function jsonLdBlocks(pageHtml: string): any[] {
  return [...pageHtml.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}
function meta(pageHtml: string, attr: 'property' | 'name', key: string): string[] {
  return [...pageHtml.matchAll(new RegExp(`<meta ${attr}="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)">`, 'g'))].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

describe('structured data and social meta of story pages', () => {
  let h: TestApp;
  let b: Basics;
  let wide: { id: number; path: string };
  let narrow: { id: number; path: string };
  let premium: { id: number; path: string };
  before(async () => {
    h = await createTestApp();
    b = await seedBasics(h.c.content);
    const now = h.clock.now().toISOString();
    const img = async (w: number, hgt: number, color: string, alt: string) => {
      const buf = await sharp({ create: { width: w, height: hgt, channels: 3, background: color } }).jpeg().toBuffer();
      return h.c.store.transaction((trx) => h.c.media.ingest(trx, buf, { alt }, now));
    };
    const big = await img(1600, 900, '#a22', 'संसद भवन');
    const small = await img(800, 600, '#2a2', 'छोटी तस्वीर');
    const path = async (id: number) => (await h.c.store.db.selectFrom('articles as a').innerJoin('desks as d', 'd.id', 'a.desk_id').select(['a.slug', 'd.slug as desk']).where('a.id', '=', id).executeTakeFirstOrThrow());
    const mk = async (over: Parameters<typeof publishStory>[2]) => {
      const id = (await publishStory(h.c.content, b, over)).id;
      const p = await path(id);
      return { id, path: `/${p.desk}/news/${p.slug}-${id}` };
    };
    wide = await mk({ slug: 'ld-wide', imageId: big.id, publishedAt: '2025-12-27T08:36:00Z', updatedAt: '2025-12-27T09:00:00Z', tagIds: [b.tags.russia, b.tags.cricket] });
    narrow = await mk({ slug: 'ld-narrow', imageId: small.id, publishedAt: '2025-12-27T08:36:00Z' });
    premium = await mk({ slug: 'ld-premium', access: 'premium', publishedAt: '2025-12-27T08:36:00Z', body: '<p>एक।</p><p>दो।</p><p>गुप्त-एलडी-चिह्न।</p>' });
  });
  after(async () => { await h?.close(); });

  it('carries a NewsArticle with every property Google requires, from what the reader may see', async () => {
    const res = await h.app.inject(wide.path);
    assert.equal(res.statusCode, 200);
    const ld = jsonLdBlocks(res.body);
    const a = ld.find((x) => x['@type'] === 'NewsArticle');
    assert.ok(a, 'a NewsArticle block');
    assert.equal(a['@context'], 'https://schema.org');
    assert.equal(a.headline, 'किम ने पुतिन को भेजा नए साल का संदेश');
    assert.ok(a.headline.length <= 110);
    assert.equal(a.mainEntityOfPage['@id'], `https://news.example${wide.path}`);
    assert.equal(a.datePublished, '2025-12-27T08:36:00.000Z');
    assert.equal(a.dateModified, '2025-12-27T09:00:00.000Z');
    assert.equal(a.inLanguage, 'hi-IN');
    assert.deepEqual(a.author, [{ '@type': 'Person', name: 'अमित कुमार', url: 'https://news.example/author/amit-kumar' }]);
    assert.equal(a.publisher['@type'], 'NewsMediaOrganization');
    assert.equal(a.publisher.name, 'समाचार');
    assert.equal(a.publisher.logo['@type'], 'ImageObject');
    assert.equal(a.publisher.logo.url, 'https://news.example/publisher-logo.png');
    assert.equal(a.isAccessibleForFree, true);
    assert.equal(a.articleBody, undefined);
    assert.equal(a.hasPart, undefined);
  });

  it('lists the image cropped to 16:9, 4:3 and 1:1 at 1200 px wide, and each crop is served at that size', async () => {
    const a = jsonLdBlocks((await h.app.inject(wide.path)).body).find((x) => x['@type'] === 'NewsArticle');
    assert.deepEqual(a.image.map((i: any) => [i.width, i.height]), [[1200, 675], [1200, 900], [900, 900]]);
    for (const i of a.image) {
      assert.match(i.url, /^https:\/\/news\.example\/media\/\d+-[a-f0-9]{10}-\d+x\d+\.jpg$/);
      const res = await h.app.inject(i.url.replace('https://news.example', ''));
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'image/jpeg');
      assert.match(String(res.headers['cache-control']), /immutable/);
      const m = await sharp(res.rawPayload).metadata();
      assert.deepEqual([m.width, m.height], [i.width, i.height]);
    }
  });

  it('uses the largest crops an image narrower than 1200 px allows, never enlarging it', async () => {
    const a = jsonLdBlocks((await h.app.inject(narrow.path)).body).find((x) => x['@type'] === 'NewsArticle');
    assert.deepEqual(a.image.map((i: any) => [i.width, i.height]), [[800, 450], [800, 600], [600, 600]]);
    assert.deepEqual(cropSize(1199, 1199, 16, 9), { ratio: '16:9', width: 1184, height: 666 });
    assert.deepEqual(cropSizes(3000, 200).map((c) => [c.width, c.height]), [[352, 198], [264, 198], [200, 200]]);
    assert.equal(cropSize(15, 8, 16, 9), null);
  });

  it('refuses crop sizes that the original does not give', async () => {
    const a = jsonLdBlocks((await h.app.inject(narrow.path)).body).find((x) => x['@type'] === 'NewsArticle');
    const good = a.image[0].url.replace('https://news.example', '') as string;
    for (const bad of [good.replace('800x450', '1200x675'), good.replace('800x450', '801x450'), good.replace(/-[a-f0-9]{10}-/, '-0000000000-')]) {
      assert.equal((await h.app.inject(bad)).statusCode, 404, bad);
    }
  });

  it('declares the paywall of a premium story and never puts its text in structured data or meta', async () => {
    const res = await h.app.inject(premium.path);
    assert.doesNotMatch(res.body, /गुप्त-एलडी-चिह्न/);
    const a = jsonLdBlocks(res.body).find((x) => x['@type'] === 'NewsArticle');
    assert.equal(a.isAccessibleForFree, false);
    assert.deepEqual(a.hasPart, { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.paywall' });
    assert.match(res.body, /class="paywall"/);
    assert.deepEqual(meta(res.body, 'property', 'article:content_tier'), ['locked']);
  });

  it('carries a BreadcrumbList, a canonical link, Open Graph and Twitter card meta, and max-image-preview:large', async () => {
    const res = await h.app.inject(wide.path);
    const crumbs = jsonLdBlocks(res.body).find((x) => x['@type'] === 'BreadcrumbList');
    assert.deepEqual(crumbs.itemListElement.map((i: any) => [i.position, i.item]), [[1, 'https://news.example/'], [2, 'https://news.example/international'], [3, `https://news.example${wide.path}`]]);
    assert.match(res.body, new RegExp(`<link rel="canonical" href="https://news\\.example${wide.path}">`));
    assert.match(res.body, /<meta name="robots" content="[^"]*max-image-preview:large/);
    assert.deepEqual(meta(res.body, 'property', 'og:type'), ['article']);
    assert.deepEqual(meta(res.body, 'property', 'og:url'), [`https://news.example${wide.path}`]);
    assert.match(meta(res.body, 'property', 'og:image')[0]!, /-1200x675\.jpg$/);
    assert.deepEqual(meta(res.body, 'property', 'og:image:width'), ['1200']);
    assert.deepEqual(meta(res.body, 'property', 'og:image:height'), ['675']);
    assert.deepEqual(meta(res.body, 'property', 'article:tag'), ['रूस', 'क्रिकेट']);
    assert.deepEqual(meta(res.body, 'property', 'article:author'), ['https://news.example/author/amit-kumar']);
    assert.deepEqual(meta(res.body, 'name', 'twitter:card'), ['summary_large_image']);
    assert.deepEqual(meta(res.body, 'name', 'twitter:image'), meta(res.body, 'property', 'og:image'));
  });

  it('serves the publisher logo as a 600 × 60 PNG', async () => {
    const res = await h.app.inject('/publisher-logo.png');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'image/png');
    const m = await sharp(res.rawPayload).metadata();
    assert.deepEqual([m.format, m.width, m.height], ['png', 600, 60]);
    assert.equal((await h.app.inject({ url: '/publisher-logo.png', headers: { 'if-none-match': String(res.headers.etag) } })).statusCode, 304);
  });
});
