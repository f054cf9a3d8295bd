import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.js';
import { translator, type Locale } from '../../i18n/index.js';
import { AppError, isAppError, notFound, validationError, type FieldIssue } from '../../shared/errors.js';
import { cleanText } from '../../shared/text.js';
import type { SafeHtml } from '../../shared/html.js';
import { lockFor, type Lock } from '../../members/index.js';
import { getArticle, type Article } from '../../content/index.js';
import {
  changeFor, correctionFor, lastEventIdOf, liveCard, liveModule, shortScore, streamSse, toScorecardJsonFor,
  LIVEBLOG_TOPIC, MATCH_TOPIC, type LiveModule, type MatchListItem, type MatchSetup, type MatchView, type ScorerAction,
} from '../../live/index.js';
import { requireStaff } from '../plugins/staff-auth.js';
import { pageContext, type SiteData } from '../page.js';
import { scoreWidget } from '../views/live/widget.js';
import { commentaryPage, matchCentrePage, matchListPage, scorecardPage, type CommentaryItem } from '../views/live/match.js';
import { correctionPage, matchesDeskPage, scorerPage, scorerPanels, type NewMatchForm, type ScorerForm } from '../views/live/scorer.js';
import { liveBlogDeskPage, liveBlogJsonLd, liveBlogSection, liveBlogsDeskPage } from '../views/live/liveblog.js';
import type { DeskContext } from '../views/live/shell.js';

/** Listing pages of these desks carry the score widget too (home and article pages always do). */
export const SPORTS_DESKS = new Set(['sports', 'khel', 'cricket']);
const COMMENTARY_ON_CENTRE = 40;
/**
 * Cached match pages and API answers are purged by 'match.updated' on every instance that hears it; this
 * bounds how stale they can be where it is not heard (SQLite shared by --workers, a CLI import).
 */
const LIVE_PAGE_TTL_MS = 10_000;
const cached = { config: { pageCache: true } } as const;
const widgetsRegistered = new WeakSet<object>();

// -- input helpers --------------------------------------------------------------------------------------

function idOf(raw: string | undefined, what: string): number {
  if (!raw || !/^\d{1,12}$/.test(raw)) throw notFound(`no such ${what}`);
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw notFound(`no such ${what}`);
  return n;
}

function bodyOf(req: FastifyRequest): Record<string, unknown> {
  return req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body) ? (req.body as Record<string, unknown>) : {};
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const flag = (v: unknown): boolean => v === true || v === '1' || v === 'on' || v === 'true';

function seqOf(body: Record<string, unknown>): number {
  const raw = str(body.expectedSeq);
  if (!/^\d{1,12}$/.test(raw)) throw validationError([{ field: 'expectedSeq', message: 'the form is missing the match version (expectedSeq); reload the page' }]);
  return Number(raw);
}

function wantsJson(req: FastifyRequest): boolean {
  return String(req.headers['content-type'] ?? '').startsWith('application/json') || String(req.headers.accept ?? '').startsWith('application/json');
}

function pageParam(q: Record<string, unknown>): number {
  const raw = q.page;
  if (raw === undefined || raw === '') return 1;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(n) || n < 1 || n > 10_000) throw validationError([{ field: 'page', message: 'page must be a whole number from 1 to 10000' }]);
  return n;
}

function deskLocale(req: FastifyRequest): Locale {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'en' || q === 'hi') return q;
  return req.cookies.sm_nr_lang === 'en' ? 'en' : 'hi';
}

function deskContext(c: Container, req: FastifyRequest, reply: FastifyReply): DeskContext {
  const locale = deskLocale(req);
  return { t: translator(locale), locale, siteName: c.config.siteName, assets: c.assets, csrf: req.csrfToken(reply), staffName: req.staff?.name ?? '' };
}

const sendHtml = (reply: FastifyReply, page: SafeHtml, status = 200) => reply.code(status).header('Cache-Control', 'private, no-store').type('text/html; charset=utf-8').send(page.value);

// -- presenters -----------------------------------------------------------------------------------------

/** One row of GET /api/v1/matches. */
export function presentMatch(base: string, m: MatchListItem) {
  const s = m.summary;
  return {
    id: String(m.id),
    title: m.title,
    teams: s.teams,
    status: m.status,
    score: shortScore(s),
    innings: s.innings.map((i) => ({ team: i.team, runs: i.runs, wickets: i.wickets, overs: i.overs, runRate: i.runRate })),
    result: s.result,
    startTime: m.startTime,
    url: `${base}/live/cricket/${m.id}`,
  };
}

function commentaryOf(view: MatchView, limit = Infinity): { items: CommentaryItem[]; more: boolean } {
  const all: CommentaryItem[] = [];
  for (let i = view.events.length - 1; i >= 0; i--) {
    const line = view.lines[i];
    if (line) all.push({ seq: view.owners[i]!, line });
  }
  return { items: all.slice(0, limit), more: all.length > limit };
}

// -- the live blog on an article page (site.ts calls this) -----------------------------------------------

/**
 * The live-blog timeline and, while it is live, the LiveBlogPosting structured data for a story page;
 * nothing for a story that never went live, or for a reader the story is locked to.
 */
export async function liveBlogForArticle(c: Container, a: Article, lock: Lock, locale: Locale): Promise<{ section: SafeHtml | null; jsonLd: Record<string, unknown> | null }> {
  const live = liveModule(c);
  const blog = await live.blogs.get(a.id);
  if (!blog || lock !== null) return { section: null, jsonLd: null };
  const updates = await live.blogs.updates(a.id);
  const section = liveBlogSection({
    t: translator(locale), locale, blog, updates,
    script: c.assets.files['live.js'] ?? '/assets/live.js',
  });
  const jsonLd = blog.live ? liveBlogJsonLd(a, { baseUrl: c.config.baseUrl, siteName: c.config.siteName }, blog, updates) : null;
  return { section, jsonLd };
}

// -- routes ---------------------------------------------------------------------------------------------

export function liveRoutes(app: FastifyInstance, c: Container, site: SiteData): void {
  const live = liveModule(c);
  registerWidget(c, live);

  // Pages that show a match or a live blog are rendered again after each change, on every instance
  // (the bus brings other instances' changes here).
  const sportsDeskTags = async () => (await site.getDesks()).filter((d) => SPORTS_DESKS.has(d.slug)).map((d) => `desk:${d.id}`);
  const offMatch = c.bus.subscribe('match.updated', async (p) => {
    app.pageCache.purgeTags(['home', 'live-matches', `match:${p.matchId}`, ...(await sportsDeskTags())]);
  });
  const offBlog = c.bus.subscribe('liveblog.updated', (p) => {
    app.pageCache.purgeTags([`article:${p.articleId}`]);
  });
  app.addHook('preClose', async () => {
    offMatch();
    offBlog();
    live.hub.disconnectAll();
  });

  readerApi(app, c, live);
  readerPages(app, c, site, live);
  scorerDesk(app, c, live);
  liveBlogDesk(app, c, live);
}

function registerWidget(c: Container, live: LiveModule): void {
  if (widgetsRegistered.has(c)) return;
  widgetsRegistered.add(c);
  const t = translator('hi');
  c.widgets.push(async (w) => {
    if (w.kind === 'listing' && !SPORTS_DESKS.has(w.deskSlug ?? '')) return null;
    const match = await live.featured();
    if (!match) return null;
    return scoreWidget({ match, t, locale: 'hi', script: c.assets.files['live.js'] ?? '/assets/live.js' });
  });
}

function readerApi(app: FastifyInstance, c: Container, live: LiveModule): void {
  const base = c.config.baseUrl;

  app.get('/api/v1/matches', cached, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const status = q.status;
    if (status !== undefined && status !== '' && status !== 'live' && status !== 'complete' && status !== 'scheduled') {
      throw validationError([{ field: 'status', message: 'status must be live, complete or scheduled' }]);
    }
    const limitRaw = q.limit;
    const limit = limitRaw === undefined || limitRaw === '' ? 20 : Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw validationError([{ field: 'limit', message: 'limit must be a whole number from 1 to 100' }]);
    const page = pageParam(q);
    const list = await live.matches.list({ ...(status ? { status: status as 'live' | 'complete' | 'scheduled' } : {}), page, limit });
    req.cacheTags = ['live-matches'];
    req.cacheTtlMs = LIVE_PAGE_TTL_MS;
    reply.header('Access-Control-Allow-Origin', '*');
    return { matches: list.items.map((m) => presentMatch(base, m)), page: list.page, limit: list.limit, total: list.total };
  });

  app.get<{ Params: { id: string } }>('/api/v1/matches/:id', cached, async (req, reply) => {
    const id = idOf(req.params.id, 'match');
    const view = await live.matches.view(id);
    if (!view) throw notFound(`match ${id} does not exist`);
    req.cacheTags = [`match:${id}`];
    req.cacheTtlMs = LIVE_PAGE_TTL_MS;
    reply.header('Access-Control-Allow-Origin', '*');
    return toScorecardJsonFor(view);
  });

  app.get<{ Params: { id: string } }>('/api/v1/matches/:id/events', async (req, reply) => {
    const id = idOf(req.params.id, 'match');
    const q = req.query as Record<string, unknown>;
    const view = q.view === undefined || q.view === '' || q.view === 'full' ? 'full' : q.view === 'score' ? 'score' : null;
    if (!view) throw validationError([{ field: 'view', message: 'view must be full or score' }]);
    if (!live.hub.has(MATCH_TOPIC, id) && (await live.matches.head(id)) === null) throw notFound(`match ${id} does not exist`);
    const after = lastEventIdOf(req.headers['last-event-id'], q.lastEventId);
    reply.hijack();
    await streamSse(req.raw, reply.raw, { keepAliveMs: live.keepAliveMs, headers: { 'Access-Control-Allow-Origin': '*' } }, (stream) =>
      live.hub.subscribe(MATCH_TOPIC, id, stream, { view, after }),
    (err) => req.log.warn({ err }, 'match stream failed'));
  });

  /** The story a live blog belongs to, if this reader may follow it; otherwise the reason as an error. */
  const followable = async (req: FastifyRequest, articleId: number) => {
    // A light read: every reader of a busy live blog connects through here.
    const article = await c.store.db.selectFrom('articles').select(['access', 'status']).where('id', '=', articleId).executeTakeFirst();
    if (!article || article.status !== 'published') throw notFound(`story ${articleId} does not exist`);
    const blog = await live.blogs.get(articleId);
    if (!blog) throw notFound(`story ${articleId} is not a live blog`);
    const now = c.clock.now();
    const access = article.access as Article['access'];
    const lock = lockFor(access, req.reader, now, articleId);
    if (lock === 'premium') throw new AppError('PAYMENT', 'This live blog is for premium members: subscribe to follow its updates');
    if (lock === 'members') throw new AppError('UNAUTHENTICATED', 'Sign in to follow this live blog');
    // A premium reader's stream ends when their entitlement does.
    const validUntil = access === 'premium' && !req.reader.staff && req.reader.premiumUntil ? Date.parse(req.reader.premiumUntil) : null;
    return { access, blog, validUntil };
  };

  app.get<{ Params: { id: string } }>('/api/v1/liveblogs/:id', async (req, reply) => {
    const id = idOf(req.params.id, 'story');
    const { access, blog } = await followable(req, id);
    const updates = await live.blogs.updates(id);
    reply.header('Cache-Control', access === 'free' ? 'public, max-age=5' : 'private, no-store');
    return { articleId: String(id), live: blog.live, seq: blog.lastSeq, startedAt: blog.startedAt, endedAt: blog.endedAt, updates };
  });

  app.get<{ Params: { id: string } }>('/api/v1/liveblogs/:id/events', async (req, reply) => {
    const id = idOf(req.params.id, 'story');
    const { validUntil } = await followable(req, id);
    const after = lastEventIdOf(req.headers['last-event-id'], (req.query as Record<string, unknown>).lastEventId);
    reply.hijack();
    await streamSse(req.raw, reply.raw, { keepAliveMs: live.keepAliveMs }, (stream) =>
      live.hub.subscribe(LIVEBLOG_TOPIC, id, stream, { after, validUntil }),
    (err) => req.log.warn({ err }, 'live blog stream failed'));
  });
}

function readerPages(app: FastifyInstance, c: Container, site: SiteData, live: LiveModule): void {
  app.get('/live/cricket', cached, async (req, reply) => {
    const page = pageParam(req.query as Record<string, unknown>);
    const list = await live.matches.list({ page, limit: 20 });
    if (page > 1 && list.items.length === 0) throw notFound('no such page');
    const ctx = await pageContext(c, site, req);
    req.cacheTags = ['live-matches'];
    req.cacheTtlMs = LIVE_PAGE_TTL_MS;
    return reply.type('text/html; charset=utf-8').send(matchListPage(ctx, { matches: list.items, page, total: list.total, limit: list.limit }).value);
  });

  const withMatch = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const id = idOf(req.params.id, 'match');
    const view = await live.matches.view(id);
    if (!view) throw notFound(`match ${id} does not exist`);
    req.cacheTags = [`match:${id}`];
    req.cacheTtlMs = LIVE_PAGE_TTL_MS;
    return view;
  };

  app.get<{ Params: { id: string } }>('/live/cricket/:id', cached, async (req, reply) => {
    const view = await withMatch(req);
    const ctx = await pageContext(c, site, req);
    const { items, more } = commentaryOf(view, COMMENTARY_ON_CENTRE);
    const card = liveCard(String(view.record.id), view.state, view.events);
    return reply.type('text/html; charset=utf-8').send(matchCentrePage(ctx, { match: view.record, card, commentary: items, more }).value);
  });

  app.get<{ Params: { id: string } }>('/live/cricket/:id/commentary', cached, async (req, reply) => {
    const view = await withMatch(req);
    const ctx = await pageContext(c, site, req);
    const { items } = commentaryOf(view);
    return reply.type('text/html; charset=utf-8').send(commentaryPage(ctx, { match: view.record, card: null, commentary: items, more: false }).value);
  });

  app.get<{ Params: { id: string } }>('/live/cricket/:id/scorecard', cached, async (req, reply) => {
    const view = await withMatch(req);
    const ctx = await pageContext(c, site, req);
    const json = toScorecardJsonFor(view);
    const order = [...view.state.innings, ...view.state.superOvers];
    return reply.type('text/html; charset=utf-8').send(scorecardPage(ctx, { match: view.record, innings: json.innings, didNotBat: order.map((i) => i.didNotBat) }).value);
  });
}

// -- the scorer's desk ------------------------------------------------------------------------------------

const SQUAD_MAX = 30;

function squadOf(text: string): string[] {
  return [...new Set(text.split(/\r?\n|,/).map((n) => cleanText(n).slice(0, 80)).filter(Boolean))].slice(0, SQUAD_MAX);
}

/** A datetime-local value is India time; an ISO value with a zone is taken as is. */
function startTimeOf(raw: string, now: Date): string {
  const v = cleanText(raw);
  if (!v) return now.toISOString();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)) {
    const d = new Date(`${v}${v.length === 16 ? ':00' : ''}+05:30`);
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw validationError([{ field: 'startTime', message: 'start time is not a date and time' }]);
  return d.toISOString();
}

export function setupFromForm(f: NewMatchForm): { setup: MatchSetup; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const teamA = cleanText(f.teamA ?? '').slice(0, 80);
  const teamB = cleanText(f.teamB ?? '').slice(0, 80);
  const overs = cleanText(f.overs ?? '');
  const bpo = cleanText(f.ballsPerOver ?? '6') || '6';
  if (overs && !/^\d{1,3}$/.test(overs)) issues.push({ field: 'overs', message: 'overs must be a whole number, or empty for unlimited' });
  if (!/^\d{1,2}$/.test(bpo)) issues.push({ field: 'ballsPerOver', message: 'balls per over must be a whole number' });
  const oversPerInnings = overs ? Number(overs) : null;
  const setup: MatchSetup = {
    teams: [teamA, teamB],
    playersPerSide: 11,
    oversPerInnings,
    ballsPerOver: Number(bpo),
    matchType: cleanText(f.matchType ?? 'T20') || 'T20',
    superOverAllowed: oversPerInnings !== null,
  };
  const squadA = squadOf(f.squadA ?? '');
  const squadB = squadOf(f.squadB ?? '');
  if (squadA.length || squadB.length) setup.players = { [teamA]: squadA, [teamB]: squadB };
  const tossWinner = cleanText(f.tossWinner ?? '');
  const decision = cleanText(f.tossDecision ?? '');
  if (tossWinner || decision) {
    if (decision !== 'bat' && decision !== 'field') issues.push({ field: 'toss', message: 'the toss decision is bat or field' });
    else setup.toss = { winner: tossWinner, decision };
  }
  return { setup, issues };
}

function scorerAction(body: Record<string, unknown>): ScorerAction {
  const action = str(body.action);
  switch (action) {
    case 'startInnings':
      return { action, battingTeam: str(body.battingTeam), superOver: flag(body.superOver) };
    case 'endInnings':
      return { action, reason: str(body.reason) };
    case 'retire':
      return { action, batter: str(body.batter), kind: str(body.kind) };
    case 'result':
      return { action, result: str(body.result) };
    case 'bowlerChange':
      return { action, bowler: str(body.bowler) };
    case 'revisedTarget': {
      const runs = Number(str(body.runs));
      const oversRaw = cleanText(str(body.overs));
      if (oversRaw && !/^\d{1,3}(\.\d)?$/.test(oversRaw)) throw validationError([{ field: 'overs', message: 'overs are written as 9.2 (nine overs and two balls)' }]);
      return { action, runs, ...(oversRaw ? { overs: Number(oversRaw) } : {}), method: str(body.method) };
    }
    default:
      throw validationError([{ field: 'action', message: 'unknown action' }]);
  }
}

function formOf(body: Record<string, unknown>): ScorerForm {
  return {
    typed: str(body.typed), striker: str(body.striker), nonStriker: str(body.nonStriker), bowler: str(body.bowler),
    wicketKind: str(body.wicketKind), playerOut: str(body.playerOut), fielder: str(body.fielder),
  };
}

function scorerDesk(app: FastifyInstance, c: Container, live: LiveModule): void {
  const editor = { preHandler: requireStaff(c, 'editor') };

  app.get('/newsroom/matches', editor, async (req, reply) => {
    const list = await live.matches.list({ limit: 50 });
    return sendHtml(reply, matchesDeskPage(deskContext(c, req, reply), { matches: list.items }));
  });

  app.post('/newsroom/matches', editor, async (req, reply) => {
    const b = bodyOf(req);
    const form: NewMatchForm = Object.fromEntries(['title', 'teamA', 'teamB', 'squadA', 'squadB', 'overs', 'ballsPerOver', 'matchType', 'tossWinner', 'tossDecision', 'startTime', 'venue'].map((k) => [k, str(b[k])]));
    try {
      const { setup, issues } = setupFromForm(form);
      if (issues.length) throw validationError(issues, 'The match cannot be created');
      const venue = cleanText(form.venue ?? '');
      const view = await live.matches.create({
        setup, title: form.title ?? '', startTime: startTimeOf(form.startTime ?? '', c.clock.now()), createdBy: req.staff!.id,
        meta: { source: 'newsroom', ...(venue ? { venue } : {}) },
      });
      if (wantsJson(req)) return reply.code(201).send({ id: String(view.record.id), seq: view.record.lastSeq });
      return reply.code(303).redirect(`/newsroom/matches/${view.record.id}`);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'VALIDATION' || wantsJson(req)) throw err;
      const list = await live.matches.list({ limit: 50 });
      return sendHtml(reply, matchesDeskPage(deskContext(c, req, reply), { matches: list.items, form, issues: err.issues, message: err.message }), 400);
    }
  });

  const viewOr404 = async (id: number) => {
    const view = await live.matches.view(id);
    if (!view) throw notFound(`match ${id} does not exist`);
    return view;
  };

  app.get<{ Params: { id: string } }>('/newsroom/matches/:id', editor, async (req, reply) => {
    const view = await viewOr404(idOf(req.params.id, 'match'));
    return sendHtml(reply, scorerPage(deskContext(c, req, reply), view));
  });

  /** After a change: JSON with the redrawn panels for the keyboard screen, else back to the page. */
  const answer = (req: FastifyRequest, reply: FastifyReply, view: MatchView) => {
    if (!wantsJson(req)) return reply.code(303).redirect(`/newsroom/matches/${view.record.id}`);
    const ctx = deskContext(c, req, reply);
    const panels = scorerPanels(ctx, view);
    return reply.header('Cache-Control', 'no-store').send({
      seq: view.record.lastSeq, status: view.record.status, summary: view.record.summary,
      panels: { state: panels.state.value, crease: panels.crease.value, log: panels.log.value, actions: panels.actions.value },
    });
  };

  /** A refused entry: the scorer sees why, with the latest state (another scorer may have moved it on). */
  const refused = async (req: FastifyRequest, reply: FastifyReply, id: number, err: unknown, form: ScorerForm) => {
    if (!isAppError(err) || (err.code !== 'VALIDATION' && err.code !== 'CONFLICT' && err.code !== 'NOT_FOUND')) throw err;
    if (err.code === 'NOT_FOUND') throw err;
    const view = await viewOr404(id);
    const ctx = deskContext(c, req, reply);
    if (wantsJson(req)) {
      const panels = scorerPanels(ctx, view, err.code === 'VALIDATION' ? form : {});
      return reply.code(err.status).header('Cache-Control', 'no-store').send({
        error: { code: err.code, message: err.code === 'CONFLICT' ? `${ctx.t('scorer.conflict')} (${err.message})` : err.message, issues: err.issues, ...(err.details ? { details: err.details } : {}) },
        seq: view.record.lastSeq,
        panels: { state: panels.state.value, crease: panels.crease.value, log: panels.log.value, actions: panels.actions.value },
      });
    }
    return sendHtml(reply, scorerPage(ctx, view, { form, issues: err.issues, message: err.code === 'CONFLICT' ? ctx.t('scorer.conflict') : err.message }), err.status);
  };

  app.post<{ Params: { id: string } }>('/newsroom/matches/:id/entry', editor, async (req, reply) => {
    const id = idOf(req.params.id, 'match');
    const b = bodyOf(req);
    const form = formOf(b);
    try {
      const expected = seqOf(b);
      const view = await viewOr404(id);
      const code = str(b.code) || str(b.typed);
      const change = changeFor(view, {
        action: 'entry',
        code,
        crease: { striker: form.striker!, nonStriker: form.nonStriker!, bowler: form.bowler! },
        wicket: { kind: form.wicketKind!, playerOut: form.playerOut!, fielder: form.fielder!, substitute: flag(b.substitute) },
      });
      return answer(req, reply, await live.matches.apply(id, expected, change, req.staff!.id));
    } catch (err) {
      return refused(req, reply, id, err, form);
    }
  });

  app.post<{ Params: { id: string } }>('/newsroom/matches/:id/action', editor, async (req, reply) => {
    const id = idOf(req.params.id, 'match');
    const b = bodyOf(req);
    try {
      const expected = seqOf(b);
      const view = await viewOr404(id);
      const change = changeFor(view, scorerAction(b));
      return answer(req, reply, await live.matches.apply(id, expected, change, req.staff!.id));
    } catch (err) {
      return refused(req, reply, id, err, {});
    }
  });

  const positionOf = (raw: string, view: MatchView) => {
    if (!/^\d{1,6}$/.test(raw) || Number(raw) >= view.events.length) throw notFound('no such entry');
    return Number(raw);
  };

  app.get<{ Params: { id: string; position: string } }>('/newsroom/matches/:id/events/:position', editor, async (req, reply) => {
    const view = await viewOr404(idOf(req.params.id, 'match'));
    const position = positionOf(req.params.position, view);
    if (view.events[position]!.type !== 'delivery') throw notFound('only a delivery can be corrected');
    return sendHtml(reply, correctionPage(deskContext(c, req, reply), view, position));
  });

  app.post<{ Params: { id: string; position: string } }>('/newsroom/matches/:id/events/:position', editor, async (req, reply) => {
    const id = idOf(req.params.id, 'match');
    const b = bodyOf(req);
    const form = formOf(b);
    const view = await viewOr404(id);
    const position = positionOf(req.params.position, view);
    try {
      const change = correctionFor(view, position, {
        code: str(b.code) || str(b.typed),
        crease: { striker: form.striker!, nonStriker: form.nonStriker!, bowler: form.bowler! },
        wicket: { kind: form.wicketKind!, playerOut: form.playerOut!, fielder: form.fielder!, substitute: flag(b.substitute) },
      });
      const next = await live.matches.apply(id, seqOf(b), change, req.staff!.id);
      if (wantsJson(req)) return answer(req, reply, next);
      return reply.code(303).redirect(`/newsroom/matches/${id}`);
    } catch (err) {
      if (!isAppError(err) || (err.code !== 'VALIDATION' && err.code !== 'CONFLICT') || wantsJson(req)) throw err;
      const current = await viewOr404(id);
      const ctx = deskContext(c, req, reply);
      if (position >= current.events.length) return reply.code(303).redirect(`/newsroom/matches/${id}`);
      return sendHtml(reply, correctionPage(ctx, current, position, { form, issues: err.issues, message: err.code === 'CONFLICT' ? ctx.t('scorer.conflict') : err.message }), err.status);
    }
  });
}

// -- the live-blog desk -----------------------------------------------------------------------------------

function liveBlogDesk(app: FastifyInstance, c: Container, live: LiveModule): void {
  const editor = { preHandler: requireStaff(c, 'editor') };
  const db = c.store.db;

  const images = () => db.selectFrom('images').select(['id', 'title']).orderBy('id', 'desc').limit(60).execute();

  const deskFor = async (req: FastifyRequest, reply: FastifyReply, articleId: number, extra: { issues?: FieldIssue[]; message?: string; form?: { body?: string; imageId?: string } } = {}, status = 200) => {
    const article = await getArticle(db, articleId);
    const blog = await live.blogs.get(articleId);
    if (!article || !blog) throw notFound(`story ${articleId} is not a live blog`);
    const page = liveBlogDeskPage(deskContext(c, req, reply), {
      article: { id: article.id, headline: article.headline, path: article.path, status: article.status },
      blog, updates: await live.blogs.updates(articleId), images: await images(), ...extra,
    });
    return sendHtml(reply, page, status);
  };

  const done = (req: FastifyRequest, reply: FastifyReply, articleId: number, payload: unknown) =>
    wantsJson(req) ? reply.header('Cache-Control', 'no-store').send(payload) : reply.code(303).redirect(`/newsroom/liveblogs/${articleId}`);

  /** Validation errors go back to the desk page with the text kept, so nothing typed is lost. */
  const orDesk = async (req: FastifyRequest, reply: FastifyReply, articleId: number, run: () => Promise<unknown>, form?: { body?: string; imageId?: string }) => {
    try {
      return await run();
    } catch (err) {
      if (!isAppError(err) || err.code !== 'VALIDATION' || wantsJson(req)) throw err;
      return deskFor(req, reply, articleId, { issues: err.issues, message: err.message, ...(form ? { form } : {}) }, 400);
    }
  };

  app.get('/newsroom/liveblogs', editor, async (req, reply) => sendHtml(reply, liveBlogsDeskPage(deskContext(c, req, reply), { blogs: await live.blogs.list() })));

  app.post('/newsroom/liveblogs', editor, async (req, reply) => {
    const raw = str(bodyOf(req).articleId).trim();
    if (!/^\d{1,12}$/.test(raw)) {
      if (wantsJson(req)) throw validationError([{ field: 'articleId', message: 'give the story id (the number at the end of its address)' }]);
      return sendHtml(reply, liveBlogsDeskPage(deskContext(c, req, reply), { blogs: await live.blogs.list(), message: 'give the story id (the number at the end of its address)' }), 400);
    }
    const id = Number(raw);
    const blog = await live.blogs.start(id, req.staff!.id);
    return done(req, reply, id, blog);
  });

  app.get<{ Params: { id: string } }>('/newsroom/liveblogs/:id', editor, async (req, reply) => deskFor(req, reply, idOf(req.params.id, 'story')));

  app.post<{ Params: { id: string } }>('/newsroom/liveblogs/:id/start', editor, async (req, reply) => {
    const id = idOf(req.params.id, 'story');
    return done(req, reply, id, await live.blogs.start(id, req.staff!.id));
  });

  app.post<{ Params: { id: string } }>('/newsroom/liveblogs/:id/end', editor, async (req, reply) => {
    const id = idOf(req.params.id, 'story');
    return orDesk(req, reply, id, async () => done(req, reply, id, await live.blogs.end(id, req.staff!.id)));
  });

  const updateInput = (b: Record<string, unknown>) => {
    const imageRaw = str(b.imageId).trim();
    if (imageRaw && !/^\d{1,12}$/.test(imageRaw)) throw validationError([{ field: 'imageId', message: 'image must be the id of an image in the media library' }]);
    return { body: str(b.body), imageId: imageRaw ? Number(imageRaw) : null, keyEvent: flag(b.keyEvent), pinned: flag(b.pinned) };
  };

  app.post<{ Params: { id: string } }>('/newsroom/liveblogs/:id/updates', editor, async (req, reply) => {
    const id = idOf(req.params.id, 'story');
    const b = bodyOf(req);
    return orDesk(req, reply, id, async () => {
      const r = await live.blogs.addUpdate(id, updateInput(b), req.staff!.id);
      return wantsJson(req) ? reply.code(201).header('Cache-Control', 'no-store').send(r) : reply.code(303).redirect(`/newsroom/liveblogs/${id}`);
    }, { body: str(b.body), imageId: str(b.imageId) });
  });

  app.post<{ Params: { id: string; uid: string } }>('/newsroom/liveblogs/:id/updates/:uid', editor, async (req, reply) => {
    const id = idOf(req.params.id, 'story');
    const uid = idOf(req.params.uid, 'update');
    return orDesk(req, reply, id, async () => done(req, reply, id, await live.blogs.editUpdate(id, uid, updateInput(bodyOf(req)), req.staff!.id)));
  });

  app.post<{ Params: { id: string; uid: string } }>('/newsroom/liveblogs/:id/updates/:uid/pin', editor, async (req, reply) => {
    const id = idOf(req.params.id, 'story');
    const uid = idOf(req.params.uid, 'update');
    return done(req, reply, id, await live.blogs.setPinned(id, uid, flag(bodyOf(req).pinned), req.staff!.id));
  });

  app.post<{ Params: { id: string; uid: string } }>('/newsroom/liveblogs/:id/updates/:uid/delete', editor, async (req, reply) => {
    const id = idOf(req.params.id, 'story');
    const uid = idOf(req.params.uid, 'update');
    return done(req, reply, id, await live.blogs.removeUpdate(id, uid, req.staff!.id));
  });
}
