import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findMatchRanges, splitByRanges } from './highlight.js';

const matchedWords = (text: string, query: string) =>
  findMatchRanges(text, query).map(({ start, end }) => text.slice(start, end));

describe('findMatchRanges', () => {
  it('returns the words of the original text, as written, that match the query', () => {
    const text = 'सैनिकों के रिश्तों पर ख़बर';
    assert.deepEqual(matchedWords(text, 'सैनिक ख़बर'), ['सैनिकों', 'ख़बर']);
  });

  it('highlights a Hindi word for a Latin query', () => {
    assert.deepEqual(matchedWords('किम ने पुतिन को भेजा संदेश', 'putin sandesh'), ['पुतिन', 'संदेश']);
  });

  it('highlights spelling variants the search folded together', () => {
    assert.deepEqual(matchedWords('हिन्दी और ज़िंदगी', 'हिंदी जिंदगी'), ['हिन्दी', 'ज़िंदगी']);
    assert.deepEqual(matchedWords('वर्ष २०२४ में', '2024'), ['२०२४']);
  });

  it('highlights English inflections', () => {
    assert.deepEqual(matchedWords('State Elections: the election result', 'elections'), ['Elections', 'election']);
  });

  it('counts offsets in UTF-16 code units of the original text', () => {
    const text = '😀 “मोदी” की जीत';
    const [range] = findMatchRanges(text, 'modi');
    assert.deepEqual(range, { start: 4, end: 8 });
  });

  it('highlights nothing for a query of stop words only', () => {
    assert.deepEqual(findMatchRanges('भारत का संदेश', 'का the'), []);
  });
});

describe('splitByRanges', () => {
  it('splits text into matched and unmatched pieces that join back to the text', () => {
    const text = 'किम ने पुतिन को भेजा';
    const segments = splitByRanges(text, findMatchRanges(text, 'putin'));
    assert.deepEqual(segments, [
      { text: 'किम ने ', match: false },
      { text: 'पुतिन', match: true },
      { text: ' को भेजा', match: false },
    ]);
    assert.equal(segments.map((s) => s.text).join(''), text);
  });

  it('returns the whole text unmatched when there are no ranges', () => {
    assert.deepEqual(splitByRanges('भारत', []), [{ text: 'भारत', match: false }]);
    assert.deepEqual(splitByRanges('', []), []);
  });
});
