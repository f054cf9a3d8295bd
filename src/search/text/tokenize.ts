/**
 * Word splitting for search. A word is a run of letters, combining marks and
 * digits, so Devanagari matras, virama, anusvara and nukta (all category M)
 * never split a word; everything else (spaces, punctuation, । ॥, quotes,
 * symbols) separates words.
 */
import { ZWJ, ZWNJ } from '../../shared/translit/devanagari.js';

/** A word of the input and where it is: `text === input.slice(start, end)` (UTF-16 offsets). */
export interface WordSpan {
  text: string;
  start: number;
  end: number;
}

/**
 * A decimal or digit-grouped number stays one word (3.5, 1,20,000); otherwise
 * a word is letters/marks/digits, with ZWJ/ZWNJ inside (they shape conjuncts;
 * a joiner on its own, as in emoji sequences, is not a word).
 */
const WORD = new RegExp(`\\p{N}+(?:[.,]\\p{N}+)+|[\\p{L}\\p{M}\\p{N}][\\p{L}\\p{M}\\p{N}${ZWJ}${ZWNJ}]*`, 'gu');

/** The words of `s` with their offsets, in order. */
export function wordSpans(s: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const m of s.matchAll(WORD)) {
    spans.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** The words of `s`, in order. Does not normalize: tokenize(normalizeText(s)) for search terms. */
export function tokenize(s: string): string[] {
  return wordSpans(s).map((w) => w.text);
}
