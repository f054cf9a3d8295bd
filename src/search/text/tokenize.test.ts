import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, wordSpans } from './tokenize.js';

describe('tokenize', () => {
  it('keeps Devanagari words whole, with their matras, virama, anusvara, visarga and nukta', () => {
    assert.deepEqual(tokenize('क्रिकेट ज़िंदगी प्रधानमंत्री हैं दुःख'), ['क्रिकेट', 'ज़िंदगी', 'प्रधानमंत्री', 'हैं', 'दुःख']);
  });

  it('never splits a word at a combining mark', () => {
    const words = 'किम ने पुतिन को भेजा नए साल का संदेश ज़ेलेंस्की ऑस्ट्रेलिया श्रद्धालु ॐ'.split(' ');
    for (const word of words) assert.deepEqual(tokenize(word), [word]);
  });

  it('splits on danda and double danda, even without a space', () => {
    assert.deepEqual(tokenize('जीत गए।फिर हारे॥ अंत'), ['जीत', 'गए', 'फिर', 'हारे', 'अंत']);
  });

  it('splits on quotes of every kind', () => {
    assert.deepEqual(tokenize('‘मोदी’ “हम” "वे" \'तुम\' «x»'), ['मोदी', 'हम', 'वे', 'तुम', 'x']);
  });

  it('splits on punctuation, dashes and symbols', () => {
    assert.deepEqual(tokenize('रूस-यूक्रेन: युद्ध, (ताज़ा) — क्या? हाँ! #खबर @नेता'), [
      'रूस', 'यूक्रेन', 'युद्ध', 'ताज़ा', 'क्या', 'हाँ', 'खबर', 'नेता',
    ]);
  });

  it('keeps Latin words and numbers as tokens', () => {
    assert.deepEqual(tokenize('IPL 2024 में CSK की 5वीं जीत'), ['IPL', '2024', 'में', 'CSK', 'की', '5वीं', 'जीत']);
  });

  it('keeps decimal and digit-grouped numbers whole', () => {
    assert.deepEqual(tokenize('3.5 करोड़, 1,20,000 लोग. 2024.'), ['3.5', 'करोड़', '1,20,000', 'लोग', '2024']);
  });

  it('keeps zero-width joiners inside a word but never makes a word of a joiner alone', () => {
    assert.deepEqual(tokenize('क्\u200Dष 👨\u200D👩'), ['क्\u200Dष']);
  });

  it('returns nothing for empty or blank input', () => {
    assert.deepEqual(tokenize(''), []);
    assert.deepEqual(tokenize(' \n\t। '), []);
  });

  it('reports offsets that slice the word back out of the original text', () => {
    const text = '😀 ‘हिन्दी’ में, Elections!';
    const spans = wordSpans(text);
    assert.deepEqual(spans.map((s) => s.text), ['हिन्दी', 'में', 'Elections']);
    for (const s of spans) assert.equal(text.slice(s.start, s.end), s.text);
  });
});
