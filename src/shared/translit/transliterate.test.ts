import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { transliterate, transliterateWord } from './transliterate.js';

/** Word → expected readable romanization, grouped by the rule they exercise. */
const EXPECTED: ReadonlyArray<readonly [string, string]> = [
  // final schwa dropped
  ['पुतिन', 'putin'], ['सैनिक', 'sainik'], ['चुनाव', 'chunav'], ['भारत', 'bharat'], ['संदेश', 'sandesh'],
  // ...but kept in one-syllable words, after a semivowel conjunct, in -iya
  ['न', 'na'], ['मित्र', 'mitra'], ['राज्य', 'rajya'], ['विश्व', 'vishwa'], ['भारतीय', 'bhartiya'], ['राष्ट्रीय', 'rashtriya'],
  // medial schwa dropped in V C _ C V
  ['सरकार', 'sarkar'], ['अपना', 'apna'], ['जनता', 'janta'], ['अखबार', 'akhbar'], ['राजनीति', 'rajniti'], ['कोहली', 'kohli'],
  // two candidates in a row: left to right, or right to left before a verb ending
  ['जनवरी', 'janvari'], ['सहमति', 'sahmati'], ['बदलना', 'badalna'], ['समझना', 'samajhna'], ['उछलकर', 'uchhalkar'], ['सफलता', 'saphalta'],
  // kept before a cluster or after a nasal
  ['अवस्था', 'avastha'], ['कंपनी', 'kampani'], ['प्रदर्शन', 'pradarshan'],
  // compounds
  ['लोकसभा', 'loksabha'], ['विधानसभा', 'vidhansabha'], ['प्रधानमंत्री', 'pradhanmantri'], ['मुख्यमंत्री', 'mukhyamantri'], ['कमलनाथ', 'kamalnath'],
  // anusvara by the following consonant, chandrabindu as n
  ['मुंबई', 'mumbai'], ['संबंध', 'sambandh'], ['गंगा', 'ganga'], ['सिंह', 'singh'], ['हाँ', 'haan'], ['में', 'mein'], ['हैं', 'hain'], ['नहीं', 'nahin'], ['लोगों', 'logon'],
  // nukta letters
  ['ज़िंदगी', 'zindagi'], ['फ़िल्म', 'film'], ['क़िला', 'qila'], ['लड़की', 'ladki'], ['पढ़ाई', 'padhai'],
  // conjuncts and व
  ['क्रिकेट', 'kriket'], ['क्षेत्र', 'kshetra'], ['ज्ञान', 'gyan'], ['अच्छा', 'achha'], ['स्वामी', 'swami'], ['दिवाली', 'diwali'], ['केजरीवाल', 'kejriwal'], ['विकास', 'vikas'],
  // vowels: ा is "aa" only in a closed monosyllable; ए after a vowel is "ye"
  ['साल', 'saal'], ['आज', 'aaj'], ['का', 'ka'], ['भेजा', 'bheja'], ['पाकिस्तान', 'pakistan'], ['शाह', 'shah'], ['नए', 'naye'], ['लिए', 'liye'], ['नई', 'nai'],
  // signs
  ['दुःख', 'duhkh'], ['ॐ', 'om'], ['डॉ', 'dr'],
];

describe('transliterate', () => {
  it('renders the reference headline readably', () => {
    assert.equal(transliterate('किम ने पुतिन को भेजा नए साल का संदेश'), 'kim ne putin ko bheja naye saal ka sandesh');
  });

  for (const [hindi, latin] of EXPECTED) {
    it(`spells ${hindi} as "${latin}"`, () => {
      assert.equal(transliterateWord(hindi), latin);
    });
  }

  it('keeps Latin text, spaces and punctuation as they are', () => {
    assert.equal(transliterate('IPL 2024: धोनी ने रचा इतिहास!'), 'IPL 2024: dhoni ne racha itihas!');
  });

  it('turns Devanagari digits into ASCII and dandas into full stops', () => {
    assert.equal(transliterate('२०२४ में जीत। फिर॥'), '2024 mein jit. phir.');
  });

  it('reads precomposed and decomposed nukta letters the same way', () => {
    assert.equal(transliterate('\u095B\u093F\u0902\u0926\u0917\u0940'), 'zindagi'); // precomposed ज़ (U+095B)
    assert.equal(transliterate('\u091C\u093C\u093F\u0902\u0926\u0917\u0940'), 'zindagi'); // ज + nukta
  });

  it('ignores zero-width joiners inside a word', () => {
    assert.equal(transliterate('क्\u200Dष\u200Cेत्र'), 'kshetra');
  });

  it('produces only ASCII for Hindi input', () => {
    const text = 'उत्तर प्रदेश में ठंड का कहर, स्कूल बंद। ऋषि ऐश्वर्य औरंगाबाद ऑस्ट्रेलिया ॲ ऍ';
    assert.match(transliterate(text), /^[\x20-\x7E]*$/);
  });

  it('gives the same output every time (no hidden state)', () => {
    const text = 'सैनिकों के परिवारों के लिए नई योजना';
    assert.equal(transliterate(text), transliterate(text));
  });

  it('returns an empty string for empty input', () => {
    assert.equal(transliterate(''), '');
  });
});
