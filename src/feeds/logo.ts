import { loadSharp } from '../media/sharp.js';
import { transliterate } from '../shared/translit/index.js';
import { escapeXml } from './xml.js';

/**
 * The publisher logo that structured data and Atom feeds point at, drawn from SVG with sharp when the
 * app starts. The word mark is the Latin form of the site name: librsvg draws text with the machine's
 * fonts, and a server may have no Devanagari font, while every one has a Latin one; the emblem needs
 * no font at all.
 */
export const LOGO_PATH = '/publisher-logo.png';
export const LOGO_WIDTH = 600;
export const LOGO_HEIGHT = 60;

export function logoWordmark(siteName: string): string {
  const latin = /[\u0900-\u097F]/.test(siteName) ? transliterate(siteName) : siteName;
  return latin.replace(/[^\p{L}\p{N} .&'-]/gu, '').trim().toUpperCase().slice(0, 28) || 'NEWS';
}

export function logoSvg(siteName: string): string {
  const word = escapeXml(logoWordmark(siteName));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${LOGO_WIDTH}" height="${LOGO_HEIGHT}" viewBox="0 0 ${LOGO_WIDTH} ${LOGO_HEIGHT}">
<rect width="${LOGO_WIDTH}" height="${LOGO_HEIGHT}" fill="#ffffff"/>
<rect x="4" y="4" width="52" height="52" rx="8" fill="#b3001b"/>
<rect x="14" y="16" width="32" height="6" rx="2" fill="#ffffff"/>
<rect x="14" y="27" width="32" height="4" rx="2" fill="#ffffff"/>
<rect x="14" y="36" width="22" height="4" rx="2" fill="#ffffff"/>
<text x="70" y="43" font-family="DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif" font-size="34" font-weight="bold" fill="#b3001b">${word}</text>
</svg>`;
}

export async function renderLogoPng(siteName: string): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(Buffer.from(logoSvg(siteName))).png({ compressionLevel: 9 }).toBuffer();
}
