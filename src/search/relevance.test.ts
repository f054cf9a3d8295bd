import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStore, eachDialect, type TestStore } from '../../test/helpers/stores.js';
import { CORPUS_NOW, corpusArticles, corpusQueries, loadCorpus, measure, type Measure } from '../../test/fixtures/search/corpus.js';
import { fixedClock } from '../shared/clock.js';
import { createEventBus } from '../shared/events.js';
import { silentLogger } from '../shared/logger.js';
import { JobQueue } from '../jobs/index.js';
import { searchModule, type SearchModule } from './index.js';

/**
 * The Hindi relevance set (test/fixtures/search: 55 original stories, 45 queries judged by hand) on
 * both engines, with recall and precision per query and averaged.
 *
 * Floors, and why: the set holds passing mentions on purpose (a word-matching search retrieves them
 * and loses precision: 9 of the 45 queries) and relevant stories that say the thing in other words
 * (no synonym-free search finds them: 4 queries), plus one known gap of romanization ("chopra" is
 * not चोपड़ा, because ड़ is keyed as d). Measured: precision 0.91, recall 0.96 (macro), the first
 * result relevant for 0.93 of the queries. The floors (0.85, 0.90, 0.90) sit just under that, so
 * they hold against small changes to the pipeline, while a real regression trips them: losing
 * chandrabindu folding costs five queries half their recall (0.055 on the average), losing nukta
 * folding or roman keys costs more.
 */
const PRECISION_FLOOR = 0.85;
const RECALL_FLOOR = 0.9;
const FIRST_RESULT_FLOOR = 0.9;

const rankedByDialect = new Map<string, Map<string, string[]>>();

await eachDialect((dialect, skip) => {
  describe(`relevance of Hindi search on ${dialect}`, { skip }, () => {
    let t: TestStore;
    let m: SearchModule;
    let keyOf: Map<number, string>;
    const closers: (() => unknown)[] = [];
    const ranked = new Map<string, string[]>();

    before(async () => {
      t = await createTestStore(dialect);
      const clock = fixedClock(CORPUS_NOW);
      const bus = createEventBus();
      m = searchModule({ store: t.store, bus, clock, logger: silentLogger, jobs: new JobQueue(t.store, clock, silentLogger), config: { teaserParagraphs: 2 }, onClose: (fn) => void closers.push(fn) });
      const ids = await loadCorpus({ store: t.store, bus, clock });
      await m.idle();
      keyOf = new Map([...ids].map(([k, v]) => [v, k]));
      for (const q of corpusQueries) ranked.set(q.q, (await m.service.rankedIds({ q: q.q })).map((id) => keyOf.get(id)!));
      rankedByDialect.set(dialect, ranked);
    });
    after(async () => {
      for (const fn of closers) await fn();
      await t.cleanup();
    });

    it(`indexes all ${corpusArticles.length} stories and judges ${corpusQueries.length} queries`, () => {
      assert.ok(corpusArticles.length >= 50);
      assert.ok(corpusQueries.length >= 30);
      assert.equal(keyOf.size, corpusArticles.length);
    });

    it('reaches the recall and precision floors, averaged over the queries', () => {
      const rows: Measure[] = corpusQueries.map((q) => measure(q, ranked.get(q.q)!));
      const mean = (f: (r: Measure) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
      const precision = mean((r) => r.precision);
      const recall = mean((r) => r.recall);
      const microP = rows.reduce((s, r) => s + r.relevantRetrieved, 0) / rows.reduce((s, r) => s + r.retrieved, 0);
      const microR = rows.reduce((s, r) => s + r.relevantRetrieved, 0) / rows.reduce((s, r) => s + r.relevant, 0);
      const firstRelevant = mean((r) => {
        const first = ranked.get(r.q)![0];
        return first !== undefined && corpusQueries.find((q) => q.q === r.q)!.relevant.includes(first) ? 1 : 0;
      });
      const lines = rows.map((r) => `  ${r.q.padEnd(22)} P ${r.precision.toFixed(2)}  R ${r.recall.toFixed(2)}${r.missed.length ? `  missed ${r.missed.join(',')}` : ''}${r.extra.length ? `  extra ${r.extra.join(',')}` : ''}`);
      console.log(`\n[${dialect}] Hindi relevance set: ${rows.length} queries over ${corpusArticles.length} stories\n${lines.join('\n')}\n  macro precision ${precision.toFixed(3)}, macro recall ${recall.toFixed(3)}; micro precision ${microP.toFixed(3)}, micro recall ${microR.toFixed(3)}; first result relevant ${firstRelevant.toFixed(3)}`);
      assert.ok(precision >= PRECISION_FLOOR, `precision ${precision.toFixed(3)} is under the floor ${PRECISION_FLOOR}`);
      assert.ok(recall >= RECALL_FLOOR, `recall ${recall.toFixed(3)} is under the floor ${RECALL_FLOOR}`);
      assert.ok(firstRelevant >= FIRST_RESULT_FLOOR, `the first result is relevant for only ${firstRelevant.toFixed(3)} of the queries`);
    });

    it('finds the same stories for inflected, nukta, chandrabindu and romanized spellings of one word', () => {
      const same = (a: string, b: string) => assert.deepEqual([...ranked.get(a)!].sort(), [...ranked.get(b)!].sort(), `"${a}" and "${b}" should find the same stories`);
      same('सैनिक', 'सैनिकों');
      same('सैनिक', 'sainik');
      same('रिश्ता', 'रिश्तों');
      same('ज़िला', 'जिले');
      same('गांव', 'गाँव');
      same('हिंदी', 'हिन्दी');
      same('हिंदी', 'hindi');
      same('महंगाई', 'महँगाई');
      same('फ़िल्म', 'फिल्म');
      same('फ़िल्म', 'film');
      same('चुनाव', 'चुनावों');
      same('चुनाव', 'chunav');
      same('putin', 'पुतिन');
    });

    it('keeps words apart that only look alike: रिश्ता is not रिश्वत, and a story with only one of two words is not found', () => {
      assert.ok(!ranked.get('रिश्ता')!.includes('a12'));
      assert.deepEqual(ranked.get('मोदी पुतिन'), ['a09']);
      assert.ok(!ranked.get('मौसम विभाग चेतावनी')!.includes('a22'));
    });

    it('ranks a headline match above a passing mention', () => {
      const soldiers = ranked.get('सैनिकों')!;
      assert.ok(soldiers.indexOf('a01') < soldiers.indexOf('a04') || soldiers.indexOf('a54') < soldiers.indexOf('a04'));
      assert.equal(ranked.get('विराट कोहली शतक')![0], 'a19');
      assert.equal(ranked.get('क्रिकेट')![0], 'a20', 'the headline match comes before a newer story that says क्रिकेट only in its body (a19)');
    });
  });
});

await eachDialect((dialect, skip) => {
  if (dialect !== 'postgres') return;
  describe('the two engines', { skip }, () => {
    it('rank the relevance set identically on SQLite and PostgreSQL', async () => {
      let sqlite = rankedByDialect.get('sqlite');
      if (!sqlite) {
        // Run on its own (a filtered run): build the SQLite side here.
        const t = await createTestStore('sqlite');
        const clock = fixedClock(CORPUS_NOW);
        const bus = createEventBus();
        const m = searchModule({ store: t.store, bus, clock, logger: silentLogger, jobs: new JobQueue(t.store, clock, silentLogger), config: { teaserParagraphs: 2 }, onClose: () => {} });
        const ids = await loadCorpus({ store: t.store, bus, clock });
        await m.idle();
        const keyOf = new Map([...ids].map(([k, v]) => [v, k]));
        sqlite = new Map();
        for (const q of corpusQueries) sqlite.set(q.q, (await m.service.rankedIds({ q: q.q })).map((id) => keyOf.get(id)!));
        await t.cleanup();
      }
      const pg = rankedByDialect.get('postgres')!;
      for (const q of corpusQueries) assert.deepEqual(pg.get(q.q), sqlite.get(q.q), `"${q.q}" is ranked differently`);
    });
  });
});
