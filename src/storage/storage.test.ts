import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStore, eachDialect, type TestStore } from '../../test/helpers/stores.js';
import { migrateToLatest } from './index.js';

await eachDialect((dialect, skip) => {
  describe(`storage on ${dialect}`, { skip }, () => {
    let t: TestStore;
    before(async () => { t = await createTestStore(dialect); });
    after(async () => { await t?.cleanup(); });

    it('migrates an empty store and is idempotent on a second run', async () => {
      const again = await migrateToLatest(t.store);
      assert.deepEqual(again, []);
    });

    it('generates ids and enforces unique slugs', async () => {
      const now = new Date().toISOString();
      const a = await t.store.db.insertInto('desks').values({ slug: 'khel', name_hi: 'खेल', name_en: 'Sports', dateline_label: 'Sports Desk', position: 1, created_at: now }).returning('id').executeTakeFirstOrThrow();
      assert.equal(typeof a.id, 'number');
      await assert.rejects(
        t.store.db.insertInto('desks').values({ slug: 'khel', name_hi: 'x', name_en: 'x', dateline_label: 'x', position: 2, created_at: now }).execute(),
      );
    });

    it('rolls back every row of a failed transaction', async () => {
      const now = new Date().toISOString();
      await assert.rejects(
        t.store.transaction(async (trx) => {
          await trx.insertInto('tags').values({ slug: 'chunav', name: 'चुनाव', created_at: now }).execute();
          await trx.insertInto('tags').values({ slug: 'chunav', name: 'दोहरा', created_at: now }).execute();
        }),
      );
      const rows = await t.store.db.selectFrom('tags').selectAll().where('slug', '=', 'chunav').execute();
      assert.equal(rows.length, 0);
    });

    it('stores Devanagari text unchanged in NFC', async () => {
      const name = 'क़ानून और चाँद'.normalize('NFC');
      const now = new Date().toISOString();
      await t.store.db.insertInto('tags').values({ slug: 'kanoon', name, created_at: now }).execute();
      const row = await t.store.db.selectFrom('tags').select('name').where('slug', '=', 'kanoon').executeTakeFirstOrThrow();
      assert.equal(row.name, name);
    });

    it('refuses an article whose desk does not exist', async () => {
      const now = new Date().toISOString();
      await assert.rejects(
        t.store.db.insertInto('articles').values({ slug: 'x', headline: 'x', summary: '', body_doc: '{}', body_html: '', desk_id: 999999, editor_id: null, dateline: '', image_id: null, access: 'free', status: 'draft', lang: 'hi', external_id: null, published_at: null, updated_at: null, scheduled_at: null, correction: '', created_at: now, modified_at: now, version: 1 }).execute(),
      );
    });
  });
});
