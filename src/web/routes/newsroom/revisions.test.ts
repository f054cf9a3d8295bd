import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createNewsroomApp, signedIn, storyForm, Client, type NewsroomTestApp } from '../../../../test/helpers/newsroom.js';
import { getArticle } from '../../../content/index.js';
import { listRevisions, AUTOSAVE_COALESCE_MS } from '../../../newsroom/index.js';

const idFrom = (location: unknown) => Number(/\/newsroom\/stories\/(\d+)/.exec(String(location))?.[1]);

describe('revisions, conflicts and autosave', () => {
  let h: NewsroomTestApp;
  let editorA: Client;
  let editorB: Client;
  before(async () => {
    h = await createNewsroomApp();
    editorA = await signedIn(h, 'editor');
    editorB = await signedIn(h, 'admin');
  });
  after(async () => { await h?.close(); });

  async function draft(cl: Client, over: Record<string, string | string[] | number> = {}) {
    const res = await cl.post('/newsroom/stories', storyForm(h, over));
    assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
    return idFrom(res.headers.location);
  }

  it('gives the second of two people editing a story a conflict screen with both versions, never a silent overwrite', async () => {
    const id = await draft(editorA, { headline: 'मूल शीर्षक', slug: 'conflict-story', body_html: '<p>मूल पाठ।</p>' });
    const opened = (await getArticle(h.c.store.db, id))!.version;
    // Both open version `opened`; A saves first.
    const a = await editorA.post(`/newsroom/stories/${id}`, { ...storyForm(h, { headline: 'A का शीर्षक', slug: 'conflict-story', body_html: '<p>A का पाठ।</p>' }), version: opened });
    assert.equal(a.statusCode, 303);
    const b = await editorB.post(`/newsroom/stories/${id}`, { ...storyForm(h, { headline: 'B का <शीर्षक>', slug: 'conflict-story', body_html: '<p>B का पाठ।</p>' }), version: opened });
    assert.equal(b.statusCode, 409);
    assert.match(b.body, /दो लोगों ने एक ही ख़बर बदली/);
    assert.match(b.body, /A का शीर्षक/, 'the stored version is shown');
    assert.match(b.body, /B का &lt;शीर्षक&gt;/, 'the writer\'s own version is shown, escaped');
    assert.match(b.body, /<del>A<\/del><ins>B<\/ins>/, 'with a word diff');
    assert.match(b.body, /संजय संपादक/, 'and who saved it');
    const stored = (await getArticle(h.c.store.db, id))!;
    assert.equal(stored.headline, 'A का शीर्षक', 'nothing was overwritten');
    const kept = (await listRevisions(h.c.store.db, id)).find((r) => r.kind === 'conflict');
    assert.ok(kept && !kept.applied && kept.snapshot.headline === 'B का <शीर्षक>', 'B\'s copy is kept as a revision');

    // "Save my version": the screen posts B's fields again with the stored version.
    const form = Object.fromEntries([...b.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&')]));
    assert.equal(form.version, String(stored.version));
    const { _csrf: _, ...fields } = form;
    const again = await editorB.post(`/newsroom/stories/${id}`, { ...fields, authorIds: String(h.staff.reporter.id), action: 'save' });
    assert.equal(again.statusCode, 303);
    const after = (await getArticle(h.c.store.db, id))!;
    assert.equal(after.headline, 'B का <शीर्षक>');
    assert.match(after.bodyHtml, /B का पाठ।/);
    // A's version is still there to restore.
    assert.ok((await listRevisions(h.c.store.db, id)).some((r) => r.applied && r.snapshot.headline === 'A का शीर्षक'));
  });

  it('answers a stale autosave with 409 and the versions in JSON, keeping the copy', async () => {
    const id = await draft(editorA, { headline: 'ऑटोसेव', slug: 'autosave-conflict' });
    const v = (await getArticle(h.c.store.db, id))!.version;
    await editorA.post(`/newsroom/stories/${id}`, { ...storyForm(h, { headline: 'ऑटोसेव 2', slug: 'autosave-conflict' }), version: v });
    const res = await editorB.postJson(`/newsroom/stories/${id}/autosave`, { ...storyForm(h, { headline: 'पुराने पर ऑटोसेव', slug: 'autosave-conflict' }), version: v });
    assert.equal(res.statusCode, 409);
    const err = res.json().error;
    assert.equal(err.code, 'CONFLICT');
    assert.equal(err.details.yourVersion, v);
    assert.equal(err.details.storedVersion, v + 1);
    assert.ok(Number.isInteger(err.details.keptRevisionId));
    assert.equal((await getArticle(h.c.store.db, id))!.headline, 'ऑटोसेव 2');
  });

  it('autosaves a draft, sharing one revision for a burst of autosaves', async () => {
    const id = await draft(editorA, { headline: 'धीरे धीरे', slug: 'autosave-draft' });
    let v = (await getArticle(h.c.store.db, id))!.version;
    for (const text of ['धीरे धीरे लिखी', 'धीरे धीरे लिखी गई', 'धीरे धीरे लिखी गई ख़बर']) {
      h.clock.advance(5000);
      const res = await editorA.postJson(`/newsroom/stories/${id}/autosave`, { ...storyForm(h, { headline: text, slug: 'autosave-draft' }), version: v });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().kept, false);
      assert.equal(res.json().version, v + 1);
      v = res.json().version;
    }
    assert.equal((await getArticle(h.c.store.db, id))!.headline, 'धीरे धीरे लिखी गई ख़बर');
    let revs = await listRevisions(h.c.store.db, id);
    assert.deepEqual(revs.map((r) => r.kind), ['autosave', 'create']);
    assert.equal(revs[0]!.snapshot.headline, 'धीरे धीरे लिखी गई ख़बर');
    h.clock.advance(AUTOSAVE_COALESCE_MS + 1000);
    await editorA.postJson(`/newsroom/stories/${id}/autosave`, { ...storyForm(h, { headline: 'दस मिनट बाद', slug: 'autosave-draft' }), version: v });
    await editorA.post(`/newsroom/stories/${id}`, { ...storyForm(h, { headline: 'हाथ से सेव', slug: 'autosave-draft' }), version: v + 1 });
    revs = await listRevisions(h.c.store.db, id);
    assert.deepEqual(revs.map((r) => r.kind), ['save', 'autosave', 'autosave', 'create']);
  });

  it('keeps an autosave of a live story aside, so readers never see half-typed text', async () => {
    const id = await draft(editorA, { headline: 'लाइव ख़बर', slug: 'live-autosave' });
    await editorA.post(`/newsroom/stories/${id}/publish`, {});
    const live = (await getArticle(h.c.store.db, id))!;
    const res = await editorA.postJson(`/newsroom/stories/${id}/autosave`, { ...storyForm(h, { headline: 'लाइव ख़बर में आधा लिखा', slug: 'live-autosave' }), version: live.version });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().kept, true);
    assert.equal(res.json().version, live.version);
    assert.equal((await getArticle(h.c.store.db, id))!.headline, 'लाइव ख़बर');
    assert.doesNotMatch((await new Client(h.app).get(live.path)).body, /आधा लिखा/);
    // The writer is offered the kept copy when they come back.
    const screen = await editorA.get(`/newsroom/stories/${id}`);
    const rev = /\?revision=(\d+)/.exec(screen.body);
    assert.ok(rev, 'a banner links to the kept autosave');
    const loaded = await editorA.get(`/newsroom/stories/${id}?revision=${rev[1]}`);
    assert.match(loaded.body, /लाइव ख़बर में आधा लिखा/);
    // Someone else does not see my kept copy.
    assert.doesNotMatch((await editorB.get(`/newsroom/stories/${id}`)).body, /\?revision=/);
    // Saving for real makes it live and drops the kept copy.
    await editorA.post(`/newsroom/stories/${id}`, { ...storyForm(h, { headline: 'लाइव ख़बर में आधा लिखा', slug: 'live-autosave' }), version: live.version });
    assert.match((await new Client(h.app).get(live.path)).body, /आधा लिखा/);
    assert.equal((await listRevisions(h.c.store.db, id)).filter((r) => !r.applied).length, 0);
  });

  it('shows a word diff between any two revisions, escaped, and restores one as a new revision', async () => {
    const id = await draft(editorA, { headline: 'पहला संस्करण', slug: 'restore-story', summary: 'पुराना सारांश', body_html: '<p>एक दो तीन</p>' });
    let a = (await getArticle(h.c.store.db, id))!;
    await editorA.post(`/newsroom/stories/${id}`, { ...storyForm(h, { headline: 'दूसरा <b>संस्करण</b>', slug: 'restore-story', summary: 'नया सारांश', body_html: '<p>एक चार तीन</p>' }), version: a.version });
    a = (await getArticle(h.c.store.db, id))!;
    const revs = await listRevisions(h.c.store.db, id);
    const [second, first] = revs;
    const list = await editorA.get(`/newsroom/stories/${id}/revisions`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(`/newsroom/stories/${id}/revisions/${first!.id}`));
    const diff = await editorA.get(`/newsroom/stories/${id}/revisions/diff?from=${first!.id}&to=${second!.id}`);
    assert.equal(diff.statusCode, 200);
    assert.match(diff.body, /<del>पहला<\/del><ins>दूसरा &lt;b&gt;संस्करण&lt;\/b&gt;<\/ins>|<del>पहला संस्करण<\/del><ins>दूसरा &lt;b&gt;संस्करण&lt;\/b&gt;<\/ins>/);
    assert.match(diff.body, /<span>एक <\/span><del>दो<\/del><ins>चार<\/ins><span> तीन<\/span>/);
    assert.doesNotMatch(diff.body, /<b>संस्करण/);
    assert.equal((await editorA.get(`/newsroom/stories/${id}/revisions/diff?from=${first!.id}&to=999999`)).statusCode, 404);

    const view = await editorA.get(`/newsroom/stories/${id}/revisions/${first!.id}`);
    assert.match(view.body, /पहला संस्करण/);
    const stale = await editorA.post(`/newsroom/stories/${id}/revisions/${first!.id}/restore`, { version: a.version - 1 });
    assert.equal(stale.statusCode, 409, 'a restore against an old version is refused');
    const restored = await editorA.post(`/newsroom/stories/${id}/revisions/${first!.id}/restore`, { version: a.version });
    assert.equal(restored.statusCode, 303);
    const now = (await getArticle(h.c.store.db, id))!;
    assert.equal(now.headline, 'पहला संस्करण');
    assert.equal(now.summary, 'पुराना सारांश');
    assert.match(now.bodyHtml, /एक दो तीन/);
    assert.equal(now.version, a.version + 1);
    const after = await listRevisions(h.c.store.db, id);
    assert.equal(after.length, revs.length + 1);
    assert.equal(after[0]!.kind, 'restore');
    const audit = await h.c.store.db.selectFrom('audit_log').select(['action', 'details']).where('subject_id', '=', id).where('action', '=', 'story.restore').executeTakeFirstOrThrow();
    assert.equal(JSON.parse(audit.details).revisionId, first!.id);
  });

  it('does not let a reporter restore a revision of someone else\'s story', async () => {
    const id = await draft(editorA, { headline: 'संपादक की', slug: 'not-yours', authorIds: String(h.staff.editor.id) });
    const rev = (await listRevisions(h.c.store.db, id))[0]!;
    const reporter = await signedIn(h, 'reporter2');
    assert.equal((await reporter.post(`/newsroom/stories/${id}/revisions/${rev.id}/restore`, {})).statusCode, 403);
  });
});
