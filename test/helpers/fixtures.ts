import { ensureDesk, ensurePerson, ensureTag, htmlToDoc, saveArticle, type ArticleInput, type ContentDeps } from '../../src/content/index.js';

/** Builds stories through the real operations, with sensible defaults that a test overrides. */
export async function seedBasics(deps: ContentDeps) {
  const now = deps.clock.now().toISOString();
  const db = deps.store.db;
  const intl = await ensureDesk(db, 'international', now, { nameEn: 'International', datelineLabel: 'International Desk' });
  await db.updateTable('desks').set({ name_hi: 'अंतरराष्ट्रीय' }).where('id', '=', intl).execute();
  const sports = await ensureDesk(db, 'sports', now, { nameEn: 'Sports', datelineLabel: 'Sports Desk' });
  await db.updateTable('desks').set({ name_hi: 'खेल' }).where('id', '=', sports).execute();
  const editor = await ensurePerson(db, 'सुनीता वर्मा', now, { slug: 'sunita-verma', nameEn: 'Sunita Verma', role: 'editor' });
  const reporter = await ensurePerson(db, 'अमित कुमार', now, { slug: 'amit-kumar', nameEn: 'Amit Kumar', role: 'reporter' });
  const tagRussia = await ensureTag(db, 'रूस', now, 'russia');
  const tagCricket = await ensureTag(db, 'क्रिकेट', now, 'cricket');
  return { desks: { intl, sports }, people: { editor, reporter }, tags: { russia: tagRussia, cricket: tagCricket } };
}

export type Basics = Awaited<ReturnType<typeof seedBasics>>;

export function storyInput(b: Basics, over: Partial<ArticleInput> & { body?: string } = {}): ArticleInput {
  const { body, ...rest } = over;
  return {
    headline: 'किम ने पुतिन को भेजा नए साल का संदेश',
    slug: 'kim-sends-new-year-message-to-putin',
    summary: 'उत्तर कोरिया के नेता ने रूस के राष्ट्रपति को शुभकामनाएँ भेजीं।',
    doc: htmlToDoc(body ?? '<p>पहला पैराग्राफ।</p><p>दूसरा पैराग्राफ।</p><p>तीसरा पैराग्राफ।</p><p>चौथा पैराग्राफ।</p>'),
    deskId: b.desks.intl,
    tagIds: [b.tags.russia],
    authorIds: [b.people.reporter],
    editorId: b.people.editor,
    dateline: 'International Desk',
    imageId: null,
    access: 'free',
    status: 'published',
    lang: 'hi',
    externalId: null,
    correction: '',
    ...rest,
  };
}

export async function publishStory(deps: ContentDeps, b: Basics, over: Partial<ArticleInput> & { body?: string } = {}) {
  return saveArticle(deps, storyInput(b, over));
}
