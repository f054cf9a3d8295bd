/**
 * Stemming of normalized tokens: Hindi by Snowball's light suffix stripper,
 * English by a Porter step-1 stemmer; numbers and other scripts unchanged.
 */
// @orama/stemmers ships Snowball's Hindi stemmer under the name "indian".
import { stemmer as snowballHindi } from '@orama/stemmers/indian';
import { stemEnglish } from './english-stem.js';
import { isDevanagariWord, isLatinWord } from './script.js';

/**
 * Stem of a normalized token: सैनिकों → सैनिक, रिश्तों/रिश्ते/रिश्ता → रिश्त,
 * elections → election. Expects normalizeText output (lowercase, nukta folded).
 */
export function stem(token: string): string {
  if (isDevanagariWord(token)) return snowballHindi(token);
  if (isLatinWord(token)) return stemEnglish(token);
  return token;
}
