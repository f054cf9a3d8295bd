import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeText } from './normalize.js';
import { ROMAN_KEY_PREFIX, indexTokens, queryTokens } from './pipeline.js';
import { ENGLISH_STOP_WORDS, HINDI_STOP_WORDS, isStopWord } from './stopwords.js';

/** The search contract: every query group shares at least one token with the document. */
function matches(document: string, query: string): boolean {
  const indexed = new Set(indexTokens(document));
  const groups = queryTokens(query);
  return groups.length > 0 && groups.every((alternatives) => alternatives.some((t) => indexed.has(t)));
}

const DOCUMENT = 'किम ने पुतिन को भेजा नए साल का संदेश। सैनिकों के रिश्तों पर हिन्दी में ख़बर, Elections 2024 में ‘मोदी’ की जीत';

describe('indexTokens', () => {
  it('indexes a Hindi word as its stem followed by its roman keys', () => {
    assert.deepEqual(indexTokens('पुतिन'), ['पुतिन', 'r_putin']);
    assert.deepEqual(indexTokens('सैनिकों'), ['सैनिक', 'r_sinikon', 'r_sinik']);
  });

  it('indexes a Latin word as its stem only', () => {
    assert.deepEqual(indexTokens('Elections 2024'), ['election', '2024']);
  });

  it('leaves out stop words in Hindi and English', () => {
    assert.deepEqual(indexTokens('का की के को में से है और the of and'), []);
  });

  it('keeps repeats, so term frequency survives', () => {
    assert.deepEqual(indexTokens('मोदी मोदी').filter((t) => t === 'मोद'), ['मोद', 'मोद']);
  });

  it('marks every roman key with the prefix, and no other token has an underscore', () => {
    for (const token of indexTokens(DOCUMENT)) {
      assert.equal(token.includes('_'), token.startsWith(ROMAN_KEY_PREFIX), token);
    }
  });

  it('gives the same tokens for a text and its normalized form', () => {
    assert.deepEqual(indexTokens(DOCUMENT), indexTokens(normalizeText(DOCUMENT)));
  });
});

describe('queryTokens', () => {
  it('offers a Latin word as its stem or its roman key', () => {
    assert.deepEqual(queryTokens('Putin'), [['putin', 'r_putin']]);
  });

  it('offers a Hindi word as its stem', () => {
    assert.deepEqual(queryTokens('सैनिकों'), [['सैनिक']]);
  });

  it('drops stop words, including romanized Hindi particles', () => {
    assert.deepEqual(queryTokens('modi ka bayan'), [['modi', 'r_modi'], ['bayan', 'r_ban']]);
    assert.deepEqual(queryTokens('the का'), []);
  });

  it('gives one group per distinct word', () => {
    assert.equal(queryTokens('मोदी मोदी Modi').length, 2);
  });

  it('returns no groups for an empty query', () => {
    assert.deepEqual(queryTokens(''), []);
    assert.deepEqual(queryTokens(' ।, '), []);
  });
});

describe('matching documents', () => {
  it('finds Hindi text from a Latin query', () => {
    assert.ok(matches(DOCUMENT, 'putin'));
    assert.ok(matches(DOCUMENT, 'kim putin sandesh'));
    assert.ok(matches(DOCUMENT, 'modi ki jeet'));
    assert.ok(matches(DOCUMENT, 'sainik'));
    assert.ok(matches(DOCUMENT, 'rishta'));
    assert.ok(matches(DOCUMENT, 'khabar'));
  });

  it('finds the other forms of a Hindi word from a romanized inflected form', () => {
    assert.deepEqual(queryTokens('rishton'), [['rishton', 'r_riston', 'r_rist']]);
    assert.ok(matches('भारत-नेपाल का रिश्ता', 'rishte'));
    assert.ok(matches('भारत-नेपाल का रिश्ता', 'rishton'));
    assert.ok(matches('सैनिक की बहादुरी', 'sainikon'));
    assert.ok(matches('लड़कियों ने बाज़ी मारी', 'ladkiyan'));
    assert.ok(matches('नई फिल्म', 'filmein'));
    assert.ok(!matches('मोड़ पर हादसा', 'modi'), 'a final -i is not taken for an inflection');
  });

  it('finds inflected forms from the base form, in both scripts', () => {
    assert.ok(matches(DOCUMENT, 'सैनिक'));
    assert.ok(matches(DOCUMENT, 'रिश्ता'));
    assert.ok(matches(DOCUMENT, 'election'));
  });

  it('finds a word whatever the spelling variant', () => {
    assert.ok(matches(DOCUMENT, 'हिंदी'));
    assert.ok(matches(DOCUMENT, 'खबर'));
    assert.ok(matches('ज़िन्दगी के सबक़', 'जिंदगी सबक'));
    assert.ok(matches('वर्ष २०२४', '2024'));
  });

  it('requires every query word', () => {
    assert.ok(!matches(DOCUMENT, 'putin trump'));
    assert.ok(!matches(DOCUMENT, 'क्रिकेट'));
  });
});

describe('stop word lists', () => {
  it('has about a hundred Hindi words and a short English list, all normalized', () => {
    assert.ok(HINDI_STOP_WORDS.size >= 100, `${HINDI_STOP_WORDS.size}`);
    assert.ok(ENGLISH_STOP_WORDS.size >= 30);
    for (const word of [...HINDI_STOP_WORDS, ...ENGLISH_STOP_WORDS]) assert.equal(normalizeText(word), word);
  });

  it('recognizes a stop word in any spelling once normalized', () => {
    assert.ok(isStopWord(normalizeText('यहाँ')));
    assert.ok(isStopWord(normalizeText('The')));
    assert.ok(!isStopWord(normalizeText('सरकार')));
  });
});
