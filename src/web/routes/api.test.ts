import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { publishStory, seedBasics, type Basics } from '../../../test/helpers/fixtures.js';

describe('public JSON API v1', () => {
  let h: TestApp;
  let b: Basics;
  let freeId: number;
  let premiumId: number;
  before(async () => {
    h = await createTestApp();
    b = await seedBasics(h.c.content);
    freeId = (await publishStory(h.c.content, b, { slug: 'api-free', publishedAt: '2025-12-27T08:36:00Z' })).id;
    premiumId = (await publishStory(h.c.content, b, { slug: 'api-premium', access: 'premium', deskId: b.desks.sports, tagIds: [b.tags.cricket], publishedAt: '2025-12-28T08:36:00Z', body: '<p>एक।</p><p>दो।</p><p>गुप्त-API-चिह्न तीन।</p>' })).id;
    await publishStory(h.c.content, b, { slug: 'api-draft', status: 'draft' });
  });
  after(async () => { await h?.close(); });

  it('lists published stories in the contract shape, newest first', async () => {
    const res = await h.app.inject('/api/v1/articles');
    assert.equal(res.statusCode, 200);
    const json = res.json();
    assert.equal(json.total, 2);
    assert.equal(json.page, 1);
    assert.deepEqual(json.articles.map((a: { id: number }) => a.id), [premiumId, freeId]);
    const a = json.articles[1];
    for (const k of ['id', 'slug', 'url', 'headline', 'summary', 'desk', 'tags', 'authors', 'editor', 'access', 'publishedAt', 'updatedAt', 'image']) assert.ok(k in a, `has ${k}`);
    assert.equal(a.url, `https://news.example/international/news/api-free-${freeId}`);
    assert.equal(a.desk.slug, 'international');
    assert.equal(a.editor.name, 'सुनीता वर्मा');
    assert.equal('body' in a, false, 'lists carry no body');
  });

  it('filters by desk, tag and author and paginates', async () => {
    assert.deepEqual((await h.app.inject('/api/v1/articles?desk=sports')).json().articles.map((a: { id: number }) => a.id), [premiumId]);
    assert.deepEqual((await h.app.inject('/api/v1/articles?tag=cricket')).json().articles.map((a: { id: number }) => a.id), [premiumId]);
    assert.equal((await h.app.inject('/api/v1/articles?author=amit-kumar')).json().total, 2);
    const p2 = (await h.app.inject('/api/v1/articles?limit=1&page=2')).json();
    assert.deepEqual(p2.articles.map((a: { id: number }) => a.id), [freeId]);
    assert.equal(p2.total, 2);
  });

  it('answers bad parameters with a clear JSON error listing each problem', async () => {
    const res = await h.app.inject('/api/v1/articles?page=0&limit=500&desk=NOT%20A%20SLUG');
    assert.equal(res.statusCode, 400);
    const e = res.json().error;
    assert.equal(e.code, 'VALIDATION');
    assert.deepEqual(e.issues.map((i: { field: string }) => i.field).sort(), ['desk', 'limit', 'page']);
    const unknown = await h.app.inject('/api/v1/articles?desk=no-such-desk');
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.json().error.message, /no-such-desk/);
    assert.equal((await h.app.inject('/api/v1/articles/abc')).statusCode, 400);
    assert.equal((await h.app.inject('/api/v1/articles/99999999')).statusCode, 404);
  });

  it('returns one free story with its whole body', async () => {
    const a = (await h.app.inject(`/api/v1/articles/${freeId}`)).json();
    assert.equal(a.locked, false);
    assert.match(a.body, /चौथा पैराग्राफ/);
  });

  it('returns only the teaser of a premium story, marked locked', async () => {
    const res = await h.app.inject(`/api/v1/articles/${premiumId}`);
    const a = res.json();
    assert.equal(a.locked, true);
    assert.match(a.body, /दो।/);
    assert.doesNotMatch(res.body, /गुप्त-API-चिह्न/);
    assert.match(String(res.headers['cache-control']), /private/);
  });

  it('does not reveal drafts', async () => {
    const list = (await h.app.inject('/api/v1/articles?limit=100')).json();
    assert.ok(!list.articles.some((a: { slug: string }) => a.slug === 'api-draft'));
  });
});
