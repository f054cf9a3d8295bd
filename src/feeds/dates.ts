/**
 * Dates as feeds and sitemaps want them, in India time (+05:30) like the rest of the site:
 * RFC 822 (RSS 2.0 pubDate, with a four-digit year as RFC 1123 allows), RFC 3339 (Atom) and
 * W3C Datetime (sitemaps, which is the same profile of ISO 8601). HTTP dates are always GMT.
 */
const IST_OFFSET_MS = 330 * 60 * 1000;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

function ist(d: Date | string): Date {
  // A Date whose UTC fields read as the wall-clock time in India.
  return new Date(new Date(d).getTime() + IST_OFFSET_MS);
}

/** "Sat, 27 Dec 2025 14:06:00 +0530" */
export function rfc822(d: Date | string): string {
  const t = ist(d);
  return `${DAYS[t.getUTCDay()]}, ${p2(t.getUTCDate())} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()} ${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())} +0530`;
}

/** "2025-12-27T14:06:00+05:30" (RFC 3339, also a valid W3C Datetime for sitemaps). */
export function rfc3339(d: Date | string): string {
  const t = ist(d);
  return `${t.getUTCFullYear()}-${p2(t.getUTCMonth() + 1)}-${p2(t.getUTCDate())}T${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())}+05:30`;
}

/** "Sat, 27 Dec 2025 08:36:00 GMT" for Last-Modified (HTTP dates have one-second precision). */
export function httpDate(d: Date | string): string {
  return new Date(d).toUTCString();
}

/** The later of two optional ISO instants. */
export function latest(...isos: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const v of isos) if (v && (best === null || Date.parse(v) > Date.parse(best))) best = v;
  return best;
}
