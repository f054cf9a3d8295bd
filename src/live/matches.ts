/**
 * Matches and their journals. The scorer's event list is never edited in place: every change (a
 * ball, an undo, a correction, a new setup) is a journal entry with the next sequence number, and
 * the list is the fold of the journal. The sequence number is the optimistic version a scorer must
 * name, and the SSE event id readers resume from.
 */
import type { Kysely } from 'kysely';
import { AppError, conflict, notFound, validationError, type FieldIssue } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import type { EventBus } from '../shared/events.js';
import type { Store } from '../storage/index.js';
import type { Database } from '../storage/schema.js';
import { cleanText } from '../shared/text.js';
import {
  commentaryLine,
  deriveMatch,
  toScorecardJson,
  type MatchEvent,
  type MatchSetup,
  type MatchState,
  type ScorecardJson,
} from './scoring/index.js';
import { liveCard, liveScore, type LiveScore, type MatchMessage, type MatchOp, type ScoreNames } from './summary.js';
import { hindiTeamNames } from './teams.js';
import type { MatchRow } from './schema.js';
import { MATCH_UPDATED } from './bus.js';

type Db = Kysely<Database>;

export interface LiveDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
}

/** Facts about a match that the engine does not score. */
export interface MatchMeta {
  venue?: string;
  city?: string;
  eventName?: string;
  matchNumber?: number;
  stage?: string;
  season?: string;
  playerOfMatch?: string[];
  dates?: string[];
  source?: 'cricsheet' | 'newsroom';
  /** Cricsheet keys the engine does not model, kept so that an export loses nothing. */
  preserved?: { meta: { data_version: string; created: string; revision: number }; info: Record<string, unknown>; innings: Record<string, unknown>[] };
  names?: ScoreNames;
}

export interface MatchRecord {
  id: number;
  title: string;
  setup: MatchSetup;
  meta: MatchMeta;
  startTime: string;
  status: string;
  summary: LiveScore;
  lastSeq: number;
  externalId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A match with its event list folded from the journal and the state derived from it. */
export interface MatchView {
  record: MatchRecord;
  events: MatchEvent[];
  /** For each event, the seq of the journal entry that put it there. */
  owners: number[];
  /** For each event, its commentary line. */
  lines: (string | null)[];
  state: MatchState;
}

export interface NewMatch {
  title?: string;
  setup: MatchSetup;
  meta?: MatchMeta;
  startTime: string;
  externalId?: string | null;
  createdBy?: number | null;
  /** Events already played, e.g. from an imported file. */
  events?: readonly MatchEvent[];
}

export type MatchChange =
  | { op: 'event'; event: MatchEvent }
  | { op: 'undo' }
  | { op: 'correct'; position: number; event: MatchEvent }
  | { op: 'setup'; setup: MatchSetup; title?: string; startTime?: string };

export interface MatchListItem {
  id: number;
  title: string;
  status: string;
  startTime: string;
  summary: LiveScore;
  /** The journal seq the summary is at: a reader's widget resumes its stream from here. */
  lastSeq: number;
}

export const LIVE_STATUSES = ['live', 'innings break'] as const;
export const FINISHED_STATUSES = ['complete', 'no result', 'abandoned'] as const;

export const matchTitle = (setup: Pick<MatchSetup, 'teams'>, title?: string): string => cleanText(title ?? '') || `${setup.teams[0]} vs ${setup.teams[1]}`;

// -- validation ------------------------------------------------------------------------------------

export function validateSetup(setup: MatchSetup): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const [a, b] = setup.teams ?? [];
  if (!a || !b) issues.push({ field: 'teams', message: 'name both teams' });
  else if (a === b) issues.push({ field: 'teams', message: 'the two teams must differ' });
  if (!Number.isInteger(setup.ballsPerOver) || setup.ballsPerOver < 1 || setup.ballsPerOver > 10) issues.push({ field: 'ballsPerOver', message: 'balls per over must be a whole number from 1 to 10' });
  if (setup.oversPerInnings !== null && (!Number.isInteger(setup.oversPerInnings) || setup.oversPerInnings < 1 || setup.oversPerInnings > 200)) {
    issues.push({ field: 'oversPerInnings', message: 'overs per innings must be a whole number from 1 to 200, or empty for unlimited' });
  }
  if (setup.playersPerSide !== undefined && (!Number.isInteger(setup.playersPerSide) || setup.playersPerSide < 2 || setup.playersPerSide > 15)) {
    issues.push({ field: 'playersPerSide', message: 'players per side must be from 2 to 15' });
  }
  if (setup.toss && !setup.teams.includes(setup.toss.winner)) issues.push({ field: 'toss', message: 'the toss winner must be one of the teams' });
  if (setup.toss && setup.toss.decision !== 'bat' && setup.toss.decision !== 'field') issues.push({ field: 'toss', message: 'the toss decision is bat or field' });
  if (!setup.matchType) issues.push({ field: 'matchType', message: 'match type is required (T20, ODI, Test …)' });
  return issues;
}

/** Checks what the engine cannot: names are there, and the two batters are different people. */
function eventProblem(event: MatchEvent): string | null {
  if (event.type === 'delivery') {
    if (!event.batter || !event.nonStriker || !event.bowler) return 'a delivery needs the striker, the non-striker and the bowler';
    if (event.batter === event.nonStriker) return 'the striker and the non-striker must be different batters';
    for (const w of event.wickets ?? []) {
      if (w.playerOut !== event.batter && w.playerOut !== event.nonStriker) return `${w.playerOut} is not at the crease`;
    }
  }
  if (event.type === 'retirement' && !event.batter) return 'name the batter who retires';
  if (event.type === 'penaltyRuns' && (!Number.isInteger(event.runs) || event.runs < 1)) return 'penalty runs must be a positive whole number';
  return null;
}

// -- the service -----------------------------------------------------------------------------------

interface Cached {
  lastSeq: number;
  view: MatchView;
}

const parseJson = <T>(text: string | null, what: string): T => {
  try {
    return JSON.parse(text ?? 'null') as T;
  } catch (err) {
    throw new AppError('INTERNAL', `stored ${what} is not valid JSON`, { cause: err });
  }
};

function toRecord(row: MatchRow): MatchRecord {
  return {
    id: row.id,
    title: row.title,
    setup: parseJson<MatchSetup>(row.setup, 'match setup'),
    meta: parseJson<MatchMeta>(row.meta, 'match meta'),
    startTime: row.start_time,
    status: row.status,
    summary: parseJson<LiveScore>(row.summary, 'match summary'),
    lastSeq: row.last_seq,
    externalId: row.external_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const CACHE_SIZE = 32;
const INSERT_BATCH = 200;

export class MatchService {
  /** Folded journals of recently scored matches, so that a ball does not replay the journal from the store. */
  private readonly cache = new Map<number, Cached>();

  constructor(private readonly deps: LiveDeps) {}

  private get db(): Db {
    return this.deps.store.db;
  }

  private names(record: Pick<MatchRecord, 'setup' | 'meta'>): Record<string, string> {
    return hindiTeamNames(record.setup.teams, record.meta.names?.hi);
  }

  private score(id: number, title: string, startTime: string, meta: MatchMeta, setup: MatchSetup, state: MatchState): LiveScore {
    return liveScore(String(id), { title, startTime, ...(meta.names ? { names: meta.names } : {}) }, setup, state);
  }

  private message(seq: number, op: MatchOp, at: string, line: string | null, score: LiveScore, view: { state: MatchState; events: readonly MatchEvent[] }, target?: number): MatchMessage {
    const msg: MatchMessage = { seq, op, line, score, card: liveCard(score.id, view.state, view.events), at };
    if (target !== undefined) msg.target = target;
    return msg;
  }

  // -- creating ------------------------------------------------------------------------------------

  async create(input: NewMatch): Promise<MatchView> {
    const issues = validateSetup(input.setup);
    const startTime = cleanText(input.startTime);
    if (!startTime || Number.isNaN(Date.parse(startTime))) issues.push({ field: 'startTime', message: 'start time must be an ISO 8601 date or date-time' });
    if (issues.length) throw validationError(issues, 'The match cannot be created');
    for (const event of input.events ?? []) {
      const problem = eventProblem(event);
      if (problem) throw validationError([{ field: 'events', message: problem }]);
    }
    const setup = input.setup;
    const meta = input.meta ?? {};
    const title = matchTitle(setup, input.title);
    const now = this.deps.clock.now().toISOString();
    const events = [...(input.events ?? [])];

    const view = await this.deps.store.transaction(async (trx) => {
      const initial = deriveMatch(setup, []);
      const placeholder = this.score(0, title, startTime, meta, setup, initial);
      const inserted = await trx
        .insertInto('matches')
        .values({
          title, setup: JSON.stringify(setup), meta: JSON.stringify(meta), start_time: startTime, status: initial.status,
          summary: JSON.stringify(placeholder), last_seq: 0, external_id: input.externalId ?? null, created_by: input.createdBy ?? null,
          created_at: now, updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = inserted.id;
      const names = this.names({ setup, meta });
      const rows: Database['match_events'][] = [];
      const createScore = this.score(id, title, startTime, meta, setup, initial);
      rows.push({ match_id: id, seq: 1, op: 'create', position: null, data: JSON.stringify(setup), line: null, payload: JSON.stringify(this.message(1, 'create', now, null, createScore, { state: initial, events: [] })), created_by: input.createdBy ?? null, created_at: now });
      let before = initial;
      const lines: (string | null)[] = [];
      const owners: number[] = [];
      events.forEach((event, i) => {
        const so_far = events.slice(0, i + 1);
        const after = deriveMatch(setup, so_far);
        const line = commentaryLine(event, before, after, { names });
        const seq = i + 2;
        const score = this.score(id, title, startTime, meta, setup, after);
        rows.push({ match_id: id, seq, op: 'event', position: i, data: JSON.stringify(event), line, payload: JSON.stringify(this.message(seq, 'event', now, line, score, { state: after, events: so_far })), created_by: input.createdBy ?? null, created_at: now });
        lines.push(line);
        owners.push(seq);
        before = after;
      });
      for (let i = 0; i < rows.length; i += INSERT_BATCH) await trx.insertInto('match_events').values(rows.slice(i, i + INSERT_BATCH)).execute();
      const lastSeq = rows.length;
      const summary = this.score(id, title, startTime, meta, setup, before);
      await trx.updateTable('matches').set({ status: before.status, summary: JSON.stringify(summary), last_seq: lastSeq }).where('id', '=', id).execute();
      const record: MatchRecord = { id, title, setup, meta, startTime, status: before.status, summary, lastSeq, externalId: input.externalId ?? null, createdAt: now, updatedAt: now };
      return { record, events, owners, lines, state: before } satisfies MatchView;
    });
    this.remember(view);
    this.deps.bus.publish(MATCH_UPDATED, { matchId: view.record.id, seq: view.record.lastSeq, status: view.record.status, previousStatus: null });
    return view;
  }

  // -- reading -------------------------------------------------------------------------------------

  async get(id: number): Promise<MatchRecord | null> {
    const row = await this.db.selectFrom('matches').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** The newest journal seq, or null when there is no such match. */
  async head(id: number): Promise<number | null> {
    const row = await this.db.selectFrom('matches').select('last_seq').where('id', '=', id).executeTakeFirst();
    return row ? row.last_seq : null;
  }

  /** The match with its event list and derived state. */
  async view(id: number): Promise<MatchView | null> {
    const row = await this.db.selectFrom('matches').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return this.load(this.db, row);
  }

  async scorecard(id: number): Promise<ScorecardJson | null> {
    const v = await this.view(id);
    return v ? toScorecardJson(String(id), v.state) : null;
  }

  async list(opts: { status?: 'live' | 'complete' | 'scheduled'; page?: number; limit?: number } = {}): Promise<{ items: MatchListItem[]; total: number; page: number; limit: number }> {
    const page = opts.page ?? 1;
    const limit = opts.limit ?? 20;
    const statuses = opts.status === 'live' ? [...LIVE_STATUSES] : opts.status === 'complete' ? [...FINISHED_STATUSES] : opts.status === 'scheduled' ? ['scheduled'] : null;
    let q = this.db.selectFrom('matches');
    if (statuses) q = q.where('status', 'in', statuses);
    const [rows, count] = await Promise.all([
      q.select(['id', 'title', 'status', 'start_time', 'summary', 'last_seq']).orderBy('start_time', 'desc').orderBy('id', 'desc').limit(limit).offset((page - 1) * limit).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => ({ id: r.id, title: r.title, status: r.status, startTime: r.start_time, summary: parseJson<LiveScore>(r.summary, 'match summary'), lastSeq: r.last_seq })),
      total: Number(count.n),
      page,
      limit,
    };
  }

  /** The match a reader's widget shows: one in play if any (the most recently scored), else the latest finished one. */
  async featured(): Promise<MatchListItem | null> {
    const pick = (statuses: string[], order: 'updated_at' | 'start_time') =>
      this.db.selectFrom('matches').select(['id', 'title', 'status', 'start_time', 'summary', 'last_seq']).where('status', 'in', statuses).orderBy(order, 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const row = (await pick([...LIVE_STATUSES], 'updated_at')) ?? (await pick([...FINISHED_STATUSES], 'start_time'));
    return row ? { id: row.id, title: row.title, status: row.status, startTime: row.start_time, summary: parseJson<LiveScore>(row.summary, 'match summary'), lastSeq: row.last_seq } : null;
  }

  /** Journal payloads after `after`, oldest first (the hub's source). */
  async since(id: number, after: number, limit: number): Promise<{ seq: number; payload: string }[]> {
    return this.db.selectFrom('match_events').select(['seq', 'payload']).where('match_id', '=', id).where('seq', '>', after).orderBy('seq').limit(limit).execute();
  }

  /** The newest journal payloads, oldest first. */
  async latest(id: number, count: number): Promise<{ seq: number; payload: string }[]> {
    const rows = await this.db.selectFrom('match_events').select(['seq', 'payload']).where('match_id', '=', id).orderBy('seq', 'desc').limit(count).execute();
    return rows.reverse();
  }

  async findByExternalId(externalId: string): Promise<number[]> {
    const rows = await this.db.selectFrom('matches').select('id').where('external_id', '=', externalId).orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  private async load(db: Db, row: MatchRow): Promise<MatchView> {
    const cached = this.cache.get(row.id);
    if (cached && cached.lastSeq === row.last_seq) return cached.view;
    const record = toRecord(row);
    const journal = await db.selectFrom('match_events').select(['seq', 'op', 'position', 'data', 'line']).where('match_id', '=', row.id).orderBy('seq').execute();
    const events: MatchEvent[] = [];
    const owners: number[] = [];
    const lines: (string | null)[] = [];
    for (const entry of journal) {
      if (entry.op === 'event') {
        events.push(parseJson<MatchEvent>(entry.data, 'match event'));
        owners.push(entry.seq);
        lines.push(entry.line);
      } else if (entry.op === 'undo') {
        events.pop();
        owners.pop();
        lines.pop();
      } else if (entry.op === 'correct' && entry.position !== null && entry.position < events.length) {
        events[entry.position] = parseJson<MatchEvent>(entry.data, 'match event');
        owners[entry.position] = entry.seq;
        lines[entry.position] = entry.line;
      }
    }
    const view: MatchView = { record, events, owners, lines, state: deriveMatch(record.setup, events) };
    this.remember(view);
    return view;
  }

  private remember(view: MatchView): void {
    this.cache.delete(view.record.id);
    this.cache.set(view.record.id, { lastSeq: view.record.lastSeq, view });
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
  }

  // -- changing ------------------------------------------------------------------------------------

  /**
   * Applies one change if the match is still at `expectedSeq`; otherwise refuses it as a conflict
   * that names the current seq, so that two scorers never interleave silently. An event the engine
   * would flag (a ball after the innings ended, a batter out twice) is refused before it is stored.
   */
  async apply(id: number, expectedSeq: number, change: MatchChange, by: number | null = null): Promise<MatchView> {
    if (!Number.isInteger(expectedSeq) || expectedSeq < 0) throw validationError([{ field: 'expectedSeq', message: 'expectedSeq must be the seq the scorer last saw' }]);
    const now = this.deps.clock.now().toISOString();
    let previousStatus = '';
    const view = await this.deps.store.transaction(async (trx) => {
      const row = await trx.selectFrom('matches').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound(`match ${id} does not exist`);
      if (row.last_seq !== expectedSeq) throw this.conflict(row.last_seq, expectedSeq);
      previousStatus = row.status;
      const before = await this.load(trx, row);
      const seq = row.last_seq + 1;
      let { setup, title, startTime } = before.record;
      const events = [...before.events];
      const owners = [...before.owners];
      const lines = [...before.lines];
      let target: number | undefined;
      let line: string | null = null;
      let position: number | null = null;
      let data: string | null = null;
      const names = this.names(before.record);

      switch (change.op) {
        case 'event': {
          const problem = eventProblem(change.event);
          if (problem) throw validationError([{ field: 'event', message: problem }], problem);
          if (before.state.outcome) {
            const message = `the match is over (${before.state.result}); undo the last entry to change it`;
            throw validationError([{ field: 'event', message }], message);
          }
          events.push(change.event);
          position = events.length - 1;
          data = JSON.stringify(change.event);
          break;
        }
        case 'undo': {
          if (events.length === 0) throw validationError([{ field: 'op', message: 'there is nothing to undo' }], 'There is nothing to undo');
          events.pop();
          target = owners.pop();
          lines.pop();
          position = events.length;
          break;
        }
        case 'correct': {
          const problem = eventProblem(change.event);
          if (problem) throw validationError([{ field: 'event', message: problem }], problem);
          if (!Number.isInteger(change.position) || change.position < 0 || change.position >= events.length) {
            throw validationError([{ field: 'position', message: `there is no event ${change.position} (the match has ${events.length})` }]);
          }
          events[change.position] = change.event;
          target = owners[change.position];
          position = change.position;
          data = JSON.stringify(change.event);
          break;
        }
        case 'setup': {
          const issues = validateSetup(change.setup);
          if (issues.length) throw validationError(issues, 'The match setup is not valid');
          const renamed = change.setup.teams.some((t, i) => t !== setup.teams[i]);
          if (renamed && events.length > 0) throw validationError([{ field: 'teams', message: 'teams cannot be renamed once play has started' }]);
          setup = change.setup;
          if (change.title !== undefined) title = matchTitle(setup, change.title);
          if (change.startTime !== undefined) startTime = change.startTime;
          data = JSON.stringify(setup);
          break;
        }
      }

      const state = deriveMatch(setup, events);
      if (change.op === 'event' || change.op === 'correct') {
        const known = new Set(before.state.warnings.map((w) => w.replace(/^event \d+: /, '')));
        const fresh = state.warnings.map((w) => w.replace(/^event \d+: /, '')).filter((w) => !known.has(w));
        if (fresh.length) throw validationError(fresh.map((message) => ({ field: 'event', message })), `Not recorded: ${fresh[0]}`);
      }
      if (change.op === 'event') {
        line = commentaryLine(change.event, before.state, state, { names });
        owners.push(seq);
        lines.push(line);
      } else if (change.op === 'correct') {
        const p = change.position;
        line = commentaryLine(change.event, deriveMatch(setup, events.slice(0, p)), deriveMatch(setup, events.slice(0, p + 1)), { names });
        owners[p] = seq;
        lines[p] = line;
      }

      const meta = before.record.meta;
      const score = this.score(id, title, startTime, meta, setup, state);
      const message = this.message(seq, change.op, now, line, score, { state, events }, target);
      const updated = await trx
        .updateTable('matches')
        .set({ title, setup: JSON.stringify(setup), start_time: startTime, status: state.status, summary: JSON.stringify(score), last_seq: seq, updated_at: now })
        .where('id', '=', id)
        .where('last_seq', '=', expectedSeq)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw this.conflict(null, expectedSeq);
      await trx
        .insertInto('match_events')
        .values({ match_id: id, seq, op: change.op, position, data, line, payload: JSON.stringify(message), created_by: by, created_at: now })
        .execute();
      const record: MatchRecord = { ...before.record, title, setup, startTime, status: state.status, summary: score, lastSeq: seq, updatedAt: now };
      return { record, events, owners, lines, state } satisfies MatchView;
    });
    this.remember(view);
    this.deps.bus.publish(MATCH_UPDATED, { matchId: id, seq: view.record.lastSeq, status: view.record.status, previousStatus });
    return view;
  }

  private conflict(current: number | null, expected: number): AppError {
    const now = current === null ? 'has moved on' : `is now at entry ${current}`;
    return conflict(`Another scorer changed this match: it ${now}, not ${expected}. Your entry was not recorded; check the latest state and enter it again.`, { lastSeq: current, expectedSeq: expected });
  }
}

/** The public scorecard JSON of a match (the GET /api/v1/matches/{id} contract). */
export const toScorecardJsonFor = (view: MatchView): ScorecardJson => toScorecardJson(String(view.record.id), view.state);
