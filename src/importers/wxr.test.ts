import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { eachDialect } from '../../test/helpers/stores.js';
import { getArticle } from '../content/index.js';
import { detectFormat, importContext, importFile } from './index.js';
import { importWxr, parseWxr, autop, expandShortcodes } from './wxr.js';

const FIXTURE = resolve('test/fixtures/importers/wordpress/export.xml');
const UPLOADS = resolve('test/fixtures/importers/wordpress/uploads');
/** No test reaches the network: an image URL that is not in the export's folder answers 404 here. */
const offline: typeof fetch = async () => new Response('not here', { status: 404 });

async function byExternal(h: TestApp, id: string) {
  const row = await h.c.store.db.selectFrom('articles').select('id').where('external_id', '=', id).executeTakeFirstOrThrow();
  return (await getArticle(h.c.store.db, row.id))!;
}

await eachDialect((dialect, skip) => {
  describe(`WordPress (WXR) import (${dialect})`, { skip }, () => {
    let h: TestApp;
    before(async () => { h = await createTestApp(dialect); });
    after(async () => { await h?.close(); });
    const ctx = (media?: string) => ({ ...importContext(h.c, FIXTURE, media), fetchImpl: offline });

    it('imports posts with authors, categories as desks, tags and images, and reports the post it could not take', async () => {
      const report = await importWxr(ctx(), FIXTURE);
      assert.equal(report.created, 4);
      assert.equal(report.updated, 0);
      assert.equal(report.rejected.length, 1);
      assert.equal(report.rejected[0]!.line, 176);
      assert.match(report.rejected[0]!.reason, /^post 107 “तस्वीर ग़ायब है”: image at https:\/\/old-cdn\.invalid\/.*gayab\.jpg .*404/);
      // Pages, attachments and trashed posts are not stories.
      const all = await h.c.store.db.selectFrom('articles').select('external_id').execute();
      assert.deepEqual(all.map((r) => r.external_id).sort(), ['wp:https://purana-akhbar.example/?p=101', 'wp:https://purana-akhbar.example/?p=102', 'wp:https://purana-akhbar.example/?p=103', 'wp:https://purana-akhbar.example/?p=104']);

      const a = await byExternal(h, 'wp:https://purana-akhbar.example/?p=101');
      assert.equal(a.headline, 'बिहार चुनाव: पहले चरण में 62% मतदान, महिलाओं की लंबी कतारें');
      assert.equal(a.slug, 'bihar-chunav-pratham-charan');
      assert.equal(a.status, 'published');
      assert.equal(a.desk.name, 'राजनीति');
      assert.deepEqual(a.tags.map((t) => t.name), ['चुनाव', 'बिहार']);
      assert.deepEqual(a.authors.map((p) => p.name), ['रमेश शर्मा']);
      assert.equal(a.publishedAt, '2024-05-12T04:30:00.000Z');
      assert.equal(a.updatedAt, '2024-05-12T12:45:00.000Z');
      assert.equal(a.lang, 'hi');
      assert.equal(a.image?.width, 1600);
      assert.equal(a.image?.alt, 'विधानसभा भवन का सामने का हिस्सा');
      assert.equal(a.image?.caption, 'पटना का विधानसभा भवन');
      assert.match(a.summary, /^पटना में सुबह सात बजे से ही मतदान केंद्रों पर लोग पहुँचने लगे।/);
      // Classic-editor paragraphs, the [caption] shortcode as a figure of the original (not the 300 px copy), no script.
      assert.deepEqual(a.doc.content.map((b) => b.type), ['paragraph', 'figure', 'paragraph', 'paragraph']);
      const fig = a.doc.content[1]!;
      assert.ok(fig.type === 'figure' && fig.attrs.width === 1200 && fig.attrs.caption === 'गांधी मैदान में आख़िरी रैली' && fig.attrs.alt === 'रैली में भीड़');
      assert.match(a.bodyHtml, /<strong>62 प्रतिशत<\/strong>/);
      assert.match(a.bodyHtml, /ज़्यादा रही।<br>कई बूथों/);
      assert.doesNotMatch(a.bodyHtml, /script|alert/);

      const b = await byExternal(h, 'wp:https://purana-akhbar.example/?p=102');
      assert.equal(b.headline, 'दिल्ली में झमाझम बारिश & जलभराव, यातायात धीमा');
      assert.equal(b.slug, 'dilli-mein-jhamajham-barish');
      assert.equal(b.summary, 'राजधानी में बारिश से कई जगह पानी भर गया और यातायात धीमा रहा।');
      assert.deepEqual(b.doc.content.map((x) => x.type), ['paragraph', 'heading', 'bulletList', 'figure', 'blockquote', 'paragraph']);
      assert.doesNotMatch(b.bodyHtml, /javascript|onclick|steal/);
      assert.match(b.bodyHtml, /<em>सुबह से<\/em>/);

      const draft = await byExternal(h, 'wp:https://purana-akhbar.example/?p=103');
      assert.equal(draft.status, 'draft');
      assert.equal(draft.publishedAt, null);
      assert.equal(draft.desk.name, 'खेल');
      assert.match(draft.slug, /^[a-z0-9-]+$/);

      const members = await byExternal(h, 'wp:https://purana-akhbar.example/?p=104');
      assert.equal(members.access, 'members', 'a password-protected post is for members');
    });

    it('answers the old WordPress URLs with 301 to the new story', async () => {
      const a = await byExternal(h, 'wp:https://purana-akhbar.example/?p=101');
      const b = await byExternal(h, 'wp:https://purana-akhbar.example/?p=102');
      for (const [url, to] of [
        ['/2024/05/12/bihar-chunav-pratham-charan/', a.path],
        ['/2024/05/12/bihar-chunav-pratham-charan', a.path],
        ['/?p=101', a.path],
        ['/index.php?p=102', b.path],
        ['/2024/05/14/%E0%A4%A6%E0%A4%BF%E0%A4%B2%E0%A5%8D%E0%A4%B2%E0%A5%80-%E0%A4%AE%E0%A5%87%E0%A4%82-%E0%A4%9D%E0%A4%AE%E0%A4%BE%E0%A4%9D%E0%A4%AE-%E0%A4%AC%E0%A4%BE%E0%A4%B0%E0%A4%BF%E0%A4%B6/', b.path],
      ] as const) {
        const res = await h.app.inject(url);
        assert.equal(res.statusCode, 301, url);
        assert.equal(res.headers.location, to, url);
        assert.equal((await h.app.inject(res.headers.location!)).statusCode, 200);
      }
      // A draft's old URL does not lead to it, and unknown old URLs stay 404.
      assert.equal((await h.app.inject('/?p=103')).statusCode, 200, 'the home page');
      assert.equal((await h.app.inject('/2024/05/17/tasveer-gayab/')).statusCode, 404);
    });

    it('updates the same stories when the export is imported again, and finds images in the --media folder', async () => {
      const before = await h.c.store.db.selectFrom('articles').select('id').execute();
      const legacy = await h.c.store.db.selectFrom('legacy_urls').select('path').execute();
      const report = await importWxr(ctx(UPLOADS), FIXTURE);
      assert.deepEqual([report.created, report.updated, report.rejected.length], [0, 4, 1]);
      assert.equal((await h.c.store.db.selectFrom('articles').select('id').execute()).length, before.length);
      assert.equal((await h.c.store.db.selectFrom('legacy_urls').select('path').execute()).length, legacy.length);
      const a = await byExternal(h, 'wp:https://purana-akhbar.example/?p=101');
      assert.equal(a.slug, 'bihar-chunav-pratham-charan', 'the slug is kept on update');
    });
  });
});

describe('reading WordPress exports', () => {
  it('tells the formats apart by content and honours --format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samachar-detect-'));
    const nd = join(dir, 'a.ndjson');
    writeFileSync(nd, '{"headline":"ख़बर"}\n');
    assert.equal(await detectFormat(FIXTURE), 'wxr');
    assert.equal(await detectFormat(resolve('test/fixtures/importers/ghost/export.json')), 'ghost');
    assert.equal(await detectFormat(nd), 'ndjson');
    const h = await createTestApp();
    try {
      // Forced to NDJSON, the XML file is read line by line and every non-blank line is refused.
      const report = await importFile(h.c, FIXTURE, { format: 'ndjson' });
      assert.equal(report.created, 0);
      assert.match(report.rejected[0]!.reason, /not valid JSON/);
    } finally {
      await h.close();
    }
  });

  it('refuses XML that is not a WordPress export with a clear reason', () => {
    assert.throws(() => parseWxr('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'), /not a WordPress export/);
    assert.throws(() => parseWxr('<html><body>नहीं</body></html>'), /not a WordPress export/);
  });

  it('adds paragraphs to classic-editor text and turns shortcodes into figures and links', () => {
    assert.equal(autop('एक\nदो\n\nतीन'), '<p>एक<br>दो</p>\n<p>तीन</p>');
    assert.equal(autop('<p>पहले से</p>\n\nबिना'), '<p>पहले से</p>\n\nबिना');
    assert.equal(expandShortcodes('[caption id="a" width="300"]<img src="x.jpg" alt="क"> कैप्शन[/caption]'), '<figure><img src="x.jpg" alt="क"><figcaption>कैप्शन</figcaption></figure>');
    assert.equal(expandShortcodes('[embed]https://video.example/v/1[/embed]'), '<p><a href="https://video.example/v/1">https://video.example/v/1</a></p>');
    assert.equal(expandShortcodes('क [gallery ids="1,2"] ख [1]'), 'क  ख [1]');
  });
});
