/**
 * Words too common to be worth indexing or requiring in a query. Checked on
 * normalized, unstemmed tokens, identically at index and query time.
 */
import { normalizeText } from './normalize.js';

/** Postpositions, pronouns, auxiliaries, conjunctions and particles (~150). */
const HINDI = `
  का की के को में से पर तक ने
  है हैं था थी थे थीं हो होता होती होते होना होने हुआ हुई हुए हूं
  रहा रही रहे रहें गया गई गए गये
  और या व एवं तथा लेकिन परंतु किंतु मगर बल्कि अगर यदि तो ही भी न ना नहीं
  कि जो जिस जिसे जिसका जिसकी जिसके जिन जिन्हें जिनका जिनकी जिनके
  यह वह ये वे इस उस इन उन इसे उसे इन्हें उन्हें इसका इसकी इसके उसका उसकी उसके
  इनका इनकी इनके उनका उनकी उनके इसमें उसमें इसी उसी यही वही
  मैं हम तुम आप मुझे हमें तुम्हें अपना अपनी अपने मेरा मेरी मेरे हमारा हमारी हमारे
  एक कोई कुछ किसी सभी सब कई
  कर करके करने करना करता करती करते किया किए किये
  लिए लिये साथ बाद द्वारा जब तब जहाँ वहाँ यहाँ जैसे जैसा ऐसे ऐसा क्या क्यों कैसे कौन
  अब फिर बहुत सकता सकती सकते
`;

/** A standard short English list (Lucene's, plus pronouns and contraction tails). */
const ENGLISH = `
  a an and are as at be but by for if in into is it no not of on or such
  that the their then there these they this to was will with
  from has have had been were its he she his her we you i me my our your them
  s t d ll re ve
`;

/**
 * Hindi particles as typed in Latin queries ("modi ka bayan"). The index holds
 * roman keys only for words it keeps, so a romanized particle would otherwise
 * be a query word that can never match.
 */
const ROMANIZED_HINDI = `
  ka ki ke ko mein se hai hain tha thi aur ne bhi ye yeh wo woh liye
`;

function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean).map(normalizeText));
}

export const HINDI_STOP_WORDS = wordSet(HINDI);
export const ENGLISH_STOP_WORDS = wordSet(ENGLISH);
export const ROMANIZED_HINDI_STOP_WORDS = wordSet(ROMANIZED_HINDI);

/** True for a normalized token that should be neither indexed nor required in a query. */
export function isStopWord(normalizedToken: string): boolean {
  return (
    HINDI_STOP_WORDS.has(normalizedToken) ||
    ENGLISH_STOP_WORDS.has(normalizedToken) ||
    ROMANIZED_HINDI_STOP_WORDS.has(normalizedToken)
  );
}
