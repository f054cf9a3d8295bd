/**
 * Snippet highlighting: which stretches of the ORIGINAL text (not the
 * normalized one) matched a query, by the same rules the index used.
 */
import { queryTokens, wordTerms } from './pipeline.js';
import { wordSpans } from './tokenize.js';

/** A stretch of the original text: text.slice(start, end), UTF-16 offsets. */
export interface TextRange {
  start: number;
  end: number;
}

/** A piece of text and whether it is a match; concatenated, the pieces give the text back. */
export interface TextSegment {
  text: string;
  match: boolean;
}

/**
 * Ranges of the words in `text` that match any word of `query` — the whole
 * word, as written (नुक़्ता, matras and all), sorted and non-overlapping.
 */
export function findMatchRanges(text: string, query: string): TextRange[] {
  const wanted = new Set(queryTokens(query).flat());
  if (wanted.size === 0) return [];
  return wordSpans(text)
    .filter((w) => wordTerms(w.text).some((t) => wanted.has(t)))
    .map(({ start, end }) => ({ start, end }));
}

/**
 * Cuts `text` at sorted, non-overlapping `ranges` into matched and unmatched
 * pieces, so a caller can escape each piece and wrap the matched ones in <mark>.
 */
export function splitByRanges(text: string, ranges: readonly TextRange[]): TextSegment[] {
  const segments: TextSegment[] = [];
  let at = 0;
  for (const { start, end } of ranges) {
    if (start > at) segments.push({ text: text.slice(at, start), match: false });
    if (end > start) segments.push({ text: text.slice(start, end), match: true });
    at = Math.max(at, end);
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: false });
  return segments;
}
