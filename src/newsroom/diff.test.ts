import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffWords, hasChanges } from './diff.js';

const side = (parts: ReturnType<typeof diffWords>, keep: 'del' | 'ins') => parts.filter((p) => p.op === 'eq' || p.op === keep).map((p) => p.text).join('');

describe('word diff', () => {
  it('reports no change for equal texts', () => {
    assert.deepEqual(diffWords('एक दो तीन', 'एक दो तीन'), [{ op: 'eq', text: 'एक दो तीन' }]);
    assert.equal(hasChanges(diffWords('', '')), false);
  });

  it('marks a replaced Hindi word as deleted and inserted, keeping the rest', () => {
    const parts = diffWords('किम ने पुतिन को संदेश भेजा', 'किम ने ट्रंप को संदेश भेजा');
    assert.deepEqual(parts, [
      { op: 'eq', text: 'किम ने ' },
      { op: 'del', text: 'पुतिन' },
      { op: 'ins', text: 'ट्रंप' },
      { op: 'eq', text: ' को संदेश भेजा' },
    ]);
  });

  it('rebuilds both texts exactly from the parts', () => {
    const a = 'The quick brown fox jumps over the lazy dog.\nSecond line here.';
    const b = 'A quick red fox leaped over the dog.\nSecond line here, and more.';
    const parts = diffWords(a, b);
    assert.equal(side(parts, 'del'), a);
    assert.equal(side(parts, 'ins'), b);
    assert.ok(hasChanges(parts));
  });

  it('handles additions to and removals from empty texts', () => {
    assert.deepEqual(diffWords('', 'नया पाठ'), [{ op: 'ins', text: 'नया पाठ' }]);
    assert.deepEqual(diffWords('पुराना', ''), [{ op: 'del', text: 'पुराना' }]);
  });

  it('stays correct on long texts with scattered edits', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `w${i % 97}`);
    const a = words.join(' ');
    const bWords = words.map((w, i) => (i % 50 === 0 ? `x${i}` : w));
    bWords.splice(1000, 20);
    const b = bWords.join(' ');
    const parts = diffWords(a, b);
    assert.equal(side(parts, 'del'), a);
    assert.equal(side(parts, 'ins'), b);
  });

  it('falls back to a whole replacement when the texts share almost nothing', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 5000 }, (_, i) => `b${i}`).join(' ');
    const parts = diffWords(a, b);
    assert.equal(side(parts, 'del'), a);
    assert.equal(side(parts, 'ins'), b);
  });
});
