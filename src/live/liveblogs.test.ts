import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStore, eachDialect, type TestStore } from '../../test/helpers/stores.js';
import { publishStory, seedBasics } from '../../test/helpers/fixtures.js';
import { createEventBus } from '../shared/events.js';
import { fixedClock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { LiveBlogService, type LiveBlogMessage } from './liveblogs.js';

async function rejects(p: Promise<unknown>, code: string, pattern?: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof AppError);
    assert.equal(err.code, code, err.message);
    if (pattern) assert.match(`${err.message} ${JSON.stringify(err.issues)}`, pattern);
    return true;
  });
}

await eachDialect((dialect, skip) => {
  describe(`live blogs on ${dialect}`, { skip }, () => {
    let t: TestStore;
    let blogs: LiveBlogService;
    let articleId: number;
    let editor: number;
    const clock = fixedClock('2026-11-26T10:00:00.000Z');
    const heard: { articleId: number; seq: number }[] = [];
    before(async () => {
      t = await createTestStore(dialect);
      const bus = createEventBus();
      bus.subscribe('liveblog.updated', (p) => void heard.push(p));
      const deps = { store: t.store, bus, clock };
      const basics = await seedBasics(deps);
      editor = basics.people.editor;
      articleId = (await publishStory(deps, basics, { slug: 'election-results-live', headline: 'चुनाव नतीजे लाइव' })).id;
      blogs = new LiveBlogService(deps);
    });
    after(async () => t?.cleanup());

    const messages = async () => (await blogs.since(articleId, 0, 100)).map((r) => JSON.parse(r.payload) as LiveBlogMessage);

    it('refuses updates to a story that is not live', async () => {
      await rejects(blogs.addUpdate(articleId, { body: 'पहला अपडेट' }, editor), 'NOT_FOUND');
      await rejects(blogs.start(999_999, editor), 'NOT_FOUND');
    });

    it('puts a story in live mode and journals it', async () => {
      const blog = await blogs.start(articleId, editor);
      assert.deepEqual([blog.live, blog.lastSeq, blog.endedAt], [true, 1, null]);
      assert.deepEqual((await messages()).map((m) => [m.seq, m.live, m.updates.length]), [[1, true, 0]]);
      assert.deepEqual(heard.at(-1), { articleId, seq: 1 });
    });

    it('takes timestamped updates, newest first, each with the next seq', async () => {
      clock.advance(60_000);
      const a = await blogs.addUpdate(articleId, { body: '  मतगणना शुरू  \r\n\r\n\r\nपहला रुझान ' }, editor);
      clock.advance(60_000);
      const b = await blogs.addUpdate(articleId, { body: 'दूसरा रुझान', keyEvent: true }, editor);
      assert.equal(a.update.body, 'मतगणना शुरू\n\nपहला रुझान');
      assert.equal(a.update.at, '2026-11-26T10:01:00.000Z');
      assert.equal(a.update.author, 'सुनीता वर्मा');
      assert.deepEqual([a.blog.lastSeq, b.blog.lastSeq], [2, 3]);
      assert.deepEqual((await blogs.updates(articleId)).map((u) => u.id), [b.update.id, a.update.id]);
      const last = (await messages()).at(-1)!;
      assert.deepEqual(last.updates.map((u) => [u.id, u.keyEvent]), [[b.update.id, true]]);
    });

    it('keeps one pinned update at the top: pinning another unpins the first, in the same journal entry', async () => {
      const [newest, older] = await blogs.updates(articleId);
      await blogs.setPinned(articleId, older!.id, true, editor);
      assert.deepEqual((await blogs.updates(articleId)).map((u) => [u.id, u.pinned]), [[older!.id, true], [newest!.id, false]]);
      await blogs.setPinned(articleId, newest!.id, true, editor);
      const last = (await messages()).at(-1)!;
      assert.deepEqual(last.updates.map((u) => [u.id, u.pinned]).sort(), [[older!.id, false], [newest!.id, true]].sort());
      assert.deepEqual((await blogs.updates(articleId)).filter((u) => u.pinned).map((u) => u.id), [newest!.id]);
    });

    it('edits and removes updates; a removed one is journalled as deleted and no longer listed', async () => {
      const [first] = await blogs.updates(articleId);
      clock.advance(60_000);
      await blogs.editUpdate(articleId, first!.id, { body: 'दूसरा रुझान (सुधार)', keyEvent: true, pinned: true }, editor);
      const edited = (await blogs.updates(articleId)).find((u) => u.id === first!.id)!;
      assert.deepEqual([edited.body, edited.editedAt], ['दूसरा रुझान (सुधार)', '2026-11-26T10:03:00.000Z']);
      await blogs.removeUpdate(articleId, first!.id, editor);
      assert.ok(!(await blogs.updates(articleId)).some((u) => u.id === first!.id));
      assert.deepEqual((await messages()).at(-1)!.updates.map((u) => [u.id, u.deleted]), [[first!.id, true]]);
      await rejects(blogs.removeUpdate(articleId, first!.id, editor), 'NOT_FOUND');
    });

    it('refuses an empty update, an overlong one and an image that is not in the library, posting nothing', async () => {
      const before = (await blogs.get(articleId))!.lastSeq;
      await rejects(blogs.addUpdate(articleId, { body: '   ' }, editor), 'VALIDATION', /write the update/);
      await rejects(blogs.addUpdate(articleId, { body: 'क'.repeat(5001) }, editor), 'VALIDATION', /at most 5000/);
      await rejects(blogs.addUpdate(articleId, { body: 'तस्वीर', imageId: 424242 }, editor), 'VALIDATION', /not in the media library/);
      assert.equal((await blogs.get(articleId))!.lastSeq, before);
    });

    it('gives concurrent editors a seq each, losing no update', async () => {
      const before = (await blogs.get(articleId))!.lastSeq;
      await Promise.all(Array.from({ length: 5 }, (_, i) => blogs.addUpdate(articleId, { body: `साथ-साथ ${i}` }, editor)));
      const seqs = (await blogs.since(articleId, before, 100)).map((r) => r.seq);
      assert.deepEqual(seqs, [before + 1, before + 2, before + 3, before + 4, before + 5]);
      assert.equal((await blogs.updates(articleId)).filter((u) => u.body.startsWith('साथ-साथ')).length, 5);
    });

    it('ends live mode into a normal story whose updates stay as a timeline', async () => {
      const count = (await blogs.updates(articleId)).length;
      const blog = await blogs.end(articleId, editor);
      assert.deepEqual([blog.live, blog.endedAt !== null], [false, true]);
      assert.equal((await blogs.updates(articleId)).length, count);
      assert.equal((await messages()).at(-1)!.live, false);
      await rejects(blogs.addUpdate(articleId, { body: 'देर से' }, editor), 'VALIDATION', /not live/);
      await rejects(blogs.end(articleId, editor), 'VALIDATION');
      assert.equal((await blogs.start(articleId, editor)).live, true, 'it can go live again');
    });
  });
});
