/**
 * Hindi/English search text pipeline, shared by indexing and querying.
 * Contract: index a document as indexTokens(text); queryTokens(q) returns one
 * group of alternatives per query word — OR within a group, AND across groups.
 * Tokens compare only with tokens made by this same code: reindex when it changes.
 */
export { normalizeText } from './normalize.js';
export { tokenize, wordSpans } from './tokenize.js';
export type { WordSpan } from './tokenize.js';
export { ENGLISH_STOP_WORDS, HINDI_STOP_WORDS, ROMANIZED_HINDI_STOP_WORDS, isStopWord } from './stopwords.js';
export { stem } from './stem.js';
export { isDevanagariWord, isLatinWord } from './script.js';
export { stemEnglish } from './english-stem.js';
export { romanKey } from './roman-key.js';
export { ROMAN_KEY_PREFIX, indexTokens, queryTokens, wordTerms } from './pipeline.js';
export { findMatchRanges, splitByRanges } from './highlight.js';
export type { TextRange, TextSegment } from './highlight.js';
