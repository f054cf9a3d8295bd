import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { demoImageSvg, demoMotifs, renderDemoImage } from './images.js';

const palette: [string, string] = ['#1d3557', '#e76f51'];

describe('renderDemoImage', () => {
  for (const motif of demoMotifs) {
    it(`renders a JPEG of the requested size for motif "${motif}"`, async () => {
      const buf = await renderDemoImage({ title: `परीक्षण ${motif}`, palette, motif }, 640, 360);
      assert.ok(Buffer.isBuffer(buf));
      assert.deepEqual([...buf.subarray(0, 3)], [0xff, 0xd8, 0xff], 'JPEG magic bytes');
      const meta = await sharp(buf).metadata();
      assert.equal(meta.format, 'jpeg');
      assert.equal(meta.width, 640);
      assert.equal(meta.height, 360);
    });
  }

  it('defaults to 1600×900 and honours other aspect ratios', async () => {
    const full = await sharp(await renderDemoImage({ title: 'डिफ़ॉल्ट', palette, motif: 'city' })).metadata();
    assert.equal(full.width, 1600);
    assert.equal(full.height, 900);
    const square = await sharp(await renderDemoImage({ title: 'वर्ग', palette, motif: 'chart' }, 300, 300)).metadata();
    assert.equal(square.width, 300);
    assert.equal(square.height, 300);
  });

  it('is deterministic for the same input and varies with the title', async () => {
    const spec = { title: 'दोहराव', palette, motif: 'city' };
    const a = await renderDemoImage(spec, 320, 180);
    const b = await renderDemoImage({ ...spec }, 320, 180);
    assert.ok(a.equals(b), 'same input must give identical bytes');
    assert.equal(demoImageSvg(spec), demoImageSvg({ ...spec }));
    assert.notEqual(demoImageSvg(spec), demoImageSvg({ ...spec, title: 'दूसरा शीर्षक' }));
  });

  it('draws no text and tolerates unknown motifs and bad colours', async () => {
    for (const motif of demoMotifs) assert.ok(!/<text\b/.test(demoImageSvg({ title: 'x', palette, motif })));
    const meta = await sharp(await renderDemoImage({ title: 'x', palette: ['red', '#abc'], motif: 'unknown' }, 200, 100)).metadata();
    assert.equal(meta.width, 200);
    assert.equal(meta.height, 100);
  });

  it('rejects invalid sizes', async () => {
    await assert.rejects(renderDemoImage({ title: 'x', palette, motif: 'city' }, 0, 100), RangeError);
  });
});
