import { htmlToDoc } from '../src/content/document.js';
import { renderBody } from '../src/content/articles.js';
import type { Store } from '../src/storage/index.js';
import { syntheticArticle } from './generate.js';

/**
 * Seeds N published stories straight through the query layer in large transactions (the operations
 * path would take minutes for 100,000; the rows are the same shape saveArticle writes).
 */
export async function seedArticles(store: Store, n: number, onProgress?: (done: number) => void): Promise<void> {
  const now = new Date().toISOString();
  const db = store.db;
  const deskIds: number[] = [];
  for (const [i, slug] of ['international', 'national', 'sports', 'business', 'entertainment', 'tech'].entries()) {
    const row = await db.insertInto('desks').values({ slug, name_hi: ['अंतरराष्ट्रीय', 'राष्ट्रीय', 'खेल', 'व्यापार', 'मनोरंजन', 'टेक'][i]!, name_en: slug, dateline_label: `${slug} Desk`, position: i, created_at: now }).returning('id').executeTakeFirstOrThrow();
    deskIds.push(row.id);
  }
  const people: number[] = [];
  for (let i = 0; i < 20; i++) people.push((await db.insertInto('people').values({ slug: `reporter-${i}`, name: `संवाददाता ${i}`, name_en: `Reporter ${i}`, role: i < 5 ? 'editor' : 'reporter', email: null, password_hash: null, bio: '', photo_image_id: null, created_at: now }).returning('id').executeTakeFirstOrThrow()).id);
  const tags: number[] = [];
  for (let i = 0; i < 300; i++) tags.push((await db.insertInto('tags').values({ slug: `tag-${i}`, name: `टैग ${i}`, created_at: now }).returning('id').executeTakeFirstOrThrow()).id);
  const start = Date.now() - n * 60_000;
  const BATCH = 1000;
  for (let base = 0; base < n; base += BATCH) {
    await store.transaction(async (trx) => {
      const rows = [];
      for (let i = base; i < Math.min(n, base + BATCH); i++) {
        const a = syntheticArticle(i);
        const doc = htmlToDoc(a.paragraphs.map((p) => `<p>${p}</p>`).join(''));
        const at = new Date(start + i * 60_000).toISOString();
        rows.push({
          slug: `story-${i}`, headline: a.headline, summary: a.summary, body_doc: JSON.stringify(doc), body_html: renderBody(doc),
          desk_id: deskIds[i % deskIds.length]!, editor_id: people[i % 5]!, dateline: 'News Desk', image_id: null,
          access: i % 20 === 0 ? 'premium' : 'free', status: 'published', lang: 'hi', external_id: null,
          published_at: at, updated_at: at, scheduled_at: null, correction: '', created_at: at, modified_at: at, version: 1,
        });
      }
      const ids = await trx.insertInto('articles').values(rows).returning('id').execute();
      await trx.insertInto('article_tags').values(ids.flatMap(({ id }, k) => [{ article_id: id, tag_id: tags[(base + k) % tags.length]!, position: 0 }, { article_id: id, tag_id: tags[(base + k * 7 + 3) % tags.length]!, position: 1 }])).execute();
      await trx.insertInto('article_authors').values(ids.map(({ id }, k) => ({ article_id: id, person_id: people[5 + ((base + k) % 15)]!, position: 0 }))).execute();
    });
    onProgress?.(Math.min(n, base + BATCH));
  }
}
