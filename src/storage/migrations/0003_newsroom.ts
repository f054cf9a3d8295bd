import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../store.js';

/**
 * The newsroom: who created each story, every revision of a story, the audit log, one-time password
 * reset links and the sign-in attempts that the rate limit counts.
 */
export async function up(db: Kysely<any>, caps: DialectCapabilities): Promise<void> {
  await db.schema.alterTable('articles').addColumn('created_by', 'integer').execute();
  await db.schema.createIndex('articles_created_by').on('articles').column('created_by').execute();
  await db.schema.createIndex('articles_modified').on('articles').column('modified_at').execute();

  await caps
    .addIdColumn(db.schema.createTable('revisions'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // 1: this snapshot became the story; 0: kept aside (an autosave of a live story, a copy refused by a conflict).
    .addColumn('applied', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('author_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('revisions_article').on('revisions').columns(['article_id', 'id']).execute();

  await caps
    .addIdColumn(db.schema.createTable('audit_log'))
    .addColumn('actor_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('subject_id', 'integer')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_created').on('audit_log').column('created_at').execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_type', 'subject_id', 'created_at']).execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('password_resets_person').on('password_resets').column('person_id').execute();

  await caps
    .addIdColumn(db.schema.createTable('login_attempts'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_key').on('login_attempts').columns(['key', 'created_at']).execute();
}
