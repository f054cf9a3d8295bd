import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { mkdirSync, readdirSync, statSync, writeFileSync, openSync, writeSync, closeSync, rmSync } from 'node:fs';
import { randomBytes, createHash } from 'node:crypto';
import sharp from 'sharp';
import { openSqlite } from '../../src/storage/index.js';
import { imageKey } from '../../src/content/index.js';
import { cleanupAll, mountSmallFs, runCli, startServe, tempDir, type Server } from './helpers.js';

/**
 * A full disk during an upload. The data directory's media folder is a 2 MB tmpfs; an import brings an
 * image larger than the space left. The line must be rejected with a clear reason, leave no partial
 * file and no image row, and the running site must keep serving. Then the disk is filled up entirely
 * and a reader asks for an image size that was never made: a clean error, no partial file, and the
 * size is made once space returns.
 */
after(cleanupAll);

const MEDIA_KB = 2048;
function mountSkipReason(): string | false {
  const probe = tempDir('mount-probe');
  const why = mountSmallFs(probe, 64);
  return why ?? false;
}
const skip = mountSkipReason();

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Fills the filesystem holding `dir` with one file until it reports ENOSPC. */
function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(16 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
}

describe('a full disk during an image upload', { skip }, () => {
  let server: Server | undefined;
  after(async () => {
    await server?.child.stop();
  });

  it('rejects the upload clearly, leaves no partial file or image row, and the site keeps serving', { timeout: 90_000 }, async () => {
    const dir = tempDir('full-disk');
    const dataDir = join(dir, 'data');
    const media = join(dataDir, 'media');
    mkdirSync(media, { recursive: true });
    assert.equal(mountSmallFs(media, MEDIA_KB), null);

    // A small image that fits, and one of random noise (incompressible) larger than the whole disk.
    const small = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 200, g: 80, b: 40 } } }).png().toBuffer();
    const big = await sharp(randomBytes(1200 * 1000 * 3), { raw: { width: 1200, height: 1000, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    assert.ok(big.length > MEDIA_KB * 1024, `the big image must not fit (${big.length} bytes)`);
    writeFileSync(join(dir, 'small.png'), small);
    writeFileSync(join(dir, 'big.png'), big);
    const story = (i: number, image?: string) =>
      JSON.stringify({ externalId: `disk-${i}`, headline: `डिस्क भरने की जाँच ${i}`, summary: 'सार।', body: '<p>पहला अनुच्छेद।</p><p>दूसरा अनुच्छेद।</p>', desk: 'reliability', tags: ['डिस्क'], authors: ['जाँच लेखक'], ...(image ? { image: { path: image, title: 'चित्र', alt: 'चित्र', credit: 'जाँच' } } : {}) });
    writeFileSync(join(dir, 'first.ndjson'), [story(1), story(2), story(3, 'small.png')].join('\n') + '\n');
    writeFileSync(join(dir, 'big.ndjson'), story(4, 'big.png') + '\n');

    const first = await runCli(['import', join(dir, 'first.ndjson'), '--data', dataDir]);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    server = await startServe({ dataDir, demo: false });
    const list = (await (await fetch(`${server.base}/api/v1/articles?limit=10`)).json()) as { articles: { id: number; url: string; image: unknown }[] };
    assert.equal(list.articles.length, 3);
    const pages = list.articles.map((a) => new URL(a.url).pathname);
    const filesBefore = filesUnder(media);

    // The upload that does not fit.
    const bad = await runCli(['import', join(dir, 'big.ndjson'), '--data', dataDir]);
    assert.equal(bad.code, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /line 1: rejected: .*(full|no space)/i);
    assert.match(bad.stdout, /created 0, updated 0, rejected 1/);
    assert.deepEqual(filesUnder(media), filesBefore, 'a partial file was left in the media folder');
    const store = openSqlite(join(dataDir, 'samachar.db'));
    try {
      const bigSha = createHash('sha256').update(big).digest('hex');
      assert.equal(await store.db.selectFrom('images').select('id').where('sha256', '=', bigSha).executeTakeFirst(), undefined, 'an image row was left for the failed upload');
      assert.equal(await store.db.selectFrom('articles').select('id').where('external_id', '=', 'disk-4').executeTakeFirst(), undefined, 'the story of the failed line was stored');
    } finally {
      await store.close();
    }

    // The site keeps serving pages and the image that was stored, and its process is up.
    for (const p of ['/', '/healthz', ...pages]) assert.equal((await fetch(server.base + p)).status, 200, p);
    const img = await (async () => {
      const s = openSqlite(join(dataDir, 'samachar.db'));
      try {
        return await s.db.selectFrom('images').select(['id', 'sha256']).executeTakeFirstOrThrow();
      } finally {
        await s.close();
      }
    })();
    const variant = (fmt: string) => `${server!.base}/media/${img.id}-${imageKey(img.sha256)}-320.${fmt}`;
    const jpg = await fetch(variant('jpg'));
    assert.equal(jpg.status, 200);
    assert.equal(jpg.headers.get('content-type'), 'image/jpeg');
    await jpg.arrayBuffer();

    // Now nothing at all is left: a size never made before cannot be written.
    const filler = join(media, 'filler.bin');
    fillUp(filler);
    const filesFull = filesUnder(media);
    const webp = await fetch(variant('webp'));
    await webp.arrayBuffer();
    assert.ok(webp.status >= 500 && webp.status < 600, `expected a server error while the disk is full, got ${webp.status}`);
    assert.deepEqual(filesUnder(media), filesFull, 'a partial variant was left in the media folder');
    assert.ok(server.child.running, 'the app died on a full disk');
    for (const p of ['/', '/healthz', ...pages]) assert.equal((await fetch(server.base + p)).status, 200, `${p} while the disk is full`);
    const again = await fetch(variant('jpg'));
    assert.equal(again.status, 200, 'an image size made before the disk filled is still served');
    await again.arrayBuffer();

    // Space comes back: the size is made.
    rmSync(filler);
    const later = await fetch(variant('webp'));
    assert.equal(later.status, 200);
    assert.equal(later.headers.get('content-type'), 'image/webp');
    await later.arrayBuffer();
  });
});
