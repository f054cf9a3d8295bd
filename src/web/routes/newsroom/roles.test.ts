import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { createNewsroomApp, Client, PASSWORD, type NewsroomTestApp } from '../../../../test/helpers/newsroom.js';
import { createStory, uploadImage } from '../../../newsroom/index.js';
import { htmlToDoc } from '../../../content/index.js';
import { newsroomDeps, newsroomRouteList } from './index.js';
import { SESSION_COOKIE } from '../../plugins/session.js';

type Who = 'anonymous' | 'reporter' | 'editor' | 'admin';
type Need = 'public' | 'reporter' | 'editor' | 'admin';
const RANK: Record<Who, number> = { anonymous: 0, reporter: 1, editor: 2, admin: 3 };
const NEED_RANK: Record<Need, number> = { public: 0, reporter: 1, editor: 2, admin: 3 };

/** Every newsroom route, the least role it needs, and whether it is an HTML page (GET) or data/a change. */
interface Row { method: 'GET' | 'POST'; route: string; url: string; need: Need; page: boolean; form?: Record<string, string> }

describe('newsroom role matrix', () => {
  let h: NewsroomTestApp;
  let rows: Row[];
  before(async () => {
    h = await createNewsroomApp();
    const deps = newsroomDeps(h.c);
    const reporter = { id: h.staff.reporter.id, name: 'r', email: h.staff.reporter.email, role: 'reporter' as const };
    const story = await createStory(deps, reporter, { headline: 'भूमिका परीक्षण', slug: 'role-test', summary: '', doc: htmlToDoc('<p>पाठ</p>'), deskId: h.b.desks.intl, tagIds: [], authorIds: [], editorId: null, dateline: '', imageId: null, access: 'free', lang: 'hi', correction: '' });
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c00' } }).png().toBuffer();
    const { image } = await uploadImage({ store: h.c.store, clock: h.c.clock, media: h.c.media }, reporter, png, { title: 'लाल', alt: 'लाल रंग' });
    const rev = await h.c.store.db.selectFrom('revisions').select('id').where('article_id', '=', story.id).executeTakeFirstOrThrow();
    const S = story.id, I = image.id, R = rev.id, D = h.b.desks.sports, T = h.b.tags.cricket, X = h.staff.reporter2.id;
    const g = (route: string, need: Need, url = route, page = true): Row => ({ method: 'GET', route, url, need, page });
    const p = (route: string, need: Need, url = route): Row => ({ method: 'POST', route, url, need, page: false });
    rows = [
      g('/newsroom/login', 'public'), { ...p('/newsroom/login', 'public'), form: { email: h.staff.reporter.email, password: PASSWORD } }, g('/newsroom/forgot', 'public'), p('/newsroom/forgot', 'public'),
      g('/newsroom/reset', 'public', '/newsroom/reset?token=not-a-real-token-at-all'), p('/newsroom/reset', 'public'), g('/newsroom/lang', 'public', '/newsroom/lang?to=en'),
      g('/newsroom', 'reporter'), g('/newsroom/stories/new', 'reporter'), g('/newsroom/stories/:id', 'reporter', `/newsroom/stories/${S}`),
      g('/newsroom/stories/:id/preview', 'reporter', `/newsroom/stories/${S}/preview`), g('/newsroom/stories/:id/revisions', 'reporter', `/newsroom/stories/${S}/revisions`),
      g('/newsroom/stories/:id/revisions/:rev', 'reporter', `/newsroom/stories/${S}/revisions/${R}`),
      g('/newsroom/stories/:id/revisions/diff', 'reporter', `/newsroom/stories/${S}/revisions/diff?from=${R}&to=${R}`),
      g('/newsroom/media', 'reporter'), g('/newsroom/media/:id', 'reporter', `/newsroom/media/${I}`), g('/newsroom/account/password', 'reporter'),
      g('/newsroom/slug', 'reporter', '/newsroom/slug?headline=abc', false), g('/newsroom/tags.json', 'reporter', '/newsroom/tags.json?q=a', false),
      g('/newsroom/stories.json', 'reporter', '/newsroom/stories.json?q=a', false), g('/newsroom/media.json', 'reporter', '/newsroom/media.json', false),
      p('/newsroom/stories', 'reporter'), p('/newsroom/stories/:id', 'reporter', `/newsroom/stories/${S}`), p('/newsroom/stories/:id/autosave', 'reporter', `/newsroom/stories/${S}/autosave`),
      p('/newsroom/stories/:id/submit', 'reporter', `/newsroom/stories/${S}/submit`), p('/newsroom/stories/:id/revisions/:rev/restore', 'reporter', `/newsroom/stories/${S}/revisions/${R}/restore`),
      p('/newsroom/media', 'reporter'), p('/newsroom/media/:id', 'reporter', `/newsroom/media/${I}`), p('/newsroom/account/password', 'reporter'), p('/newsroom/logout', 'reporter'),
      p('/newsroom/stories/:id/publish', 'editor', `/newsroom/stories/${S}/publish`), p('/newsroom/stories/:id/schedule', 'editor', `/newsroom/stories/${S}/schedule`),
      p('/newsroom/stories/:id/unschedule', 'editor', `/newsroom/stories/${S}/unschedule`), p('/newsroom/stories/:id/unpublish', 'editor', `/newsroom/stories/${S}/unpublish`),
      g('/newsroom/tags', 'editor'), p('/newsroom/tags', 'editor'), p('/newsroom/tags/:id', 'editor', `/newsroom/tags/${T}`), p('/newsroom/tags/:id/delete', 'editor', `/newsroom/tags/${T}/delete`),
      g('/newsroom/audit', 'editor'),
      g('/newsroom/desks', 'admin'), p('/newsroom/desks', 'admin'), p('/newsroom/desks/:id', 'admin', `/newsroom/desks/${D}`), p('/newsroom/desks/:id/delete', 'admin', `/newsroom/desks/${D}/delete`),
      g('/newsroom/staff', 'admin'), p('/newsroom/staff', 'admin'), p('/newsroom/staff/:id', 'admin', `/newsroom/staff/${X}`), p('/newsroom/staff/:id/invite', 'admin', `/newsroom/staff/${X}/invite`),
    ];
  });
  after(async () => { await h?.close(); });

  async function clientFor(who: Who): Promise<Client> {
    const cl = new Client(h.app);
    if (who !== 'anonymous') {
      const { token } = await h.c.sessions.create('staff', h.staff[who].id);
      cl.cookies.set(SESSION_COOKIE.staff, token);
    }
    return cl;
  }

  it('lists every newsroom route in the matrix', () => {
    const listed = new Set(rows.map((r) => `${r.method} ${r.route}`));
    const missing = newsroomRouteList(h.app).filter((r) => !listed.has(r));
    assert.deepEqual(missing, [], 'routes without a row in the role matrix');
  });

  for (const who of ['anonymous', 'reporter', 'editor', 'admin'] as const) {
    it(`answers every route right for ${who === 'anonymous' ? 'an anonymous visitor' : `a signed-in ${who}`}`, async () => {
      const wrong: string[] = [];
      for (const r of rows) {
        const cl = await clientFor(who);
        const res = r.method === 'GET' ? await cl.get(r.url) : await cl.post(r.url, r.form ?? {});
        const allowed = RANK[who] >= NEED_RANK[r.need];
        let ok: boolean;
        let expected: string;
        if (allowed) {
          expected = 'allowed (not 401/403, not 5xx)';
          ok = res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500;
        } else if (who === 'anonymous' && r.page) {
          expected = '303 to /newsroom/login';
          ok = res.statusCode === 303 && String(res.headers.location).startsWith(`/newsroom/login?return=${encodeURIComponent(r.url)}`);
        } else if (who === 'anonymous') {
          expected = '401';
          ok = res.statusCode === 401;
        } else {
          expected = '403';
          ok = res.statusCode === 403;
        }
        if (!ok) wrong.push(`${r.method} ${r.url}: expected ${expected}, got ${res.statusCode}`);
        assert.equal(res.headers['cache-control'], 'no-store', `${r.method} ${r.url} must not be cached`);
      }
      assert.deepEqual(wrong, []);
    });
  }

  it('lets a reporter open only their own stories', async () => {
    const own = await clientFor('reporter');
    const list = await h.c.store.db.selectFrom('articles').select('id').where('slug', '=', 'role-test').executeTakeFirstOrThrow();
    assert.equal((await own.get(`/newsroom/stories/${list.id}`)).statusCode, 200);
    const other = new Client(h.app);
    const { token } = await h.c.sessions.create('staff', h.staff.reporter2.id);
    other.cookies.set(SESSION_COOKIE.staff, token);
    assert.equal((await other.get(`/newsroom/stories/${list.id}`)).statusCode, 403);
    assert.equal((await other.post(`/newsroom/stories/${list.id}`, { action: 'save' })).statusCode, 403);
    assert.equal((await other.get(`/newsroom/stories/${list.id}/revisions`)).statusCode, 403);
    assert.equal((await other.get(`/newsroom/stories/${list.id}/preview`)).statusCode, 403);
  });

  it('marks every newsroom page noindex', async () => {
    const cl = await clientFor('admin');
    const res = await cl.get('/newsroom');
    assert.equal(res.headers['x-robots-tag'], 'noindex, nofollow');
    assert.match(res.body, /<meta name="robots" content="noindex, nofollow">/);
  });
});
