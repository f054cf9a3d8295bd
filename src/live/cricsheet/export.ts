/**
 * exportCricsheet: a match scored in Samachar (or imported) back to Cricsheet JSON 1.1.0.
 * Overs are grouped as the umpire called them (endOfOver events); the outcome and targets are
 * the engine's, so parse -> export -> parse yields the same scorecard.
 */
import { deriveMatch } from '../scoring/index.js';
import type {
  DeliveryEvent,
  InningsState,
  MatchEvent,
  MatchSetup,
  MatchState,
  RetirementEvent,
} from '../scoring/index.js';
import { resultToCricsheet } from './outcome.js';
import type { CricsheetMeta } from './parse.js';
import type {
  CricsheetDelivery,
  CricsheetInfo,
  CricsheetInnings,
  CricsheetMatch,
  CricsheetOver,
  CricsheetWicket,
} from './types.js';

/** The subset of CricsheetMeta an export uses; a match scored live may pass as little as nothing. */
export type ExportMeta = Partial<Pick<CricsheetMeta, 'dates' | 'venue' | 'city' | 'eventName' | 'matchNumber' | 'stage' | 'season' | 'playerOfMatch' | 'preserved'>>;

export function exportCricsheet(setup: MatchSetup, events: readonly MatchEvent[], meta: ExportMeta = {}): CricsheetMatch {
  const state = deriveMatch(setup, events);
  const allInnings = [...state.innings, ...state.superOvers].sort((a, b) => a.index - b.index);
  return {
    meta: meta.preserved?.meta ?? { data_version: '1.1.0', created: meta.dates?.[0] ?? '', revision: 1 },
    info: infoFor(setup, state, meta),
    innings: allInnings.map((innings) => inningsFor(innings, events, meta.preserved?.innings[innings.index] ?? {})),
  };
}

function infoFor(setup: MatchSetup, state: MatchState, meta: ExportMeta): CricsheetInfo {
  const info: CricsheetInfo = {
    ...(meta.preserved?.info ?? {}),
    balls_per_over: setup.ballsPerOver,
    dates: meta.dates ?? [],
    match_type: setup.matchType,
    outcome: resultToCricsheet(state.outcome),
    teams: [setup.teams[0], setup.teams[1]],
  };
  if (setup.oversPerInnings !== null) info.overs = setup.oversPerInnings;
  if (setup.toss) info.toss = { ...setup.toss };
  if (setup.players) info.players = Object.fromEntries(Object.entries(setup.players).map(([team, names]) => [team, [...names]]));
  // Descriptive fields from the meta fill gaps only: a preserved original wins, keeping its types.
  if (meta.venue && info.venue === undefined) info.venue = meta.venue;
  if (meta.city && info.city === undefined) info.city = meta.city;
  if (meta.season && info.season === undefined) info.season = meta.season;
  if (meta.playerOfMatch?.length && info.player_of_match === undefined) info.player_of_match = [...meta.playerOfMatch];
  if (meta.eventName && info.event === undefined) {
    info.event = { name: meta.eventName };
    if (meta.matchNumber) info.event.match_number = meta.matchNumber;
    if (meta.stage) info.event.stage = meta.stage;
  }
  return info;
}

function inningsFor(innings: InningsState, events: readonly MatchEvent[], preserved: Record<string, unknown>): CricsheetInnings {
  const own = events.filter((e) => 'innings' in e && e.innings === innings.index);
  const json: CricsheetInnings = { team: innings.team, ...preserved, overs: oversOf(own) };
  const start = own.find((e) => e.type === 'inningsStart');
  if (start?.type === 'inningsStart' && start.absentHurt?.length) json.absent_hurt = [...start.absentHurt];
  const penalties = penaltyRunsOf(own);
  if (penalties) json.penalty_runs = penalties;
  if (own.some((e) => e.type === 'inningsEnd' && e.reason === 'declared')) json.declared = true;
  if (own.some((e) => e.type === 'inningsEnd' && e.reason === 'forfeited')) json.forfeited = true;
  // Cricsheet gives a target on the regular chase only, never on a Super Over.
  if (innings.target !== null && !innings.superOver) {
    json.target = { runs: innings.target };
    // "9.2" (nine overs and two balls) is written 9.2, as Cricsheet does.
    if (innings.maxOvers !== null) json.target.overs = Number(innings.maxOvers);
  }
  if (innings.superOver) json.super_over = true;
  return json;
}

/** Penalty runs before the first ball are `pre`; any later ones (outside a delivery) are `post`. */
function penaltyRunsOf(events: readonly MatchEvent[]): CricsheetInnings['penalty_runs'] | null {
  let pre = 0;
  let post = 0;
  let bowled = false;
  for (const e of events) {
    if (e.type === 'delivery') bowled = true;
    if (e.type !== 'penaltyRuns') continue;
    if (bowled) post += e.runs;
    else pre += e.runs;
  }
  if (pre === 0 && post === 0) return null;
  const penalties: NonNullable<CricsheetInnings['penalty_runs']> = {};
  if (pre > 0) penalties.pre = pre;
  if (post > 0) penalties.post = post;
  return penalties;
}

/**
 * Deliveries grouped into overs at each umpire's call. Cricsheet has no retirement record of
 * its own: a retirement becomes a "wicket" on the delivery before it (or the next, if none).
 */
function oversOf(events: readonly MatchEvent[]): CricsheetOver[] {
  const overs: CricsheetOver[] = [];
  let current: CricsheetDelivery[] = [];
  let lastDelivery: CricsheetDelivery | null = null;
  let waiting: RetirementEvent[] = [];
  for (const e of events) {
    if (e.type === 'delivery') {
      lastDelivery = deliveryJson(e);
      for (const retirement of waiting) attachRetirement(lastDelivery, retirement);
      waiting = [];
      current.push(lastDelivery);
    } else if (e.type === 'retirement') {
      if (lastDelivery) attachRetirement(lastDelivery, e);
      else waiting.push(e);
    } else if (e.type === 'endOfOver' && current.length > 0) {
      overs.push({ over: overs.length, deliveries: current });
      current = [];
    }
  }
  if (current.length > 0) overs.push({ over: overs.length, deliveries: current });
  return overs;
}

function attachRetirement(delivery: CricsheetDelivery, retirement: RetirementEvent): void {
  (delivery.wickets ??= []).push({ player_out: retirement.batter, kind: retirement.kind });
}

/** Keys in Cricsheet's own (alphabetical) order. */
function deliveryJson(d: DeliveryEvent): CricsheetDelivery {
  const json: Partial<CricsheetDelivery> & Record<string, unknown> = { batter: d.batter, bowler: d.bowler };
  const extras = Object.fromEntries(Object.entries(d.extras ?? {}).filter(([, n]) => n)) as CricsheetDelivery['extras'];
  if (extras && Object.keys(extras).length > 0) json.extras = extras;
  json.non_striker = d.nonStriker;
  for (const [key, value] of Object.entries(d.annotations ?? {}).sort(([a], [b]) => a.localeCompare(b))) json[key] = value;
  json.runs = { batter: d.runs.batter, extras: d.runs.extras, total: d.runs.total };
  // A 4 or 6 off the bat that the scorer did not flag as a boundary was run.
  if ((d.runs.batter === 4 || d.runs.batter === 6) && !d.boundary) json.runs.non_boundary = true;
  if (d.wickets?.length) json.wickets = d.wickets.map(wicketJson);
  return json as CricsheetDelivery;
}

function wicketJson(w: NonNullable<DeliveryEvent['wickets']>[number]): CricsheetWicket {
  const json: CricsheetWicket = { player_out: w.playerOut, kind: w.kind };
  if (w.fielders?.length) {
    json.fielders = w.fielders.map((f) => {
      const fielder: NonNullable<CricsheetWicket['fielders']>[number] = {};
      if (f.name) fielder.name = f.name;
      if (f.substitute) fielder.substitute = true;
      return fielder;
    });
  }
  return json;
}
