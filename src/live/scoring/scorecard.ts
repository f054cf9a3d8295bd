/**
 * The public scorecard JSON contract. Field names and types are a published API: add fields if
 * needed, never rename or retype them. Numbers are JSON numbers except `overs` and `runRate`.
 */
import type { ExtrasSummary, InningsState, MatchState, MatchStatus, TeamName } from './types.js';

export interface ScorecardBattingJson {
  name: string;
  runs: number;
  balls: number;
  fours: number;
  sixes: number;
  howOut: string;
  strikeRate: string;
}

export interface ScorecardBowlingJson {
  name: string;
  overs: string;
  maidens: number;
  runs: number;
  wickets: number;
  economy: string;
  wides: number;
  noBalls: number;
}

export interface ScorecardInningsJson {
  team: TeamName;
  runs: number;
  wickets: number;
  overs: string;
  runRate: string;
  extras: ExtrasSummary;
  batting: ScorecardBattingJson[];
  bowling: ScorecardBowlingJson[];
  fallOfWickets: { wicket: number; runs: number; batter: string; over: string }[];
  /** Present (and true) only on Super Over innings. */
  superOver?: true;
  /** Present only on a chasing innings. */
  target?: number;
}

export interface ScorecardJson {
  id: string;
  teams: [TeamName, TeamName];
  status: MatchStatus;
  /** Empty while the match is undecided. */
  result: string;
  winner: TeamName | null;
  innings: ScorecardInningsJson[];
}

function inningsJson(innings: InningsState): ScorecardInningsJson {
  const json: ScorecardInningsJson = {
    team: innings.team,
    runs: innings.runs,
    wickets: innings.wickets,
    overs: innings.overs,
    runRate: innings.runRate,
    extras: { ...innings.extras },
    batting: innings.batting.map(({ name, runs, balls, fours, sixes, howOut, strikeRate }) => ({
      name,
      runs,
      balls,
      fours,
      sixes,
      howOut,
      strikeRate,
    })),
    bowling: innings.bowling.map(({ name, overs, maidens, runs, wickets, economy, wides, noBalls }) => ({
      name,
      overs,
      maidens,
      runs,
      wickets,
      economy,
      wides,
      noBalls,
    })),
    fallOfWickets: innings.fallOfWickets.map(({ wicket, runs, batter, over }) => ({ wicket, runs, batter, over })),
  };
  if (innings.superOver) json.superOver = true;
  if (innings.target !== null) json.target = innings.target;
  return json;
}

/** Regular innings first, then Super Over innings in the order they were played. */
export function toScorecardJson(id: string, state: MatchState): ScorecardJson {
  return {
    id,
    teams: [state.teams[0], state.teams[1]],
    status: state.status,
    result: state.result ?? '',
    winner: state.winner,
    innings: [...state.innings, ...state.superOvers].map(inningsJson),
  };
}
