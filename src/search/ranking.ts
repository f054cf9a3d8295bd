/**
 * How search results are ordered: one pure function over what both engines report in the same way
 * (which stories match, their headline and summary terms, document frequencies), so that SQLite and
 * PostgreSQL order the same data the same way.
 *
 * score = Σ over query words of idf(word) · sat(field-weighted frequency)   (BM25F-like)
 *         × phrase boost (the words in query order, side by side)
 *         × recency (news: a story loses value over weeks, never all of it)
 *
 * Frequencies are counted in the headline and the summary, whose terms ride along with every
 * candidate; a word found in neither was found in the body (the story matched), and counts once
 * there. Ties go to the newer story.
 */
import { decodeWords, sortKeyTime } from './document.js';
import type { TermGroup } from './indexes/index.js';

export const WEIGHTS = { head: 3, summary: 1.8, body: 1 } as const;
/** BM25's saturation: the third mention of a word adds much less than the first. */
export const K1 = 1.2;
export const PHRASE_BOOST = { head: 1.6, summary: 1.35, body: 1.2 } as const;
/** Recency: 0.35 + 0.65 · 2^(-age / 14 days): today 1, a week 0.81, a month 0.49, old stories 0.35. */
export const RECENCY = { floor: 0.35, halfLifeDays: 14 } as const;
/** Document frequencies (and so idf) are computed over the newest this many stories. */
export const DF_SAMPLE = 1000;

export function idf(df: number, n: number): number {
  const d = Math.max(0, Math.min(df, n));
  return Math.log(1 + (n - d + 0.5) / (d + 0.5));
}

export function recency(ageMs: number): number {
  const days = Math.max(0, ageMs) / 86_400_000;
  return RECENCY.floor + (1 - RECENCY.floor) * 2 ** (-days / RECENCY.halfLifeDays);
}

const saturate = (tf: number) => (tf * (K1 + 1)) / (tf + K1);

const holds = (word: readonly string[], group: TermGroup) => word.some((t) => group.includes(t));

/** How many words of `words` match `group`. */
export function frequency(words: readonly (readonly string[])[], group: TermGroup): number {
  let n = 0;
  for (const w of words) if (holds(w, group)) n++;
  return n;
}

/** The groups, in order, matched by consecutive words somewhere in `words`. */
export function hasPhrase(words: readonly (readonly string[])[], groups: readonly TermGroup[]): boolean {
  if (groups.length < 2) return false;
  outer: for (let i = 0; i + groups.length <= words.length; i++) {
    for (let k = 0; k < groups.length; k++) if (!holds(words[i + k]!, groups[k]!)) continue outer;
    return true;
  }
  return false;
}

export interface Scorable {
  sortKey: number;
  headTerms: string;
  summaryTerms: string;
}

export interface Scored<T> {
  item: T;
  score: number;
  /** Where the query words stood side by side, if anywhere we know of. */
  phrase: 'head' | 'summary' | 'body' | null;
}

/**
 * A query compiled for scoring many candidates: which groups each word of an encoded field
 * ("t1|t2 t3") matches, as a bitmask, in one pass over the text, without splitting every word into
 * arrays (ranking looks at a few hundred candidates per search).
 */
export class CompiledQuery {
  /** term → bitmask of the groups it belongs to (up to 31 groups; more fall back to word lists). */
  private readonly masks = new Map<string, number>();
  private readonly wide: boolean;
  constructor(readonly groups: readonly TermGroup[]) {
    this.wide = groups.length > 31;
    groups.forEach((g, i) => {
      for (const t of g) this.masks.set(t, (this.masks.get(t) ?? 0) | (1 << i));
    });
  }

  /** Per group, how many words of the field match it; and whether the groups stand in order side by side. */
  field(encoded: string): { tf: number[]; phrase: boolean } {
    const n = this.groups.length;
    if (this.wide) {
      const words = decodeWords(encoded);
      return { tf: this.groups.map((g) => frequency(words, g)), phrase: hasPhrase(words, this.groups) };
    }
    const tf = new Array<number>(n).fill(0);
    if (!encoded) return { tf, phrase: false };
    // One pass over "t1|t2 t3": a term ends at "|" or " ", a word at " ".
    const words: number[] = [];
    let mask = 0;
    let start = 0;
    for (let i = 0; i <= encoded.length; i++) {
      const ch = i === encoded.length ? 32 : encoded.charCodeAt(i);
      if (ch !== 124 && ch !== 32) continue;
      mask |= this.masks.get(encoded.slice(start, i)) ?? 0;
      start = i + 1;
      if (ch === 32) {
        words.push(mask);
        mask = 0;
      }
    }
    for (const m of words) for (let g = 0; g < n; g++) if (m & (1 << g)) tf[g]!++;
    let phrase = false;
    if (n >= 2) {
      outer: for (let i = 0; i + n <= words.length; i++) {
        for (let k = 0; k < n; k++) if (!(words[i + k]! & (1 << k))) continue outer;
        phrase = true;
        break;
      }
    }
    return { tf, phrase };
  }
}

export function scoreOne<T extends Scorable>(item: T, query: CompiledQuery | readonly TermGroup[], idfs: readonly number[], now: number, bodyPhrase: boolean): Scored<T> {
  const q = query instanceof CompiledQuery ? query : new CompiledQuery(query);
  const head = q.field(item.headTerms);
  const summary = q.field(item.summaryTerms);
  let text = 0;
  for (let i = 0; i < q.groups.length; i++) {
    const inHead = head.tf[i]!;
    const inSummary = summary.tf[i]!;
    const weighted = WEIGHTS.head * inHead + WEIGHTS.summary * inSummary + (inHead + inSummary === 0 ? WEIGHTS.body : 0);
    text += idfs[i]! * saturate(weighted);
  }
  const phrase = head.phrase ? 'head' : summary.phrase ? 'summary' : bodyPhrase ? 'body' : null;
  const boost = phrase ? PHRASE_BOOST[phrase] : 1;
  return { item, score: text * boost * recency(now - sortKeyTime(item.sortKey)), phrase };
}

/** Best first; equal scores newest first, then by sort key (unique), so the order is total. */
export function rank<T extends Scorable>(items: readonly T[], groups: readonly TermGroup[], idfs: readonly number[], now: number, bodyPhrase: ReadonlySet<T> = new Set()): Scored<T>[] {
  const q = new CompiledQuery(groups);
  return items
    .map((it) => scoreOne(it, q, idfs, now, bodyPhrase.has(it)))
    .sort((a, b) => b.score - a.score || b.item.sortKey - a.item.sortKey);
}
