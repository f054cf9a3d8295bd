/** Devanagari → Latin for people (readable slugs); see search/text for the matching keys. */
export { transliterate, transliterateWord } from './transliterate.js';
export { slugify, HINDI_SLUG_PARTICLES } from './slugify.js';
export type { SlugOptions } from './slugify.js';
