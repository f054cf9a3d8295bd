/** Dates and numbers for readers, always in India time (Asia/Kolkata) through Intl. */
export const TIME_ZONE = 'Asia/Kolkata';

const metaFmt = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: true });

/** "27 Dec, 2025 02:06 PM": the form of the article meta line (DESIGN.md section 2). */
export function formatMetaDate(d: Date | string): string {
  const parts = Object.fromEntries(metaFmt.formatToParts(new Date(d)).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month}, ${parts.year} ${parts.hour}:${parts.minute} ${String(parts.dayPeriod).toUpperCase()}`;
}

const hiDate = new Intl.DateTimeFormat('hi-IN-u-nu-latn', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const hiDateTime = new Intl.DateTimeFormat('hi-IN-u-nu-latn', { timeZone: TIME_ZONE, day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', hour12: true });
const enDate = new Intl.DateTimeFormat('en-IN', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const enDateTime = new Intl.DateTimeFormat('en-IN', { timeZone: TIME_ZONE, day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', hour12: true });

export function formatDate(d: Date | string, locale: 'hi' | 'en' = 'hi'): string {
  return (locale === 'hi' ? hiDate : enDate).format(new Date(d));
}
export function formatDateTime(d: Date | string, locale: 'hi' | 'en' = 'hi'): string {
  return (locale === 'hi' ? hiDateTime : enDateTime).format(new Date(d));
}

const hiNum = new Intl.NumberFormat('hi-IN-u-nu-latn');
const enNum = new Intl.NumberFormat('en-IN');
const rupees = (loc: string, digits: number) => new Intl.NumberFormat(loc, { style: 'currency', currency: 'INR', minimumFractionDigits: digits });
const hiRupees = rupees('hi-IN-u-nu-latn', 0);
const hiRupeesPaise = rupees('hi-IN-u-nu-latn', 2);
const enRupees = rupees('en-IN', 0);
const enRupeesPaise = rupees('en-IN', 2);
export function formatNumber(n: number, locale: 'hi' | 'en' = 'hi'): string {
  return (locale === 'hi' ? hiNum : enNum).format(n);
}
/** Money in paise, shown in rupees: ₹1,499 or ₹99.50. */
export function formatRupees(paise: number, locale: 'hi' | 'en' = 'hi'): string {
  const whole = paise % 100 === 0;
  return (locale === 'hi' ? (whole ? hiRupees : hiRupeesPaise) : whole ? enRupees : enRupeesPaise).format(paise / 100);
}

// Formatters are made once: constructing an Intl formatter costs far more than formatting with it.
const hiRelative = new Intl.RelativeTimeFormat('hi-IN-u-nu-latn', { numeric: 'auto' });
const enRelative = new Intl.RelativeTimeFormat('en-IN', { numeric: 'auto' });
/** Relative time in Hindi for lists ("5 मिनट पहले"), falling back to the date after a day. */
export function timeAgo(d: Date | string, now: Date, locale: 'hi' | 'en' = 'hi'): string {
  const diff = Math.max(0, now.getTime() - new Date(d).getTime());
  const rtf = locale === 'hi' ? hiRelative : enRelative;
  const min = Math.floor(diff / 60_000);
  if (min < 1) return rtf.format(0, 'minute');
  if (min < 60) return rtf.format(-min, 'minute');
  const h = Math.floor(min / 60);
  if (h < 24) return rtf.format(-h, 'hour');
  return formatDate(d, locale);
}
