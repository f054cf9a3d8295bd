/**
 * Search normalization: folds spellings of the same Hindi word that writers
 * use interchangeably, so that index and query meet. Lossy on purpose; never
 * use the result for display.
 */
import {
  ANUSVARA, CHANDRABINDU, NUKTA, PRECOMPOSED_NUKTA_TO_PLAIN, VARGAS, VIRAMA, ZWJ, ZWNJ,
  devanagariDigitValue,
} from '../../shared/translit/devanagari.js';

const JOINERS = new RegExp(`[${ZWJ}${ZWNJ}]`, 'g');
const PRECOMPOSED_NUKTA = new RegExp(`[${Object.keys(PRECOMPOSED_NUKTA_TO_PLAIN).join('')}]`, 'g');
const NUKTA_SIGN = new RegExp(NUKTA, 'g');
const CHANDRABINDU_SIGN = new RegExp(CHANDRABINDU, 'g');
const DEVANAGARI_DIGIT = /[\u0966-\u096F]/g;

/**
 * Panchham varna: a varga's own nasal + virama before a stop of the same varga
 * is written either way (हिन्दी/हिंदी, सम्बन्ध/संबंध, घण्टा/घंटा); fold to the
 * anusvara. The nasal before itself (अन्न, सम्मान) or before य/र/ल/व/ह (अन्य,
 * उन्हें) is a real consonant and stays.
 *
 * One extension beyond the varga rule: न् before a retroflex stop, which is
 * how English loans are often spelt (इन्टरनेट/इंटरनेट, सेन्टर/सेंटर).
 */
const NASAL_BEFORE_OWN_VARGA: readonly RegExp[] = [
  ...VARGAS.map(({ nasal, stops }) => new RegExp(`${nasal}${VIRAMA}(?=[${stops.join('')}])`, 'g')),
  new RegExp(`न${VIRAMA}(?=[टठडढ])`, 'g'),
];

/**
 * NFC; nukta letters → plain letters (ज़ → ज, ड़ → ड); chandrabindu → anusvara;
 * ZWJ/ZWNJ removed; nasal + virama before its own varga → anusvara;
 * Devanagari digits → ASCII; lowercase. Idempotent.
 */
export function normalizeText(s: string): string {
  let out = s
    .normalize('NFC')
    .replace(JOINERS, '') // first, so a joiner cannot hide a nukta or a virama + consonant
    .replace(PRECOMPOSED_NUKTA, (ch) => PRECOMPOSED_NUKTA_TO_PLAIN[ch])
    .replace(NUKTA_SIGN, '')
    .replace(CHANDRABINDU_SIGN, ANUSVARA);
  for (const rule of NASAL_BEFORE_OWN_VARGA) out = out.replace(rule, ANUSVARA);
  return out.replace(DEVANAGARI_DIGIT, devanagariDigitValue).toLowerCase().normalize('NFC');
}
