import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStore, eachDialect, type TestStore } from '../../test/helpers/stores.js';
import { seedBasics, type Basics } from '../../test/helpers/fixtures.js';
import { fixedClock } from '../shared/clock.js';
import { silentLogger } from '../shared/logger.js';
import { createEventBus } from '../shared/events.js';
import { JobQueue } from '../jobs/index.js';
import { getArticle, htmlToDoc } from '../content/index.js';
import { isAppError } from '../shared/errors.js';
import { addStaff, createStory, editStory, listRevisions, listStories, restoreRevision, searchImages, suggestTags, type NewsroomDeps, type StaffMember, type StoryFields } from './index.js';

await eachDialect((dialect, skip) => {
  describe(`story workflow on ${dialect}`, { skip }, () => {
    let t: TestStore;
    let deps: NewsroomDeps;
    let b: Basics;
    const events: string[] = [];
    const who: Record<string, StaffMember> = {};
    const clock = fixedClock('2026-11-26T06:30:00.000Z');
    before(async () => {
      t = await createTestStore(dialect);
      const bus = createEventBus();
      bus.subscribe('*', (_p, msg) => void events.push(msg.type));
      deps = { store: t.store, bus, clock, jobs: new JobQueue(t.store, clock, silentLogger), logger: silentLogger };
      b = await seedBasics({ store: t.store, bus, clock });
      for (const role of ['reporter', 'editor'] as const) {
        const r = await addStaff({ store: t.store, bus, clock }, { email: `${role}@x.example`, name: role, role, password: null });
        who[role] = { id: r.id, name: role, email: `${role}@x.example`, role };
      }
      const r2 = await addStaff({ store: t.store, bus, clock }, { email: 'other@x.example', name: 'other', role: 'reporter', password: null });
      who.other = { id: r2.id, name: 'other', email: 'other@x.example', role: 'reporter' };
    });
    after(async () => { await t?.cleanup(); });

    const fields = (over: Partial<StoryFields> = {}): StoryFields => ({
      headline: 'शीर्षक', slug: '', summary: '', doc: htmlToDoc('<p>पाठ</p>'), deskId: b.desks.intl, tagIds: [], authorIds: [], editorId: null, dateline: '',
      imageId: null, access: 'free', lang: 'hi', correction: '', ...over,
    });

    it('records who created a story, makes them its author and writes a revision and an audit row', async () => {
      const s = await createStory(deps, who.reporter!, fields({ headline: 'रिपोर्टर की ख़बर' }));
      const row = await t.store.db.selectFrom('articles').select(['created_by', 'status']).where('id', '=', s.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { created_by: who.reporter!.id, status: 'draft' });
      assert.deepEqual((await getArticle(t.store.db, s.id))!.authors.map((a) => a.id), [who.reporter!.id]);
      assert.equal((await listRevisions(t.store.db, s.id)).length, 1);
      assert.equal((await t.store.db.selectFrom('audit_log').select('action').where('subject_id', '=', s.id).executeTakeFirstOrThrow()).action, 'story.create');
    });

    it('lets exactly one of two simultaneous saves of the same version through', async () => {
      const s2 = await createStory(deps, who.editor!, fields({ headline: 'दो संपादक', slug: 'two-editors' }));
      const race = await Promise.allSettled([1, 2, 3].map((n) => editStory(deps, who.editor!, { id: s2.id, action: 'save', expectedVersion: s2.version, fields: fields({ headline: `संस्करण ${n}`, slug: 'two-editors' }) })));
      const won = race.filter((r) => r.status === 'fulfilled');
      const lost = race.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(won.length, 1);
      assert.equal(lost.length, 2);
      for (const l of lost) {
        assert.ok(isAppError(l.reason) && l.reason.code === 'CONFLICT');
        assert.ok(Number.isInteger(l.reason.details?.keptRevisionId));
      }
      const a = (await getArticle(t.store.db, s2.id))!;
      assert.equal(a.version, s2.version + 1);
      const kept = (await listRevisions(t.store.db, s2.id)).filter((r) => r.kind === 'conflict');
      assert.equal(kept.length, 2, 'both refused copies are kept');
    });

    it('refuses a reporter editing someone else\'s story or publishing, and lets them submit their own', async () => {
      const s = await createStory(deps, who.reporter!, fields({ headline: 'अपनी', slug: 'own-story' }));
      await assert.rejects(editStory(deps, who.other!, { id: s.id, action: 'save', fields: fields({ slug: 'own-story' }) }), (e) => isAppError(e) && e.code === 'FORBIDDEN');
      await assert.rejects(editStory(deps, who.reporter!, { id: s.id, action: 'publish' }), (e) => isAppError(e) && e.code === 'FORBIDDEN');
      const r = await editStory(deps, who.reporter!, { id: s.id, action: 'submit' });
      assert.equal(r.status, 'submitted');
      await editStory(deps, who.editor!, { id: s.id, action: 'publish' });
      await assert.rejects(editStory(deps, who.reporter!, { id: s.id, action: 'save', fields: fields({ slug: 'own-story' }) }), (e) => isAppError(e) && e.code === 'FORBIDDEN');
    });

    it('sends story events only after the transaction commits, and none for a refused change', async () => {
      events.length = 0;
      const s = await createStory(deps, who.editor!, fields({ slug: 'events-story' }));
      await editStory(deps, who.editor!, { id: s.id, action: 'publish' });
      assert.deepEqual(events, ['article.published']);
      await assert.rejects(editStory(deps, who.editor!, { id: s.id, action: 'save', expectedVersion: 1, fields: fields({ slug: 'events-story', headline: 'नया' }) }));
      assert.deepEqual(events, ['article.published']);
      await editStory(deps, who.editor!, { id: s.id, action: 'unpublish' });
      assert.deepEqual(events, ['article.published', 'article.unpublished']);
    });

    it('searches stories, tags and images by text, taking LIKE wildcards literally', async () => {
      await createStory(deps, who.editor!, fields({ headline: 'चुनाव 100% तय', slug: 'percent-story' }));
      await createStory(deps, who.reporter!, fields({ headline: 'चुनाव की तैयारी', slug: 'election-prep' }));
      const all = await listStories(t.store, { q: 'चुनाव' });
      assert.deepEqual(all.items.map((i) => i.slug).sort(), ['election-prep', 'percent-story']);
      assert.equal(all.total, 2);
      assert.deepEqual((await listStories(t.store, { q: '100%' })).items.map((i) => i.slug), ['percent-story']);
      assert.equal((await listStories(t.store, { q: '_' })).total, 0);
      assert.deepEqual((await listStories(t.store, { q: 'चुनाव', onlyFor: who.reporter!.id })).items.map((i) => i.slug), ['election-prep']);
      assert.deepEqual((await listStories(t.store, { status: 'draft', deskId: b.desks.sports })).items, []);
      assert.deepEqual((await suggestTags(t.store, 'रू')).map((x) => x.slug), ['russia']);
      assert.deepEqual(await suggestTags(t.store, '%'), []);
      await t.store.db.insertInto('images').values({ sha256: 'a'.repeat(64), path: 'aa/x.jpg', mime: 'image/jpeg', width: 10, height: 10, bytes: 10, title: 'केरल_बारिश', alt: '', credit: '', caption: '', created_at: clock.now().toISOString() }).execute();
      assert.equal((await searchImages(t.store, 'केरल_')).total, 1);
      assert.equal((await searchImages(t.store, 'ल_ब')).total, 1);
      assert.equal((await searchImages(t.store, 'लxब')).total, 0);
    });

    it('keeps a story from an import as it was before its first newsroom change', async () => {
      const { saveArticle } = await import('../content/index.js');
      const imported = await saveArticle({ store: t.store, bus: deps.bus, clock }, { ...fields({ headline: 'आयातित', slug: 'imported-story' }), status: 'published', externalId: 'wp-1' });
      assert.equal((await listRevisions(t.store.db, imported.id)).length, 0);
      await editStory(deps, who.editor!, { id: imported.id, action: 'save', fields: fields({ headline: 'बदला हुआ', slug: 'imported-story' }) });
      const revs = await listRevisions(t.store.db, imported.id);
      assert.deepEqual(revs.map((r) => [r.kind, r.snapshot.headline]), [['save', 'बदला हुआ'], ['import', 'आयातित']]);
      await restoreRevision(deps, who.editor!, imported.id, revs[1]!.id);
      assert.equal((await getArticle(t.store.db, imported.id))!.headline, 'आयातित');
      assert.equal((await getArticle(t.store.db, imported.id))!.externalId, 'wp-1', 'the import id stays');
    });

    it('restores a revision as a new revision, leaving out a tag deleted since', async () => {
      const tag = await t.store.db.insertInto('tags').values({ slug: 'short-lived', name: 'अल्पजीवी', created_at: clock.now().toISOString() }).returning('id').executeTakeFirstOrThrow();
      const s = await createStory(deps, who.editor!, fields({ headline: 'पहला', slug: 'restore-me', tagIds: [tag.id, b.tags.russia] }));
      const saved = await editStory(deps, who.editor!, { id: s.id, action: 'save', fields: fields({ headline: 'दूसरा', slug: 'restore-me-2' }) });
      await t.store.db.deleteFrom('tags').where('id', '=', tag.id).execute();
      const first = (await listRevisions(t.store.db, s.id)).at(-1)!;
      const r = await restoreRevision(deps, who.editor!, s.id, first.id, { expectedVersion: saved.version });
      assert.equal(r.version, saved.version + 1);
      const a = (await getArticle(t.store.db, s.id))!;
      assert.equal(a.headline, 'पहला');
      assert.equal(a.slug, 'restore-me');
      assert.deepEqual(a.tags.map((x) => x.id), [b.tags.russia]);
      assert.equal((await listRevisions(t.store.db, s.id))[0]!.kind, 'restore');
    });
  });
});
