/**
 * parseCricsheet: a Cricsheet JSON match as the engine's setup and event list.
 *
 * The importer does the inferences the engine refuses to make: Cricsheet does not flag
 * boundaries, so 4 or 6 off the bat is a boundary unless `non_boundary` says it was run;
 * retirements arrive as "wickets" on a delivery and become retirement events after it.
 * The result is left to the engine; the file's outcome is only appended as an officials'
 * result event when the balls alone cannot settle it (no result, awarded, a rain-stopped chase).
 */
import { deriveMatch, formatOvers, oversToBalls } from '../scoring/index.js';
import type {
  DeliveryEvent,
  DeliveryExtras,
  Dismissal,
  DismissalKind,
  InningsStartEvent,
  MatchEvent,
  MatchSetup,
  RetirementEvent,
  RetirementKind,
  RevisedTargetEvent,
} from '../scoring/index.js';
import { rainRuleOf, resultFromCricsheet, sameResult } from './outcome.js';
import type {
  CricsheetDelivery,
  CricsheetFileMeta,
  CricsheetInnings,
  CricsheetMatch,
  CricsheetOutcome,
  CricsheetWicket,
} from './types.js';

export class CricsheetFormatError extends Error {
  constructor(path: string, problem: string) {
    super(`Cricsheet JSON: ${path} ${problem}`);
    this.name = 'CricsheetFormatError';
  }
}

export interface CricsheetMeta {
  teams: [string, string];
  /** First day of play. */
  date: string | null;
  dates: string[];
  venue: string | null;
  city: string | null;
  eventName: string | null;
  matchNumber: number | null;
  stage: string | null;
  season: string | null;
  playerOfMatch: string[];
  /** The file's own outcome, verbatim. */
  outcome: CricsheetOutcome;
  /** Where the file's outcome and the one derived from its balls disagree. */
  warnings: string[];
  /** What the engine does not model (officials, registry, powerplays…), kept so export loses nothing. */
  preserved: {
    meta: CricsheetFileMeta;
    info: Record<string, unknown>;
    innings: Record<string, unknown>[];
  };
}

export interface ParsedCricsheet {
  setup: MatchSetup;
  events: MatchEvent[];
  meta: CricsheetMeta;
}

const DISMISSAL_KINDS: ReadonlySet<string> = new Set<DismissalKind>([
  'bowled',
  'caught',
  'caught and bowled',
  'lbw',
  'stumped',
  'run out',
  'hit wicket',
  'obstructing the field',
  'handled the ball',
  'hit the ball twice',
  'timed out',
]);
const RETIREMENT_KINDS: ReadonlySet<string> = new Set<RetirementKind>(['retired hurt', 'retired out', 'retired not out']);

/** Innings keys turned into events; any other key is preserved as is. */
const MODELLED_INNINGS_KEYS = new Set(['team', 'overs', 'absent_hurt', 'penalty_runs', 'declared', 'forfeited', 'target', 'super_over']);

export function parseCricsheet(json: unknown): ParsedCricsheet {
  const match = checkShape(json);
  const setup = setupFrom(match);
  const events: MatchEvent[] = [];
  match.innings.forEach((innings, index) => {
    events.push(...inningsOpening(innings, index));
    const target = revisedTargetIfAny(setup, events, innings, index, match.info.outcome);
    if (target) events.push(target);
    events.push(...inningsPlay(innings, index));
  });
  const warnings = settleOutcome(setup, events, match.info.outcome);
  return { setup, events, meta: metaFrom(match, warnings) };
}

// -- setup and meta ------------------------------------------------------------------------------

function setupFrom(match: CricsheetMatch): MatchSetup {
  const { info } = match;
  const setup: MatchSetup = {
    teams: [info.teams[0], info.teams[1]],
    playersPerSide: 11,
    oversPerInnings: info.overs ?? null,
    ballsPerOver: info.balls_per_over,
    matchType: info.match_type,
    // Only a match that went to a Super Over is known to allow one; a plain tie then stands.
    superOverAllowed: match.innings.some((innings) => innings.super_over === true),
  };
  if (info.players) setup.players = info.players;
  if (info.toss) setup.toss = { winner: info.toss.winner, decision: info.toss.decision };
  return setup;
}

function metaFrom(match: CricsheetMatch, warnings: string[]): CricsheetMeta {
  const { info } = match;
  return {
    teams: [info.teams[0], info.teams[1]],
    date: info.dates[0] ?? null,
    dates: [...info.dates],
    venue: info.venue ?? null,
    city: info.city ?? null,
    eventName: info.event?.name ?? null,
    matchNumber: info.event?.match_number ?? null,
    stage: info.event?.stage ?? null,
    season: info.season === undefined ? null : String(info.season),
    playerOfMatch: info.player_of_match ?? [],
    outcome: info.outcome,
    warnings,
    preserved: {
      meta: match.meta,
      info: { ...info },
      innings: match.innings.map((innings) =>
        Object.fromEntries(Object.entries(innings).filter(([key]) => !MODELLED_INNINGS_KEYS.has(key))),
      ),
    },
  };
}

// -- innings -------------------------------------------------------------------------------------

function inningsOpening(innings: CricsheetInnings, index: number): MatchEvent[] {
  const events: MatchEvent[] = [];
  const start: InningsStartEvent = { type: 'inningsStart', innings: index, battingTeam: innings.team };
  if (innings.super_over) start.superOver = true;
  if (innings.absent_hurt?.length) start.absentHurt = innings.absent_hurt;
  events.push(start);
  const pre = innings.penalty_runs?.pre ?? 0;
  if (pre > 0) events.push({ type: 'penaltyRuns', innings: index, runs: pre });
  return events;
}

/**
 * Cricsheet records a `target` on every chase. Only one that differs from the natural target
 * (the engine's own, from the balls so far) is an officials' revision worth an event.
 */
function revisedTargetIfAny(
  setup: MatchSetup,
  eventsSoFar: readonly MatchEvent[],
  innings: CricsheetInnings,
  index: number,
  outcome: CricsheetOutcome,
): MatchEvent | null {
  const { target } = innings;
  if (target?.runs === undefined) return null;
  const derived = deriveMatch(setup, eventsSoFar);
  const natural = [...derived.innings, ...derived.superOvers].find((state) => state.index === index);
  const oversRevised =
    target.overs !== undefined && natural?.maxOvers !== formatOvers(oversToBalls(target.overs, setup.ballsPerOver), setup.ballsPerOver);
  if (natural?.target === target.runs && !oversRevised) return null;
  const revision: RevisedTargetEvent = { type: 'revisedTarget', innings: index, runs: target.runs };
  if (target.overs !== undefined) revision.overs = target.overs;
  const method = rainRuleOf(outcome);
  if (method) revision.method = method;
  return revision;
}

function inningsPlay(innings: CricsheetInnings, index: number): MatchEvent[] {
  const events: MatchEvent[] = [];
  for (const over of innings.overs ?? []) {
    for (const delivery of over.deliveries) events.push(...deliveryEvents(delivery, index));
    events.push({ type: 'endOfOver', innings: index });
  }
  if (innings.declared) events.push({ type: 'inningsEnd', innings: index, reason: 'declared' });
  if (innings.forfeited) events.push({ type: 'inningsEnd', innings: index, reason: 'forfeited' });
  const post = innings.penalty_runs?.post ?? 0;
  if (post > 0) events.push({ type: 'penaltyRuns', innings: index, runs: post });
  return events;
}

// -- deliveries ----------------------------------------------------------------------------------

/** A delivery, then any retirement Cricsheet attached to it as a "wicket". */
function deliveryEvents(d: CricsheetDelivery, innings: number): MatchEvent[] {
  const dismissals = (d.wickets ?? []).filter((w) => !RETIREMENT_KINDS.has(w.kind));
  const retirements = (d.wickets ?? []).filter((w) => RETIREMENT_KINDS.has(w.kind));
  const delivery: DeliveryEvent = {
    type: 'delivery',
    innings,
    batter: d.batter,
    nonStriker: d.non_striker,
    bowler: d.bowler,
    runs: { batter: d.runs.batter, extras: d.runs.extras, total: d.runs.total },
  };
  if (d.extras && Object.keys(d.extras).length > 0) delivery.extras = { ...d.extras } as DeliveryExtras;
  const boundary = boundaryOf(d);
  if (boundary) delivery.boundary = boundary;
  if (dismissals.length > 0) delivery.wickets = dismissals.map(dismissalOf);
  const annotations = annotationsOf(d);
  if (annotations) delivery.annotations = annotations;
  return [delivery, ...retirements.map((w): RetirementEvent => ({ type: 'retirement', innings, batter: w.player_out, kind: w.kind as RetirementKind }))];
}

/** Cricsheet marks a four or six that was run with `non_boundary`; any other 4 or 6 off the bat reached the rope. */
function boundaryOf(d: CricsheetDelivery): DeliveryEvent['boundary'] {
  if (d.runs.non_boundary) return undefined;
  if (d.runs.batter === 4) return 'four';
  if (d.runs.batter === 6) return 'six';
  return undefined;
}

function dismissalOf(w: CricsheetWicket): Dismissal {
  const dismissal: Dismissal = { kind: w.kind as DismissalKind, playerOut: w.player_out };
  if (w.fielders?.length) {
    dismissal.fielders = w.fielders.map((f) => (f.substitute ? { name: f.name ?? '', substitute: true } : { name: f.name ?? '' }));
  }
  return dismissal;
}

function annotationsOf(d: CricsheetDelivery): Record<string, unknown> | null {
  const annotations: Record<string, unknown> = {};
  if (d.review !== undefined) annotations.review = d.review;
  if (d.replacements !== undefined) annotations.replacements = d.replacements;
  return Object.keys(annotations).length > 0 ? annotations : null;
}

// -- outcome -------------------------------------------------------------------------------------

/**
 * Appends the file's outcome as a result event only when the balls leave the match undecided;
 * a disagreement between balls and file is reported, and the balls win.
 */
function settleOutcome(setup: MatchSetup, events: MatchEvent[], outcome: CricsheetOutcome): string[] {
  const declared = resultFromCricsheet(outcome);
  const derived = deriveMatch(setup, events).outcome;
  // A bowl-out is not scored ball by ball: the balls can only say "tied".
  const bowlOut = derived?.kind === 'tie' && declared?.kind === 'tie' && declared.decider === 'bowl-out';
  if (derived === null || bowlOut) {
    if (declared) events.push({ type: 'result', outcome: declared });
    return [];
  }
  if (declared && !sameResult(derived, declared)) {
    return [`the file's outcome ${JSON.stringify(outcome)} differs from the one its deliveries give`];
  }
  return [];
}

// -- shape checks --------------------------------------------------------------------------------

type Json = Record<string, unknown>;

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CricsheetFormatError(path, 'is not an object');
  return value as Json;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new CricsheetFormatError(path, 'is not an array');
  return value;
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new CricsheetFormatError(path, 'is not a string');
  return value;
}

function integer(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new CricsheetFormatError(path, 'is not a count');
  return value;
}

/** Checks what the importer relies on; anything else is carried through untouched. */
function checkShape(json: unknown): CricsheetMatch {
  const root = object(json, '(root)');
  object(root.meta, 'meta');
  const info = object(root.info, 'info');
  const teams = array(info.teams, 'info.teams');
  if (teams.length !== 2) throw new CricsheetFormatError('info.teams', 'does not name two teams');
  teams.forEach((team, i) => string(team, `info.teams[${i}]`));
  integer(info.balls_per_over, 'info.balls_per_over');
  string(info.match_type, 'info.match_type');
  array(info.dates, 'info.dates');
  object(info.outcome, 'info.outcome');
  array(root.innings, 'innings').forEach((innings, i) => checkInnings(innings, `innings[${i}]`, teams as string[]));
  return root as unknown as CricsheetMatch;
}

function checkInnings(value: unknown, path: string, teams: string[]): void {
  const innings = object(value, path);
  const team = string(innings.team, `${path}.team`);
  if (!teams.includes(team)) throw new CricsheetFormatError(`${path}.team`, `"${team}" is not one of the teams`);
  array(innings.overs ?? [], `${path}.overs`).forEach((over, o) => {
    const deliveries = array(object(over, `${path}.overs[${o}]`).deliveries, `${path}.overs[${o}].deliveries`);
    deliveries.forEach((d, b) => checkDelivery(d, `${path}.overs[${o}].deliveries[${b}]`));
  });
}

function checkDelivery(value: unknown, path: string): void {
  const d = object(value, path);
  for (const key of ['batter', 'bowler', 'non_striker']) string(d[key], `${path}.${key}`);
  const runs = object(d.runs, `${path}.runs`);
  for (const key of ['batter', 'extras', 'total']) integer(runs[key], `${path}.runs.${key}`);
  if (d.extras !== undefined) {
    for (const [key, n] of Object.entries(object(d.extras, `${path}.extras`))) integer(n, `${path}.extras.${key}`);
  }
  array(d.wickets ?? [], `${path}.wickets`).forEach((w, i) => {
    const wicket = object(w, `${path}.wickets[${i}]`);
    string(wicket.player_out, `${path}.wickets[${i}].player_out`);
    const kind = string(wicket.kind, `${path}.wickets[${i}].kind`);
    if (!DISMISSAL_KINDS.has(kind) && !RETIREMENT_KINDS.has(kind)) {
      throw new CricsheetFormatError(`${path}.wickets[${i}].kind`, `"${kind}" is not a known dismissal`);
    }
  });
}
