/**
 * The few XML helpers the feed and sitemap renderers need. Everything interpolated into XML goes
 * through escapeXml, which also drops characters that XML 1.0 forbids (a stray control character in an
 * imported headline would otherwise make the whole feed unreadable).
 */
const XML_ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// Tab, newline and carriage return are allowed; other C0 controls, lone surrogates and U+FFFE/FFFF are not.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripInvalidXml(s: string): string {
  return s.replace(INVALID_XML, '');
}

export function escapeXml(s: string | number): string {
  return stripInvalidXml(String(s)).replace(/[&<>"']/g, (c) => XML_ESC[c]!);
}

/** Text inside an element: escaped, so it never needs CDATA (which cannot hold "]]>"). */
export function el(name: string, text: string | number | null | undefined, attrs: Record<string, string | number | undefined> = {}): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v!)}"`)
    .join('');
  if (text === null || text === undefined || text === '') return `<${name}${a}/>`;
  return `<${name}${a}>${escapeXml(text)}</${name}>`;
}

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';
