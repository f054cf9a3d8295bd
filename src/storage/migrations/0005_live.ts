import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../store.js';

/** Live cricket (matches and their journals) and live blogs (updates and their journals). */
export async function up(db: Kysely<any>, caps: DialectCapabilities): Promise<void> {
  await caps
    .addIdColumn(db.schema.createTable('matches'))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('setup', 'text', (c) => c.notNull())
    .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('external_id', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('matches_status_updated').on('matches').columns(['status', 'updated_at']).execute();
  await db.schema.createIndex('matches_start_time').on('matches').column('start_time').execute();
  await db.schema.createIndex('matches_external_id').on('matches').column('external_id').execute();

  await db.schema
    .createTable('match_events')
    .addColumn('match_id', 'integer', (c) => c.notNull().references('matches.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('position', 'integer')
    .addColumn('data', 'text')
    .addColumn('line', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('match_events_pk', ['match_id', 'seq'])
    .execute();

  await db.schema
    .createTable('live_blogs')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('live', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .execute();

  await caps
    .addIdColumn(db.schema.createTable('live_blog_updates'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('image_id', 'integer', (c) => c.references('images.id').onDelete('set null'))
    .addColumn('key_event', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('author_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .execute();
  await db.schema.createIndex('live_blog_updates_article').on('live_blog_updates').columns(['article_id', 'created_at']).execute();

  await db.schema
    .createTable('live_blog_events')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('live_blog_events_pk', ['article_id', 'seq'])
    .execute();
}
