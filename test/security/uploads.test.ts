import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { createNewsroomApp, multipart, signedIn, type Client, type NewsroomTestApp } from '../helpers/newsroom.js';
import { Tally } from './helpers.js';

/**
 * Uploads beyond src/web/routes/newsroom/upload.test.ts (which covers SVG with script, text under an image
 * name, the size limit with 413, the PNG decompression bomb and anonymous/CSRF-less uploads): polyglots.
 * A JPEG that is also an HTML page, an HTML page behind JPEG magic bytes, and a GIF that is also script
 * must never come back as anything but a re-encoded image with its own type and nosniff.
 */
describe('upload polyglots', () => {
  let h: NewsroomTestApp;
  let cl: Client;
  const tally = new Tally();
  before(async () => {
    h = await createNewsroomApp();
    cl = await signedIn(h, 'reporter');
  });
  after(async () => {
    console.log(tally.line('uploads'));
    await h?.close();
  });

  const HTML = Buffer.from('<html><body><script>alert(document.cookie)</script><img src=x onerror=alert(1)></body></html>');
  async function upload(filename: string, type: string, data: Buffer) {
    const { payload, contentType } = multipart({ _csrf: cl.csrf, title: filename, alt: 'परीक्षण' }, { name: 'file', filename, type, data });
    return cl.request('POST', '/newsroom/media', { payload, headers: { 'content-type': contentType, accept: 'application/json' } });
  }

  it('stores a JPEG/HTML polyglot only as an image, and serves it re-encoded as image/jpeg with nosniff', async () => {
    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#36c' } }).jpeg().toBuffer();
    const poly = Buffer.concat([jpeg, HTML]);
    for (const [name, type] of [['polyglot.jpg', 'image/jpeg'], ['polyglot.html', 'text/html'], ['polyglot.svg', 'image/svg+xml']] as const) {
      const res = await upload(name, type, poly);
      assert.ok(res.statusCode === 201 || res.statusCode === 200 || res.statusCode === 303 || (res.statusCode >= 400 && res.statusCode < 500), `${name}: ${res.statusCode}`);
      if (res.statusCode >= 400) { tally.check(true, `${name} refused`); continue; }
      const img = await h.c.store.db.selectFrom('images').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow() as Record<string, unknown>;
      const page = await cl.get(`/newsroom/media/${img.id}`);
      const src = /\/media\/\d+-[a-f0-9]{10}-\d+\.jpg/.exec(page.body)?.[0];
      assert.ok(src, 'the media page links a variant');
      for (const fmt of ['jpg', 'webp', 'avif']) {
        const v: Awaited<ReturnType<typeof h.app.inject>> = await h.app.inject({ url: src.replace(/\.jpg$/, `.${fmt}`) });
        assert.equal(v.statusCode, 200);
        assert.match(String(v.headers['content-type']), /^image\/(jpeg|webp|avif)$/);
        assert.equal(v.headers['x-content-type-options'], 'nosniff');
        assert.equal(v.rawPayload.includes(Buffer.from('<script')), false, `${fmt} variant still carries the HTML`);
        tally.check(true, `${name} → ${fmt}`);
      }
    }
  });

  it('refuses an HTML page dressed as a JPEG (magic bytes only) and a GIF/JavaScript polyglot that is not a whole image', async () => {
    const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), HTML]);
    const gifJs = Buffer.concat([Buffer.from('GIF89a/*'), Buffer.alloc(16), Buffer.from('*/=alert(1);')]);
    for (const [name, data] of [['photo.jpg', fakeJpeg], ['anim.gif', gifJs], ['page.jpg', HTML]] as const) {
      const before = Number((await h.c.store.db.selectFrom('images').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const res = await upload(name, 'image/jpeg', data);
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${name} answered ${res.statusCode}`);
      const after = Number((await h.c.store.db.selectFrom('images').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      assert.equal(after, before, `${name} was stored`);
      tally.check(true, `${name} refused`);
    }
  });

  it('serves nothing from the media folder but image variants (no original, no path tricks)', async () => {
    for (const u of ['/media/..%2Fsamachar.db', '/media/%2e%2e%2fsamachar.db', '/media/1-0000000000-640.html', '/media/1-0000000000-640.svg', '/media/originals', '/assets/..%2F..%2Fpackage.json']) {
      const r = await h.app.inject({ url: u });
      assert.ok(r.statusCode === 404 || r.statusCode === 400 || r.statusCode === 403, `${u}: ${r.statusCode}`);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      tally.check(true, u);
    }
  });
});
