import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../../container.js';
import { translator, type Locale, type MessageKey } from '../../../i18n/index.js';
import { AppError } from '../../../shared/errors.js';
import type { SafeHtml } from '../../../shared/html.js';
import type { NrContext } from '../../views/newsroom/layout.js';

export const NR_LANG_COOKIE = 'sm_nr_lang';

/** The newsroom's language: ?lang=, else the remembered choice, else Hindi. */
export function nrLocale(req: FastifyRequest): Locale {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'en' || q === 'hi') return q;
  return req.cookies[NR_LANG_COOKIE] === 'en' ? 'en' : 'hi';
}

/** Messages that a redirect may ask the next page to show (?done=…); anything else is ignored. */
const NOTICES: Record<string, MessageKey> = {
  saved: 'nr.done.saved', created: 'nr.done.created', submit: 'nr.done.submit', publish: 'nr.done.publish', schedule: 'nr.done.schedule', unschedule: 'nr.done.unschedule',
  unpublish: 'nr.done.unpublish', restore: 'nr.done.restore', uploaded: 'nr.done.uploaded', password: 'nr.password.done', signedout: 'nr.done.signedout', reset: 'nr.done.reset',
  desk: 'nr.done.saved', tag: 'nr.done.saved', staff: 'nr.done.saved', invited: 'nr.done.invited', deleted: 'nr.done.deleted',
};

/** Admin screens of other modules that live under /newsroom; shown in the menu when this app has them. */
const OTHER_ADMIN_PAGES: Array<{ href: string; label: MessageKey }> = [
  { href: '/newsroom/plans', label: 'nr.nav.plans' },
  { href: '/newsroom/webhooks', label: 'nr.nav.webhooks' },
  { href: '/newsroom/api-keys', label: 'nr.nav.apiKeys' },
];

export function nrContext(c: Container, req: FastifyRequest, reply: FastifyReply): NrContext {
  const locale = nrLocale(req);
  const done = (req.query as Record<string, unknown> | undefined)?.done;
  return {
    t: translator(locale),
    locale,
    siteName: c.config.siteName,
    assets: c.assets,
    nonce: req.nonce,
    csrf: req.csrfToken(reply),
    staff: req.staff,
    path: req.url.split('?')[0] ?? '/newsroom',
    url: req.url,
    now: c.clock.now(),
    notice: typeof done === 'string' ? NOTICES[done] ?? null : null,
    adminPages: OTHER_ADMIN_PAGES.filter((p) => req.server.hasRoute({ method: 'GET', url: p.href })),
  };
}

export function sendHtml(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page.value);
}

/** The request sent JSON (the editor script) and wants JSON back. */
export function wantsJson(req: FastifyRequest): boolean {
  return String(req.headers['content-type'] ?? '').startsWith('application/json') || String(req.headers.accept ?? '').startsWith('application/json');
}

export function idParam(v: string | undefined): number {
  if (!v || !/^\d{1,12}$/.test(v)) throw new AppError('NOT_FOUND', 'Not found');
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new AppError('NOT_FOUND', 'Not found');
  return n;
}

export function bodyOf(req: FastifyRequest): Record<string, unknown> {
  return req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body) ? (req.body as Record<string, unknown>) : {};
}

export function str(v: unknown): string {
  if (Array.isArray(v)) return str(v[0]);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function queryOf(req: FastifyRequest): Record<string, unknown> {
  return (req.query as Record<string, unknown> | undefined) ?? {};
}

/** Only newsroom paths on this site may be returned to after signing in (no open redirect). */
export function safeReturn(v: unknown): string {
  const s = str(v);
  return /^\/newsroom(?:[/?#]|$)/.test(s) && !s.startsWith('//') && !/[\\\r\n]/.test(s) ? s : '/newsroom';
}

/** India has no daylight saving: local time is always UTC+05:30. */
const IST_MS = 330 * 60 * 1000;

/** ISO instant → value for <input type="datetime-local"> in India time. */
export function toIstLocal(iso: string | null): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + IST_MS).toISOString().slice(0, 16);
}

/** "2026-11-27T10:00" (India time) → ISO instant; null when it is not a date-time. */
export function fromIstLocal(v: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)) return null;
  const t = Date.parse(`${v.length === 16 ? `${v}:00` : v}+05:30`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** "2026-11-27" (India date) → the instant that day starts, as ISO. */
export function istDayStart(v: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  const t = Date.parse(`${v}T00:00:00+05:30`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
