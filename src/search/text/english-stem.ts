/**
 * A light English stemmer: Porter's step 1 (plurals, -ed, -ing, -y) plus the
 * final-e rule of step 5. It stops there on purpose: full Porter conflates
 * too much for news search (university/universe, policy/police/polic…),
 * while step 1 is what makes "elections"/"election", "voted"/"voting"/"vote"
 * and "policies"/"policy" meet. Input: a lowercase word.
 */

/** Words whose final "s" is not a plural ending, and that full Porter would mangle. */
const UNSTEMMED: ReadonlySet<string> = new Set([
  'news', 'series', 'species', 'always', 'perhaps', 'whereas', 'thus', 'does', 'this',
]);

export function stemEnglish(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word) || UNSTEMMED.has(word)) return word;
  return removeFinalE(replaceFinalY(removeEdIng(removePlural(word))));
}

/** Step 1a: caresses → caress, ponies → poni, cats → cat; keeps bus, virus, crisis, glass. */
function removePlural(w: string): string {
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ies')) return w.slice(0, -2);
  if (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is') || w.length <= 3) return w;
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

/** Step 1b: agreed → agree, elected → elect, running → run, hoping → hope. */
function removeEdIng(w: string): string {
  if (w.endsWith('eed')) return measure(w.slice(0, -3)) > 0 ? w.slice(0, -1) : w;
  for (const suffix of ['ed', 'ing']) {
    if (!w.endsWith(suffix)) continue;
    const stem = w.slice(0, -suffix.length);
    if (!containsVowel(stem)) return w;
    if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return stem + 'e';
    if (endsWithDoubleConsonant(stem) && !/[lsz]$/.test(stem)) return stem.slice(0, -1);
    if (measure(stem) === 1 && endsCvc(stem)) return stem + 'e';
    return stem;
  }
  return w;
}

/** Step 1c: happy → happi, so that happy/happiness and policy/policies share a stem. */
function replaceFinalY(w: string): string {
  return w.endsWith('y') && containsVowel(w.slice(0, -1)) ? w.slice(0, -1) + 'i' : w;
}

/** Step 5a: unite → unit, increase → increas; hope and rate keep their e (m = 1 and cvc). */
function removeFinalE(w: string): string {
  if (!w.endsWith('e')) return w;
  const stem = w.slice(0, -1);
  const m = measure(stem);
  return m > 1 || (m === 1 && !endsCvc(stem)) ? stem : w;
}

/** Porter's consonant: not a vowel, and "y" only when it follows a vowel or starts the word. */
function isConsonant(w: string, i: number): boolean {
  const c = w[i];
  if ('aeiou'.includes(c)) return false;
  if (c === 'y') return i === 0 || !isConsonant(w, i - 1);
  return true;
}

/** Porter's m: the number of vowel→consonant transitions ([C](VC)^m[V]). */
function measure(w: string): number {
  let m = 0;
  for (let i = 1; i < w.length; i++) {
    if (isConsonant(w, i) && !isConsonant(w, i - 1)) m++;
  }
  return m;
}

function containsVowel(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (!isConsonant(w, i)) return true;
  return false;
}

function endsWithDoubleConsonant(w: string): boolean {
  const n = w.length;
  return n >= 2 && w[n - 1] === w[n - 2] && isConsonant(w, n - 1);
}

/** Ends consonant-vowel-consonant, the last not w, x or y (hop, rat, but not snow, box, play). */
function endsCvc(w: string): boolean {
  const n = w.length;
  return (
    n >= 3 && isConsonant(w, n - 1) && !isConsonant(w, n - 2) && isConsonant(w, n - 3) &&
    !'wxy'.includes(w[n - 1])
  );
}
