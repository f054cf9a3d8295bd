import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../store.js';
import { searchIndexFor } from '../../search/indexes/index.js';

/**
 * Search and discovery: the portable index table (search_docs), story keywords for related stories,
 * editors' related-story choices, hourly view counts; then the engine's own full-text objects, which
 * differ by dialect and are created by the SearchIndex that the store's capability names.
 */
export async function up(db: Kysely<any>, caps: DialectCapabilities): Promise<void> {
  await db.schema
    .createTable('search_docs')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('sort_key', caps.bigint, (c) => c.notNull().unique())
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('desk_id', 'integer', (c) => c.notNull())
    .addColumn('access', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('source_modified_at', 'text', (c) => c.notNull())
    .addColumn('source_status', 'text', (c) => c.notNull())
    .addColumn('indexed_at', 'text', (c) => c.notNull())
    .addColumn('head_terms', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary_terms', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('search_docs_public_sort').on('search_docs').columns(['public', 'sort_key']).execute();
  await db.schema.createIndex('search_docs_desk_sort').on('search_docs').columns(['desk_id', 'sort_key']).execute();
  // The catch-up finds stories changed since it last looked (another process, a lost event) by this.
  await db.schema.createIndex('articles_modified_at').on('articles').column('modified_at').execute();

  await db.schema
    .createTable('search_keywords')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('sort_key', caps.bigint, (c) => c.notNull())
    .addColumn('weight', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_keywords_pk', ['article_id', 'term'])
    .execute();
  await db.schema.createIndex('search_keywords_term').on('search_keywords').columns(['term', 'sort_key']).execute();

  await db.schema
    .createTable('related_overrides')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('related_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('related_overrides_pk', ['article_id', 'related_id'])
    .execute();

  await db.schema
    .createTable('article_views')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('views', caps.bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('article_views_pk', ['article_id', 'hour'])
    .execute();
  await db.schema.createIndex('article_views_hour').on('article_views').columns(['hour', 'article_id']).execute();

  await searchIndexFor(caps).create(db);
}
