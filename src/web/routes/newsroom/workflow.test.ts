import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { createNewsroomApp, signedIn, storyForm, Client, type NewsroomTestApp } from '../../../../test/helpers/newsroom.js';
import { getArticle, imageKey } from '../../../content/index.js';
import { suggestSlug } from '../../../newsroom/index.js';

const idFrom = (location: unknown) => Number(/\/newsroom\/stories\/(\d+)/.exec(String(location))?.[1]);

describe('newsroom workflow over HTTP', () => {
  let h: NewsroomTestApp;
  let reporter: Client;
  let editor: Client;
  let imageNoAlt: { id: number; key: string };
  before(async () => {
    h = await createNewsroomApp();
    reporter = await signedIn(h, 'reporter');
    editor = await signedIn(h, 'editor');
    const png = await sharp({ create: { width: 800, height: 450, channels: 3, background: '#246' } }).png().toBuffer();
    const row = await h.c.media.ingest(h.c.store.db, png, { title: 'बिना alt' }, h.c.clock.now().toISOString());
    imageNoAlt = { id: row.id, key: imageKey(row.sha256) };
  });
  after(async () => { await h?.close(); });

  async function draft(cl: Client, over: Record<string, string | string[] | number> = {}) {
    const res = await cl.post('/newsroom/stories', storyForm(h, over));
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    return idFrom(res.headers.location);
  }
  const version = async (id: number) => (await getArticle(h.c.store.db, id))!.version;

  it('takes a story from draft to submitted to published, and refuses a reporter who tries to publish', async () => {
    const id = await draft(reporter, { headline: 'दिल्ली में बारिश का अलर्ट', slug: '' });
    let a = await getArticle(h.c.store.db, id);
    assert.equal(a!.status, 'draft');
    assert.equal(a!.slug, suggestSlug('दिल्ली में बारिश का अलर्ट'), 'slug suggested from the headline');
    assert.match(a!.slug, /^dilli-mein-/);
    const row = await h.c.store.db.selectFrom('articles').select('created_by').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.created_by, h.staff.reporter.id);

    const submitted = await reporter.post(`/newsroom/stories/${id}`, { ...storyForm(h, { headline: 'दिल्ली में बारिश का अलर्ट', slug: a!.slug }), action: 'submit', version: a!.version });
    assert.equal(submitted.statusCode, 303);
    assert.equal((await getArticle(h.c.store.db, id))!.status, 'submitted');

    assert.equal((await reporter.post(`/newsroom/stories/${id}/publish`, { version: await version(id) })).statusCode, 403);
    assert.equal((await reporter.post(`/newsroom/stories/${id}`, { action: 'publish', version: await version(id) })).statusCode, 403);

    const published = await editor.post(`/newsroom/stories/${id}/publish`, { version: await version(id) });
    assert.equal(published.statusCode, 303);
    a = await getArticle(h.c.store.db, id);
    assert.equal(a!.status, 'published');
    assert.equal(a!.publishedAt, h.c.clock.now().toISOString());

    const page = await new Client(h.app).get(a!.path);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /दिल्ली में बारिश का अलर्ट/);
    assert.match((await new Client(h.app).get('/')).body, /दिल्ली में बारिश का अलर्ट/);
    assert.match((await new Client(h.app).get('/international')).body, /दिल्ली में बारिश का अलर्ट/);

    assert.equal((await reporter.post(`/newsroom/stories/${id}`, { ...storyForm(h), version: a!.version })).statusCode, 403, 'a reporter cannot change a published story');
    const view = await reporter.get(`/newsroom/stories/${id}`);
    assert.equal(view.statusCode, 200, 'but can still read it');
    assert.match(view.body, /<fieldset class="nr-ed-grid" disabled>/);

    const audit = await h.c.store.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_type', '=', 'article').where('subject_id', '=', id).orderBy('id').execute();
    assert.deepEqual(audit.map((r) => [r.action, r.actor_id]), [['story.create', h.staff.reporter.id], ['story.submit', h.staff.reporter.id], ['story.publish', h.staff.editor.id]]);
    const history = await editor.get(`/newsroom/stories/${id}`);
    assert.match(history.body, /इस ख़बर का इतिहास/);
    assert.match(history.body, /संजय संपादक: प्रकाशित की/);
  });

  it('moves the Updated time only for a substantive edit after publication, and shows a correction', async () => {
    const id = await draft(editor, { headline: 'पहला शीर्षक', slug: 'updated-time-rule' });
    await editor.post(`/newsroom/stories/${id}/publish`, { version: await version(id) });
    const first = (await getArticle(h.c.store.db, id))!;
    h.clock.advance(60_000);
    await editor.post(`/newsroom/stories/${id}`, { ...storyForm(h, { headline: 'पहला शीर्षक', slug: 'updated-time-rule', tags: 'क्रिकेट' }), version: first.version });
    const tagsOnly = (await getArticle(h.c.store.db, id))!;
    assert.equal(tagsOnly.updatedAt, first.updatedAt, 'a tag change is not substantive');
    h.clock.advance(60_000);
    await editor.post(`/newsroom/stories/${id}`, { ...storyForm(h, { headline: 'सुधरा हुआ शीर्षक', slug: 'updated-time-rule', correction: 'पहले संस्करण में नाम ग़लत छपा था।' }), version: tagsOnly.version });
    const edited = (await getArticle(h.c.store.db, id))!;
    assert.equal(edited.updatedAt, h.c.clock.now().toISOString());
    assert.equal(edited.publishedAt, first.publishedAt, 'the published time never moves');
    const page = await new Client(h.app).get(edited.path);
    assert.match(page.body, /<p class="correction"><strong>सुधार:<\/strong> पहले संस्करण में नाम ग़लत छपा था।<\/p>/);
  });

  it('unpublishes a story: readers get 410, and it can be published again', async () => {
    const id = await draft(editor, { headline: 'हटाई जाने वाली ख़बर', slug: 'to-be-withdrawn' });
    await editor.post(`/newsroom/stories/${id}/publish`, { version: await version(id) });
    const a = (await getArticle(h.c.store.db, id))!;
    assert.equal((await editor.post(`/newsroom/stories/${id}/unpublish`, { version: a.version })).statusCode, 303);
    assert.equal((await new Client(h.app).get(a.path)).statusCode, 410);
    assert.equal((await editor.post(`/newsroom/stories/${id}/unpublish`, {})).statusCode, 400, 'only a published story can be unpublished');
    assert.equal((await editor.post(`/newsroom/stories/${id}/publish`, {})).statusCode, 303);
    assert.equal((await new Client(h.app).get(a.path)).statusCode, 200);
  });

  it('refuses to publish while an image has no alt text, then publishes once it has', async () => {
    const id = await draft(editor, { headline: 'तस्वीर वाली ख़बर', slug: 'story-with-image', imageId: String(imageNoAlt.id) });
    const refused = await editor.post(`/newsroom/stories/${id}/publish`, { version: await version(id) });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /needs alt text/);
    assert.equal((await getArticle(h.c.store.db, id))!.status, 'draft', 'nothing changed');
    const bodyFigure = `<p>पाठ</p><figure><img src="/media/${imageNoAlt.id}-${imageNoAlt.key}-640.jpg" alt=""><figcaption>कैप्शन</figcaption></figure>`;
    const inBody = await draft(editor, { headline: 'बॉडी में तस्वीर', slug: 'image-in-body', body_html: bodyFigure });
    const refused2 = await editor.post(`/newsroom/stories/${inBody}/publish`, {});
    assert.equal(refused2.statusCode, 400);
    assert.match(refused2.body, new RegExp(`image ${imageNoAlt.id} in the body needs alt text`));

    assert.equal((await editor.post(`/newsroom/media/${imageNoAlt.id}`, { title: 'नीला आसमान', alt: 'नीले रंग का आसमान', caption: 'आसमान', credit: 'समाचार' })).statusCode, 303);
    assert.equal((await editor.post(`/newsroom/stories/${id}/publish`, {})).statusCode, 303);
    assert.equal((await editor.post(`/newsroom/stories/${inBody}/publish`, {})).statusCode, 303);
    const page = await new Client(h.app).get((await getArticle(h.c.store.db, inBody))!.path);
    assert.match(page.body, /alt="नीले रंग का आसमान"/);
    assert.match(page.body, / कैप्शन <span class="credit">समाचार<\/span><\/figcaption>/);
  });

  it('shows a preview exactly as readers will see it, not indexed and not cached', async () => {
    const id = await draft(reporter, { headline: 'प्रीव्यू की ख़बर', slug: 'preview-story', summary: 'एक सारांश।' });
    const a = (await getArticle(h.c.store.db, id))!;
    assert.equal((await new Client(h.app).get(a.path)).statusCode, 404, 'a draft is not public');
    const res = await reporter.get(`/newsroom/stories/${id}/preview`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>प्रीव्यू की ख़बर<\/h1>/);
    assert.match(res.body, /class="standfirst">एक सारांश।/);
    assert.match(res.body, /<meta name="robots" content="noindex, nofollow">/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const saved = await reporter.post(`/newsroom/stories/${id}`, { ...storyForm(h, { headline: 'प्रीव्यू की ख़बर 2', slug: 'preview-story' }), action: 'preview', version: a.version });
    assert.equal(saved.headers.location, `/newsroom/stories/${id}/preview`);
  });

  it('keeps images and related links through the HTML editor and cleans what the JSON editor sends', async () => {
    const body = `<p>शुरुआत <a href="javascript:alert(1)">बुरा</a> और <a href="https://example.com/x">अच्छा</a> लिंक।</p><script>alert(2)</script>`
      + `<figure data-credit="फ़ोटो: समाचार"><img src="/media/${imageNoAlt.id}-${imageNoAlt.key}-640.jpg" alt="आसमान"><figcaption>नीला आसमान</figcaption></figure>`
      + `<p class="related-link"><span>Related:</span> <a href="/international/news/x-1">दूसरी ख़बर</a></p>`;
    const id = await draft(editor, { headline: 'HTML की ख़बर', slug: 'html-body', body_html: body });
    const a = (await getArticle(h.c.store.db, id))!;
    assert.deepEqual(a.doc.content.map((b) => b.type), ['paragraph', 'figure', 'relatedLink']);
    const fig = a.doc.content[1]!;
    assert.ok(fig.type === 'figure' && fig.attrs.imageId === imageNoAlt.id && fig.attrs.credit === 'फ़ोटो: समाचार' && fig.attrs.caption === 'नीला आसमान');
    assert.doesNotMatch(a.bodyHtml, /javascript:|<script/);
    const screen = await editor.get(`/newsroom/stories/${id}`);
    assert.match(screen.body, /&lt;figure data-credit=&quot;फ़ोटो: समाचार&quot;&gt;/, 'the textarea holds the figure for the no-JS editor');
    assert.doesNotMatch(screen.body, /<script>alert/);

    const doc = { type: 'doc', content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'उपशीर्षक' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'लिंक', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] },
      { type: 'iframe', attrs: { src: 'https://evil.example' } },
      { type: 'relatedLink', attrs: { href: '/international/news/y-2', text: 'और पढ़ें' } },
    ] };
    const res = await editor.post(`/newsroom/stories/${id}`, { ...storyForm(h, { headline: 'HTML की ख़बर', slug: 'html-body', body_format: 'json', doc: JSON.stringify(doc) }), version: a.version });
    assert.equal(res.statusCode, 303);
    const b = (await getArticle(h.c.store.db, id))!;
    assert.deepEqual(b.doc.content.map((x) => x.type), ['heading', 'paragraph', 'relatedLink']);
    assert.doesNotMatch(b.bodyHtml, /javascript:|iframe/);
    const broken = await editor.post(`/newsroom/stories/${id}`, { ...storyForm(h, { headline: 'HTML की ख़बर', slug: 'html-body', body_format: 'json', doc: '{not json' }), version: b.version });
    assert.equal(broken.statusCode, 400);
    assert.match(broken.body, /HTML की ख़बर/, 'the form comes back with what was typed');
  });

  it('re-shows the form with every problem and loses nothing typed', async () => {
    const res = await reporter.post('/newsroom/stories', storyForm(h, { headline: '', summary: 'मेरा लंबा सारांश जो खोना नहीं चाहिए', deskId: '', imageId: '99999', tags: 'कोई-नया-टैग' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /choose a desk/);
    assert.match(res.body, /there is no image 99999/);
    assert.match(res.body, /there is no tag &quot;कोई-नया-टैग&quot;/);
    assert.match(res.body, /मेरा लंबा सारांश जो खोना नहीं चाहिए/);
    const noHeadline = await reporter.post('/newsroom/stories', storyForm(h, { headline: '' }));
    assert.equal(noHeadline.statusCode, 400);
    assert.match(noHeadline.body, /headline is required/);
  });

  it('lets an editor create a tag while writing, and suggests tags as one types', async () => {
    const id = await draft(editor, { headline: 'टैग वाली ख़बर', slug: 'tagged-story', tags: 'रूस, चुनाव २०२६' });
    const a = (await getArticle(h.c.store.db, id))!;
    assert.deepEqual(a.tags.map((t) => t.name), ['रूस', 'चुनाव २०२६']);
    const s = await reporter.get('/newsroom/tags.json?q=' + encodeURIComponent('चुना'));
    assert.equal(s.statusCode, 200);
    assert.deepEqual(s.json().tags.map((t: { name: string }) => t.name), ['चुनाव २०२६']);
    assert.equal(s.json().canCreate, false);
  });

  it('suggests an available slug from a Hindi headline and reports taken slugs', async () => {
    const s = (await reporter.get(`/newsroom/slug?headline=${encodeURIComponent('किम ने Putin को भेजा नए साल का संदेश')}`)).json();
    assert.match(s.slug, /^kim-ne-putin-ko-bheja-/, 'Hindi transliterated, English words kept');
    await draft(editor, { headline: 'x', slug: 'taken-slug' });
    const taken = (await reporter.get('/newsroom/slug?slug=taken-slug')).json();
    assert.deepEqual(taken, { slug: 'taken-slug', valid: true, available: false });
    assert.deepEqual((await reporter.get('/newsroom/slug?slug=Bad%20Slug')).json(), { slug: 'bad slug', valid: false, available: false });
    const auto = (await reporter.get('/newsroom/slug?headline=taken%20slug')).json();
    assert.equal(auto.slug, 'taken-slug-2');
    const dup = await reporter.post('/newsroom/stories', storyForm(h, { slug: 'taken-slug' }));
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /already used by story/);
  });

  it('filters the story list by status, desk, author, date and headline, and shows reporters only their own', async () => {
    const mine = await draft(reporter, { headline: 'रिपोर्टर की अपनी ख़बर', slug: 'reporters-own' });
    const other = await draft(editor, { headline: 'संपादक की ख़बर खेल', slug: 'editors-own', deskId: String(h.b.desks.sports), authorIds: [String(h.staff.editor.id)] });
    const all = await editor.get('/newsroom');
    assert.match(all.body, /रिपोर्टर की अपनी ख़बर/);
    assert.match(all.body, /संपादक की ख़बर खेल/);
    const r = await reporter.get('/newsroom');
    assert.match(r.body, /रिपोर्टर की अपनी ख़बर/);
    assert.doesNotMatch(r.body, /संपादक की ख़बर खेल/);
    assert.match(r.body, /मेरी ख़बरें/);
    const byDesk = await editor.get(`/newsroom?desk=${h.b.desks.sports}`);
    assert.match(byDesk.body, /संपादक की ख़बर खेल/);
    assert.doesNotMatch(byDesk.body, /रिपोर्टर की अपनी ख़बर/);
    const byQ = await editor.get(`/newsroom?q=${encodeURIComponent('अपनी')}`);
    assert.match(byQ.body, new RegExp(`/newsroom/stories/${mine}"`));
    assert.doesNotMatch(byQ.body, new RegExp(`/newsroom/stories/${other}"`));
    const byStatus = await editor.get('/newsroom?status=published');
    assert.doesNotMatch(byStatus.body, /रिपोर्टर की अपनी ख़बर/);
    const byAuthor = await editor.get(`/newsroom?author=${h.staff.reporter.id}`);
    assert.match(byAuthor.body, /रिपोर्टर की अपनी ख़बर/);
    const today = new Date(h.c.clock.now().getTime() + 330 * 60000).toISOString().slice(0, 10);
    assert.match((await editor.get(`/newsroom?from=${today}&to=${today}`)).body, /रिपोर्टर की अपनी ख़बर/);
    assert.doesNotMatch((await editor.get('/newsroom?to=2020-01-01')).body, /रिपोर्टर की अपनी ख़बर/);
    const like = await editor.get('/newsroom?q=%25');
    assert.equal(like.statusCode, 200, 'LIKE wildcards are searched literally');
  });

  it('counts headline characters as readers see them (graphemes)', async () => {
    const id = await draft(reporter, { headline: 'क्षत्रिय', slug: 'grapheme-count' });
    const page = await reporter.get(`/newsroom/stories/${id}`);
    assert.match(page.body, /id="f-headline-count"[^>]*>3 अक्षर</);
  });

  it('adds a desk that appears in the reader menu at once, and refuses a reserved slug', async () => {
    const admin = await signedIn(h, 'admin');
    assert.doesNotMatch((await new Client(h.app).get('/')).body, /href="\/business"/);
    const res = await admin.post('/newsroom/desks', { nameHi: 'कारोबार', nameEn: 'Business', slug: 'business', datelineLabel: 'Business Desk', position: '3' });
    assert.equal(res.statusCode, 303);
    assert.match((await new Client(h.app).get('/')).body, /<a href="\/business">कारोबार<\/a>/);
    const reserved = await admin.post('/newsroom/desks', { nameHi: 'न्यूज़रूम', nameEn: 'Newsroom', slug: 'newsroom' });
    assert.equal(reserved.statusCode, 400);
    assert.match(reserved.body, /used by the site itself/);
    const busy = await admin.post(`/newsroom/desks/${h.b.desks.intl}/delete`);
    assert.equal(busy.statusCode, 409);
  });
});
