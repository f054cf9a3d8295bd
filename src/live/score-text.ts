/**
 * The reader's score strip as data and text: the shapes that travel to browsers over SSE and the few
 * formatters both the server views and the browser bundles use, so that the two always agree.
 * No imports: the browser bundle stays a few hundred bytes.
 */
import type { MatchStatus } from './scoring/types.js';
import type { ScorecardInningsJson } from './scoring/scorecard.js';

export interface LiveInnings {
  team: string;
  short: string;
  runs: number;
  wickets: number;
  overs: string;
  runRate: string;
  superOver?: true;
  target?: number;
}

export interface Bilingual {
  hi: string;
  en: string;
}

export interface LiveScore {
  id: string;
  title: string;
  status: MatchStatus;
  teams: [string, string];
  short: [string, string];
  /** Regular innings, then Super Overs, in the order of the scorecard JSON. */
  innings: LiveInnings[];
  /** Position in `innings` of the innings in play, or null. */
  current: number | null;
  /** The result as the scorecard JSON gives it ("Royal Challengers Bengaluru won by 6 runs"), or "". */
  result: string;
  /** What is happening now: the chase, the toss, the break. Null when there is nothing to add. */
  situation: Bilingual | null;
  startTime: string;
}

export interface LiveBatter {
  name: string;
  runs: number;
  balls: number;
  fours: number;
  sixes: number;
  strikeRate: string;
  onStrike: boolean;
}

export interface LiveBowler {
  name: string;
  overs: string;
  maidens: number;
  runs: number;
  wickets: number;
  economy: string;
}

/** The innings of the latest change, in detail, for the match centre and the scorer. */
export interface LiveCard {
  /** Position in the scorecard's innings list. */
  innings: number;
  scorecard: ScorecardInningsJson;
  batters: LiveBatter[];
  bowler: LiveBowler | null;
  /** The balls of the over in progress (or the last over), as a scorer writes them: "1", "4", "W", "wd". */
  thisOver: string[];
  partnership: { runs: number; balls: number } | null;
  requiredRunRate: string | null;
}

export type MatchOp = 'create' | 'event' | 'undo' | 'correct' | 'setup';

/**
 * One journal entry as readers receive it (SSE data; the event id is `seq`). The "score" view, used by
 * the widget, carries everything but `card`.
 */
export interface MatchMessage {
  seq: number;
  op: MatchOp;
  /** For undo and correct: the seq of the entry whose event was removed or replaced. */
  target?: number;
  /** Hindi commentary for the event, if it has one. */
  line: string | null;
  score: LiveScore;
  card?: LiveCard | null;
  at: string;
}

/** "RCB 190/9 (20.0)". */
export function inningsLine(i: Pick<LiveInnings, 'short' | 'runs' | 'wickets' | 'overs'>): string {
  return `${i.short} ${i.runs}/${i.wickets} (${i.overs})`;
}

/** "RCB 190/9 (20.0) · RR 9.50". */
export function inningsLineWithRate(i: Pick<LiveInnings, 'short' | 'runs' | 'wickets' | 'overs' | 'runRate'>): string {
  return `${inningsLine(i)} · RR ${i.runRate}`;
}

/** "RCB 190/9 (20.0) · PBKS 184/7 (20.0)": the short score of the match list. */
export function shortScore(score: Pick<LiveScore, 'innings'>): string {
  return score.innings.map(inningsLine).join(' · ');
}

