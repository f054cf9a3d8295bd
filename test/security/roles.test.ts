import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createNewsroomApp, Client, type NewsroomTestApp } from '../helpers/newsroom.js';
import { ReaderBrowser } from '../helpers/reader-browser.js';
import { SESSION_COOKIE } from '../../src/web/plugins/session.js';
import { newsroomRouteList } from '../../src/web/routes/newsroom/index.js';
import { routesOf, Tally } from './helpers.js';

/**
 * What src/web/routes/newsroom/roles.test.ts does not reach: it lists the routes of the newsroom plugin
 * (newsroomRouteList), but live desks, newsroom search, related stories, webhooks, API keys and plans are
 * registered by their own modules under /newsroom. Here every /newsroom route of the whole app is
 * checked for anonymous visitors, signed-in readers (a reader cookie is not a staff session) and each
 * staff role, and the test fails if a /newsroom route is in neither list.
 */
const OUTSIDE: Record<string, 'reporter' | 'editor' | 'admin'> = {
  'GET /newsroom/search': 'reporter', 'GET /newsroom/api/search': 'reporter',
  'GET /newsroom/api/related': 'editor', 'POST /newsroom/api/related': 'editor',
  'GET /newsroom/matches': 'editor', 'POST /newsroom/matches': 'editor', 'GET /newsroom/matches/:id': 'editor', 'POST /newsroom/matches/:id/entry': 'editor',
  'POST /newsroom/matches/:id/action': 'editor', 'GET /newsroom/matches/:id/events/:position': 'editor', 'POST /newsroom/matches/:id/events/:position': 'editor',
  'GET /newsroom/liveblogs': 'editor', 'POST /newsroom/liveblogs': 'editor', 'GET /newsroom/liveblogs/:id': 'editor', 'POST /newsroom/liveblogs/:id/start': 'editor',
  'POST /newsroom/liveblogs/:id/end': 'editor', 'POST /newsroom/liveblogs/:id/updates': 'editor', 'POST /newsroom/liveblogs/:id/updates/:uid': 'editor',
  'POST /newsroom/liveblogs/:id/updates/:uid/pin': 'editor', 'POST /newsroom/liveblogs/:id/updates/:uid/delete': 'editor',
  'GET /newsroom/webhooks': 'admin', 'POST /newsroom/webhooks': 'admin', 'GET /newsroom/webhooks/:id': 'admin', 'POST /newsroom/webhooks/:id/:action': 'admin',
  'GET /newsroom/api-keys': 'admin', 'POST /newsroom/api-keys': 'admin', 'POST /newsroom/api-keys/:id/revoke': 'admin',
  'GET /newsroom/plans': 'admin', 'POST /newsroom/plans': 'admin', 'POST /newsroom/plans/:id': 'admin', 'POST /newsroom/plans/grants': 'admin', 'POST /newsroom/plans/grants/:id/revoke': 'admin',
};
const RANK = { anonymous: 0, reader: 0, reporter: 1, editor: 2, admin: 3 } as const;

describe('role matrix of the /newsroom routes outside the newsroom plugin', () => {
  let h: NewsroomTestApp;
  let readerCookie: string;
  const tally = new Tally();
  before(async () => {
    h = await createNewsroomApp();
    const r = new ReaderBrowser(h.app);
    await r.signUp('roles-reader@example.in');
    readerCookie = r.cookies.get(SESSION_COOKIE.reader)!;
  });
  after(async () => {
    console.log(tally.line('roles', `${Object.keys(OUTSIDE).length} routes × 5 visitors`));
    await h?.close();
  });

  it('knows every /newsroom route of the app', () => {
    const inPlugin = new Set(newsroomRouteList(h.app));
    const missing = routesOf(h.app).filter((r) => r.url.startsWith('/newsroom')).map((r) => `${r.method} ${r.url}`).filter((k) => !inPlugin.has(k) && !OUTSIDE[k]);
    assert.deepEqual(missing, [], 'a /newsroom route without a row in either role matrix');
  });

  for (const who of ['anonymous', 'reader', 'reporter', 'editor', 'admin'] as const) {
    it(`answers each of them right for ${who === 'anonymous' ? 'an anonymous visitor' : who === 'reader' ? 'a signed-in reader' : `${who === 'editor' || who === 'admin' ? 'an' : 'a'} ${who}`}`, async () => {
      const wrong: string[] = [];
      for (const [key, need] of Object.entries(OUTSIDE)) {
        if (!h.app.hasRoute({ method: key.split(' ')[0] as 'GET', url: key.split(' ')[1]! })) continue;
        const cl = new Client(h.app);
        if (who === 'reader') cl.cookies.set(SESSION_COOKIE.reader, readerCookie);
        else if (who !== 'anonymous') cl.cookies.set(SESSION_COOKIE.staff, (await h.c.sessions.create('staff', h.staff[who].id)).token);
        const [method, route] = key.split(' ') as ['GET' | 'POST', string];
        const url = route.replace(/:action\b/, 'test').replace(/:[a-zA-Z]+/g, '1');
        const res = method === 'GET' ? await cl.get(url) : await cl.post(url, {});
        const allowed = RANK[who] >= RANK[need];
        const ok = allowed ? res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500 && !(res.statusCode === 303 && String(res.headers.location).startsWith('/newsroom/login'))
          : RANK[who] === 0 ? res.statusCode === 401 || (res.statusCode === 303 && String(res.headers.location).startsWith('/newsroom/login')) : res.statusCode === 403;
        if (!tally.check(ok, `${who} ${key}`)) wrong.push(`${key} (${url}) as ${who}: ${res.statusCode} ${res.headers.location ?? ''}`);
      }
      assert.deepEqual(wrong, []);
    });
  }
});
