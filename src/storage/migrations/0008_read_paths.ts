import type { Kysely } from 'kysely';

/**
 * Read paths measured with 100,000 stories (bench/main.ts):
 * - Related stories read up to 200 postings per keyword of the story (newest first). The index on
 *   (term, sort_key) made each posting a lookup in the table for article_id and weight; with both in
 *   the index the read is one range of one index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('search_keywords_term_cover').on('search_keywords').columns(['term', 'sort_key', 'article_id', 'weight']).execute();
  await db.schema.dropIndex('search_keywords_term').execute();
}
