import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStore, eachDialect, type TestStore } from '../../test/helpers/stores.js';
import { publishStory, seedBasics, storyInput, type Basics } from '../../test/helpers/fixtures.js';
import { fixedClock } from '../shared/clock.js';
import { createEventBus } from '../shared/events.js';
import { silentLogger } from '../shared/logger.js';
import { saveArticle, type ContentDeps } from '../content/index.js';
import { ViewCounter, hourOf, mostReadIds, purgeOldViews } from './most-read.js';

const UA = 'Mozilla/5.0 (Linux; Android 14) Chrome/130 Mobile';

await eachDialect((dialect, skip) => {
  describe(`most read on ${dialect}`, { skip }, () => {
    let t: TestStore;
    let deps: ContentDeps;
    let b: Basics;
    let counter: ViewCounter;
    const clock = fixedClock('2026-11-26T06:30:00.000Z');

    before(async () => {
      t = await createTestStore(dialect);
      deps = { store: t.store, bus: createEventBus(), clock };
      b = await seedBasics(deps);
    });
    after(() => t.cleanup());
    beforeEach(async () => {
      await t.store.db.deleteFrom('article_views').execute();
      counter = new ViewCounter(t.store, clock, silentLogger);
    });

    it('counts each reader once a minute, adds the counts up per hour, and ranks by them', async () => {
      const a = await publishStory(deps, b, { slug: 'read-a' });
      const c = await publishStory(deps, b, { slug: 'read-c' });
      for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) assert.equal(counter.record(a.id, ip, UA), true);
      assert.equal(counter.record(a.id, '10.0.0.1', UA), false, 'a reload in the same minute is not another read');
      counter.record(c.id, '10.0.0.1', UA);
      assert.equal(await counter.flush(), 4);
      assert.equal(counter.record(a.id, '10.0.0.1', UA), true, 'a new minute, a new read');
      await counter.flush();
      const rows = await t.store.db.selectFrom('article_views').selectAll().orderBy('article_id').execute();
      assert.deepEqual(rows.map((r) => [r.article_id, r.hour, Number(r.views)]), [[a.id, '2026-11-26T06', 4], [c.id, '2026-11-26T06', 1]]);
      assert.deepEqual(await mostReadIds(t.store.db, { now: clock.now() }), [a.id, c.id]);
    });

    it('stores no address, no browser and no cookie: only story, hour and count', async () => {
      const a = await publishStory(deps, b, { slug: 'read-private' });
      counter.record(a.id, '203.0.113.9', UA);
      await counter.flush();
      const row = await t.store.db.selectFrom('article_views').selectAll().executeTakeFirstOrThrow();
      assert.deepEqual(Object.keys(row).sort(), ['article_id', 'hour', 'views']);
      assert.ok(!JSON.stringify(row).includes('203.0.113.9'));
    });

    it('ignores robots, and drops counts for stories that do not exist or are not published', async () => {
      const a = await publishStory(deps, b, { slug: 'read-live' });
      const draft = await saveArticle(deps, storyInput(b, { slug: 'read-draft', status: 'draft' }));
      assert.equal(counter.record(a.id, '10.0.0.1', 'Googlebot/2.1 (+http://www.google.com/bot.html)'), false);
      assert.equal(counter.record(a.id, '10.0.0.1', ''), false);
      counter.record(draft.id, '10.0.0.1', UA);
      counter.record(999_999, '10.0.0.1', UA);
      counter.record(a.id, '10.0.0.1', UA);
      assert.equal(await counter.flush(), 1);
      assert.deepEqual((await t.store.db.selectFrom('article_views').select('article_id').execute()).map((r) => r.article_id), [a.id]);
    });

    it('looks at the last 24 hours only, per desk when asked, and forgets old hours', async () => {
      const intl = await publishStory(deps, b, { slug: 'read-intl' });
      const sport = await publishStory(deps, b, { slug: 'read-sport', deskId: b.desks.sports });
      const old = await publishStory(deps, b, { slug: 'read-old' });
      const now = clock.now();
      const hour = (h: number) => hourOf(new Date(now.getTime() - h * 3_600_000));
      await t.store.db.insertInto('article_views').values([
        { article_id: intl.id, hour: hour(1), views: 5 },
        { article_id: intl.id, hour: hour(23), views: 5 },
        { article_id: sport.id, hour: hour(2), views: 7 },
        { article_id: old.id, hour: hour(30), views: 100 },
        { article_id: old.id, hour: hour(24 * 40), views: 1000 },
      ]).execute();
      assert.deepEqual(await mostReadIds(t.store.db, { now }), [intl.id, sport.id]);
      assert.deepEqual(await mostReadIds(t.store.db, { now, deskId: b.desks.sports }), [sport.id]);
      assert.equal(await purgeOldViews(t.store.db, now, 30), 1);
    });

    it('keeps counts that could not be saved for the next flush', async () => {
      const a = await publishStory(deps, b, { slug: 'read-retry' });
      const broken = new ViewCounter({ ...t.store, transaction: async () => { throw new Error('disk full'); } }, clock, silentLogger);
      broken.record(a.id, '10.0.0.1', UA);
      await assert.rejects(broken.flush(), /disk full/);
      assert.equal(broken.pending, 1);
    });
  });
});
