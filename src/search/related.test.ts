import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStore, eachDialect, type TestStore } from '../../test/helpers/stores.js';
import { publishStory, seedBasics, storyInput, type Basics } from '../../test/helpers/fixtures.js';
import { fixedClock } from '../shared/clock.js';
import { createEventBus, type BusMessage, type EventBus } from '../shared/events.js';
import { silentLogger } from '../shared/logger.js';
import { JobQueue } from '../jobs/index.js';
import { getArticle, relatedStories, saveArticle, type ContentDeps } from '../content/index.js';
import { isAppError } from '../shared/errors.js';
import { relatedView, searchModule, setRelated, MAX_PINS, type SearchModule } from './index.js';

await eachDialect((dialect, skip) => {
  describe(`related stories on ${dialect}`, { skip }, () => {
    let t: TestStore;
    let m: SearchModule;
    let bus: EventBus;
    let deps: ContentDeps;
    let b: Basics;
    let quiet: ContentDeps;
    const clock = fixedClock('2026-11-26T06:30:00.000Z');
    const closers: (() => unknown)[] = [];
    const related = async (id: number, limit = 4) => (await relatedStories(t.store.db, (await getArticle(t.store.db, id))!, limit)).map((c) => c.id);
    /** A published story whose body repeats its headline; `unindexed` saves it where the index does not listen. */
    const story = (slug: string, headline: string, over: Parameters<typeof publishStory>[2] = {}, opts: { unindexed?: boolean } = {}) =>
      publishStory(opts.unindexed ? quiet : deps, b, { slug, headline, summary: '', body: `<p>${headline}</p>`, tagIds: [], ...over }).then((r) => r.id);

    before(async () => {
      t = await createTestStore(dialect);
      bus = createEventBus();
      m = searchModule({ store: t.store, bus, clock, logger: silentLogger, jobs: new JobQueue(t.store, clock, silentLogger), config: { teaserParagraphs: 2 }, onClose: (fn) => void closers.push(fn) });
      deps = { store: t.store, bus, clock };
      quiet = { store: t.store, bus: createEventBus(), clock };
      b = await seedBasics(deps);
    });
    after(async () => {
      for (const fn of closers) await fn();
      await t.cleanup();
    });
    beforeEach(async () => {
      await m.idle();
      await t.store.db.deleteFrom('articles').execute();
    });

    it('finds stories that share telling words, shows them newest first, and fills up from the desk', async () => {
      const main = await story('glacier-main', 'हिमनद पिघलने से झील का ख़तरा', { publishedAt: '2026-11-20T10:00:00Z', body: '<p>हिमनद झील के फटने का ख़तरा बढ़ा।</p>' });
      const older = await story('glacier-old', 'हिमनद झील पर वैज्ञानिकों की चेतावनी', { publishedAt: '2026-11-10T10:00:00Z' });
      const newer = await story('glacier-new', 'हिमनद झील के पास गाँव ख़ाली कराए गए', { publishedAt: '2026-11-22T10:00:00Z' });
      const other = await story('budget', 'बजट में किसानों के लिए नई योजना', { publishedAt: '2026-11-21T10:00:00Z' });
      await m.idle();
      const ids = await related(main);
      assert.deepEqual(ids.slice(0, 2), [newer, older], 'similar stories, newest first');
      assert.equal(ids[2], other, 'then the desk’s latest');
      assert.ok(!ids.includes(main));
    });

    it('counts a shared tag, and works from tags and desk alone before the index has the story', async () => {
      const main = await story('tag-main', 'पहली घटना', { tagIds: [b.tags.cricket] }, { unindexed: true });
      const tagged = await story('tag-other', 'दूसरा मामला', { tagIds: [b.tags.cricket], deskId: b.desks.sports }, { unindexed: true });
      const desk = await story('desk-other', 'तीसरा प्रसंग', {}, { unindexed: true });
      assert.deepEqual(await related(main), [tagged, desk]);
    });

    it('puts an editor’s pins first in their order and never shows a removed story', async () => {
      const main = await story('pin-main', 'मेट्रो का नया रूट खुला', { publishedAt: '2026-11-20T10:00:00Z' });
      const similar = await story('pin-similar', 'मेट्रो के नए रूट पर भीड़', { publishedAt: '2026-11-21T10:00:00Z' });
      const a = await story('pin-a', 'खेल की ख़बर', { deskId: b.desks.sports });
      const c = await story('pin-c', 'दूसरी खेल ख़बर', { deskId: b.desks.sports });
      await m.idle();
      assert.equal((await related(main))[0], similar);
      const purged: BusMessage[] = [];
      bus.subscribe('cache.purge', (_p, msg) => void purged.push(msg));
      await setRelated(deps, { articleId: main, relatedId: c, action: 'pin', position: 0, staffId: null });
      await setRelated(deps, { articleId: main, relatedId: a, action: 'pin', position: 1, staffId: null });
      await setRelated(deps, { articleId: main, relatedId: similar, action: 'remove', staffId: null });
      const ids = await related(main);
      assert.deepEqual(ids.slice(0, 2), [c, a]);
      assert.ok(!ids.includes(similar));
      assert.deepEqual(purged.at(-1)?.payload, { tags: [`article:${main}`] });
      const view = await relatedView(t.store.db, main);
      assert.deepEqual(view.related.slice(0, 2).map((r) => [r.id, r.pinned]), [[c, true], [a, true]]);
      assert.deepEqual(view.overrides.map((o) => [o.relatedId, o.action]).sort(), [[a, 'pin'], [c, 'pin'], [similar, 'remove']].sort());
      await setRelated(deps, { articleId: main, relatedId: similar, action: 'clear', staffId: null });
      assert.ok((await related(main)).includes(similar));
    });

    it('drops a pinned story from the block once it is withdrawn', async () => {
      const main = await story('w-main', 'मुख्य ख़बर');
      const pinned = await story('w-pinned', 'पिन की गई ख़बर');
      await setRelated(deps, { articleId: main, relatedId: pinned, action: 'pin', staffId: null });
      assert.equal((await related(main))[0], pinned);
      await saveArticle(deps, storyInput(b, { slug: 'w-pinned', headline: 'पिन की गई ख़बर', status: 'unpublished' }), { id: pinned });
      assert.ok(!(await related(main)).includes(pinned));
    });

    it('refuses a pin of itself, of an unpublished or missing story, at a bad position, or beyond the limit', async () => {
      const main = await story('r-main', 'मुख्य');
      const draft = await saveArticle(deps, storyInput(b, { slug: 'r-draft', status: 'draft' }));
      const refused = async (input: Parameters<typeof setRelated>[1], code: string, field?: string) => {
        await assert.rejects(setRelated(deps, input), (e: unknown) => isAppError(e) && e.code === code && (!field || e.issues.some((i) => i.field === field)));
      };
      await refused({ articleId: main, relatedId: main, action: 'pin', staffId: null }, 'VALIDATION', 'relatedId');
      await refused({ articleId: main, relatedId: draft.id, action: 'pin', staffId: null }, 'VALIDATION', 'relatedId');
      await refused({ articleId: main, relatedId: 987_654, action: 'pin', staffId: null }, 'VALIDATION', 'relatedId');
      await refused({ articleId: 987_654, relatedId: main, action: 'pin', staffId: null }, 'NOT_FOUND');
      await refused({ articleId: main, relatedId: draft.id, action: 'remove', position: -1, staffId: null }, 'VALIDATION', 'position');
      await refused({ articleId: main, relatedId: draft.id, action: 'bump' as never, staffId: null }, 'VALIDATION', 'action');
      for (let i = 0; i < MAX_PINS; i++) await setRelated(deps, { articleId: main, relatedId: await story(`r-pin-${i}`, `पिन ${i}`), action: 'pin', position: i, staffId: null });
      await refused({ articleId: main, relatedId: await story('r-pin-extra', 'एक और'), action: 'pin', staffId: null }, 'VALIDATION', 'relatedId');
    });
  });
});
