import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container, WidgetContext } from '../../container.js';
import { cardsByIds, getDeskBySlug, getPersonBySlug, listDesks } from '../../content/index.js';
import { AppError, validationError, type FieldIssue } from '../../shared/errors.js';
import { html, type SafeHtml } from '../../shared/html.js';
import { translator } from '../../i18n/index.js';
import { policies } from '../../newsroom/index.js';
import { mostReadIds, relatedView, searchModule, setRelated, RELATED_ACTIONS, type RelatedAction, type SearchHit, type SearchModule, type SearchQuery } from '../../search/index.js';
import { pageContext, type SiteData } from '../page.js';
import { headlineList, widget } from '../views/components.js';
import { markedHtml, searchPage, staffSearchPage, type SearchForm } from '../views/search.js';
import { nrContext } from './newsroom/context.js';
import { requireStaff } from '../plugins/staff-auth.js';
import { apiHeaders } from './api.js';
import { sidebar } from './site.js';

/**
 * Search and discovery over HTTP: the reader's search page (/search, works without JavaScript), the
 * JSON search and suggestion API, the newsroom's search (drafts included) and related-story
 * overrides, the read-count beacon, and the most-read widget. Handlers only validate, call the search
 * module and shape the answer.
 */

export const PAGE_SIZE = 10;
export const MAX_QUERY_LENGTH = 200;
export const MAX_PAGE = 100;
const SLUG = /^[a-z0-9-]{1,120}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface SearchParams {
  q: string;
  page: number;
  limit: number;
  desk: string;
  author: string;
  from: string;
  to: string;
}

/** Validates search parameters, reporting every problem at once. */
export function parseSearchParams(query: Record<string, unknown>, opts: { requireQ: boolean; defaultLimit?: number }): SearchParams {
  const issues: FieldIssue[] = [];
  const one = (name: string): string => {
    const v = query[name];
    if (v === undefined) return '';
    if (typeof v !== 'string') {
      issues.push({ field: name, message: `${name} must be given once, as text` });
      return '';
    }
    return v;
  };
  const q = one('q').normalize('NFC').replace(/\s+/g, ' ').trim();
  if (opts.requireQ && !q && !issues.some((i) => i.field === 'q')) issues.push({ field: 'q', message: 'q is required: the words to search for' });
  if (q.length > MAX_QUERY_LENGTH) issues.push({ field: 'q', message: `q is longer than ${MAX_QUERY_LENGTH} characters` });
  const int = (name: string, dflt: number, max: number) => {
    const v = one(name);
    if (v === '') return dflt;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < 1 || n > max) {
      issues.push({ field: name, message: `${name} must be a whole number from 1 to ${max}` });
      return dflt;
    }
    return n;
  };
  const page = int('page', 1, MAX_PAGE);
  const limit = int('limit', opts.defaultLimit ?? PAGE_SIZE, 50);
  const slug = (name: string) => {
    const v = one(name);
    if (v && !SLUG.test(v)) issues.push({ field: name, message: `${name} must be a slug (lowercase a–z, 0–9 and hyphens)` });
    return v;
  };
  const desk = slug('desk');
  const author = slug('author');
  const date = (name: string) => {
    const v = one(name);
    if (v && (!DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00+05:30`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v)) {
      issues.push({ field: name, message: `${name} must be a date written as YYYY-MM-DD` });
      return '';
    }
    return v;
  };
  const from = date('from');
  const to = date('to');
  if (from && to && from > to) issues.push({ field: 'to', message: 'to must not be before from' });
  if (issues.length) throw validationError(issues, 'The search parameters are not valid');
  return { q, page, limit, desk, author, from, to };
}

/** Turns slugs and dates into the search module's filter (days in India time); an unknown desk or author is a 400. */
export async function searchQueryOf(c: Container, p: SearchParams, staff: boolean): Promise<SearchQuery> {
  const out: SearchQuery = { q: p.q, page: p.page, limit: p.limit, staff };
  const issues: FieldIssue[] = [];
  if (p.desk) {
    const d = await getDeskBySlug(c.store.db, p.desk);
    if (d) out.deskId = d.id;
    else issues.push({ field: 'desk', message: `there is no desk "${p.desk}"` });
  }
  if (p.author) {
    const a = await getPersonBySlug(c.store.db, p.author);
    if (a) out.authorId = a.id;
    else issues.push({ field: 'author', message: `there is no author "${p.author}"` });
  }
  if (issues.length) throw validationError(issues, 'The search parameters are not valid');
  if (p.from) out.from = new Date(`${p.from}T00:00:00+05:30`);
  if (p.to) out.to = new Date(`${p.to}T23:59:59.999+05:30`);
  return out;
}

export function presentHit(baseUrl: string, h: SearchHit) {
  return {
    id: h.card.id,
    url: baseUrl + h.card.path,
    headline: h.card.headline,
    snippet: markedHtml(h.snippet),
    publishedAt: h.card.publishedAt,
    updatedAt: h.card.updatedAt,
    desk: { slug: h.card.desk.slug, name: h.card.desk.name },
    access: h.card.access,
  };
}

const formOf = (p: SearchParams): SearchForm => ({ q: p.q, desk: p.desk, from: p.from, to: p.to });

const TRANSPARENT_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const MOST_READ_TTL_MS = 60_000;
const registered = new WeakSet<object>();

/**
 * The sidebar's "सबसे ज़्यादा पढ़ी गईं" (the desk's over the last 24 hours on desk and article pages,
 * the whole site's on the home page), and on article pages the read-count beacon, which is part of
 * the page so that it counts reads of cached copies too.
 */
function registerWidgets(c: Container, m: SearchModule): void {
  if (registered.has(c)) return;
  registered.add(c);
  const t = translator('hi');
  const cache = new Map<string, { at: number; generation: number; html: SafeHtml | null }>();
  c.bus.subscribe('site.changed', () => cache.clear());
  const mostRead = async (deskSlug: string | undefined): Promise<SafeHtml | null> => {
    const key = deskSlug ?? '';
    const hit = cache.get(key);
    if (hit && hit.generation === m.views.generation && Date.now() - hit.at < MOST_READ_TTL_MS) return hit.html;
    const generation = m.views.generation;
    const now = c.clock.now();
    const desk = deskSlug ? await getDeskBySlug(c.store.db, deskSlug) : null;
    let ids = await mostReadIds(c.store.db, { now, ...(desk ? { deskId: desk.id } : {}), limit: 5 });
    if (ids.length === 0 && desk) ids = await mostReadIds(c.store.db, { now, limit: 5 });
    const cards = await cardsByIds(c.store.db, ids);
    const out = cards.length ? widget(t('widgets.mostRead'), headlineList(cards, true), 'most-read') : null;
    cache.set(key, { at: Date.now(), generation, html: out });
    return out;
  };
  c.widgets.push((w: WidgetContext) => mostRead(w.kind === 'home' ? undefined : w.deskSlug));
  c.widgets.push(async (w: WidgetContext) => {
    if (w.kind !== 'article' || !w.articleId) return null;
    const script = c.assets.files['views.js'];
    return html`<div hidden data-view-beacon="/api/v1/views/${w.articleId}"></div><noscript><img src="/api/v1/views/${w.articleId}.gif" alt="" width="1" height="1" hidden></noscript>${script ? html`<script type="module" src="${script}"></script>` : ''}`;
  });
}

function idOf(v: unknown, field: string): number {
  const s = typeof v === 'number' ? String(v) : v;
  if (typeof s !== 'string' || !/^\d{1,12}$/.test(s) || Number(s) < 1) throw validationError([{ field, message: `${field} must be a story id (a positive whole number)` }]);
  return Number(s);
}

export function searchRoutes(app: FastifyInstance, c: Container, site: SiteData): void {
  const m = searchModule(c);
  const base = c.config.baseUrl;
  registerWidgets(c, m);

  app.get('/search', async (req, reply) => {
    const p = parseSearchParams(req.query as Record<string, unknown>, { requireQ: false });
    const results = p.q ? await m.service.search(await searchQueryOf(c, p, false)) : null;
    const ctx = await pageContext(c, site, req);
    const page = searchPage(ctx, { form: formOf(p), results, sidebar: await sidebar(c, { kind: 'listing' }) });
    reply.header('Cache-Control', 'public, max-age=60, stale-while-revalidate=300');
    return reply.type('text/html; charset=utf-8').send(page.value);
  });

  app.get('/api/v1/search', async (req, reply) => {
    const p = parseSearchParams(req.query as Record<string, unknown>, { requireQ: true });
    const r = await m.service.search(await searchQueryOf(c, p, false));
    apiHeaders(reply);
    reply.header('Cache-Control', 'public, max-age=60');
    return { results: r.hits.map((h) => presentHit(base, h)), total: r.total, page: r.page, limit: r.limit };
  });

  app.get('/api/v1/search/suggest', async (req, reply) => {
    const q = (req.query as Record<string, unknown>).q;
    if (typeof q !== 'string') throw validationError([{ field: 'q', message: 'q is required: the words typed so far' }], 'The search parameters are not valid');
    if (q.length > MAX_QUERY_LENGTH) throw validationError([{ field: 'q', message: `q is longer than ${MAX_QUERY_LENGTH} characters` }], 'The search parameters are not valid');
    const suggestions = await m.service.suggest(q.normalize('NFC'));
    apiHeaders(reply);
    reply.header('Cache-Control', 'public, max-age=60');
    return { suggestions: suggestions.map((s) => ({ id: s.id, url: base + s.path, path: s.path, headline: s.headline })) };
  });

  // The read-count beacon: GET (so that no form token is involved and the <noscript> image works),
  // never cached, never setting a cookie.
  app.get<{ Params: { file: string } }>('/api/v1/views/:file', async (req, reply) => {
    const match = /^(\d{1,12})(\.gif)?$/.exec(req.params.file);
    if (!match) throw new AppError('NOT_FOUND', 'no such story');
    m.views.record(Number(match[1]), req.ip, String(req.headers['user-agent'] ?? ''));
    reply.header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex');
    if (match[2]) return reply.type('image/gif').send(TRANSPARENT_GIF);
    return reply.code(204).send();
  });

  const staffSearch = async (req: FastifyRequest): Promise<{ p: SearchParams; results: Awaited<ReturnType<typeof m.service.search>> | null }> => {
    const p = parseSearchParams(req.query as Record<string, unknown>, { requireQ: false });
    if (!p.q) return { p, results: null };
    // Drafts raise no event: pick up whatever changed since the last look before searching.
    await m.indexer.catchUp({ budgetMs: 1000 }).catch((err) => req.log.warn({ err }, 'search catch-up failed'));
    const q = await searchQueryOf(c, p, true);
    // A reporter finds what their story list shows: their own stories, and what is published.
    const who = req.staff!;
    if (!policies.listAllStories(who)) q.unpublishedOf = who.id;
    return { p, results: await m.service.search(q) };
  };

  app.get('/newsroom/search', { preHandler: requireStaff(c, 'reporter') }, async (req, reply) => {
    const { p, results } = await staffSearch(req);
    const desks = await listDesks(c.store.db);
    reply.header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex, nofollow');
    return reply.type('text/html; charset=utf-8').send(staffSearchPage(nrContext(c, req, reply), { form: formOf(p), results, desks }).value);
  });

  app.get('/newsroom/api/search', { preHandler: requireStaff(c, 'reporter') }, async (req, reply) => {
    const { results } = await staffSearch(req);
    if (!results) throw validationError([{ field: 'q', message: 'q is required: the words to search for' }], 'The search parameters are not valid');
    reply.header('Cache-Control', 'no-store');
    return {
      results: results.hits.map((h) => ({ ...presentHit(base, h), status: h.card.status, editPath: `/newsroom/stories/${h.card.id}` })),
      total: results.total,
      page: results.page,
      limit: results.limit,
    };
  });

  const noStore = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store');

  app.get('/newsroom/api/related', { preHandler: requireStaff(c, 'editor') }, async (req, reply) => {
    const id = idOf((req.query as Record<string, unknown>).article, 'article');
    noStore(reply);
    return relatedView(c.store.db, id);
  });

  app.post('/newsroom/api/related', { preHandler: requireStaff(c, 'editor') }, async (req, reply) => {
    const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
    const articleId = idOf(body.article, 'article');
    const relatedId = idOf(body.related, 'related');
    const action = body.action;
    if (typeof action !== 'string' || !RELATED_ACTIONS.includes(action as RelatedAction)) throw validationError([{ field: 'action', message: `action must be one of ${RELATED_ACTIONS.join(', ')}` }]);
    const position = body.position === undefined || body.position === '' ? undefined : Number(body.position);
    await setRelated({ store: c.store, bus: c.bus, clock: c.clock }, { articleId, relatedId, action: action as RelatedAction, ...(position !== undefined ? { position } : {}), staffId: req.staff?.id ?? null });
    noStore(reply);
    return relatedView(c.store.db, articleId);
  });
}
