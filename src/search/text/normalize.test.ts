import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeText } from './normalize.js';

describe('normalizeText', () => {
  it('folds the precomposed nukta letters U+0958–U+095F to the plain letter', () => {
    assert.equal(normalizeText('\u0958\u0959\u095A\u095B\u095C\u095D\u095E\u095F'), 'कखगजडढफय');
  });

  it('folds base letter + nukta sign to the plain letter', () => {
    assert.equal(normalizeText('ज\u093Cिंदगी'), 'जिंदगी');
    assert.equal(normalizeText('लड़की ख़बर फ़िल्म'), 'लडकी खबर फिल्म');
    assert.equal(normalizeText('ऩ ऱ ऴ'), 'न र ळ');
  });

  it('folds chandrabindu to anusvara', () => {
    assert.equal(normalizeText('हाँ माँ यहाँ'), 'हां मां यहां');
  });

  it('removes zero-width joiner and non-joiner', () => {
    assert.equal(normalizeText('क्\u200Dष\u200Cेत्र'), 'क्षेत्र');
  });

  it('turns Devanagari digits into ASCII digits', () => {
    assert.equal(normalizeText('०१२३४५६७८९ और २०२४'), '0123456789 और 2024');
  });

  it('lowercases Latin letters', () => {
    assert.equal(normalizeText('Modi BJP iPhone'), 'modi bjp iphone');
  });

  it('writes a nasal + virama before a stop of its own varga as anusvara', () => {
    assert.equal(normalizeText('हिन्दी'), 'हिंदी');
    assert.equal(normalizeText('सम्बन्ध'), 'संबंध');
    assert.equal(normalizeText('गङ्गा'), 'गंगा');
    assert.equal(normalizeText('पञ्च'), 'पंच');
    assert.equal(normalizeText('घण्टा'), 'घंटा');
    assert.equal(normalizeText('चम्पा'), 'चंपा');
  });

  it('also folds न् before a retroflex stop, the usual spelling variant in English loans', () => {
    assert.equal(normalizeText('इन्टरनेट सेन्टर'), 'इंटरनेट सेंटर');
  });

  it('keeps a nasal consonant that is not before a stop of its varga', () => {
    for (const word of ['अन्य', 'अन्न', 'सम्मान', 'उन्हें', 'कन्या', 'तुम्हें', 'जन्म']) {
      assert.equal(normalizeText(word), word);
    }
  });

  it('composes to NFC', () => {
    assert.equal(normalizeText('Cafe\u0301'), 'café');
  });

  it('makes the common spelling variants of a word identical', () => {
    const variants: ReadonlyArray<readonly [string, string]> = [
      ['हिन्दी', 'हिंदी'], ['ज़िन्दगी', 'जिंदगी'], ['बाज़ार', 'बाजार'], ['हाँ', 'हां'], ['सम्बन्ध', 'संबंध'], ['२०२४', '2024'],
    ];
    for (const [a, b] of variants) assert.equal(normalizeText(a), normalizeText(b), `${a} / ${b}`);
  });

  it('is idempotent', () => {
    for (const s of ['हिन्दी ज़िंदगी हाँ २०२४ Modi', 'सम्बन्ध क्\u200Dष', 'ऩ ऱ ऴ', '']) {
      assert.equal(normalizeText(normalizeText(s)), normalizeText(s));
    }
  });
});
