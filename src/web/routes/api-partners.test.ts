import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { publishStory, seedBasics, type Basics } from '../../../test/helpers/fixtures.js';
import { staffClient, type StaffClient } from '../../../test/helpers/staff.js';
import { eachDialect } from '../../../test/helpers/stores.js';
import { createApiKey, hashKey, revokeApiKey, verifyApiKey } from '../../partners/index.js';
import { ANONYMOUS_API_PER_MINUTE } from '../plugins/api-access.js';
import { openApiDocument } from './openapi.js';

await eachDialect((dialect, skip) => {
  describe(`API keys in the store (${dialect})`, { skip }, () => {
    let h: TestApp;
    before(async () => { h = await createTestApp(dialect); });
    after(async () => { await h?.close(); });

    it('stores only the hash of a key, verifies it, and refuses it once revoked', async () => {
      const now = h.clock.now().toISOString();
      const { key, apiKey } = await createApiKey(h.c.store.db, { name: 'साझेदार एक', fullText: false, createdBy: null }, now);
      assert.match(key, /^smk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
      const row = await h.c.store.db.selectFrom('api_keys').selectAll().where('id', '=', apiKey.id).executeTakeFirstOrThrow();
      assert.equal(row.key_hash, hashKey(key));
      assert.ok(!JSON.stringify(row).includes(key.slice(14)), 'the secret part is nowhere in the row');
      assert.equal((await verifyApiKey(h.c.store.db, key)).id, apiKey.id);
      await revokeApiKey(h.c.store.db, apiKey.id, now);
      await assert.rejects(verifyApiKey(h.c.store.db, key), /revoked/);
      await assert.rejects(verifyApiKey(h.c.store.db, key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A')), /not valid/);
      await assert.rejects(createApiKey(h.c.store.db, { name: ' ', fullText: false, ratePerMinute: 0, createdBy: null }, now), (e: any) => e.issues.length === 2);
    });
  });
});

describe('partner content API', () => {
  let h: TestApp;
  let b: Basics;
  let admin: StaffClient;
  let premiumId: number;
  let freeId: number;
  const keyOf = (body: string) => /<code id="new-key">(smk_[^<]+)<\/code>/.exec(body)?.[1] ?? '';
  before(async () => {
    h = await createTestApp();
    b = await seedBasics(h.c.content);
    admin = await staffClient(h, 'admin');
    freeId = (await publishStory(h.c.content, b, { slug: 'p-free', publishedAt: '2025-12-27T08:36:00Z' })).id;
    premiumId = (await publishStory(h.c.content, b, { slug: 'p-premium', access: 'premium', deskId: b.desks.sports, tagIds: [b.tags.cricket], publishedAt: '2025-12-28T08:36:00Z', body: '<p>एक।</p><p>दो।</p><p>गुप्त-साझेदार-चिह्न तीन।</p>' })).id;
  });
  after(async () => { await h?.close(); });

  it('lets an admin create a key in the newsroom, shown once, and lists it by its prefix only', async () => {
    const page = await admin.get('/newsroom/api-keys');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="_csrf"/);
    const res = await admin.post('/newsroom/api-keys', { name: 'समाचार एजेंसी', ratePerMinute: '100' });
    assert.equal(res.statusCode, 201);
    assert.equal(res.headers['cache-control'], 'no-store');
    const key = keyOf(res.body);
    assert.match(key, /^smk_/);
    const list = await admin.get('/newsroom/api-keys');
    assert.doesNotMatch(list.body, new RegExp(key));
    assert.match(list.body, new RegExp(`${key.slice(0, 12)}_…`));
    assert.match(list.body, /समाचार एजेंसी/);
  });

  it('explains what is wrong with a bad key form and keeps what was typed', async () => {
    const res = await admin.post('/newsroom/api-keys', { name: '', ratePerMinute: '0' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /give the key a name/);
    assert.match(res.body, /requests per minute must be a whole number/);
  });

  it('keeps the key screens to admins and refuses forms without their CSRF token', async () => {
    const editor = await staffClient(h, 'editor');
    assert.equal((await editor.get('/newsroom/api-keys')).statusCode, 403);
    assert.equal((await editor.post('/newsroom/api-keys', { name: 'x' })).statusCode, 403);
    assert.equal((await h.app.inject('/newsroom/api-keys')).statusCode, 303);
    assert.equal((await admin.post('/newsroom/api-keys', { name: 'बिना टोकन' }, { csrf: false })).statusCode, 403);
    assert.equal((await h.app.inject({ method: 'POST', url: '/newsroom/api-keys/1/revoke' })).statusCode, 403);
  });

  it('gives a key without full-text rights only the teaser of a premium story', async () => {
    const key = keyOf((await admin.post('/newsroom/api-keys', { name: 'सामान्य साझेदार' })).body);
    const res = await h.app.inject({ url: `/api/v1/articles/${premiumId}`, headers: { 'x-api-key': key } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().locked, true);
    assert.doesNotMatch(res.body, /गुप्त-साझेदार-चिह्न/);
  });

  it('gives a key with full-text rights the whole premium story, privately', async () => {
    const key = keyOf((await admin.post('/newsroom/api-keys', { name: 'पूरा पाठ साझेदार', fullText: '1' })).body);
    for (const headers of [{ 'x-api-key': key }, { authorization: `Bearer ${key}` }]) {
      const res = await h.app.inject({ url: `/api/v1/articles/${premiumId}`, headers });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().locked, false);
      assert.match(res.body, /गुप्त-साझेदार-चिह्न/);
      assert.match(String(res.headers['cache-control']), /private/);
    }
    // The anonymous reader still gets the teaser.
    assert.doesNotMatch((await h.app.inject(`/api/v1/articles/${premiumId}`)).body, /गुप्त-साझेदार-चिह्न/);
  });

  it('refuses an unknown, malformed or revoked key with 401', async () => {
    const key = keyOf((await admin.post('/newsroom/api-keys', { name: 'जल्द रद्द' })).body);
    assert.equal((await h.app.inject({ url: '/api/v1/articles', headers: { 'x-api-key': key } })).statusCode, 200);
    const id = (await h.c.store.db.selectFrom('api_keys').select('id').where('name', '=', 'जल्द रद्द').executeTakeFirstOrThrow()).id;
    const revoke = await admin.post(`/newsroom/api-keys/${id}/revoke`, {});
    assert.equal(revoke.statusCode, 303);
    const res = await h.app.inject({ url: '/api/v1/articles', headers: { 'x-api-key': key } });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'UNAUTHENTICATED');
    assert.match(res.json().error.message, /revoked/);
    assert.equal((await h.app.inject({ url: '/api/v1/articles', headers: { 'x-api-key': 'smk_nothing' } })).statusCode, 401);
    assert.match((await admin.get('/newsroom/api-keys')).body, /रद्द/);
  });

  it('limits requests per key with 429 and Retry-After, without touching other keys', async () => {
    const now = h.clock.now().toISOString();
    const slow = (await createApiKey(h.c.store.db, { name: 'धीमा', fullText: false, ratePerMinute: 3, createdBy: null }, now)).key;
    const other = (await createApiKey(h.c.store.db, { name: 'दूसरा', fullText: false, ratePerMinute: 3, createdBy: null }, now)).key;
    const codes: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await h.app.inject({ url: '/api/v1/desks', headers: { 'x-api-key': slow } });
      codes.push(last.statusCode);
    }
    assert.deepEqual(codes, [200, 200, 200, 429]);
    assert.ok(Number(last!.headers['retry-after']) >= 1 && Number(last!.headers['retry-after']) <= 60);
    assert.equal(last!.headers['ratelimit-remaining'], '0');
    assert.equal(last!.json().error.code, 'RATE_LIMITED');
    assert.equal((await h.app.inject({ url: '/api/v1/desks', headers: { 'x-api-key': other } })).statusCode, 200);
  });

  it('limits keyless use per IP address', async () => {
    const from = (ip: string) => h.app.inject({ url: '/api/v1/tags', remoteAddress: ip });
    for (let i = 0; i < ANONYMOUS_API_PER_MINUTE; i++) assert.equal((await from('203.0.113.7')).statusCode, 200);
    const refused = await from('203.0.113.7');
    assert.equal(refused.statusCode, 429);
    assert.ok(refused.headers['retry-after']);
    assert.equal((await from('203.0.113.8')).statusCode, 200);
  });

  it('answers with an ETag and 304 when the copy is current', async () => {
    for (const url of ['/api/v1/articles', `/api/v1/articles/${freeId}`, '/api/v1/desks', '/api/v1/tags', '/api/v1/authors']) {
      const first = await h.app.inject(url);
      assert.equal(first.statusCode, 200, url);
      const etag = String(first.headers.etag);
      assert.match(etag, /^"[\w-]+"$/, url);
      const again = await h.app.inject({ url, headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.body, '');
    }
    const first = await h.app.inject('/api/v1/articles');
    await publishStory(h.c.content, b, { slug: 'p-new', publishedAt: '2025-12-29T08:36:00Z' });
    assert.equal((await h.app.inject({ url: '/api/v1/articles', headers: { 'if-none-match': String(first.headers.etag) } })).statusCode, 200);
  });

  it('lists desks, tags and authors with their story counts and feeds', async () => {
    const desks = (await h.app.inject('/api/v1/desks')).json().desks;
    const sports = desks.find((d: any) => d.slug === 'sports');
    assert.deepEqual(sports, { slug: 'sports', name: 'खेल', nameEn: 'Sports', url: 'https://news.example/sports', stories: 1, feeds: { rss: 'https://news.example/sports/rss.xml', atom: 'https://news.example/sports/atom.xml' } });
    const tags = (await h.app.inject('/api/v1/tags')).json();
    assert.equal(tags.total, 2);
    assert.deepEqual(tags.tags.map((t: any) => [t.slug, t.stories]).sort(), [['cricket', 1], ['russia', 2]]);
    const authors = (await h.app.inject('/api/v1/authors?limit=1')).json();
    assert.equal(authors.total, 1);
    assert.equal(authors.authors[0].slug, 'amit-kumar');
    assert.equal(authors.authors[0].url, 'https://news.example/author/amit-kumar');
    assert.equal('email' in authors.authors[0], false, 'no staff email leaves through the API');
    assert.equal((await h.app.inject('/api/v1/tags?limit=0')).statusCode, 400);
  });

  it('describes every API route in an OpenAPI 3.1 document whose references all resolve', async () => {
    const res = await h.app.inject('/api/v1/openapi.json');
    assert.equal(res.statusCode, 200);
    const doc = res.json() as any;
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.servers[0].url, 'https://news.example');
    assert.deepEqual({ ...doc }, openApiDocument('https://news.example', 'समाचार'));
    // Every $ref points at something in the document.
    const refs: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (k === '$ref' ? refs.push(x as string) : walk(x));
    };
    walk(doc);
    for (const r of refs) {
      const target = r.replace(/^#\//, '').split('/').reduce((o: any, k) => o?.[k], doc);
      assert.ok(target, `${r} resolves`);
    }
    // Every operation has an id and answers; path parameters are declared.
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const op of Object.values<any>(item)) {
        assert.ok(op.operationId && op.responses?.['200'], path);
        for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) assert.ok(op.parameters.some((p: any) => p.in === 'path' && p.name === name && p.required), `${path} declares ${name}`);
      }
    }
    // The contract's endpoints are all there, and every /api/v1 route the app serves is described.
    for (const p of ['/api/v1/articles', '/api/v1/articles/{id}', '/api/v1/desks', '/api/v1/tags', '/api/v1/authors', '/api/v1/search', '/api/v1/matches', '/api/v1/matches/{id}', '/api/v1/matches/{id}/events', '/api/v1/openapi.json']) assert.ok(doc.paths[p], p);
    const served = routesOf(h.app.printRoutes({ commonPrefix: false })).filter((p) => p.startsWith('/api/v1/')).map((p) => p.replace(/:(\w+)/g, '{$1}'));
    assert.ok(served.length >= 6);
    for (const p of served) assert.ok(doc.paths[p], `${p} is described`);
  });
});

/** Full paths from Fastify's printRoutes tree. */
function routesOf(tree: string): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack[depth] = m[2]!;
    const full = stack.join('').replace(/\/+/g, '/');
    if (m[3]) out.push(full.startsWith('/') ? full : `/${full}`);
  }
  return out;
}
