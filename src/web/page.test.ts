import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { publishStory, seedBasics, storyInput, type Basics } from '../../test/helpers/fixtures.js';
import { saveArticle } from '../content/index.js';
import { setRelated } from '../search/related.js';

/** Related stories on pages that bypass the page cache (a session cookie): ids kept, cards read fresh. */
describe('related stories for readers who bypass the page cache', () => {
  let h: TestApp;
  let b: Basics;
  let a: { id: number };
  let rel: { id: number };
  let pinned: { id: number };
  const signedIn = { cookie: 'sm_reader=not-a-session' };
  const page = async () => (await h.app.inject({ url: `/international/news/story-a-${a.id}`, headers: signedIn })).body;
  before(async () => {
    h = await createTestApp();
    b = await seedBasics(h.c.content);
    a = await publishStory(h.c.content, b, { slug: 'story-a', headline: 'पहली ख़बर क्रिकेट पर', tagIds: [b.tags.cricket] });
    rel = await publishStory(h.c.content, b, { slug: 'story-b', headline: 'दूसरी ख़बर भी क्रिकेट पर', deskId: b.desks.sports, tagIds: [b.tags.cricket] });
    pinned = await publishStory(h.c.content, b, { slug: 'story-d', headline: 'संपादक की चुनी हुई ख़बर', deskId: b.desks.sports, tagIds: [] });
  });
  after(async () => { await h?.close(); });

  it('works the list out once, and again when the story or its pins change', async () => {
    assert.match(await page(), /दूसरी ख़बर भी क्रिकेट पर/);
    // Take away the shared tag behind the framework's back: a list worked out again would lose the story.
    await h.c.store.db.deleteFrom('article_tags').where('article_id', '=', rel.id).execute();
    assert.match(await page(), /दूसरी ख़बर भी क्रिकेट पर/, 'the list is kept');
    h.c.bus.publish('article.updated', { articleId: a.id, deskId: b.desks.intl, tagIds: [b.tags.cricket], authorIds: [] });
    assert.doesNotMatch(await page(), /दूसरी ख़बर भी क्रिकेट पर/, "the story's own change works it out again");
    await setRelated({ store: h.c.store, bus: h.c.bus, clock: h.c.clock }, { articleId: a.id, relatedId: pinned.id, action: 'pin', staffId: null });
    assert.match(await page(), /संपादक की चुनी हुई ख़बर/, "an editor's pin shows at once");
  });

  it('shows a related story as it is now, and drops it the moment it is withdrawn', async () => {
    await saveArticle(h.c.content, storyInput(b, { slug: 'story-d', headline: 'संपादक की चुनी ख़बर, नया शीर्षक', deskId: b.desks.sports, tagIds: [] }), { id: pinned.id });
    assert.match(await page(), /संपादक की चुनी ख़बर, नया शीर्षक/);
    await saveArticle(h.c.content, storyInput(b, { slug: 'story-d', headline: 'संपादक की चुनी ख़बर, नया शीर्षक', deskId: b.desks.sports, tagIds: [], status: 'unpublished' }), { id: pinned.id });
    assert.doesNotMatch(await page(), /संपादक की चुनी ख़बर/);
  });
});
