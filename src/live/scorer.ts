/**
 * The scorer's operations: from what the scorer entered (a shorthand code, who is at the crease,
 * the dismissal) to one change of the match's journal. The same functions serve the keyboard
 * screen (JSON), the plain forms and tests.
 */
import { validationError } from '../shared/errors.js';
import { cleanText } from '../shared/text.js';
import { buildDelivery, type DeliveryEvent, type DismissalKind, type InningsEndReason, type InningsState, type MatchEvent, type MatchResult, type RetirementKind } from './scoring/index.js';
import { parseEntry } from './entry.js';
import type { MatchChange, MatchView } from './matches.js';

export const DISMISSAL_KINDS: readonly DismissalKind[] = [
  'caught', 'bowled', 'lbw', 'run out', 'stumped', 'caught and bowled', 'hit wicket', 'obstructing the field', 'handled the ball', 'hit the ball twice', 'timed out',
];
export const RETIREMENT_KINDS: readonly RetirementKind[] = ['retired hurt', 'retired out', 'retired not out'];
export const END_REASONS: readonly InningsEndReason[] = ['declared', 'forfeited', 'all out', 'curtailed'];
export const DECLARED_RESULTS = ['no result', 'abandoned', 'draw'] as const;

/** Whom the scorer has at the crease and bowling; any of them may be a new choice after a wicket or an over. */
export interface Crease {
  striker?: string;
  nonStriker?: string;
  bowler?: string;
}

export interface WicketInput {
  kind?: string;
  playerOut?: string;
  fielder?: string;
  substitute?: boolean;
}

export type ScorerAction =
  | { action: 'entry'; code: string; crease?: Crease; wicket?: WicketInput }
  | { action: 'startInnings'; battingTeam: string; superOver?: boolean }
  | { action: 'endInnings'; reason: string }
  | { action: 'retire'; batter: string; kind: string }
  | { action: 'result'; result: string }
  | { action: 'revisedTarget'; runs: number; overs?: number; method?: string }
  | { action: 'bowlerChange'; bowler: string };

const name = (v: string | undefined): string => cleanText(v ?? '').slice(0, 80);

/** A refusal the scorer reads as it is: the message names the field's problem. */
const refuse = (field: string, message: string) => validationError([{ field, message }], message);

/** The innings a scorer is entering into: the one in play, else an error saying what to do first. */
export function inningsInPlay(view: MatchView): InningsState {
  const current = view.state.current;
  if (current) return current;
  if (view.state.outcome) throw validationError([{ field: 'code', message: `the match is over: ${view.state.result}` }], `The match is over (${view.state.result})`);
  throw validationError([{ field: 'code', message: 'start the innings first' }], 'No innings is in play: start the innings first');
}

/** The next innings: the side that has not batted last, or (for a Super Over pair) the side that batted second. */
export function nextBattingTeam(view: MatchView): string {
  const all = [...view.state.innings, ...view.state.superOvers].sort((a, b) => a.index - b.index);
  const last = all.at(-1);
  const { teams, toss } = view.record.setup;
  if (!last) return toss ? (toss.decision === 'bat' ? toss.winner : teams.find((t) => t !== toss.winner)!) : teams[0];
  return last.bowlingTeam;
}

function squadOf(view: MatchView, team: string): readonly string[] {
  return view.record.setup.players?.[team] ?? [];
}

function toEvent(view: MatchView, a: Exclude<ScorerAction, { action: 'entry' }>): MatchEvent {
  switch (a.action) {
    case 'startInnings': {
      if (view.state.current) throw refuse('battingTeam', `${view.state.current.team} are still batting: end that innings first`);
      if (view.state.outcome) throw refuse('battingTeam', `the match is over: ${view.state.result}`);
      const team = name(a.battingTeam);
      if (!view.record.setup.teams.includes(team)) throw refuse('battingTeam', `${team || 'the batting team'} is not playing in this match`);
      const index = view.state.innings.length + view.state.superOvers.length;
      return a.superOver ? { type: 'inningsStart', innings: index, battingTeam: team, superOver: true } : { type: 'inningsStart', innings: index, battingTeam: team };
    }
    case 'endInnings': {
      const innings = inningsInPlay(view);
      if (!END_REASONS.includes(a.reason as InningsEndReason)) throw refuse('reason', `reason must be one of ${END_REASONS.join(', ')}`);
      return { type: 'inningsEnd', innings: innings.index, reason: a.reason as InningsEndReason };
    }
    case 'retire': {
      const innings = inningsInPlay(view);
      const batter = name(a.batter);
      if (!batter || (batter !== innings.striker && batter !== innings.nonStriker)) throw refuse('batter', `${batter || 'the batter'} is not at the crease`);
      if (!RETIREMENT_KINDS.includes(a.kind as RetirementKind)) throw refuse('kind', `kind must be one of ${RETIREMENT_KINDS.join(', ')}`);
      return { type: 'retirement', innings: innings.index, batter, kind: a.kind as RetirementKind };
    }
    case 'result': {
      if (!(DECLARED_RESULTS as readonly string[]).includes(a.result)) throw refuse('result', `result must be one of ${DECLARED_RESULTS.join(', ')}`);
      if (view.state.outcome) throw refuse('result', `the match already has a result: ${view.state.result}`);
      return { type: 'result', outcome: { kind: a.result } as MatchResult };
    }
    case 'revisedTarget': {
      const innings = view.state.current ?? null;
      const index = innings?.index ?? view.state.innings.length + view.state.superOvers.length;
      if (!Number.isInteger(a.runs) || a.runs < 1) throw refuse('runs', 'the revised target is a whole number of runs');
      const event: MatchEvent = { type: 'revisedTarget', innings: index, runs: a.runs };
      if (a.overs !== undefined) {
        if (!(a.overs > 0) || Math.round((a.overs % 1) * 10) >= view.record.setup.ballsPerOver) throw refuse('overs', 'overs are written as 9.2 (nine overs and two balls)');
        event.overs = a.overs;
      }
      const method = name(a.method);
      if (method) event.method = method;
      return event;
    }
    case 'bowlerChange': {
      const innings = inningsInPlay(view);
      const bowler = name(a.bowler);
      if (!bowler) throw refuse('bowler', 'name the bowler');
      return { type: 'bowlerChange', innings: innings.index, bowler };
    }
  }
}

/** Turns what the scorer did into one change of the journal, or a validation error naming what is missing. */
export function changeFor(view: MatchView, a: ScorerAction): MatchChange {
  if (a.action !== 'entry') return { op: 'event', event: toEvent(view, a) };
  const parsed = parseEntry(a.code);
  if (parsed.kind === 'error') throw validationError([{ field: 'code', message: parsed.error }], parsed.error);
  if (parsed.kind === 'undo') return { op: 'undo' };
  const innings = inningsInPlay(view);
  if (parsed.kind === 'over') return { op: 'event', event: { type: 'endOfOver', innings: innings.index } };
  if (parsed.kind === 'penalty') return { op: 'event', event: { type: 'penaltyRuns', innings: innings.index, runs: parsed.runs } };

  const event = deliveryFor(view, { index: innings.index, team: innings.team, bowlingTeam: innings.bowlingTeam }, parsed, {
    striker: name(a.crease?.striker) || innings.striker || '',
    nonStriker: name(a.crease?.nonStriker) || innings.nonStriker || '',
    bowler: name(a.crease?.bowler) || innings.bowler || '',
  }, a.wicket);
  return { op: 'event', event };
}

/** A corrected delivery at `position`: same innings; the players default to the original's. */
export function correctionFor(view: MatchView, position: number, a: { code: string; crease?: Crease; wicket?: WicketInput }): MatchChange {
  const original = view.events[position];
  if (!original) throw refuse('position', `there is no event ${position}`);
  if (original.type !== 'delivery') throw refuse('position', 'only a delivery can be corrected; undo other entries');
  const parsed = parseEntry(a.code);
  if (parsed.kind === 'error') throw validationError([{ field: 'code', message: parsed.error }], parsed.error);
  if (parsed.kind !== 'delivery') throw refuse('code', 'a correction replaces a ball with another ball: use a ball code');
  const innings = [...view.state.innings, ...view.state.superOvers].find((i) => i.index === original.innings);
  if (!innings) throw refuse('position', 'that innings no longer exists');
  const event = deliveryFor(view, { index: innings.index, team: innings.team, bowlingTeam: innings.bowlingTeam }, parsed, {
    striker: name(a.crease?.striker) || original.batter,
    nonStriker: name(a.crease?.nonStriker) || original.nonStriker,
    bowler: name(a.crease?.bowler) || original.bowler,
  }, a.wicket);
  return { op: 'correct', position, event };
}

function deliveryFor(
  view: MatchView,
  innings: { index: number; team: string; bowlingTeam: string },
  parsed: Extract<ReturnType<typeof parseEntry>, { kind: 'delivery' }>,
  crease: { striker: string; nonStriker: string; bowler: string },
  wicket: WicketInput | undefined,
): DeliveryEvent {
  const { striker, nonStriker, bowler } = crease;
  const a = { wicket };
  const missing = [
    !striker && { field: 'striker', message: 'choose the batter on strike' },
    !nonStriker && { field: 'nonStriker', message: 'choose the non-striker' },
    !bowler && { field: 'bowler', message: 'choose the bowler' },
  ].filter((x): x is { field: string; message: string } => Boolean(x));
  if (missing.length) throw validationError(missing, `Not recorded: ${missing.map((m) => m.message).join('; ')}`);
  if (striker === nonStriker) throw refuse('nonStriker', 'the striker and the non-striker must be different batters');
  const fielding = squadOf(view, innings.bowlingTeam);
  const batting = squadOf(view, innings.team);
  for (const [field, who] of [['striker', striker], ['nonStriker', nonStriker]] as const) {
    if (fielding.includes(who) && !batting.includes(who)) throw refuse(field, `${who} plays for ${innings.bowlingTeam}, who are bowling`);
  }
  if (batting.includes(bowler) && !fielding.includes(bowler)) throw refuse('bowler', `${bowler} plays for ${innings.team}, who are batting`);

  let wickets;
  if (parsed.wicket) {
    const kind = (a.wicket?.kind ?? '') as DismissalKind;
    if (!DISMISSAL_KINDS.includes(kind)) throw validationError([{ field: 'wicketKind', message: 'choose how the batter was out' }], 'Choose how the batter was out');
    const playerOut = name(a.wicket?.playerOut) || striker;
    if (playerOut !== striker && playerOut !== nonStriker) throw refuse('playerOut', `${playerOut} is not at the crease`);
    const fielder = name(a.wicket?.fielder);
    const isWide = (parsed.extras.wides ?? 0) > 0;
    if (isWide && !['stumped', 'run out', 'hit wicket', 'obstructing the field', 'handled the ball'].includes(kind)) {
      throw refuse('wicketKind', `a batter cannot be ${kind} off a wide`);
    }
    if ((parsed.extras.noballs ?? 0) > 0 && !['run out', 'obstructing the field', 'handled the ball', 'hit the ball twice'].includes(kind)) {
      throw refuse('wicketKind', `a batter cannot be ${kind} off a no-ball`);
    }
    wickets = [{ kind, playerOut, ...(fielder ? { fielders: [a.wicket?.substitute ? { name: fielder, substitute: true } : { name: fielder }] } : {}) }];
  }
  const event = buildDelivery({
    innings: innings.index,
    batter: striker,
    nonStriker,
    bowler,
    runs: parsed.runs,
    extras: parsed.extras,
    ...(parsed.boundary ? { boundary: parsed.boundary } : {}),
    ...(wickets ? { wickets } : {}),
  });
  return event;
}
