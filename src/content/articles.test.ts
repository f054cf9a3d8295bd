import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStore, eachDialect, type TestStore } from '../../test/helpers/stores.js';
import { seedBasics, storyInput, type Basics } from '../../test/helpers/fixtures.js';
import { fixedClock } from '../shared/clock.js';
import { createEventBus, type BusMessage } from '../shared/events.js';
import { isAppError } from '../shared/errors.js';
import { getArticle, listPublished, articleIdForOldSlug, relatedStories } from './repo.js';
import { saveArticle, type ContentDeps } from './articles.js';
import { htmlToDoc } from './document.js';

await eachDialect((dialect, skip) => {
  describe(`stories on ${dialect}`, { skip }, () => {
    let t: TestStore;
    let deps: ContentDeps;
    let clock: ReturnType<typeof fixedClock>;
    let b: Basics;
    let events: BusMessage[];
    before(async () => {
      t = await createTestStore(dialect);
      clock = fixedClock('2025-12-27T08:00:00Z');
      const bus = createEventBus();
      events = [];
      bus.subscribe('*', (_p, m) => { events.push(m); });
      deps = { store: t.store, bus, clock };
      b = await seedBasics(deps);
    });
    after(async () => { await t?.cleanup(); });
    beforeEach(() => { events.length = 0; });

    it('sets publishedAt when a story is first published and announces it', async () => {
      const r = await saveArticle(deps, storyInput(b, { slug: 'first-publish' }));
      const a = await getArticle(t.store.db, r.id);
      assert.equal(a?.publishedAt, '2025-12-27T08:00:00.000Z');
      assert.equal(a?.updatedAt, '2025-12-27T08:00:00.000Z');
      assert.deepEqual(events.map((e) => e.type), ['article.published']);
    });

    it('moves updatedAt only for a substantive edit after publication', async () => {
      const r = await saveArticle(deps, storyInput(b, { slug: 'updated-rule' }));
      clock.advance(60 * 60 * 1000);
      await saveArticle(deps, storyInput(b, { slug: 'updated-rule', tagIds: [] }), { id: r.id });
      let a = await getArticle(t.store.db, r.id);
      assert.equal(a?.updatedAt, '2025-12-27T08:00:00.000Z', 'a tag change is not substantive');
      clock.advance(60 * 60 * 1000);
      await saveArticle(deps, storyInput(b, { slug: 'updated-rule', headline: 'नया शीर्षक' }), { id: r.id });
      a = await getArticle(t.store.db, r.id);
      assert.equal(a?.publishedAt, '2025-12-27T08:00:00.000Z', 'publishedAt never moves');
      assert.equal(a?.updatedAt, '2025-12-27T10:00:00.000Z');
      clock.set('2025-12-27T08:00:00Z');
    });

    it('stores headline and body as NFC', async () => {
      const decomposed = 'क\u093Cानून'; // nukta as a separate mark
      const r = await saveArticle(deps, storyInput(b, { slug: 'nfc-story', headline: decomposed, doc: htmlToDoc(`<p>${decomposed}</p>`) }));
      const a = await getArticle(t.store.db, r.id);
      assert.equal(a?.headline, 'क़ानून'.normalize('NFC'));
      assert.equal(a?.headline, a?.headline.normalize('NFC'));
      assert.match(a!.bodyHtml, new RegExp('क़ानून'.normalize('NFC')));
    });

    it('refuses a stale save as a conflict and keeps the stored version', async () => {
      const r = await saveArticle(deps, storyInput(b, { slug: 'conflict-story' }));
      await saveArticle(deps, storyInput(b, { slug: 'conflict-story', headline: 'पहले संपादक का शीर्षक' }), { id: r.id, expectedVersion: 1 });
      await assert.rejects(
        saveArticle(deps, storyInput(b, { slug: 'conflict-story', headline: 'दूसरे संपादक का शीर्षक' }), { id: r.id, expectedVersion: 1 }),
        (e: unknown) => isAppError(e) && e.code === 'CONFLICT' && e.details?.storedVersion === 2,
      );
      const a = await getArticle(t.store.db, r.id);
      assert.equal(a?.headline, 'पहले संपादक का शीर्षक');
    });

    it('keeps the old slug when an editor renames a story', async () => {
      const r = await saveArticle(deps, storyInput(b, { slug: 'old-name' }));
      await saveArticle(deps, storyInput(b, { slug: 'new-name' }), { id: r.id });
      assert.equal(await articleIdForOldSlug(t.store.db, 'old-name'), r.id);
      const a = await getArticle(t.store.db, r.id);
      assert.equal(a?.path, `/international/news/new-name-${r.id}`);
    });

    it('refuses a slug used by another story and an invalid slug, with clear messages', async () => {
      await saveArticle(deps, storyInput(b, { slug: 'taken-slug' }));
      await assert.rejects(saveArticle(deps, storyInput(b, { slug: 'taken-slug' })), (e: unknown) => isAppError(e) && /already used/.test(e.issues[0]!.message));
      await assert.rejects(saveArticle(deps, storyInput(b, { slug: 'हिंदी-स्लग' })), (e: unknown) => isAppError(e) && e.issues[0]!.field === 'slug');
      await assert.rejects(saveArticle(deps, storyInput(b, { slug: 'no-headline', headline: '   ' })), (e: unknown) => isAppError(e) && e.issues[0]!.field === 'headline');
    });

    it('announces unpublishing and leaves drafts out of lists', async () => {
      const r = await saveArticle(deps, storyInput(b, { slug: 'to-withdraw', deskId: b.desks.sports }));
      await saveArticle(deps, storyInput(b, { slug: 'to-withdraw', deskId: b.desks.sports, status: 'unpublished' }), { id: r.id });
      assert.equal(events.at(-1)?.type, 'article.unpublished');
      await saveArticle(deps, storyInput(b, { slug: 'a-draft', deskId: b.desks.sports, status: 'draft' }));
      const list = await listPublished(t.store.db, { deskId: b.desks.sports });
      assert.ok(!list.items.some((c) => c.slug === 'to-withdraw' || c.slug === 'a-draft'));
    });

    it('lists newest first with tags and authors, filtered by tag', async () => {
      const r1 = await saveArticle(deps, storyInput(b, { slug: 'cricket-one', tagIds: [b.tags.cricket], publishedAt: '2025-12-20T10:00:00Z' }));
      const r2 = await saveArticle(deps, storyInput(b, { slug: 'cricket-two', tagIds: [b.tags.cricket, b.tags.russia], publishedAt: '2025-12-21T10:00:00Z' }));
      const list = await listPublished(t.store.db, { tagId: b.tags.cricket });
      assert.deepEqual(list.items.map((c) => c.id), [r2.id, r1.id]);
      assert.equal(list.total, 2);
      assert.deepEqual(list.items[0]!.tags.map((x) => x.slug), ['cricket', 'russia']);
      assert.equal(list.items[0]!.authors[0]!.slug, 'amit-kumar');
      const rel = await relatedStories(t.store.db, (await getArticle(t.store.db, r1.id))!, 3);
      assert.equal(rel[0]!.id, r2.id, 'the story sharing a tag comes first');
    });
  });
});
