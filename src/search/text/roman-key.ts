/**
 * Roman keys: a lossy phonetic skeleton of a word, computed the same way for
 * a Hindi word (via transliteration) and for a Latin word, so that the many
 * casual romanizations of a Hindi word land on one key: "putin" ~ पुतिन,
 * "bharath" ~ भारत, "chunaav" ~ चुनाव. Used only as an extra match channel
 * (Latin query → Hindi text), never shown to anyone.
 */
import { transliterate } from '../../shared/translit/transliterate.js';
import { normalizeText } from './normalize.js';
import { isDevanagariWord } from './script.js';

/**
 * Rewrite rules from a romanization to its skeleton, applied in order. Each
 * folds a distinction that casual romanization does not make reliably.
 */
const SKELETON_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/[^a-z]/g, ''], // letters only
  // Letters with a two-way spelling.
  [/x/g, 'ks'], // laxmi ~ lakshmi
  [/q/g, 'k'], // qila ~ kila
  [/z/g, 'j'], // zindagi ~ jindagi (nukta is often left out)
  [/w/g, 'v'], // kejriwal ~ kejrival
  // English "c": ck → k, soft c → s, hard c → k; what is left is "ch"/"chh", one sound for us.
  [/ck/g, 'k'],
  [/c(?=[eiy])/g, 's'],
  [/c(?!h)/g, 'k'],
  [/chh?/g, 'c'],
  [/ph/g, 'f'], // phool ~ fool, फ ~ फ़
  // Aspiration is written or not at will: bh → b, dh → d, th → t, kh → k, sh → s, …
  [/([bcdfgjklmnprstv])h/g, '$1'],
  [/h$/, ''], // bharath, shah ~ sha
  // Vowel length: aa → a, ee/ii → i, oo/uu → u.
  [/aa/g, 'a'],
  [/ee|ii/g, 'i'],
  [/oo|uu/g, 'u'],
  // y between vowels is a glide (naye ~ nae, riyaz ~ riaz); not before a vowel
  // it is the vowel i (jaypur ~ jaipur, bhartiy ~ bhartiya).
  [/([aeiou])y(?=[aeiou])/g, '$1'],
  [/y(?![aeiou])/g, 'i'],
  [/ea/g, 'i'], // English loans: team ~ टीम, leader ~ लीडर
  // "a" before another vowel: diphthongs are spelt every which way (hain ~ hen,
  // naye ~ nae ~ ne); keep only the second vowel.
  [/a(?=[eiou])/g, ''],
  // Nasal before a labial: mumbai ~ munbai (anusvara).
  [/m(?=[bpf])/g, 'n'],
  // "a" between consonants is the inherent vowel, which romanizations keep or
  // drop at will (mamata ~ mamta, khatarnak ~ khatranak): drop it. Other
  // vowels stay, so keys are still distinctive (bharat → brt, bihar → bihr).
  [/(?<=[^aeiou])a(?=[^aeiou])/g, ''],
  [/(.)\1+/g, '$1'], // doubled letters: dilli ~ dili, saal ~ sal
  [/(?<=.)a$/, ''], // final a: rishta ~ risht (also what the stemmer leaves)
];

/** Lowercase Latin (or any script, by transliteration) → skeleton. */
function skeleton(latin: string): string {
  let key = latin.toLowerCase();
  for (const [pattern, replacement] of SKELETON_RULES) key = key.replace(pattern, replacement);
  return key;
}

/**
 * Phonetic key of one word, Devanagari or Latin; '' when the word has no
 * letters to key on (numbers, other scripts).
 */
export function romanKey(word: string): string {
  const normalized = normalizeText(word);
  return skeleton(isDevanagariWord(normalized) ? transliterate(normalized) : normalized);
}
