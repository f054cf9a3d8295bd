import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { createNewsroomApp, multipart, signedIn, Client, type NewsroomTestApp } from '../../../../test/helpers/newsroom.js';

/** A tiny PNG whose header declares width×height pixels (a decompression bomb when large). */
function pngDeclaring(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(64 * 1024))), chunk('IEND', Buffer.alloc(0))]);
}

describe('media library uploads', () => {
  let h: NewsroomTestApp;
  let cl: Client;
  const MAX = 200 * 1024;
  before(async () => {
    h = await createNewsroomApp('sqlite', { maxImageBytes: MAX });
    cl = await signedIn(h, 'reporter');
  });
  after(async () => { await h?.close(); });

  async function upload(client: Client, file: { filename: string; type: string; data: Buffer } | null, fields: Record<string, string> = {}, json = false) {
    const { payload, contentType } = multipart({ _csrf: client.csrf, ...fields }, file ? { name: 'file', ...file } : null);
    return client.request('POST', '/newsroom/media', { payload, headers: { 'content-type': contentType, ...(json ? { accept: 'application/json' } : {}) } });
  }
  const count = async () => Number((await h.c.store.db.selectFrom('images').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('stores a JPEG with its title and alt text, finds it by title and serves its variants', async () => {
    const jpg = await sharp({ create: { width: 1000, height: 600, channels: 3, background: '#3a6' } }).jpeg().toBuffer();
    const res = await upload(cl, { filename: 'hara-khet.jpg', type: 'image/jpeg', data: jpg }, { title: 'हरा खेत', alt: 'धान का हरा खेत', credit: 'समाचार' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const id = Number(/\/newsroom\/media\/(\d+)/.exec(String(res.headers.location))![1]);
    const page = await cl.get(`/newsroom/media/${id}`);
    assert.match(page.body, /value="धान का हरा खेत"/);
    const found = (await cl.get(`/newsroom/media.json?q=${encodeURIComponent('हरा')}`)).json();
    assert.deepEqual(found.images.map((i: { id: number }) => i.id), [id]);
    assert.equal((await cl.get('/newsroom/media.json?q=nothing-like-this')).json().images.length, 0);
    const variant = await h.app.inject(found.images[0].thumb);
    assert.equal(variant.statusCode, 200);
    assert.equal(variant.headers['content-type'], 'image/jpeg');
    const again = await upload(cl, { filename: 'copy.jpg', type: 'image/jpeg', data: jpg }, {}, true);
    assert.equal(again.statusCode, 201);
    assert.equal(again.json().image.id, id, 'the same bytes are the same image');
    assert.equal(again.json().image.alt, 'धान का हरा खेत', 'and keep what was written about them');
  });

  it('accepts PNG, WebP, AVIF and GIF, identified by their content whatever their name', async () => {
    const base = sharp({ create: { width: 64, height: 48, channels: 3, background: '#a33' } });
    for (const [fmt, buf] of [['png', await base.clone().png().toBuffer()], ['webp', await base.clone().webp().toBuffer()], ['avif', await base.clone().avif().toBuffer()], ['gif', await base.clone().gif().toBuffer()]] as const) {
      const res = await upload(cl, { filename: `image.${fmt === 'png' ? 'jpg' : fmt}`, type: 'application/octet-stream', data: buf }, { title: `परीक्षण ${fmt}` }, true);
      assert.equal(res.statusCode, 201, `${fmt}: ${res.body}`);
    }
  });

  it('refuses a text file under an image name', async () => {
    const before = await count();
    const res = await upload(cl, { filename: 'photo.jpg', type: 'image/jpeg', data: Buffer.from('this is not an image at all, just words\n'.repeat(20)) });
    assert.equal(res.statusCode, 415);
    assert.match(res.body, /not an image we accept/);
    assert.equal(await count(), before);
  });

  it('refuses an SVG, with or without a script, under any name', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(document.cookie)</script><rect width="100" height="100" fill="red"/></svg>');
    for (const filename of ['drawing.svg', 'drawing.png']) {
      const before = await count();
      const res = await upload(cl, { filename, type: 'image/svg+xml', data: svg }, {}, true);
      assert.equal(res.statusCode, 415, filename);
      assert.equal(res.json().error.code, 'UNSUPPORTED_MEDIA');
      assert.equal(await count(), before);
    }
  });

  it('refuses a file larger than the limit', async () => {
    const noise = await sharp(Buffer.from(Array.from({ length: 400 * 400 * 3 }, () => Math.floor(Math.random() * 256))), { raw: { width: 400, height: 400, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    assert.ok(noise.length > MAX);
    const before = await count();
    const res = await upload(cl, { filename: 'big.png', type: 'image/png', data: noise });
    assert.equal(res.statusCode, 413);
    assert.equal(await count(), before);
  });

  it('refuses a decompression bomb: a tiny PNG declaring 30000×30000 pixels, without decoding it', async () => {
    const bomb = pngDeclaring(30000, 30000);
    assert.ok(bomb.length < 2048, `the bomb is tiny (${bomb.length} bytes)`);
    const started = Date.now();
    const before = await count();
    const res = await upload(cl, { filename: 'small.png', type: 'image/png', data: bomb }, {}, true);
    // Refused from the header by the pixel limit (sharp's limitInputPixels in MediaLibrary); 413 or 415 depending on how media words it.
    assert.ok([413, 415].includes(res.statusCode), `refused, got ${res.statusCode}`);
    assert.ok(Date.now() - started < 3000, 'refused from the header, quickly');
    assert.equal(await count(), before);
  });

  it('asks for a file when none was chosen, keeping the form', async () => {
    const res = await upload(cl, null, { title: 'कुछ नहीं' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /no file was chosen/);
  });

  it('refuses an anonymous upload before reading it, and an upload without the form token', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
    const anon = await upload(new Client(h.app), { filename: 'a.png', type: 'image/png', data: png });
    assert.equal(anon.statusCode, 401);
    const { payload, contentType } = multipart({}, { name: 'file', filename: 'a.png', type: 'image/png', data: png });
    const res = await h.app.inject({ method: 'POST', url: '/newsroom/media', headers: { 'content-type': contentType, cookie: [...cl.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }, payload });
    assert.equal(res.statusCode, 403);
  });
});
