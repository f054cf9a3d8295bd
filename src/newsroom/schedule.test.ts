import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadConfig } from '../config/index.js';
import { createContainer } from '../container.js';
import { buildApp } from '../app.js';
import { fixedClock } from '../shared/clock.js';
import { silentLogger } from '../shared/logger.js';
import { openPostgres, openSqlite, type Store } from '../storage/index.js';
import { getArticle, htmlToDoc } from '../content/index.js';
import { createTestStore, eachDialect, type TestStore } from '../../test/helpers/stores.js';
import { seedBasics } from '../../test/helpers/fixtures.js';
import { Client, PASSWORD } from '../../test/helpers/newsroom.js';
import { addStaff, createStory, editStory, listRevisions, PUBLISH_JOB, publishJobKey, type StaffMember } from './index.js';
import { newsroomDeps } from '../web/routes/newsroom/index.js';

const ASSETS = join(process.cwd(), 'dist', 'public');

await eachDialect((dialect, skip) => {
  describe(`scheduled publishing on ${dialect}`, { skip }, () => {
    let t: TestStore;
    const clock = fixedClock('2026-11-26T06:30:00.000Z');
    const config = () => ({ ...loadConfig({ data: t.dataDir, port: '3000' }, { NODE_ENV: 'test' }), baseUrl: 'https://news.example' });
    /** Another handle on the same store, as a second instance or a restarted process would open it. */
    const reopen = (): Store => (t.pg ? openPostgres(t.pg.url, { schema: t.pg.schema, max: 3 }) : openSqlite(join(t.dataDir, 'samachar.db')));
    const instance = async (store: Store) => {
      const c = await createContainer(config(), { store, clock, logger: silentLogger, assetsDir: ASSETS });
      const app = await buildApp(c, { assetsDir: ASSETS });
      await app.ready();
      return { c, app, close: async () => { await app.close(); await c.close(); } };
    };
    let editor: StaffMember;
    let deskId: number;
    before(async () => {
      t = await createTestStore(dialect);
      const c = await createContainer(config(), { store: reopen(), clock, logger: silentLogger, assetsDir: ASSETS });
      const b = await seedBasics(c.content);
      deskId = b.desks.intl;
      const r = await addStaff(c.content, { email: 'editor@news.example', name: 'संपादक', role: 'editor', password: PASSWORD });
      editor = { id: r.id, name: 'संपादक', email: 'editor@news.example', role: 'editor' };
      await c.close();
    });
    after(async () => { await t?.cleanup(); });

    const fields = (slug: string, headline: string) => ({ headline, slug, summary: '', doc: htmlToDoc('<p>तय समय की ख़बर।</p>'), deskId, tagIds: [], authorIds: [], editorId: null, dateline: '', imageId: null, access: 'free' as const, lang: 'hi' as const, correction: '' });

    it('publishes a story scheduled through the newsroom after the process restarts', async () => {
      const one = await instance(reopen());
      const cl = new Client(one.app);
      assert.equal((await cl.signIn('editor@news.example')).statusCode, 303);
      const created = await cl.post('/newsroom/stories', { headline: 'सुबह दस बजे की ख़बर', slug: 'ten-am-story', deskId: String(deskId), body_html: '<p>पाठ</p>', access: 'free', lang: 'hi' });
      const id = Number(/stories\/(\d+)/.exec(String(created.headers.location))![1]);
      // 2026-11-26 12:00 India time = 06:30 UTC now; schedule for 13:00 India time.
      const res = await cl.post(`/newsroom/stories/${id}/schedule`, { scheduleAt: '2026-11-26T13:00' });
      assert.equal(res.statusCode, 303);
      let a = await getArticle(one.c.store.db, id);
      assert.equal(a!.status, 'scheduled');
      assert.equal(a!.scheduledAt, '2026-11-26T07:30:00.000Z');
      const job = await one.c.store.db.selectFrom('jobs').selectAll().where('unique_key', '=', publishJobKey(id)).executeTakeFirstOrThrow();
      assert.equal(job.kind, PUBLISH_JOB);
      assert.equal(job.run_at, '2026-11-26T07:30:00.000Z');
      await one.c.jobs.runDue();
      assert.equal((await getArticle(one.c.store.db, id))!.status, 'scheduled', 'not before its time');
      await one.close();

      const two = await instance(reopen());
      try {
        assert.equal((await two.app.inject(a!.path)).statusCode, 404, 'not public before its time');
        clock.advance(60 * 60 * 1000);
        await two.c.jobs.runDue();
        a = await getArticle(two.c.store.db, id);
        assert.equal(a!.status, 'published');
        assert.equal(a!.publishedAt, '2026-11-26T07:30:00.000Z');
        assert.equal(a!.scheduledAt, null);
        const page = await two.app.inject(a!.path);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /सुबह दस बजे की ख़बर/);
        assert.match((await two.app.inject('/')).body, /सुबह दस बजे की ख़बर/);
        const audit = await two.c.store.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('subject_id', '=', id).where('action', '=', 'story.publish').execute();
        assert.equal(audit.length, 1);
        assert.equal(audit[0]!.actor_id, null);
        assert.equal(JSON.parse(audit[0]!.details).scheduled, true);
      } finally {
        await two.close();
      }
    });

    it('runs a scheduled publication once even with several instances', async () => {
      const a = await instance(reopen());
      const b = await instance(reopen());
      try {
        const deps = newsroomDeps(a.c);
        const s = await createStory(deps, editor, fields('race-story', 'दौड़ की ख़बर'));
        await editStory(deps, editor, { id: s.id, action: 'schedule', scheduleAt: new Date(clock.now().getTime() + 60_000).toISOString() });
        clock.advance(61_000);
        await Promise.all([a.c.jobs.runDue(), b.c.jobs.runDue(), a.c.jobs.runDue()]);
        const publishes = (await listRevisions(a.c.store.db, s.id)).filter((r) => r.kind === 'publish');
        assert.equal(publishes.length, 1);
        const audits = await a.c.store.db.selectFrom('audit_log').select('id').where('subject_id', '=', s.id).where('action', '=', 'story.publish').execute();
        assert.equal(audits.length, 1, 'published once');
        const job = await a.c.store.db.selectFrom('jobs').selectAll().where('unique_key', '=', publishJobKey(s.id)).executeTakeFirstOrThrow();
        assert.ok(job.done_at);
        assert.equal(job.attempts, 1);
        assert.equal((await getArticle(a.c.store.db, s.id))!.status, 'published');
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('does nothing for a story unscheduled or rescheduled since, and publishes at the new time', async () => {
      const one = await instance(reopen());
      try {
        const deps = newsroomDeps(one.c);
        const s = await createStory(deps, editor, fields('moved-story', 'खिसकी ख़बर'));
        const first = new Date(clock.now().getTime() + 60_000).toISOString();
        await editStory(deps, editor, { id: s.id, action: 'schedule', scheduleAt: first });
        await editStory(deps, editor, { id: s.id, action: 'unschedule' });
        assert.equal(await one.c.store.db.selectFrom('jobs').select('id').where('unique_key', '=', publishJobKey(s.id)).where('done_at', 'is', null).executeTakeFirst(), undefined, 'the job is cancelled');
        assert.equal((await getArticle(one.c.store.db, s.id))!.status, 'draft');
        const later = new Date(clock.now().getTime() + 2 * 60 * 60_000).toISOString();
        await editStory(deps, editor, { id: s.id, action: 'schedule', scheduleAt: first });
        await editStory(deps, editor, { id: s.id, action: 'schedule', scheduleAt: later });
        clock.advance(61_000);
        await one.c.jobs.runDue();
        assert.equal((await getArticle(one.c.store.db, s.id))!.status, 'scheduled', 'the old time does not publish it');
        clock.advance(2 * 60 * 60_000);
        await one.c.jobs.runDue();
        assert.equal((await getArticle(one.c.store.db, s.id))!.status, 'published');
        await assert.rejects(editStory(deps, editor, { id: s.id, action: 'schedule', scheduleAt: new Date(clock.now().getTime() - 1000).toISOString() }), (e: { code?: string; issues?: Array<{ message: string }> }) => e.code === 'VALIDATION' && /in the future/.test(e.issues?.[0]?.message ?? ''));
      } finally {
        await one.close();
      }
    });
  });
});
