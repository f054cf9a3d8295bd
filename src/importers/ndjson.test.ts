import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { getArticle, listPublished } from '../content/index.js';
import { importNdjson } from './ndjson.js';
import { importContext } from './index.js';

async function jpeg(w: number, h: number, color = '#c33'): Promise<Buffer> {
  return sharp({ create: { width: w, height: h, channels: 3, background: color } }).jpeg().toBuffer();
}

describe('NDJSON import', () => {
  let h: TestApp;
  let dir: string;
  let server: Server;
  let base: string;
  before(async () => {
    h = await createTestApp();
    dir = mkdtempSync(join(tmpdir(), 'samachar-import-'));
    mkdirSync(join(dir, 'images'));
    writeFileSync(join(dir, 'images', 'hero.jpg'), await jpeg(1600, 900));
    writeFileSync(join(dir, 'images', 'body.jpg'), await jpeg(800, 600, '#36c'));
    writeFileSync(join(dir, 'images', 'not-an-image.jpg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const remote = await jpeg(1200, 675, '#3a3');
    server = createServer((req, res) => {
      if (req.url === '/ok.jpg') { res.writeHead(200, { 'content-type': 'image/jpeg' }); res.end(remote); return; }
      if (req.url === '/huge.jpg') { res.writeHead(200, { 'content-type': 'image/jpeg' }); res.end(Buffer.alloc(3 * 1024 * 1024)); return; }
      if (req.url === '/slow.jpg') { res.writeHead(200); res.write('x'); return; }
      res.writeHead(404); res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(async () => {
    server?.closeAllConnections();
    server?.close();
    await h?.close();
  });

  const ctx = (file: string) => ({ ...importContext(h.c, file), maxImageBytes: 2 * 1024 * 1024, fetchTimeoutMs: 1500 });

  function writeLines(name: string, lines: unknown[]): string {
    const f = join(dir, name);
    writeFileSync(f, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
    return f;
  }

  const good = {
    externalId: 'wire-1001',
    headline: 'मानसून ने केरल में समय से पहले दी दस्तक',
    slug: 'monsoon-arrives-early-in-kerala',
    summary: 'मौसम विभाग ने कहा कि इस बार बारिश सामान्य से बेहतर रहेगी।',
    body: '<p>तिरुवनंतपुरम में सुबह से बारिश हो रही है।</p><figure data-credit="फोटो: संवाददाता"><img src="images/body.jpg" alt="बारिश में सड़क"><figcaption>शहर की एक सड़क</figcaption></figure><p>किसानों ने राहत की साँस ली।</p>',
    desk: 'राष्ट्रीय',
    tags: ['मानसून', 'केरल'],
    authors: ['रीना थॉमस'],
    editor: 'सुनीता वर्मा',
    access: 'free',
    status: 'published',
    publishedAt: '2025-06-01T09:30:00+05:30',
    updatedAt: '2025-06-01T11:00:00+05:30',
    image: { path: 'images/hero.jpg', title: 'केरल में मानसून', alt: 'समुद्र तट पर बादल', credit: 'फोटो: समाचार डेस्क' },
    lang: 'hi',
  };

  it('creates stories with desk, tags, people and images, and reports counts', async () => {
    const file = writeLines('good.ndjson', [good, { ...good, externalId: 'wire-1002', slug: 'second-story', headline: 'दूसरी ख़बर', image: { url: `${base}/ok.jpg`, alt: 'दूर की तस्वीर' } }]);
    const report = await importNdjson(ctx(file), file);
    assert.deepEqual(report, { created: 2, updated: 0, rejected: [] });
    const list = await listPublished(h.c.store.db, {});
    const first = list.items.find((a) => a.slug === 'monsoon-arrives-early-in-kerala')!;
    const a = (await getArticle(h.c.store.db, first.id))!;
    assert.equal(a.desk.name, 'राष्ट्रीय');
    assert.deepEqual(a.tags.map((t) => t.name), ['मानसून', 'केरल']);
    assert.equal(a.authors[0]!.name, 'रीना थॉमस');
    assert.equal(a.editor?.name, 'सुनीता वर्मा');
    assert.equal(a.publishedAt, '2025-06-01T04:00:00.000Z');
    assert.equal(a.image?.width, 1600);
    assert.equal(a.image?.credit, 'फोटो: समाचार डेस्क');
    assert.match(a.bodyHtml, /<figure><picture>.*<figcaption>शहर की एक सड़क <span class="credit">फोटो: संवाददाता<\/span><\/figcaption><\/figure>/);
    const second = list.items.find((x) => x.slug === 'second-story')!;
    assert.equal(second.image?.width, 1200);
    // The stored image is served as variants.
    const res = await h.app.inject(`/media/${a.image!.id}-${a.image!.key}-640.webp`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'image/webp');
    assert.equal((await sharp(res.rawPayload).metadata()).width, 640);
  });

  it('updates in place when the same externalId is imported again', async () => {
    const file = writeLines('again.ndjson', [{ ...good, headline: 'मानसून ने केरल में दी दस्तक: ताज़ा जानकारी' }]);
    const before = (await listPublished(h.c.store.db, {})).total;
    const report = await importNdjson(ctx(file), file);
    assert.deepEqual(report, { created: 0, updated: 1, rejected: [] });
    assert.equal((await listPublished(h.c.store.db, {})).total, before);
    const list = await listPublished(h.c.store.db, {});
    assert.ok(list.items.some((a) => a.headline === 'मानसून ने केरल में दी दस्तक: ताज़ा जानकारी'));
  });

  it('rejects bad lines with their line numbers and reasons and takes the rest', async () => {
    const file = writeLines('mixed.ndjson', [
      { headline: 'ठीक पंक्ति', externalId: 'mixed-1', desk: 'sports' },
      '{not json',
      { summary: 'शीर्षक नहीं है' },
      { headline: 'ग़लत पहुँच', access: 'vip' },
      { headline: 'ग़लत तारीख़', publishedAt: 'कल' },
      { headline: 'ख़राब तस्वीर', externalId: 'mixed-6', image: { path: 'images/not-an-image.jpg' } },
      { headline: 'बहुत बड़ी तस्वीर', image: { url: `${base}/huge.jpg` } },
      { headline: 'धीमी तस्वीर', image: { url: `${base}/slow.jpg` } },
      { headline: 'ग़ायब तस्वीर', image: { path: 'images/missing.jpg' } },
      '',
      { headline: 'दूसरी ठीक पंक्ति', externalId: 'mixed-11' },
    ]);
    const report = await importNdjson(ctx(file), file);
    assert.equal(report.created, 2);
    assert.deepEqual(report.rejected.map((r) => r.line), [2, 3, 4, 5, 6, 7, 8, 9]);
    const reason = (n: number) => report.rejected.find((r) => r.line === n)!.reason;
    assert.match(reason(2), /not valid JSON/);
    assert.match(reason(3), /headline is required/);
    assert.match(reason(4), /access must be one of/);
    assert.match(reason(5), /publishedAt must be an ISO 8601/);
    assert.match(reason(6), /not an image we accept/);
    assert.match(reason(7), /larger than/);
    assert.match(reason(8), /too long/);
    assert.match(reason(9), /not found/);
    // Nothing of a rejected line was written: its externalId does not exist.
    const rows = await h.c.store.db.selectFrom('articles').select('external_id').where('external_id', '=', 'mixed-6').execute();
    assert.equal(rows.length, 0);
  });

  it('sanitizes hostile HTML on the way in', async () => {
    const file = writeLines('hostile.ndjson', [{ headline: 'सुरक्षा जाँच', externalId: 'hostile-1', body: '<p onmouseover="alert(1)">पाठ<script>alert(2)</script></p><iframe src="https://evil.example"></iframe><p><a href="javascript:alert(3)">लिंक</a></p><img src=x onerror=alert(4)>' }]);
    const report = await importNdjson(ctx(file), file);
    // The bare <img src=x> cannot be found, so the line is refused rather than stored with a broken image.
    assert.equal(report.rejected.length, 1);
    const file2 = writeLines('hostile2.ndjson', [{ headline: 'सुरक्षा जाँच', externalId: 'hostile-2', body: '<p onmouseover="alert(1)">पाठ<script>alert(2)</script></p><iframe src="https://evil.example"></iframe><p><a href="javascript:alert(3)">लिंक</a></p><style>body{}</style>' }]);
    const r2 = await importNdjson(ctx(file2), file2);
    assert.equal(r2.created, 1);
    const row = await h.c.store.db.selectFrom('articles').select(['body_html']).where('external_id', '=', 'hostile-2').executeTakeFirstOrThrow();
    assert.equal(row.body_html, '<p>पाठ</p><p>लिंक</p>');
  });
});
