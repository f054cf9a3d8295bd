import { docText, type Doc } from '../content/index.js';
import { ROMAN_KEY_PREFIX, wordSpans, wordTerms } from './text/index.js';
import type { IndexedText } from './indexes/index.js';

/**
 * What the index holds for one story, computed from the story alone (no queries), the same way on
 * both engines: index terms per field, the story's place in time (sort key) and its keywords.
 */

/** Everything about a story that its search entry is made from. */
export interface SearchSource {
  id: number;
  headline: string;
  summary: string;
  doc: Doc;
  tagNames: string[];
  status: string;
  access: string;
  deskId: number;
  publishedAt: string | null;
  modifiedAt: string;
}

export interface SearchEntry {
  articleId: number;
  sortKey: number;
  isPublic: boolean;
  headTerms: string;
  summaryTerms: string;
  text: IndexedText;
  keywords: { term: string; weight: number }[];
}

/** 2^22: the low bits of a sort key hold the story id, the high bits the minute. */
export const SORT_KEY_ID_SPAN = 4_194_304;

/** The minute of `at` (ISO) and the id's low bits as one integer; well inside 2^53 for any real date. */
export function sortKeyOf(at: string, id: number): number {
  return Math.floor(Date.parse(at) / 60_000) * SORT_KEY_ID_SPAN + (id % SORT_KEY_ID_SPAN);
}

/** The instant a sort key stands for (to the minute). */
export function sortKeyTime(sortKey: number): number {
  return Math.floor(sortKey / SORT_KEY_ID_SPAN) * 60_000;
}

/** Inclusive sort-key bounds of everything from `from` up to `to` (instants). */
export function sortKeyRange(from: Date | undefined, to: Date | undefined): { minSortKey?: number; maxSortKey?: number } {
  return {
    ...(from ? { minSortKey: Math.floor(from.getTime() / 60_000) * SORT_KEY_ID_SPAN } : {}),
    ...(to ? { maxSortKey: Math.floor(to.getTime() / 60_000) * SORT_KEY_ID_SPAN + SORT_KEY_ID_SPAN - 1 } : {}),
  };
}

/**
 * wordTerms with a memory: news text repeats a small vocabulary, and stemming plus transliteration
 * per word is most of the cost of indexing (about 25 times faster with the memory on bench text).
 */
export class TermMemo {
  private readonly map = new Map<string, string[]>();
  constructor(private readonly max = 200_000) {}
  terms(word: string): string[] {
    let t = this.map.get(word);
    if (!t) {
      if (this.map.size >= this.max) this.map.clear();
      t = wordTerms(word);
      this.map.set(word, t);
    }
    return t;
  }
  /** Terms per word of `text`, stop words left out. */
  words(text: string): string[][] {
    const out: string[][] = [];
    for (const w of wordSpans(text)) {
      const t = this.terms(w.text);
      if (t.length) out.push(t);
    }
    return out;
  }
}

/** "t1|t2 t3": terms per word, words by spaces (terms never hold either character). */
export const encodeWords = (words: string[][]) => words.map((w) => w.join('|')).join(' ');
export const decodeWords = (s: string): string[][] => (s ? s.split(' ').map((w) => w.split('|')) : []);

const isRomanKey = (t: string) => t.startsWith(ROMAN_KEY_PREFIX);
const NUMBER = /^[\p{N}.,]+$/u;

/** Field weights for choosing keywords: what a headline says is what a story is about. */
const KEYWORD_WEIGHTS = { head: 3, summary: 2, body: 1 } as const;
export const KEYWORDS_PER_STORY = 8;

/** The story's most telling stems (headline over summary over body), for related stories. */
export function keywordsOf(head: string[][], summary: string[][], body: string[][]): { term: string; weight: number }[] {
  const weight = new Map<string, number>();
  const add = (words: string[][], w: number) => {
    for (const word of words) {
      const stem = word[0]!;
      if (isRomanKey(stem) || NUMBER.test(stem) || [...stem].length < 2) continue;
      weight.set(stem, (weight.get(stem) ?? 0) + w);
    }
  };
  add(head, KEYWORD_WEIGHTS.head);
  add(summary, KEYWORD_WEIGHTS.summary);
  add(body, KEYWORD_WEIGHTS.body);
  // Map order is first appearance, and sort is stable: equal weights keep the headline's words first.
  return [...weight].sort((a, b) => b[1] - a[1]).slice(0, KEYWORDS_PER_STORY).map(([term, w]) => ({ term, weight: w }));
}

export function buildEntry(src: SearchSource, memo: TermMemo): SearchEntry {
  const head = memo.words(src.headline);
  const summary = memo.words(src.summary);
  const bodyText = [docText(src.doc), src.tagNames.join(' ')].filter(Boolean).join('\n');
  const body = memo.words(bodyText);
  const isPublic = src.status === 'published';
  const sortKey = sortKeyOf(src.publishedAt ?? src.modifiedAt, src.id);
  const bodyStems: string[] = [];
  const bodyKeys: string[] = [];
  for (const w of body) for (const t of w) (isRomanKey(t) ? bodyKeys : bodyStems).push(t);
  return {
    articleId: src.id,
    sortKey,
    isPublic,
    headTerms: encodeWords(head),
    summaryTerms: encodeWords(summary),
    text: { sortKey, head: head.flat(), summary: summary.flat(), bodyStems, bodyKeys },
    keywords: isPublic ? keywordsOf(head, summary, body) : [],
  };
}
