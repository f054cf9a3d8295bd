/** All stored text is NFC; these helpers are the one place input text is cleaned. */
export function nfc(s: string): string {
  return s.normalize('NFC');
}
/** NFC, control characters removed (tab/newline kept when multiline), trimmed. */
export function cleanText(s: unknown, opts: { multiline?: boolean } = {}): string {
  if (typeof s !== 'string') return '';
  const ctrl = opts.multiline ? /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g : /[\u0000-\u001F\u007F]/g;
  return nfc(s).replace(ctrl, opts.multiline ? '' : ' ').replace(/[ \u00A0]+/g, ' ').trim();
}
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export function isSlug(s: string): boolean {
  return s.length > 0 && s.length <= 120 && SLUG_RE.test(s);
}
/** Count of user-perceived characters, so that Devanagari conjuncts count as a reader sees them. */
const graphemes = new Intl.Segmenter('hi', { granularity: 'grapheme' });
export function graphemeLength(s: string): number {
  let n = 0;
  for (const _ of graphemes.segment(s)) n++;
  return n;
}
