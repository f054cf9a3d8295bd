/**
 * Devanagari character tables shared by transliteration (slugs) and the search
 * text pipeline. Latin values are the casual, readable romanization Hindi
 * readers type ("sh", "chh", "aa"), not a scholarly scheme such as IAST.
 */

export const VIRAMA = '\u094D'; // ्  kills the inherent vowel, joins conjuncts
export const NUKTA = '\u093C'; // ़  dot below: क़ ज़ फ़ ड़ …
export const ANUSVARA = '\u0902'; // ं
export const CHANDRABINDU = '\u0901'; // ँ
export const VISARGA = '\u0903'; // ः
export const AVAGRAHA = '\u093D'; // ऽ
export const OM = '\u0950'; // ॐ
export const DANDA = '\u0964'; // ।
export const DOUBLE_DANDA = '\u0965'; // ॥
export const ABBREVIATION_SIGN = '\u0970'; // ॰  as in डॉ॰
export const ZWNJ = '\u200C';
export const ZWJ = '\u200D';

/** Plain consonants → Latin, laid out by varga (row = place of articulation). */
export const CONSONANTS: Readonly<Record<string, string>> = {
  'क': 'k', 'ख': 'kh', 'ग': 'g', 'घ': 'gh', 'ङ': 'n', // velar
  'च': 'ch', 'छ': 'chh', 'ज': 'j', 'झ': 'jh', 'ञ': 'n', // palatal
  'ट': 't', 'ठ': 'th', 'ड': 'd', 'ढ': 'dh', 'ण': 'n', // retroflex
  'त': 't', 'थ': 'th', 'द': 'd', 'ध': 'dh', 'न': 'n', // dental
  'प': 'p', 'फ': 'ph', 'ब': 'b', 'भ': 'bh', 'म': 'm', // labial
  'य': 'y', 'र': 'r', 'ल': 'l', 'व': 'v', // semivowels
  'श': 'sh', 'ष': 'sh', 'स': 's', 'ह': 'h', // sibilants, aspirate
  'ळ': 'l', 'ऩ': 'n', 'ऱ': 'r', 'ऴ': 'l', // rare (Marathi/Dravidian loans)
};

/**
 * Consonant + nukta → Latin. Keyed by the base letter: NFC stores क़ … य़
 * (U+0958–U+095F) decomposed as base + U+093C, so that is what parsers see.
 * ड़/ढ़ are written "d"/"dh" because that is how Hindi news slugs spell
 * them (ladki, sadak, padhai).
 */
export const NUKTA_CONSONANTS: Readonly<Record<string, string>> = {
  'क': 'q', 'ख': 'kh', 'ग': 'gh', 'ज': 'z',
  'ड': 'd', 'ढ': 'dh', 'फ': 'f', 'य': 'y',
};

/**
 * Precomposed nukta letters (U+0958–U+095F plus ऩ ऱ ऴ) → plain letter.
 * Used by search normalization, which folds nukta spellings together.
 */
export const PRECOMPOSED_NUKTA_TO_PLAIN: Readonly<Record<string, string>> = {
  '\u0958': 'क', '\u0959': 'ख', '\u095A': 'ग', '\u095B': 'ज',
  '\u095C': 'ड', '\u095D': 'ढ', '\u095E': 'फ', '\u095F': 'य',
  '\u0929': 'न', '\u0931': 'र', '\u0934': 'ळ',
};

/** Dependent vowel signs (matras) → Latin. ा is special-cased by the transliterator (a/aa). */
export const VOWEL_SIGNS: Readonly<Record<string, string>> = {
  'ा': 'a', 'ि': 'i', 'ी': 'i', 'ु': 'u', 'ू': 'u',
  'ृ': 'ri', 'ॄ': 'ri', 'ॢ': 'li', 'ॣ': 'li',
  'ॅ': 'e', 'ॆ': 'e', 'े': 'e', 'ै': 'ai',
  'ॉ': 'o', 'ॊ': 'o', 'ो': 'o', 'ौ': 'au',
};

/** Independent (word-initial or post-vowel) vowel letters → Latin. */
export const INDEPENDENT_VOWELS: Readonly<Record<string, string>> = {
  'अ': 'a', 'आ': 'a', 'इ': 'i', 'ई': 'i', 'उ': 'u', 'ऊ': 'u',
  'ऋ': 'ri', 'ॠ': 'ri', 'ऌ': 'li', 'ॡ': 'li',
  'ऍ': 'e', 'ऎ': 'e', 'ए': 'e', 'ऐ': 'ai',
  'ऑ': 'o', 'ऒ': 'o', 'ओ': 'o', 'औ': 'au', 'ॲ': 'a',
};

/** The five vargas: stops of one place of articulation and their nasal. */
export interface Varga {
  readonly nasal: string;
  readonly stops: readonly string[];
}
export const VARGAS: readonly Varga[] = [
  { nasal: 'ङ', stops: ['क', 'ख', 'ग', 'घ'] },
  { nasal: 'ञ', stops: ['च', 'छ', 'ज', 'झ'] },
  { nasal: 'ण', stops: ['ट', 'ठ', 'ड', 'ढ'] },
  { nasal: 'न', stops: ['त', 'थ', 'द', 'ध'] },
  { nasal: 'म', stops: ['प', 'फ', 'ब', 'भ'] },
];

/** Letters before which an anusvara is pronounced "m" (labial varga, plus म itself). */
export const LABIALS: ReadonlySet<string> = new Set(['प', 'फ', 'ब', 'भ', 'म']);

/** Semivowels: a conjunct ending in one of these keeps its final schwa (mitra, rajya, shukla, vishwa). */
export const SEMIVOWELS: ReadonlySet<string> = new Set(['य', 'र', 'ल', 'व']);

/** Devanagari digits ०–९, indexed by value. */
export const DEVANAGARI_DIGITS = '०१२३४५६७८९';

export function isDevanagariDigit(ch: string): boolean {
  return ch >= '०' && ch <= '९';
}

export function devanagariDigitValue(ch: string): string {
  return String(DEVANAGARI_DIGITS.indexOf(ch));
}

export function isConsonant(ch: string): boolean {
  return Object.hasOwn(CONSONANTS, ch);
}
