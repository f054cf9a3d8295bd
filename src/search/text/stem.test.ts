import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeText } from './normalize.js';
import { stem } from './stem.js';
import { stemEnglish } from './english-stem.js';

/** Stem as the pipeline does: after normalization. */
const stemOf = (word: string) => stem(normalizeText(word));

describe('stem', () => {
  it('strips Hindi plural and oblique endings', () => {
    assert.equal(stemOf('सैनिकों'), 'सैनिक');
    assert.equal(stemOf('सैनिकों'), stemOf('सैनिक'));
    assert.equal(stemOf('चुनावों'), stemOf('चुनाव'));
    assert.equal(stemOf('सरकारें'), stemOf('सरकार'));
    assert.equal(stemOf('किताबें'), stemOf('किताब'));
  });

  it('gives the direct, oblique and plural forms of a noun one stem', () => {
    assert.equal(stemOf('रिश्तों'), stemOf('रिश्ता'));
    assert.equal(stemOf('रिश्ते'), stemOf('रिश्ता'));
    assert.equal(stemOf('लड़कियां'), stemOf('लड़की'));
  });

  it('strips Hindi verb endings', () => {
    assert.equal(stemOf('खेलते'), stemOf('खेलना'));
    assert.equal(stemOf('खेलता'), stemOf('खेलना'));
  });

  it('meets English singulars and plurals', () => {
    assert.equal(stem('elections'), stem('election'));
    assert.equal(stem('policies'), stem('policy'));
    assert.equal(stem('ministers'), stem('minister'));
  });

  it('meets English -ed and -ing forms', () => {
    assert.equal(stem('voted'), stem('vote'));
    assert.equal(stem('voting'), stem('vote'));
    assert.equal(stem('running'), 'run');
    assert.equal(stem('united'), stem('unite'));
  });

  it('leaves numbers and other tokens alone', () => {
    assert.equal(stem('2024'), '2024');
    assert.equal(stem('1,20,000'), '1,20,000');
    assert.equal(stem('covid19'), 'covid19');
  });
});

describe('stemEnglish', () => {
  it('does not strip an s that is not a plural', () => {
    for (const word of ['news', 'bus', 'gas', 'virus', 'crisis', 'glass', 'us', 'series']) {
      assert.equal(stemEnglish(word), word);
    }
  });

  it('stops at light stemming, keeping related but different words apart', () => {
    assert.notEqual(stemEnglish('university'), stemEnglish('universe'));
    assert.notEqual(stemEnglish('police'), stemEnglish('policy'));
  });

  it('handles the Porter step 1 classics', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['caresses', 'caress'], ['ponies', 'poni'], ['cats', 'cat'],
      ['plastered', 'plaster'], ['motoring', 'motor'], ['hopping', 'hop'], ['hoping', 'hope'],
      ['filing', 'file'], ['falling', 'fall'], ['sized', 'size'], ['happy', 'happi'], ['sky', 'sky'],
    ];
    for (const [word, expected] of cases) assert.equal(stemEnglish(word), expected, word);
  });

  it('drops a final e the way Porter step 5a does, so agree and agreed meet', () => {
    assert.equal(stemEnglish('agreed'), stemEnglish('agree'));
    assert.equal(stemEnglish('increased'), stemEnglish('increase'));
  });
});
