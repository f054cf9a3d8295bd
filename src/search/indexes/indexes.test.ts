import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStore, eachDialect, type TestStore } from '../../../test/helpers/stores.js';
import { publishStory, seedBasics, storyInput } from '../../../test/helpers/fixtures.js';
import { fixedClock } from '../../shared/clock.js';
import { createEventBus } from '../../shared/events.js';
import { silentLogger } from '../../shared/logger.js';
import { saveArticle } from '../../content/index.js';
import { SearchIndexer } from '../indexer.js';
import { queryTokens } from '../text/index.js';
import { sqliteFts5Index } from './sqlite-fts5.js';
import { createPostgresIndex, tsvectorLiteral } from './postgres.js';
import type { SearchIndex } from './port.js';

/**
 * The engines' boolean answers against a brute-force reading of the same stories. PostgreSQL's walks
 * are shortened (3 stories, then at most 12) so that every stage (first walk, second walk, GIN) is
 * reached with a few dozen stories.
 */
await eachDialect((dialect, skip) => {
  describe(`the ${dialect} index answers like a brute-force reading`, { skip }, () => {
    let t: TestStore;
    let index: SearchIndex;
    const stories: { id: number; words: string[]; key: number; deskId: number; isPublic: boolean }[] = [];

    before(async () => {
      t = await createTestStore(dialect);
      const clock = fixedClock('2026-11-26T06:30:00.000Z');
      const deps = { store: t.store, bus: createEventBus(), clock };
      const b = await seedBasics(deps);
      index = dialect === 'sqlite' ? sqliteFts5Index : createPostgresIndex({ first: 3, maxWalk: 12 });
      for (let i = 0; i < 40; i++) {
        // घना: every story; मध्यम: every fifth; दुर्लभ: two old ones; draft: every seventh is not published.
        const words = ['घना', ...(i % 5 === 0 ? ['मध्यम'] : []), ...(i === 2 || i === 3 ? ['दुर्लभ'] : [])];
        const deskId = i % 2 ? b.desks.sports : b.desks.intl;
        const at = new Date(Date.parse('2026-10-01T00:00:00Z') + i * 3_600_000).toISOString();
        const input = storyInput(b, { slug: `s-${i}`, headline: words.join(' '), summary: 'सार', body: `<p>${words.join(' ')} विवरण</p>`, deskId, publishedAt: at, tagIds: [] });
        const r = i % 7 === 6 ? await saveArticle(deps, { ...input, status: 'draft', publishedAt: null }) : await publishStory(deps, b, input);
        stories.push({ id: r.id, words, key: 0, deskId, isPublic: i % 7 !== 6 });
      }
      await new SearchIndexer(t.store, index, clock, silentLogger).reindexAll();
      const keys = new Map((await t.store.db.selectFrom('search_docs').select(['article_id', 'sort_key']).execute()).map((r) => [r.article_id, Number(r.sort_key)]));
      for (const s of stories) s.key = keys.get(s.id)!;
    });
    after(() => t.cleanup());

    const expected = (word: string, opts: { publicOnly: boolean; deskId?: number }, limit: number) =>
      stories
        .filter((s) => s.words.includes(word) && (!opts.publicOnly || s.isPublic) && (opts.deskId === undefined || s.deskId === opts.deskId))
        .sort((a, b) => b.key - a.key)
        .slice(0, limit)
        .map((s) => s.id);

    it('returns exactly the newest matches for dense, sparse and rare words, with and without filters', async () => {
      for (const word of ['घना', 'मध्यम', 'दुर्लभ', 'अनुपस्थित']) {
        for (const limit of [1, 5, 12, 50]) {
          for (const filter of [{ publicOnly: true }, { publicOnly: false }, { publicOnly: true, deskId: stories[1]!.deskId }]) {
            const got = (await index.newest(t.store.db, queryTokens(word), 'all', filter, limit)).map((c) => c.articleId);
            assert.deepEqual(got, expected(word, filter, limit), `${word} limit ${limit} ${JSON.stringify(filter)}`);
            const hs = (await index.newest(t.store.db, queryTokens(word), 'headSummary', filter, limit)).map((c) => c.articleId);
            assert.deepEqual(hs, expected(word, filter, limit), `headline ${word} limit ${limit}`);
          }
        }
      }
    });

    it('counts each word over the newest stories for document frequencies', async () => {
      const newest = [...stories].sort((a, b) => b.key - a.key);
      for (const size of [5, 10, 100]) {
        const r = await index.sampleCounts(t.store.db, ['घना', 'मध्यम', 'दुर्लभ'].map((w) => queryTokens(w)[0]!), size);
        const sample = newest.slice(0, size);
        assert.equal(r.sample, sample.length);
        assert.deepEqual(r.counts, ['घना', 'मध्यम', 'दुर्लभ'].map((w) => sample.filter((s) => s.words.includes(w)).length), `size ${size}`);
      }
    });

    it('finds body phrases only inside the sort-key range it is given', async () => {
      const all = [...stories].sort((a, b) => b.key - a.key);
      const inRange = await index.bodyPhrase(t.store.db, all[9]!.key, all[0]!.key, ['घन', 'विवरण']);
      assert.deepEqual([...inRange].sort(), all.slice(0, 10).filter((s) => s.words.length === 1).map((s) => s.id).sort());
      assert.equal((await index.bodyPhrase(t.store.db, all[9]!.key, all[0]!.key, ['विवरण', 'घन'])).size, 0, 'order matters');
    });
  });
});

describe('tsvector literals', () => {
  it('quote every lexeme, keep field weights on positions and leave position-less fields bare', () => {
    assert.equal(tsvectorLiteral([[['क', "it's"], 'A'], [['क'], 'C'], [['r_k', 'back\\slash'], null]]), "'क':1A,3C 'it''s':2A 'r_k' 'back\\\\slash'");
  });
});
