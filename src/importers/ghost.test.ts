import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { eachDialect } from '../../test/helpers/stores.js';
import { getArticle } from '../content/index.js';
import { importContext } from './index.js';
import { importGhost, parseGhost } from './ghost.js';

const FIXTURE = resolve('test/fixtures/importers/ghost/export.json');
const IMAGES = resolve('test/fixtures/importers/ghost/content/images');
const offline: typeof fetch = async () => new Response('not here', { status: 404 });

async function byExternal(h: TestApp, id: string) {
  const row = await h.c.store.db.selectFrom('articles').select('id').where('external_id', '=', id).executeTakeFirstOrThrow();
  return (await getArticle(h.c.store.db, row.id))!;
}

await eachDialect((dialect, skip) => {
  describe(`Ghost import (${dialect})`, { skip }, () => {
    let h: TestApp;
    before(async () => { h = await createTestApp(dialect); });
    after(async () => { await h?.close(); });
    const ctx = () => ({ ...importContext(h.c, FIXTURE, IMAGES), fetchImpl: offline });

    it('imports posts with authors, the primary tag as desk, public tags, images and access, keeping drafts as drafts', async () => {
      const report = await importGhost(ctx(), FIXTURE);
      assert.deepEqual([report.created, report.updated], [4, 0]);
      assert.equal(report.rejected.length, 1);
      const raw = readFileSync(FIXTURE, 'utf8').split('\n');
      assert.match(raw[report.rejected[0]!.line - 1]!, /"id": "664a1f0e9b1c2a0001a1b006"/, 'the line of the post in the export');
      assert.match(report.rejected[0]!.reason, /“खोई हुई तस्वीर वाली ख़बर”: image at https:\/\/purana-blog\.example\/content\/images\/2023\/01\/nahi-hai\.jpg answered 404/);

      const a = await byExternal(h, 'ghost:664a1f0e9b1c2a0001a1b001');
      assert.equal(a.headline, 'शेयर बाज़ार: सेंसेक्स पहली बार 75 हज़ार के पार');
      assert.equal(a.slug, 'sensex-75-hazar-ke-paar');
      assert.equal(a.summary, 'बाज़ार में तेज़ी के पीछे विदेशी निवेश और बैंकिंग शेयर रहे।');
      assert.equal(a.desk.name, 'अर्थव्यवस्था');
      assert.deepEqual(a.tags.map((t) => t.name), ['अर्थव्यवस्था', 'शेयर बाज़ार'], 'internal #tags stay out');
      assert.deepEqual(a.authors.map((p) => p.name), ['अनिल मेहता', 'प्रिया सिंह']);
      assert.equal(a.access, 'free');
      assert.equal(a.publishedAt, '2024-05-09T05:30:00.000Z');
      assert.equal(a.updatedAt, '2024-05-09T08:15:00.000Z');
      assert.equal(a.image?.width, 2000);
      assert.equal(a.image?.alt, 'मुंबई शेयर बाज़ार की इमारत');
      assert.equal(a.image?.caption, 'दलाल स्ट्रीट');
      assert.deepEqual(a.doc.content.map((b) => b.type), ['paragraph', 'figure', 'paragraph', 'heading', 'paragraph']);
      const fig = a.doc.content[1]!;
      assert.ok(fig.type === 'figure' && fig.attrs.width === 1000 && fig.attrs.caption === 'दिन भर का उतार-चढ़ाव', 'the original image, not the resized copy');
      assert.match(a.bodyHtml, /<a href="https:\/\/purana-blog\.example\/rbi-niti\/" rel="noopener nofollow">आरबीआई की नीति<\/a>/);

      assert.equal((await byExternal(h, 'ghost:664a1f0e9b1c2a0001a1b002')).access, 'premium');
      assert.equal((await byExternal(h, 'ghost:664a1f0e9b1c2a0001a1b005')).access, 'members');
      const draft = await byExternal(h, 'ghost:664a1f0e9b1c2a0001a1b003');
      assert.equal(draft.status, 'draft');
      assert.equal(draft.publishedAt, null);
      assert.equal((await h.c.store.db.selectFrom('articles').select('id').where('external_id', '=', 'ghost:664a1f0e9b1c2a0001a1b004').execute()).length, 0, 'pages are not stories');
    });

    it('keeps premium text behind the paywall and answers the old Ghost URL with 301', async () => {
      const p = await byExternal(h, 'ghost:664a1f0e9b1c2a0001a1b002');
      const api = await h.app.inject(`/api/v1/articles/${p.id}`);
      assert.equal(api.json().locked, true);
      assert.doesNotMatch(api.body, /गुप्त-घोस्ट-चिह्न/);
      const a = await byExternal(h, 'ghost:664a1f0e9b1c2a0001a1b001');
      const res = await h.app.inject('/sensex-75-hazar-ke-paar/');
      assert.equal(res.statusCode, 301);
      assert.equal(res.headers.location, a.path);
      assert.equal((await h.app.inject('/rupaye-ki-chaal/')).statusCode, 404, 'a draft is not revealed');
    });

    it('updates in place when imported again', async () => {
      const report = await importGhost(ctx(), FIXTURE);
      assert.deepEqual([report.created, report.updated, report.rejected.length], [0, 4, 1]);
    });
  });
});

describe('reading Ghost exports', () => {
  it('accepts the old top-level shape and refuses what is not a Ghost export', () => {
    assert.equal(parseGhost('{"meta":{"exported_on":1},"data":{"posts":[{"id":"1"}]}}').posts.length, 1);
    assert.throws(() => parseGhost('{"db":[{"data":{}}]}'), /not a Ghost export/);
    assert.throws(() => parseGhost('{"db": ['), /not valid JSON/);
  });
});
