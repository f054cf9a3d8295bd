/**
 * URL slugs for Hindi-first headlines: Hindi is transliterated (see
 * transliterate.ts), English words are kept, the result is lowercase ASCII
 * words joined by single hyphens.
 */
import { transliterate } from './transliterate.js';

export interface SlugOptions {
  /** Leave out the Hindi particles in HINDI_SLUG_PARTICLES (ने को का …). Default false. */
  dropParticles?: boolean;
  /** Longest slug, in characters; the cut falls on a word boundary. Default 80. */
  maxLength?: number;
}

/** Grammatical particles that carry no meaning in a slug. */
export const HINDI_SLUG_PARTICLES: ReadonlySet<string> = new Set([
  'ने', 'को', 'का', 'की', 'के', 'में', 'से', 'है', 'और',
]);

const DEFAULT_MAX_LENGTH = 80;
/** Words of the source text: letters, combining marks, digits, apostrophes (so "Modi's" stays one word). */
const SOURCE_WORD = /[\p{L}\p{M}\p{N}'’]+/gu;
const APOSTROPHES = /['’]/g;
const COMBINING_MARKS = /\p{M}/gu;
const NON_SLUG_RUN = /[^a-z0-9]+/;

interface SlugWord {
  text: string;
  particle: boolean;
}

/**
 * Slug for `s`: at most `maxWords` words and `options.maxLength` (80) characters,
 * only [a-z0-9-], no leading, trailing or doubled hyphens. Returns '' when
 * nothing sluggable is left (empty input, other scripts only); the caller
 * decides on a fallback.
 */
export function slugify(s: string, maxWords = 8, options: SlugOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const words = slugWords(s).filter((w) => !(options.dropParticles && w.particle));

  const kept: SlugWord[] = [];
  let length = 0;
  for (const word of words) {
    const added = kept.length === 0 ? word.text.length : word.text.length + 1;
    if (kept.length >= maxWords || length + added > maxLength) break;
    kept.push(word);
    length += added;
  }
  if (kept.length === 0) {
    // A single word longer than the limit is cut rather than lost.
    return words.length > 0 && maxWords > 0 ? words[0].text.slice(0, maxLength) : '';
  }
  // Cutting a headline short can leave it hanging on "…-saal-ka"; end on a content word instead.
  if (kept.length < words.length) {
    while (kept.length > 1 && kept[kept.length - 1].particle) kept.pop();
  }
  return kept.map((w) => w.text).join('-');
}

function slugWords(s: string): SlugWord[] {
  const out: SlugWord[] = [];
  for (const [source] of s.normalize('NFC').matchAll(SOURCE_WORD)) {
    const particle = HINDI_SLUG_PARTICLES.has(source);
    const ascii = transliterate(source)
      .normalize('NFKD') // café → cafe + ◌́, and the mark is dropped next
      .replace(COMBINING_MARKS, '')
      .toLowerCase()
      .replace(APOSTROPHES, '');
    for (const text of ascii.split(NON_SLUG_RUN)) {
      if (text !== '') out.push({ text, particle });
    }
  }
  return out;
}
