/**
 * Contract: index each document as indexTokens(text); for a query, queryTokens(q)
 * gives one group of alternatives per query word — a document matches a word if
 * it holds ANY token of its group, and the query if it matches EVERY group.
 * Both sides run the same steps (tokenize → normalizeText → stop words → stem,
 * plus roman keys), so a change here means reindexing.
 */
import { normalizeText } from './normalize.js';
import { romanKey } from './roman-key.js';
import { isDevanagariWord, isLatinWord } from './script.js';
import { stem } from './stem.js';
import { isStopWord } from './stopwords.js';
import { wordSpans } from './tokenize.js';

/** Marks roman-key tokens (r_putin); plain tokens never contain "_", the tokenizer splits on it. */
export const ROMAN_KEY_PREFIX = 'r_';

/**
 * A stem's roman key shorter than this is left out of the index: keys like
 * "k" or "sn" (from stems such as क, सन) would match too many Latin words.
 */
const MIN_STEM_KEY_LENGTH = 3;

/**
 * Hindi inflections as they end a roman key of a casually romanized word: -e (रिश्ते "rishte"),
 * -on/-ion (ों, "rishton", "ladkiyon"), -en/-ein/-ian (ें, ां: "filmen", "filmein", "ladkiyan").
 * Only these: a final -a/-i/-o is as often part of a name ("modi", "hindi", "delhi").
 */
const ROMAN_INFLECTION = /(?:ion|ian|ein|on|en|e)$/;

/**
 * Index terms of one word as it appears in the text: [] for a stop word, else
 * its stem, and for a Hindi word the roman keys of the word as written and of
 * its stem. The stem's key is what lets the query "sainik" (key "sinik") find
 * सैनिकों, whose own key is "sinikon".
 */
export function wordTerms(word: string): string[] {
  const normalized = normalizeText(word);
  if (isStopWord(normalized)) return [];
  const stemmed = stem(normalized);
  const terms = [stemmed];
  if (isDevanagariWord(normalized)) {
    const surfaceKey = romanKey(normalized);
    const stemKey = romanKey(stemmed);
    if (surfaceKey !== '') terms.push(ROMAN_KEY_PREFIX + surfaceKey);
    if (stemKey !== surfaceKey && stemKey.length >= MIN_STEM_KEY_LENGTH) terms.push(ROMAN_KEY_PREFIX + stemKey);
  }
  return terms;
}

/**
 * Tokens to index for `text`, in text order with repeats (term frequency is
 * kept): per word its stemmed normalized form, then for a Hindi word its
 * "r_" roman keys.
 */
export function indexTokens(text: string): string[] {
  return wordSpans(text).flatMap((w) => wordTerms(w.text));
}

/**
 * Per query word (stop words dropped), the alternatives to OR together: the
 * stemmed normalized word, and for a Latin word also "r_" + its roman key, so
 * "putin" finds पुतिन. Repeated query words give one group.
 */
export function queryTokens(q: string): string[][] {
  const groups = new Map<string, string[]>();
  for (const { text } of wordSpans(q)) {
    const normalized = normalizeText(text);
    if (isStopWord(normalized) || groups.has(normalized)) continue;
    const alternatives = [stem(normalized)];
    const key = isLatinWord(normalized) ? romanKey(normalized) : '';
    if (key !== '') alternatives.push(ROMAN_KEY_PREFIX + key);
    // The index has the key of each Hindi word's stem too; meet it with the key of the romanized word
    // without its inflection, so that "rishte"/"rishton" find रिश्ता, as "sainik" finds सैनिकों.
    const bare = key.replace(ROMAN_INFLECTION, '');
    if (bare !== key && bare.length >= MIN_STEM_KEY_LENGTH) alternatives.push(ROMAN_KEY_PREFIX + bare);
    groups.set(normalized, alternatives);
  }
  return [...groups.values()];
}
