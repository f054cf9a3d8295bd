/** Which writing system a normalized token is in; decides how it is stemmed and keyed. */

const DEVANAGARI_LETTER = /[\u0900-\u097F]/;
const LATIN_WORD = /^[a-z]+$/;

/** Contains Devanagari (a Hindi word, possibly with digits attached: 5वीं). */
export function isDevanagariWord(token: string): boolean {
  return DEVANAGARI_LETTER.test(token);
}

/** Plain lowercase Latin letters only (an English word or a romanized Hindi one). */
export function isLatinWord(token: string): boolean {
  return LATIN_WORD.test(token);
}
