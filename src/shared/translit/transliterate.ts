/**
 * Hindi (Devanagari) → readable Latin, the way Hindi news sites spell their
 * URL slugs: "किम ने पुतिन को भेजा नए साल का संदेश" → "kim ne putin ko bheja
 * naye saal ka sandesh". Readability beats reversibility: both ि/ी are "i",
 * ष/श are "sh", and the inherent vowel is dropped where Hindi speakers drop it.
 *
 * Each word is parsed into syllables (consonant cluster + vowel), the schwa
 * (inherent "a") is deleted by the usual rules, then the syllables are rendered.
 */
import {
  ANUSVARA, CHANDRABINDU, CONSONANTS, INDEPENDENT_VOWELS, LABIALS, NUKTA, NUKTA_CONSONANTS,
  OM, SEMIVOWELS, VIRAMA, VISARGA, VOWEL_SIGNS, devanagariDigitValue, isConsonant,
} from './devanagari.js';

/** Vowel slot states that are not a written vowel sign or letter. */
const INHERENT = 'अ'; // unwritten schwa, still pronounced
const DELETED = ''; // unwritten schwa, silent (schwa deletion)
const NO_VOWEL = VIRAMA; // explicitly killed with a virama

interface Syllable {
  /** Devanagari consonant letters of the cluster; a nukta letter is base + NUKTA. Empty for a bare vowel. */
  consonants: string[];
  /** A vowel sign (ा), an independent vowel letter (आ), or INHERENT / DELETED / NO_VOWEL. */
  vowel: string;
  /** Followed by a virama, so the next consonant joins this cluster. */
  joinsNext: boolean;
  nasal: boolean;
  visarga: boolean;
  /** Rendered as-is (ॐ). */
  literal?: string;
}

/** A Devanagari word: letters, signs and virama (U+0900–U+0963, U+0971–U+097F), with ZWJ/ZWNJ inside. */
const DEVANAGARI_WORD = /[\u0900-\u0963\u0971-\u097F][\u0900-\u0963\u0971-\u097F\u200C\u200D]*/g;
const DEVANAGARI_DIGIT = /[\u0966-\u096F]/g;
/** Danda, double danda and the abbreviation sign end a sentence or abbreviation like a full stop. */
const DEVANAGARI_STOPS = /[\u0964\u0965\u0970]/g;

/**
 * Second halves of common compounds and suffixes. Schwa deletion cannot see a
 * morpheme seam and may silence the wrong vowel beside it (कमलनाथ →
 * "kamlanath", खतरनाक → "khatranak"), so a word that contains one of these
 * after at least two letters is transliterated as two words: कमल + नाथ →
 * kamalnath, मुख्य + मंत्री → mukhyamantri.
 */
const COMPOUND_HEADS: readonly string[] = ['सभा', 'मंत्र', 'नगर', 'नाथ', 'नाक'];

/**
 * Monosyllables keep "aa" for ा (saal, baat, aaj, kaam), because "sal",
 * "bat" read as different words; these names are conventionally spelled
 * with a single "a" all the same.
 */
const SHORT_AA_MONOSYLLABLES: ReadonlySet<string> = new Set(['खान', 'शाह', 'राज', 'राम', 'पाक']);

/** Words whose usual spelling no rule produces. */
const LEXICON: Readonly<Record<string, string>> = {
  'डॉ': 'dr', // डॉ॰ मनमोहन सिंह → dr manmohan singh, not "do" (two)
};

/** Transliterates every Devanagari word, digit and danda in `s`; other text is kept as it is. */
export function transliterate(s: string): string {
  return s
    .normalize('NFC')
    .replace(DEVANAGARI_WORD, transliterateWord)
    .replace(DEVANAGARI_DIGIT, devanagariDigitValue)
    .replace(DEVANAGARI_STOPS, '.');
}

/** Transliterates one Devanagari word (no spaces or punctuation) to lowercase Latin. */
export function transliterateWord(word: string): string {
  return transliterateNfcWord(word.normalize('NFC'), false);
}

function transliterateNfcWord(word: string, inCompound: boolean): string {
  const known = LEXICON[word];
  if (known !== undefined) return known;
  const split = splitCompound(word);
  if (split) return transliterateNfcWord(split[0], true) + transliterateNfcWord(split[1], true);
  const syllables = parseSyllables(word);
  deleteSchwas(syllables);
  const longAa = !inCompound && !SHORT_AA_MONOSYLLABLES.has(word.replaceAll(NUKTA, ''));
  return renderSyllables(syllables, longAa);
}

function splitCompound(word: string): [string, string] | null {
  for (const head of COMPOUND_HEADS) {
    const at = word.indexOf(head, 2);
    if (at > 0 && word[at - 1] !== VIRAMA) return [word.slice(0, at), word.slice(at)];
  }
  return null;
}

function newSyllable(consonants: string[], vowel: string): Syllable {
  return { consonants, vowel, joinsNext: false, nasal: false, visarga: false };
}

function parseSyllables(word: string): Syllable[] {
  const syllables: Syllable[] = [];
  for (const ch of word) {
    const last = syllables.at(-1);
    if (isConsonant(ch)) {
      if (last?.joinsNext) {
        last.consonants.push(ch);
        last.vowel = INHERENT;
        last.joinsNext = false;
      } else {
        syllables.push(newSyllable([ch], INHERENT));
      }
    } else if (ch === NUKTA) {
      if (last && last.consonants.length > 0) last.consonants[last.consonants.length - 1] += NUKTA;
    } else if (ch === VIRAMA) {
      if (last && last.consonants.length > 0) {
        last.vowel = NO_VOWEL;
        last.joinsNext = true;
      }
    } else if (Object.hasOwn(VOWEL_SIGNS, ch)) {
      if (last && last.consonants.length > 0 && last.vowel === INHERENT) {
        last.vowel = ch;
      } else {
        syllables.push(newSyllable([], ch)); // stray sign: read it as a vowel
      }
    } else if (Object.hasOwn(INDEPENDENT_VOWELS, ch)) {
      syllables.push(newSyllable([], ch));
    } else if (ch === ANUSVARA || ch === CHANDRABINDU) {
      if (last) last.nasal = true;
      else syllables.push({ ...newSyllable([], NO_VOWEL), nasal: true });
    } else if (ch === VISARGA) {
      if (last) last.visarga = true;
    } else if (ch === OM) {
      syllables.push({ ...newSyllable([], NO_VOWEL), literal: 'om' });
    }
    // Anything else (avagraha ऽ, ZWJ/ZWNJ, Vedic accents) is silent.
  }
  return syllables;
}

function hasVowel(s: Syllable): boolean {
  return s.literal !== undefined || (s.vowel !== DELETED && s.vowel !== NO_VOWEL);
}

function baseLetter(consonant: string): string {
  return consonant.replace(NUKTA, '');
}

/**
 * Verb endings (infinitive ना/ने/नी, participle ता/ते/ती, conjunctive कर).
 * Before one of these the stem's own last schwa is the silent one
 * (बदलना → badal+na, उछलकर → uchhal+kar), so the medial rule scans right to left.
 */
function endsInVerbSuffix(syllables: readonly Syllable[]): boolean {
  const [beforeLast, last] = syllables.slice(-2);
  if (!last || !beforeLast) return false;
  const lastLetter = last.consonants.join('');
  if (['ा', 'े', 'ी'].includes(last.vowel) && (lastLetter === 'न' || lastLetter === 'त')) return true;
  return lastLetter === 'र' && beforeLast.consonants.join('') === 'क' && beforeLast.vowel === INHERENT;
}

/**
 * Schwa deletion (after Ohala's rule as used in Hindi TTS):
 * - word-final: the last inherent "a" is silent (पुतिन → putin), except in a
 *   one-syllable word (न → na), with a nasal or visarga, after a conjunct
 *   ending in a semivowel (मित्र → mitra, राज्य → rajya), and in -iya endings
 *   (भारतीय → bhartiya);
 * - medial: a schwa in the context V C _ C V (single consonants on both sides,
 *   the left vowel not nasalised) is silent (सरकार → sarkar, अपना → apna).
 *   Deleting one schwa protects its neighbour, so with two candidates in a row
 *   the scan direction decides: left to right by default (जनवरी → janvari,
 *   सहमति → sahmati, जलभराव → jalbharav), right to left before a verb ending
 *   (बदलना → badalna, सफलता → saphalta).
 */
function deleteSchwas(syllables: Syllable[]): void {
  const n = syllables.length;
  const last = syllables[n - 1];
  if (n > 1 && last.vowel === INHERENT && !last.nasal && !last.visarga && !keepsFinalSchwa(syllables)) {
    last.vowel = DELETED;
  }
  const medial = Array.from({ length: Math.max(0, n - 2) }, (_, k) => k + 1);
  if (endsInVerbSuffix(syllables)) medial.reverse();
  for (const i of medial) {
    const prev = syllables[i - 1];
    const cur = syllables[i];
    const next = syllables[i + 1];
    const deletable =
      cur.vowel === INHERENT && !cur.nasal && !cur.visarga && cur.consonants.length === 1 &&
      hasVowel(prev) && !prev.nasal && !prev.visarga &&
      next.consonants.length === 1 && hasVowel(next);
    if (deletable) cur.vowel = DELETED;
  }
}

function keepsFinalSchwa(syllables: Syllable[]): boolean {
  const last = syllables[syllables.length - 1];
  const cluster = last.consonants.map(baseLetter);
  const final = cluster[cluster.length - 1];
  if (cluster.length >= 2 && SEMIVOWELS.has(final)) return true;
  const before = syllables[syllables.length - 2]?.vowel;
  return cluster.length === 1 && final === 'य' && (before === 'ि' || before === 'ी' || before === 'इ' || before === 'ई');
}

/** `longAa`: a closed monosyllable may spell ा as "aa" (off inside compounds and for SHORT_AA_MONOSYLLABLES). */
function renderSyllables(syllables: Syllable[], longAa: boolean): string {
  const vowelCount = syllables.filter(hasVowel).length;
  // Only a simple onset: ज्ञान → gyan and प्राण → pran read fine with one "a".
  const monosyllable = longAa && vowelCount === 1 && syllables[0].consonants.length <= 1;
  let out = '';
  syllables.forEach((s, i) => {
    if (s.literal !== undefined) {
      out += s.literal;
      return;
    }
    const isLast = i === syllables.length - 1;
    const afterVowel = i > 0 && hasVowel(syllables[i - 1]);
    out += renderCluster(s.consonants, i === 0, s.vowel);
    out += renderVowel(s, { isLast, afterVowel, monosyllable });
    if (s.nasal) out += renderNasal(syllables[i + 1], syllables[i + 2] === undefined);
    if (s.visarga) out += 'h';
  });
  return out;
}

/**
 * व is "w" inside a conjunct (स्वामी → swami, विश्व → vishwa) and before ा
 * inside a word (दिवाली → diwali, जवान → jawan, केजरीवाल → kejriwal), "v" elsewhere
 * (विकास → vikas, चुनाव → chunav, वाराणसी → varanasi).
 */
function renderCluster(cluster: readonly string[], wordInitial: boolean, vowel: string): string {
  let out = '';
  for (let i = 0; i < cluster.length; i++) {
    const c = cluster[i];
    const next = cluster[i + 1];
    if (c === 'ज' && next === 'ञ') {
      out += 'gy'; // ज्ञ: ज्ञान → gyan
      i++;
    } else if (c === 'च' && next === 'छ') {
      out += 'chh'; // च्छ: अच्छा → achha, not "achchha"
      i++;
    } else if (c === 'व' && (i > 0 || (!wordInitial && vowel === 'ा'))) {
      out += 'w';
    } else {
      out += consonantLatin(c);
    }
  }
  return out;
}

function consonantLatin(c: string): string {
  if (c.endsWith(NUKTA)) {
    const base = baseLetter(c);
    return NUKTA_CONSONANTS[base] ?? CONSONANTS[base] ?? '';
  }
  return CONSONANTS[c] ?? '';
}

interface VowelContext {
  isLast: boolean;
  /** The previous syllable ends in a vowel, so an independent ए sounds "ye" (नए → naye). */
  afterVowel: boolean;
  /** The word has a single pronounced vowel (ा → "aa" when closed: साल → saal). */
  monosyllable: boolean;
}

function renderVowel(s: Syllable, ctx: VowelContext): string {
  const v = s.vowel;
  if (v === INHERENT) return 'a';
  if (v === DELETED || v === NO_VOWEL) return '';
  if (v === 'ा' || v === 'आ') return ctx.monosyllable && (!ctx.isLast || s.nasal) ? 'aa' : 'a';
  if (v === 'ए' && ctx.afterVowel) return 'ye';
  // Final nasalised े is spelt "ein" in casual Hindi (में → mein, बातें → batein).
  if (v === 'े' && s.nasal && ctx.isLast) return 'ei';
  return VOWEL_SIGNS[v] ?? INDEPENDENT_VOWELS[v] ?? '';
}

/** Anusvara/chandrabindu: "m" before a labial (मुंबई → mumbai), "ng" in final ंह (सिंह → singh), else "n". */
function renderNasal(next: Syllable | undefined, nextIsLast: boolean): string {
  const first = next?.consonants[0];
  if (first === undefined) return 'n';
  const letter = baseLetter(first);
  if (LABIALS.has(letter)) return 'm';
  if (letter === 'ह' && nextIsLast && next !== undefined && !hasVowel(next)) return 'ng';
  return 'n';
}
