import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { loadDemo } from './load.js';
import { demoArticles, demoDesks } from './content.js';

describe('demo newsroom', () => {
  let h: TestApp;
  before(async () => { h = await createTestApp(); });
  after(async () => { await h?.close(); });

  it('loads into an empty store and opens a living site', async () => {
    assert.equal(await loadDemo(h.c), true);
    const home = await h.app.inject('/');
    assert.equal(home.statusCode, 200);
    for (const d of demoDesks) assert.match(home.body, new RegExp(`href="/${d.slug}"`));
    const api = (await h.app.inject('/api/v1/articles?limit=100')).json();
    assert.equal(api.total, demoArticles.length);
    const first = api.articles[0];
    assert.ok(Date.parse(first.publishedAt) <= h.clock.now().getTime(), 'stories are not in the future');
    const page = await h.app.inject(new URL(first.url).pathname);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Edited By/);
  });

  it('does nothing on a store that already has stories', async () => {
    assert.equal(await loadDemo(h.c), false);
  });
});
