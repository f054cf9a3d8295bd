/**
 * Synthetic Hindi news text for benchmarks: deterministic (seeded), varied enough for search and for
 * realistic page sizes. Not demo content: words are drawn from a small vocabulary.
 */
const NOUNS = ['सरकार', 'चुनाव', 'किसान', 'सैनिक', 'बाज़ार', 'शहर', 'गाँव', 'अदालत', 'मंत्री', 'पुलिस', 'छात्र', 'अस्पताल', 'रेलवे', 'बिजली', 'पानी', 'मौसम', 'क्रिकेट', 'टीम', 'कंपनी', 'बैंक', 'सड़क', 'नदी', 'फ़िल्म', 'संसद', 'विधानसभा', 'राज्य', 'ज़िला', 'परियोजना', 'योजना', 'रिपोर्ट', 'रिश्ता', 'समझौता', 'व्यापार', 'निवेश', 'तकनीक', 'मोबाइल', 'इंटरनेट', 'शिक्षा', 'स्वास्थ्य', 'महँगाई'];
const VERBS = ['ने घोषणा की', 'पर चर्चा हुई', 'को मंज़ूरी मिली', 'में बदलाव हुआ', 'की जाँच शुरू हुई', 'पर सवाल उठे', 'को लेकर बैठक हुई', 'ने रिकॉर्ड बनाया', 'में सुधार हुआ', 'पर फ़ैसला टला'];
const PLACES = ['दिल्ली', 'मुंबई', 'लखनऊ', 'पटना', 'जयपुर', 'भोपाल', 'कोलकाता', 'चेन्नई', 'हैदराबाद', 'इंदौर', 'वाराणसी', 'देहरादून', 'रांची', 'गुवाहाटी', 'पुणे'];
const ADJ = ['नई', 'बड़ी', 'अहम', 'ताज़ा', 'पुरानी', 'विशेष', 'सरकारी', 'स्थानीय', 'राष्ट्रीय', 'अंतरराष्ट्रीय'];

export function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

export function sentence(r: () => number): string {
  return `${pick(r, PLACES)} में ${pick(r, ADJ)} ${pick(r, NOUNS)} ${pick(r, VERBS)}, ${pick(r, NOUNS)} और ${pick(r, NOUNS)} पर असर पड़ेगा।`;
}

export function syntheticArticle(i: number) {
  const r = rng(i * 7919 + 13);
  const headline = `${pick(r, PLACES)}: ${pick(r, ADJ)} ${pick(r, NOUNS)} ${pick(r, VERBS)}`;
  const summary = `${sentence(r)} ${sentence(r)}`;
  const paragraphs = Array.from({ length: 4 }, () => `${sentence(r)} ${sentence(r)} ${sentence(r)}`);
  return { headline, summary, paragraphs };
}

/** Romanized spellings readers type for the vocabulary's words (search must find the Devanagari). */
export const ROMAN_QUERIES = ['sarkar', 'chunav', 'kisan', 'sainik', 'bazar', 'shahar', 'gaon', 'adalat', 'mantri', 'police', 'chhatra', 'aspatal', 'railway', 'bijli', 'pani', 'mausam',
  'cricket', 'team', 'company', 'bank', 'sadak', 'nadi', 'film', 'sansad', 'rajya', 'yojana', 'report', 'rishta', 'vyapar', 'nivesh', 'mobile', 'internet', 'shiksha',
  'dilli', 'mumbai', 'lucknow', 'patna', 'jaipur', 'bhopal', 'kolkata', 'chennai', 'hyderabad', 'indore', 'varanasi', 'pune', 'mehngai'];
/** Inflected and variant spellings (plural oblique forms, nukta and chandrabindu dropped). */
export const INFLECTED_QUERIES = ['सैनिकों', 'किसानों', 'रिश्तों', 'चुनावों', 'शहरों', 'अदालतों', 'मंत्रियों', 'छात्रों', 'अस्पतालों', 'कंपनियों', 'सड़कों', 'नदियों', 'फिल्मों', 'योजनाओं', 'बाजार', 'जिले', 'गांवों', 'महंगाई'];
/** Words that match nothing. */
export const NO_MATCH_QUERIES = ['ज्वालामुखी', 'pterodactyl', 'अंतरिक्षयात्री', 'quasar'];

/** Words of the headlines of n random stories among the first `stories` (for one-word and phrase queries). */
export function headlineWords(r: () => number, stories: number, n = 400): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(...syntheticArticle(Math.floor(r() * stories)).headline.replace(/[:,।]/g, ' ').split(/\s+/).filter((w) => w.length > 2));
  return out;
}

/** A mix of search box entries as readers type them: words, inflections, romanized, phrases, several words, no match. */
export function searchBoxMix(seed: number, stories: number, count: number): string[] {
  const r = rng(seed);
  const words = headlineWords(r, stories);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const x = r();
    if (x < 0.35) out.push(pick(r, words));
    else if (x < 0.5) out.push(pick(r, INFLECTED_QUERIES));
    else if (x < 0.65) out.push(r() < 0.7 ? pick(r, ROMAN_QUERIES) : `${pick(r, ROMAN_QUERIES)} ${pick(r, ROMAN_QUERIES)}`);
    else if (x < 0.8) {
      const h = syntheticArticle(Math.floor(r() * stories)).headline.replace(/[:,।]/g, ' ').split(/\s+/).filter(Boolean);
      const at = Math.floor(r() * Math.max(1, h.length - 2));
      out.push(h.slice(at, at + 2 + Math.floor(r() * 2)).join(' '));
    } else if (x < 0.96) out.push([pick(r, words), pick(r, words), ...(r() < 0.4 ? [pick(r, words)] : [])].join(' '));
    else out.push(pick(r, NO_MATCH_QUERIES));
  }
  return out;
}
