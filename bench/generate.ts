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
