import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createNewsroomApp, type NewsroomTestApp } from '../helpers/newsroom.js';
import { eachDialect } from '../helpers/stores.js';
import { publishStory } from '../helpers/fixtures.js';
import { SESSION_COOKIE } from '../../src/web/plugins/session.js';
import { formBody, routesOf, rowCounts, Tally, UNSAFE_METHODS } from './helpers.js';

/**
 * SQL injection: every route with path or query parameters, enumerated from the real app, gets each
 * payload in each path parameter and in every query parameter the app reads; no answer may be a 5xx and
 * the store must be intact (the row count of every table unchanged, the articles still readable), on
 * SQLite and on PostgreSQL.
 */
const PAYLOADS = [
  "' OR '1'='1", "1' OR '1'='1' --", '1; DROP TABLE articles--', "'; DROP TABLE articles; --", '%27', "\\'", '\\', '"', '1 UNION SELECT password_hash FROM people--',
  "1' AND SLEEP(5)--", "'||pg_sleep(5)||'", 'x'.repeat(5000), 'हिन्दी\u200d\u0301\uFEFF', '𝕏💥', '%00', '\u0000', '-1', '99999999999999999999', '1e308', '[]', '{"$gt":""}', '%', '_', '*',
];
/** Query parameters the routes read (from the README's API and the route handlers). */
const QUERY_KEYS = ['q', 'desk', 'tag', 'author', 'page', 'limit', 'from', 'to', 'status', 'return', 'token', 'lang', 'done', 'revision', 'actor', 'action', 'access', 'article', 'lastEventId', 'checkout', 'session_id', 'p'];
/** Streams (SSE) answer forever when they accept the request: they get payloads in the path only. */
const STREAMS = /\/events$/;

await eachDialect((dialect, skip) => {
  describe(`SQL injection through every parameter (${dialect})`, { skip }, () => {
    let h: NewsroomTestApp;
    let cookie: string;
    const tally = new Tally();
    before(async () => {
      h = await createNewsroomApp(dialect);
      await publishStory(h.c.content, h.b, { slug: 'sqli-story' });
      h.c.bus.publish('site.changed', { what: 'test' });
      const { token } = await h.c.sessions.create('staff', h.staff.admin.id);
      cookie = `${SESSION_COOKIE.staff}=${token}; sm_csrf=${'s'.repeat(40)}`;
    });
    after(async () => {
      console.log(tally.line(`sqli (${dialect})`, `${PAYLOADS.length} payloads × routes × parameters`));
      await h?.close();
    });

    it('answers every payload without a 5xx and leaves the store intact', { timeout: 240_000 }, async (t) => {
      const before = await rowCounts(h.c.store);
      const routes = routesOf(h.app).filter((r) => r.url !== '/*' && !r.url.startsWith('/webhooks/'));
      const wrong: string[] = [];
      let routesTried = 0;
      for (const r of routes) {
        const params = [...r.url.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1]!);
        const unsafe = UNSAFE_METHODS.has(r.method);
        const urls: string[] = [];
        for (const p of PAYLOADS) {
          const enc = encodeURIComponent(p);
          for (const name of params) urls.push(r.url.replace(/:([a-zA-Z]+)/g, (_m, n: string) => (n === name ? enc : '1')));
          if (!unsafe && !STREAMS.test(r.url)) {
            const base = r.url.replace(/:([a-zA-Z]+)/g, (_m, n: string) => (n === 'desk' ? 'international' : n === 'tag' ? 'russia' : n === 'author' ? 'amit-kumar' : '1'));
            urls.push(`${base}?${QUERY_KEYS.map((k) => `${k}=${enc}`).join('&')}`);
          }
        }
        if (urls.length === 0) continue;
        routesTried++;
        for (const url of urls) {
          const res = await h.app.inject({
            method: r.method as 'GET', url,
            headers: { cookie, ...(unsafe ? { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': 's'.repeat(40) } : {}) },
            ...(unsafe ? { payload: formBody({ _csrf: 's'.repeat(40) }) } : {}),
          });
          if (!tally.check(res.statusCode < 500, `${r.method} ${r.url}`)) wrong.push(`${r.method} ${url.slice(0, 160)} → ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
      }
      t.diagnostic(`${routesTried} routes with parameters tried`);
      assert.deepEqual(wrong.slice(0, 30), []);
      const after = await rowCounts(h.c.store);
      // Requests may add audit and bookkeeping rows; they must never remove rows or touch content.
      for (const table of ['articles', 'desks', 'tags', 'people', 'revisions', 'reader_accounts', 'images', 'plans']) {
        if (table in before) assert.equal(after[table], before[table], `${table} rows changed`);
      }
      for (const [table, n] of Object.entries(before)) assert.ok((after[table] ?? 0) >= n, `${table} lost rows`);
      const story = await h.app.inject({ url: '/api/v1/articles?limit=10' });
      assert.equal(story.statusCode, 200);
      assert.ok(story.json().items?.length ?? story.json().articles?.length ?? story.json().results?.length ?? 1);
    });
  });
});
