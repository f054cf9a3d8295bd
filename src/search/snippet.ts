import { queryTokens, splitByRanges, wordSpans, type TextRange, type TextSegment } from './text/index.js';
import { TermMemo } from './document.js';

/**
 * A snippet: a short stretch of text that the reader may see, cut around the query's words, as
 * segments (matched or not) for the view to escape and mark. It is chosen only from the passages it
 * is given, so what those are decides what can ever show: for a story the reader is not entitled to,
 * the caller passes the summary and the public teaser, never the rest of the body.
 */
export const SNIPPET_LENGTH = 220;
/** Passages looked at (a very long story's tail is not worth the time). */
const MAX_PASSAGES = 40;
/** How much text to keep before the first match, so that it is read in context. */
const LEAD = 60;

/**
 * Which words of a text match a query: findMatchRanges of the text pipeline (the same rule: a word
 * matches when any of its index terms is among the query's alternatives), with the word → terms step
 * remembered, since snippets look at whole bodies and stemming every word again is their main cost.
 */
export class QueryMatcher {
  private readonly wanted: Set<string>;
  /** How many words the query has. */
  readonly words: number;
  constructor(query: string, private readonly memo: TermMemo = new TermMemo(10_000)) {
    const groups = queryTokens(query);
    this.words = groups.length;
    this.wanted = new Set(groups.flat());
  }
  ranges(text: string): TextRange[] {
    if (this.wanted.size === 0) return [];
    return wordSpans(text)
      .filter((w) => this.memo.terms(w.text).some((t) => this.wanted.has(t)))
      .map(({ start, end }) => ({ start, end }));
  }
}

export interface Snippet {
  segments: TextSegment[];
  /** Whether any query word is in it. */
  matched: boolean;
}

/** Cuts `text` to about `length` characters from `from`, at word boundaries, with ellipses where cut. */
function cut(text: string, from: number, length: number): { start: number; end: number } {
  const words = wordSpans(text);
  let start = 0;
  if (from > 0) {
    const first = words.find((w) => w.start >= from);
    start = first ? first.start : from;
  }
  let end = text.length;
  if (end - start > length) {
    const last = [...words].reverse().find((w) => w.end <= start + length && w.start >= start);
    end = last ? last.end : start + length;
  }
  return { start, end };
}

export function makeSnippet(passages: readonly string[], query: string | QueryMatcher, length = SNIPPET_LENGTH): Snippet {
  const matcher = typeof query === 'string' ? new QueryMatcher(query) : query;
  const texts = passages.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  if (texts.length === 0) return { segments: [], matched: false };
  let best = { text: texts[0]!, ranges: [] as TextRange[], distinct: 0 };
  // Enough once a passage holds as many different matched words as the query has words.
  for (const text of texts.slice(0, MAX_PASSAGES)) {
    const ranges = matcher.ranges(text);
    const distinct = new Set(ranges.map((r) => text.slice(r.start, r.end))).size;
    if (distinct > best.distinct) best = { text, ranges, distinct };
    if (best.distinct >= matcher.words) break;
  }
  const { text, ranges } = best;
  const firstMatch = ranges[0]?.start ?? 0;
  const { start, end } = cut(text, text.length <= length ? 0 : Math.max(0, firstMatch - LEAD), length);
  const inside = ranges.filter((r) => r.start >= start && r.end <= end).map((r) => ({ start: r.start - start, end: r.end - start }));
  const segments = splitByRanges(text.slice(start, end), inside);
  if (start > 0) segments.unshift({ text: '… ', match: false });
  if (end < text.length) segments.push({ text: ' …', match: false });
  return { segments, matched: inside.length > 0 };
}

/** Matched words of a short text (a headline) as segments, the whole text kept. */
export function highlight(text: string, query: string | QueryMatcher): TextSegment[] {
  return splitByRanges(text, (typeof query === 'string' ? new QueryMatcher(query) : query).ranges(text));
}
