/**
 * The vocabulary of the scoring engine: what a match is set up with, the events a scorer appends,
 * and the state derived from them. Players and teams are identified by name, as in Cricsheet.
 * See src/live/CONTEXT.md for the glossary.
 */

export type TeamName = string;
export type PlayerName = string;

export interface Toss {
  winner: TeamName;
  decision: 'bat' | 'field';
}

/** Cricsheet's match types; multi-day forms ('Test', 'MDM') have two innings a side and no overs limit. */
export type MatchType = 'T20' | 'IT20' | 'ODI' | 'ODM' | 'Test' | 'MDM' | (string & {});

export interface MatchSetup {
  teams: readonly [TeamName, TeamName];
  /** Squad per team name. Optional: only used to list who did not bat and to spot short-handed sides. */
  players?: Readonly<Record<TeamName, readonly PlayerName[]>>;
  /** Players who may bat for a side; defaults to 11. An impact-player squad of 12 still bats 11. */
  playersPerSide?: number;
  /** Overs per innings for limited-overs cricket; null when unlimited (multi-day). */
  oversPerInnings: number | null;
  ballsPerOver: number;
  toss?: Toss;
  matchType: MatchType;
  /** Whether a tie is settled by Super Overs (the match stays open until one decides it). */
  superOverAllowed: boolean;
}

// ---------------------------------------------------------------------------------------------
// Events: appended one at a time by a scorer; the state is always re-derived from the full list.
// ---------------------------------------------------------------------------------------------

/** Extras of one delivery, in Cricsheet's units: `wides` counts every run from a wide (1 + any run). */
export interface DeliveryExtras {
  wides?: number;
  noballs?: number;
  byes?: number;
  legbyes?: number;
  penalty?: number;
}

export interface DeliveryRuns {
  batter: number;
  extras: number;
  total: number;
}

export type Boundary = 'four' | 'six';

export type DismissalKind =
  | 'bowled'
  | 'caught'
  | 'caught and bowled'
  | 'lbw'
  | 'stumped'
  | 'run out'
  | 'hit wicket'
  | 'obstructing the field'
  | 'handled the ball'
  | 'hit the ball twice'
  | 'timed out';

export type RetirementKind = 'retired hurt' | 'retired out' | 'retired not out';

export interface Fielder {
  name: PlayerName;
  substitute?: boolean;
}

export interface Dismissal {
  kind: DismissalKind;
  playerOut: PlayerName;
  fielders?: readonly Fielder[];
}

export interface DeliveryEvent {
  type: 'delivery';
  /** Position of the innings in the match, counting Super Over innings (0-based). */
  innings: number;
  batter: PlayerName;
  nonStriker: PlayerName;
  bowler: PlayerName;
  runs: DeliveryRuns;
  extras?: DeliveryExtras;
  /** Set by the scorer when the ball reached the boundary; never inferred from the run count. */
  boundary?: Boundary;
  wickets?: readonly Dismissal[];
  /** Facts the engine does not score but an export should keep (Cricsheet `review`, `replacements`). */
  annotations?: Readonly<Record<string, unknown>>;
}

export interface RetirementEvent {
  type: 'retirement';
  innings: number;
  batter: PlayerName;
  kind: RetirementKind;
  /** False when a retired-hurt batter is known not to return, so the side is all out sooner. */
  canResume?: boolean;
}

export interface BowlerChangeEvent {
  type: 'bowlerChange';
  innings: number;
  bowler: PlayerName;
}

export interface EndOfOverEvent {
  type: 'endOfOver';
  innings: number;
}

export interface InningsStartEvent {
  type: 'inningsStart';
  innings: number;
  battingTeam: TeamName;
  superOver?: boolean;
  /** Batters who cannot bat at all in this innings. */
  absentHurt?: readonly PlayerName[];
}

export type InningsEndReason = 'declared' | 'forfeited' | 'all out' | 'curtailed';

export interface InningsEndEvent {
  type: 'inningsEnd';
  innings: number;
  reason: InningsEndReason;
}

/** A target set by the officials (e.g. by DLS after rain); the engine never computes one itself. */
export interface RevisedTargetEvent {
  type: 'revisedTarget';
  innings: number;
  runs: number;
  /** Overs available to the chasing side ("9.2" style: nine overs and two balls); absent if unchanged. */
  overs?: number;
  /** Named in the result, e.g. 'DLS' gives "(DLS method)". Absent for a plain reduced-overs match. */
  method?: string;
}

/** Penalty runs awarded to the batting side outside any delivery (Cricsheet `penalty_runs`). */
export interface PenaltyRunsEvent {
  type: 'penaltyRuns';
  innings: number;
  runs: number;
}

/** The officials' verdict where play cannot decide it: no result, abandoned, awarded, a DLS par score. */
export interface ResultEvent {
  type: 'result';
  outcome: MatchResult;
}

export type MatchEvent =
  | DeliveryEvent
  | RetirementEvent
  | BowlerChangeEvent
  | EndOfOverEvent
  | InningsStartEvent
  | InningsEndEvent
  | RevisedTargetEvent
  | PenaltyRunsEvent
  | ResultEvent;

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

export type Margin =
  | { type: 'runs'; runs: number }
  | { type: 'wickets'; wickets: number; ballsLeft: number | null }
  | { type: 'innings'; runs: number };

export type MatchResult =
  | { kind: 'win'; winner: TeamName; margin: Margin | null; method: string | null }
  | { kind: 'tie'; eliminator: TeamName | null; decider: 'super over' | 'bowl-out' | null }
  | { kind: 'draw' }
  | { kind: 'no result' }
  | { kind: 'abandoned' };

// ---------------------------------------------------------------------------------------------
// Derived state
// ---------------------------------------------------------------------------------------------

export type MatchStatus = 'scheduled' | 'live' | 'innings break' | 'complete' | 'no result' | 'abandoned';

export type InningsCloseReason = 'all out' | 'overs complete' | 'target reached' | InningsEndReason;

export interface ExtrasSummary {
  byes: number;
  legByes: number;
  wides: number;
  noBalls: number;
  penalty: number;
  total: number;
}

export interface BattingRow {
  name: PlayerName;
  runs: number;
  balls: number;
  fours: number;
  sixes: number;
  strikeRate: string;
  /** Scorecard text: "c Kohli b Hazlewood", "run out (Jadeja)", "retired hurt", "not out". */
  howOut: string;
  /** Out, including retired out; a retired-hurt batter is not. */
  dismissed: boolean;
}

export interface BowlingRow {
  name: PlayerName;
  overs: string;
  maidens: number;
  runs: number;
  wickets: number;
  economy: string;
  wides: number;
  noBalls: number;
}

export interface FallOfWicket {
  wicket: number;
  runs: number;
  batter: PlayerName;
  over: string;
}

export interface Partnership {
  /** The wicket this stand was for: a retirement starts a new stand for the same wicket. */
  wicket: number;
  batters: readonly [PlayerName, PlayerName];
  runs: number;
  balls: number;
}

export interface InningsState {
  index: number;
  team: TeamName;
  bowlingTeam: TeamName;
  superOver: boolean;
  runs: number;
  wickets: number;
  legalBalls: number;
  /** "O.B": completed overs (closed by the umpire) and legal balls of the over in progress. */
  overs: string;
  runRate: string;
  /** Overs available, as "O.B", or null when unlimited. */
  maxOvers: string | null;
  target: number | null;
  /** Set when the officials revised the target (and perhaps the overs), e.g. by DLS. */
  revisedTarget: { runs: number; overs: string | null; method: string | null } | null;
  runsNeeded: number | null;
  ballsLeft: number | null;
  requiredRunRate: string | null;
  extras: ExtrasSummary;
  batting: BattingRow[];
  didNotBat: PlayerName[];
  bowling: BowlingRow[];
  fallOfWickets: FallOfWicket[];
  partnerships: Partnership[];
  striker: PlayerName | null;
  nonStriker: PlayerName | null;
  bowler: PlayerName | null;
  completedOvers: number;
  legalBallsThisOver: number;
  closed: boolean;
  closeReason: InningsCloseReason | null;
}

export interface MatchState {
  teams: readonly [TeamName, TeamName];
  status: MatchStatus;
  /** Result text, e.g. "Kolkata Knight Riders won by 8 wickets (57 balls left)"; null while undecided. */
  result: string | null;
  winner: TeamName | null;
  outcome: MatchResult | null;
  /** Regular innings only: Super Over innings never add to match totals. */
  innings: InningsState[];
  superOvers: InningsState[];
  /** The innings in play, if any. */
  current: InningsState | null;
  /** Inconsistencies the scorer may want to fix (the engine still derives what it can). */
  warnings: string[];
}
