import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CompiledQuery, frequency, hasPhrase, idf, rank, recency, scoreOne, PHRASE_BOOST } from './ranking.js';
import { decodeWords, encodeWords, keywordsOf, sortKeyOf, sortKeyRange, sortKeyTime, TermMemo, SORT_KEY_ID_SPAN } from './document.js';
import { queryTokens } from './text/index.js';

const NOW = Date.parse('2026-11-26T06:30:00Z');
const memo = new TermMemo();
const terms = (text: string) => encodeWords(memo.words(text));
const item = (id: number, head: string, summary: string, at: string) => ({ id, sortKey: sortKeyOf(at, id), headTerms: terms(head), summaryTerms: terms(summary) });

describe('ranking', () => {
  it('weighs a rare word above a common one', () => {
    assert.ok(idf(3, 10_000) > idf(300, 10_000));
    assert.ok(idf(10_000, 10_000) > 0, 'a word in every story still counts a little');
    assert.equal(idf(20_000, 10_000), idf(10_000, 10_000), 'an estimate above the count is the count');
    assert.ok(idf(0, 0) > 0, 'an empty index still gives a positive weight');
  });

  it('lets a story lose value over weeks but never all of it', () => {
    assert.equal(recency(0), 1);
    assert.ok(recency(7 * 86_400_000) > recency(30 * 86_400_000));
    assert.ok(Math.abs(recency(3650 * 86_400_000) - 0.35) < 1e-6);
    assert.equal(recency(-5000), 1, 'a story dated in the future counts as new');
  });

  it('counts a word in a field through any of its alternatives', () => {
    const words = memo.words('सैनिकों ने सैनिक की मदद की');
    assert.equal(frequency(words, queryTokens('सैनिक')[0]!), 2);
    assert.equal(frequency(words, queryTokens('sainik')[0]!), 2);
    assert.equal(frequency(words, queryTokens('पुलिस')[0]!), 0);
  });

  it('finds a phrase only in query order and side by side, stop words aside', () => {
    const words = memo.words('विराट कोहली का शानदार शतक');
    assert.ok(hasPhrase(words, queryTokens('विराट कोहली')));
    assert.ok(hasPhrase(words, queryTokens('virat kohli')));
    assert.ok(!hasPhrase(words, queryTokens('कोहली विराट')));
    assert.ok(!hasPhrase(words, queryTokens('विराट शतक')));
    assert.ok(hasPhrase(memo.words('कोहली का शतक'), queryTokens('कोहली शतक')), '"का" is a stop word, not a gap');
    assert.ok(!hasPhrase(words, queryTokens('कोहली')), 'one word is not a phrase');
  });

  it('counts and finds phrases in encoded fields exactly as on word lists', () => {
    const texts = ['सैनिकों ने सैनिक की मदद की', 'विराट कोहली का शानदार शतक', 'रिश्तों में रिश्ता 3.5 किमी', 'putin पुतिन r putin', ''];
    const queries = ['सैनिक', 'sainik madad', 'विराट कोहली', 'कोहली शतक', 'rishta रिश्ते 3.5', 'putin', 'कुछ नहीं'];
    for (const t of texts) {
      const words = memo.words(t);
      for (const q of queries) {
        const groups = queryTokens(q);
        const f = new CompiledQuery(groups).field(encodeWords(words));
        assert.deepEqual(f.tf, groups.map((g) => frequency(words, g)), `${q} in ${t}`);
        assert.equal(f.phrase, hasPhrase(words, groups), `${q} in ${t}`);
      }
    }
  });

  it('puts the headline above the summary above the body for stories of the same day', () => {
    const groups = queryTokens('मानसून');
    const at = '2026-11-25T06:00:00Z';
    const ranked = rank([
      item(1, 'दिल्ली में बारिश', 'बादल छाए रहे', at), // body only
      item(2, 'दिल्ली में बारिश', 'मानसून लौटा', at),
      item(3, 'मानसून ने दी दस्तक', 'बादल छाए रहे', at),
    ], groups, [1], NOW);
    assert.deepEqual(ranked.map((r) => r.item.id), [3, 2, 1]);
  });

  it('prefers a much newer story to an old one that matched in the same field', () => {
    const groups = queryTokens('चुनाव');
    const ranked = rank([item(1, 'चुनाव की तैयारी', '', '2025-01-01T00:00:00Z'), item(2, 'चुनाव की तैयारी', '', '2026-11-25T00:00:00Z')], groups, [1], NOW);
    assert.deepEqual(ranked.map((r) => r.item.id), [2, 1]);
  });

  it('boosts the exact phrase, most in the headline', () => {
    const groups = queryTokens('विराट कोहली');
    const at = '2026-11-25T06:00:00Z';
    const phrase = scoreOne(item(1, 'विराट कोहली का शतक', '', at), groups, [1, 1], NOW, false);
    const apart = scoreOne(item(2, 'कोहली और विराट जीत', '', at), groups, [1, 1], NOW, false);
    assert.equal(phrase.phrase, 'head');
    assert.equal(apart.phrase, null);
    assert.ok(Math.abs(phrase.score / apart.score - PHRASE_BOOST.head) < 1e-9);
    assert.equal(scoreOne(item(3, 'शतक', 'विराट', at), groups, [1, 1], NOW, true).phrase, 'body');
  });

  it('orders equal scores newest first, so that the order is total', () => {
    const groups = queryTokens('बजट');
    const at = '2026-11-25T06:00:00Z';
    const ranked = rank([item(5, 'बजट', '', at), item(9, 'बजट', '', at), item(7, 'बजट', '', at)], groups, [1], NOW);
    assert.deepEqual(ranked.map((r) => r.item.id), [9, 7, 5]);
  });
});

describe('index entries', () => {
  it('keeps a story’s minute and id in its sort key, and turns dates into key ranges', () => {
    const key = sortKeyOf('2026-11-25T06:00:30Z', 12);
    assert.equal(key % SORT_KEY_ID_SPAN, 12);
    assert.equal(sortKeyTime(key), Date.parse('2026-11-25T06:00:00Z'));
    assert.ok(sortKeyOf('2026-11-25T06:01:00Z', 1) > sortKeyOf('2026-11-25T06:00:00Z', 999_999));
    assert.ok(Number.isSafeInteger(sortKeyOf('2100-01-01T00:00:00Z', SORT_KEY_ID_SPAN - 1)));
    const r = sortKeyRange(new Date('2026-11-25T00:00:00Z'), new Date('2026-11-25T23:59:59Z'));
    assert.ok(r.minSortKey! <= key && key <= r.maxSortKey!);
    assert.ok(sortKeyOf('2026-11-26T00:00:00Z', 1) > r.maxSortKey!);
  });

  it('writes terms per word and reads them back', () => {
    const words = memo.words('पुतिन के सैनिकों ने 3.5 किमी');
    assert.deepEqual(decodeWords(encodeWords(words)), words);
    assert.deepEqual(decodeWords(''), []);
  });

  it('chooses keywords from the headline first and leaves out numbers and roman keys', () => {
    const kw = keywordsOf(memo.words('गंगा की सफ़ाई परियोजना'), memo.words('गंगा में 12 नाले'), memo.words('नाले बंद होंगे, गंगा साफ़ होगी'));
    assert.equal(kw[0]!.term, 'गंग');
    assert.ok(kw.every((k) => !k.term.startsWith('r_') && !/^\d/.test(k.term)));
  });
});
