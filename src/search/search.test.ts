import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestStore, eachDialect, type TestStore } from '../../test/helpers/stores.js';
import { publishStory, seedBasics, storyInput, type Basics } from '../../test/helpers/fixtures.js';
import { fixedClock } from '../shared/clock.js';
import { createEventBus, type EventBus } from '../shared/events.js';
import { silentLogger } from '../shared/logger.js';
import { JobQueue } from '../jobs/index.js';
import { saveArticle, type ContentDeps } from '../content/index.js';
import { CATCH_UP_JOB, CATCH_UP_KEY, SORT_KEY_ID_SPAN, searchModule, type SearchModule } from './index.js';

const NOW = '2026-11-26T06:30:00.000Z';
const text = (segs: { text: string; match: boolean }[]) => segs.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');

await eachDialect((dialect, skip) => {
  describe(`search index on ${dialect}`, { skip }, () => {
    let t: TestStore;
    let m: SearchModule;
    let bus: EventBus;
    let deps: ContentDeps;
    let b: Basics;
    let jobs: JobQueue;
    const clock = fixedClock(NOW);
    const closers: (() => unknown)[] = [];
    const ids = async (q: string, more: Partial<Parameters<SearchModule['service']['search']>[0]> = {}) =>
      (await m.service.search({ q, page: 1, limit: 50, ...more })).hits.map((h) => h.card.id);

    before(async () => {
      t = await createTestStore(dialect);
      bus = createEventBus();
      jobs = new JobQueue(t.store, clock, silentLogger);
      m = searchModule({ store: t.store, bus, clock, logger: silentLogger, jobs, config: { teaserParagraphs: 2 }, onClose: (fn) => void closers.push(fn) });
      deps = { store: t.store, bus, clock };
      b = await seedBasics(deps);
    });
    after(async () => {
      for (const fn of closers) await fn();
      await t.cleanup();
    });
    beforeEach(async () => {
      await m.idle();
      await t.store.db.deleteFrom('articles').execute();
      await m.indexer.catchUp({ full: true });
      m.service.statsChanged();
    });

    it('indexes a story when it is published and finds it by any form of its words', async () => {
      const r = await publishStory(deps, b, { headline: 'सीमा पर तैनात सैनिकों को नई वर्दी', slug: 'uniforms', body: '<p>हिन्दी में लिखी ख़बर।</p>' });
      await m.idle();
      for (const q of ['सैनिक', 'sainik', 'हिंदी', 'ख़बर', 'खबर', 'वर्दी सैनिक']) assert.deepEqual(await ids(q), [r.id], q);
      assert.deepEqual(await ids('पुलिस'), []);
    });

    it('re-indexes an edited story: old words go, new words come, no trace of the old entry stays', async () => {
      const r = await publishStory(deps, b, { headline: 'पहला शीर्षक मानसून', slug: 'edit-me', publishedAt: '2026-11-20T10:00:00Z' });
      await m.idle();
      await saveArticle(deps, storyInput(b, { headline: 'दूसरा शीर्षक भूकंप', slug: 'edit-me', publishedAt: '2026-11-21T10:00:00Z' }), { id: r.id });
      await m.idle();
      assert.deepEqual(await ids('मानसून'), []);
      assert.deepEqual(await ids('भूकंप'), [r.id]);
      const rows = await t.store.db.selectFrom('search_docs').select(['article_id', 'sort_key']).execute();
      assert.equal(rows.length, 1);
      if (dialect === 'sqlite') {
        const fts = await sql<{ n: number }>`select count(*) as n from search_fts`.execute(t.store.db);
        assert.equal(Number(fts.rows[0]!.n), 1, 'the FTS5 entry under the old sort key is gone');
      }
    });

    it('keeps withdrawn stories and drafts out of readers’ search but finds them for the newsroom', async () => {
      const live = await publishStory(deps, b, { headline: 'ग्रहण की तस्वीरें', slug: 'eclipse-live' });
      const withdrawn = await publishStory(deps, b, { headline: 'ग्रहण पर पुरानी ख़बर', slug: 'eclipse-old' });
      await saveArticle(deps, storyInput(b, { headline: 'ग्रहण पर पुरानी ख़बर', slug: 'eclipse-old', status: 'unpublished' }), { id: withdrawn.id });
      // A draft raises no event: the newsroom's search finds it after a catch-up.
      const draft = await saveArticle(deps, storyInput(b, { headline: 'ग्रहण का मसौदा', slug: 'eclipse-draft', status: 'draft' }));
      await m.idle();
      await m.indexer.catchUp();
      assert.deepEqual(await ids('ग्रहण'), [live.id]);
      assert.deepEqual((await ids('ग्रहण', { staff: true })).sort(), [live.id, withdrawn.id, draft.id].sort());
      const hits = (await m.service.search({ q: 'ग्रहण', page: 1, limit: 10, staff: true })).hits;
      assert.equal(hits.find((h) => h.card.id === draft.id)!.card.status, 'draft');
    });

    it('finds for a reporter the stories not published only if they started or wrote them, and every published one', async () => {
      const { reporter, editor } = b.people;
      const written = await saveArticle(deps, storyInput(b, { headline: 'बाढ़ का मसौदा जो रिपोर्टर ने लिखा', slug: 'flood-written', status: 'draft', authorIds: [reporter] }));
      const started = await saveArticle(deps, storyInput(b, { headline: 'बाढ़ का मसौदा जो रिपोर्टर ने शुरू किया', slug: 'flood-started', status: 'draft', authorIds: [editor] }));
      await t.store.db.updateTable('articles').set({ created_by: reporter }).where('id', '=', started.id).execute();
      const others = await saveArticle(deps, storyInput(b, { headline: 'बाढ़ का किसी और का मसौदा', slug: 'flood-others', status: 'draft', authorIds: [editor] }));
      const withdrawn = await publishStory(deps, b, { headline: 'बाढ़ की हटाई गई ख़बर', slug: 'flood-withdrawn', authorIds: [editor] });
      await saveArticle(deps, storyInput(b, { headline: 'बाढ़ की हटाई गई ख़बर', slug: 'flood-withdrawn', status: 'unpublished', authorIds: [editor] }), { id: withdrawn.id });
      const published = await publishStory(deps, b, { headline: 'बाढ़ की ताज़ा ख़बर', slug: 'flood-live', authorIds: [editor] });
      await m.idle();
      await m.indexer.catchUp();
      const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
      assert.deepEqual(sorted(await ids('बाढ़', { staff: true, unpublishedOf: reporter })), sorted([written.id, started.id, published.id]));
      assert.deepEqual(sorted(await ids('बाढ़', { staff: true })), sorted([written.id, started.id, others.id, withdrawn.id, published.id]), 'an editor finds every story');
      assert.deepEqual(await ids('बाढ़', { unpublishedOf: reporter }), [published.id], 'readers find published stories only, whatever is asked');
      const r = await m.service.search({ q: 'बाढ़', page: 1, limit: 10, staff: true, unpublishedOf: reporter });
      assert.equal(r.total, 3, 'the total counts only what the reporter may see');
    });

    it('catches up with stories saved where nobody listened (another process), and only looks again at what changed', async () => {
      const quiet: ContentDeps = { store: t.store, bus: createEventBus(), clock };
      const a = await publishStory(quiet, b, { headline: 'आयात का नया रिकॉर्ड', slug: 'import-a' });
      assert.deepEqual(await ids('आयात'), []);
      const first = await m.indexer.catchUp();
      assert.equal(first.indexed, 1);
      assert.equal(first.more, false);
      assert.deepEqual(await ids('आयात'), [a.id]);
      assert.equal((await m.indexer.catchUp()).indexed, 0, 'nothing changed since');
      clock.advance(60_000);
      await saveArticle(quiet, storyInput(b, { headline: 'निर्यात का नया रिकॉर्ड', slug: 'import-a' }), { id: a.id });
      assert.equal((await m.indexer.catchUp()).indexed, 1);
      assert.deepEqual(await ids('निर्यात'), [a.id]);
    });

    it('works through a large backlog in runs that stop at their time budget', async () => {
      const quiet: ContentDeps = { store: t.store, bus: createEventBus(), clock };
      for (let i = 0; i < 7; i++) await publishStory(quiet, b, { headline: `बैकलॉग ख़बर ${i}`, slug: `backlog-${i}` });
      const run = await m.indexer.catchUp({ full: true, batch: 3, budgetMs: 0 });
      assert.equal(run.indexed, 3);
      assert.equal(run.more, true);
      let total = run.indexed;
      for (let guard = 0; guard < 5; guard++) {
        const r = await m.indexer.catchUp({ full: true, batch: 3, budgetMs: 0 });
        total += r.indexed;
        if (!r.more) break;
      }
      assert.equal(total, 7);
      assert.equal((await ids('बैकलॉग')).length, 7);
    });

    it('drops a story deleted outright from the index with it', async () => {
      const r = await publishStory(deps, b, { headline: 'हटाई जाने वाली ख़बर ज्वालामुखी', slug: 'to-delete' });
      await m.idle();
      assert.deepEqual(await ids('ज्वालामुखी'), [r.id]);
      await t.store.db.deleteFrom('articles').where('id', '=', r.id).execute();
      assert.deepEqual(await ids('ज्वालामुखी'), []);
      assert.equal((await t.store.db.selectFrom('search_docs').selectAll().execute()).length, 0);
      if (dialect === 'sqlite') assert.equal(Number((await sql<{ n: number }>`select count(*) as n from search_fts`.execute(t.store.db)).rows[0]!.n), 0);
    });

    it('rebuilds the whole index with the same results', async () => {
      for (let i = 0; i < 4; i++) await publishStory(deps, b, { headline: `पुनर्निर्माण परीक्षण ${i} दिल्ली`, slug: `rebuild-${i}`, publishedAt: `2026-11-2${i}T10:00:00Z` });
      await m.idle();
      const before = await ids('दिल्ली पुनर्निर्माण');
      await t.store.db.deleteFrom('search_docs').execute();
      assert.deepEqual(await ids('दिल्ली'), []);
      const r = await m.indexer.reindexAll();
      assert.equal(r.indexed, 4);
      assert.deepEqual(await ids('दिल्ली पुनर्निर्माण'), before);
    });

    it('filters by desk, author and date, and pages through a stable order', async () => {
      const made: number[] = [];
      for (let i = 0; i < 5; i++) {
        made.push((await publishStory(deps, b, { headline: `बजट पर चर्चा ${i}`, slug: `budget-${i}`, deskId: i % 2 ? b.desks.sports : b.desks.intl, authorIds: i === 4 ? [b.people.editor] : [b.people.reporter], publishedAt: `2026-11-1${i}T10:00:00Z` })).id);
      }
      await m.idle();
      assert.deepEqual((await ids('बजट', { deskId: b.desks.sports })).sort(), [made[1], made[3]].sort());
      assert.deepEqual(await ids('बजट', { authorId: b.people.editor }), [made[4]]);
      assert.deepEqual((await ids('बजट', { from: new Date('2026-11-11T00:00:00Z'), to: new Date('2026-11-12T23:59:59Z') })).sort(), [made[1], made[2]].sort());
      const p1 = await m.service.search({ q: 'बजट', page: 1, limit: 2 });
      const p2 = await m.service.search({ q: 'बजट', page: 2, limit: 2 });
      const p3 = await m.service.search({ q: 'बजट', page: 3, limit: 2 });
      assert.equal(p1.total, 5);
      assert.deepEqual([...p1.hits, ...p2.hits, ...p3.hits].map((h) => h.card.id), await ids('बजट'));
      assert.equal((await m.service.search({ q: 'बजट', page: 4, limit: 2 })).hits.length, 0);
    });

    it('finds a premium story by words of its locked text but never shows them in a reader’s snippet', async () => {
      const r = await publishStory(deps, b, {
        headline: 'गुप्त रिपोर्ट', slug: 'premium-report', access: 'premium', summary: 'रिपोर्ट का सारांश।',
        body: '<p>खुला पहला पैराग्राफ़।</p><p>खुला दूसरा पैराग्राफ़।</p><p>बंद हिस्से में तहख़ाना शब्द है।</p>',
      });
      await m.idle();
      const reader = (await m.service.search({ q: 'तहख़ाना', page: 1, limit: 5 })).hits;
      assert.deepEqual(reader.map((h) => h.card.id), [r.id]);
      assert.ok(!text(reader[0]!.snippet).includes('तहख़ाना'), text(reader[0]!.snippet));
      assert.ok(!text(reader[0]!.snippet).includes('बंद हिस्से'));
      const staff = (await m.service.search({ q: 'तहख़ाना', page: 1, limit: 5, staff: true })).hits;
      assert.ok(text(staff[0]!.snippet).includes('[तहख़ाना]'), 'the newsroom sees the whole text');
      const teaser = (await m.service.search({ q: 'खुला', page: 1, limit: 5 })).hits;
      assert.ok(text(teaser[0]!.snippet).includes('[खुला]'), 'the public teaser may be quoted');
    });

    it('returns nothing for a query of stop words only, and says so', async () => {
      await publishStory(deps, b, { headline: 'की और का', slug: 'stop-words' });
      await m.idle();
      const r = await m.service.search({ q: 'की और', page: 1, limit: 5 });
      assert.equal(r.empty, true);
      assert.equal(r.total, 0);
    });

    it('suggests headlines for the words typed so far, the last one as a prefix', async () => {
      const a = await publishStory(deps, b, { headline: 'बाज़ार में रौनक लौटी', slug: 'market' });
      const c = await publishStory(deps, b, { headline: 'पुतिन का बयान', slug: 'putin-says' });
      await m.idle();
      assert.deepEqual((await m.service.suggest('बाज')).map((s) => s.id), [a.id]);
      assert.deepEqual((await m.service.suggest('puti')).map((s) => s.id), [c.id]);
      assert.deepEqual((await m.service.suggest('पुतिन ')).map((s) => s.id), [c.id], 'a finished word is matched whole');
      assert.deepEqual(await m.service.suggest('ब'), [], 'one letter is too little');
      assert.deepEqual(await m.service.suggest('   '), []);
    });

    it('gives two stories of the same minute whose ids share their low bits different sort keys', async () => {
      const r = await publishStory(deps, b, { headline: 'टकराव परीक्षण पहला', slug: 'collide-1', publishedAt: '2026-11-25T10:00:10Z' });
      const row = await t.store.db.selectFrom('articles').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
      const twinId = r.id + SORT_KEY_ID_SPAN;
      await t.store.db.insertInto('articles').values({ ...row, id: twinId, slug: 'collide-2', headline: 'टकराव परीक्षण दूसरा', external_id: null, published_at: '2026-11-25T10:00:50Z' }).execute();
      await m.indexer.indexIds([r.id, twinId]);
      const keys = await t.store.db.selectFrom('search_docs').select(['article_id', 'sort_key']).where('article_id', 'in', [r.id, twinId]).execute();
      assert.equal(keys.length, 2);
      assert.notEqual(Number(keys[0]!.sort_key), Number(keys[1]!.sort_key));
      assert.deepEqual((await ids('टकराव')).sort((x, y) => x - y), [r.id, twinId]);
    });

    it('leaves an event from another instance to that instance', async () => {
      const quiet: ContentDeps = { store: t.store, bus: createEventBus(), clock };
      const r = await publishStory(quiet, b, { headline: 'दूसरे सर्वर की ख़बर', slug: 'remote' });
      bus.deliverLocal({ type: 'article.published', payload: { articleId: r.id, deskId: b.desks.intl, tagIds: [], authorIds: [] }, origin: 'elsewhere' });
      await m.idle();
      assert.deepEqual(await ids('सर्वर'), []);
    });

    it('runs the catch-up as a job that schedules its next run once', async () => {
      const quiet: ContentDeps = { store: t.store, bus: createEventBus(), clock };
      const r = await publishStory(quiet, b, { headline: 'नौकरी की ख़बर', slug: 'job-run' });
      await jobs.enqueue(CATCH_UP_JOB, { full: true }, { uniqueKey: CATCH_UP_KEY });
      assert.equal(await jobs.runDue(), 1);
      assert.deepEqual(await ids('नौकरी'), [r.id]);
      const pending = await t.store.db.selectFrom('jobs').selectAll().where('kind', '=', CATCH_UP_JOB).where('done_at', 'is', null).execute();
      assert.equal(pending.length, 1);
      assert.equal(pending[0]!.run_at, new Date(clock.now().getTime() + 60_000).toISOString());
      assert.equal(await jobs.runDue(), 0, 'the next run is a minute away');
    });
  });
});
