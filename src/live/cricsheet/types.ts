/**
 * Cricsheet JSON, format 1.1.0 (cricsheet.org/format/json), as far as this importer reads it.
 * Data from Cricsheet, cricsheet.org, is published under ODC-By 1.0 and must be credited.
 */

export interface CricsheetFileMeta {
  data_version: string;
  created: string;
  revision: number;
}

export interface CricsheetOutcome {
  winner?: string;
  by?: { runs?: number; wickets?: number; innings?: number };
  /** 'D/L', 'VJD', 'Awarded', '1st innings score', 'Lost fewer wickets', … */
  method?: string;
  result?: 'draw' | 'no result' | 'tie';
  /** Winner of the Super Over after a tie. */
  eliminator?: string;
  /** Winner of the bowl-out after a tie. */
  bowl_out?: string;
}

export interface CricsheetInfo {
  balls_per_over: number;
  city?: string;
  dates: string[];
  event?: { name: string; match_number?: number; group?: string; stage?: string };
  gender?: string;
  match_type: string;
  outcome: CricsheetOutcome;
  overs?: number;
  player_of_match?: string[];
  players?: Record<string, string[]>;
  season?: string | number;
  team_type?: string;
  teams: string[];
  toss?: { winner: string; decision: 'bat' | 'field' };
  venue?: string;
  [key: string]: unknown;
}

export interface CricsheetFielder {
  name?: string;
  substitute?: boolean;
}

export interface CricsheetWicket {
  player_out: string;
  kind: string;
  fielders?: CricsheetFielder[];
}

export interface CricsheetExtras {
  wides?: number;
  noballs?: number;
  byes?: number;
  legbyes?: number;
  penalty?: number;
}

export interface CricsheetDelivery {
  batter: string;
  bowler: string;
  non_striker: string;
  extras?: CricsheetExtras;
  replacements?: unknown;
  review?: unknown;
  runs: { batter: number; extras: number; total: number; non_boundary?: boolean };
  wickets?: CricsheetWicket[];
}

export interface CricsheetOver {
  over: number;
  deliveries: CricsheetDelivery[];
}

export interface CricsheetInnings {
  team: string;
  overs?: CricsheetOver[];
  absent_hurt?: string[];
  penalty_runs?: { pre?: number; post?: number };
  declared?: boolean;
  forfeited?: boolean;
  powerplays?: unknown[];
  miscounted_overs?: Record<string, unknown>;
  target?: { overs?: number; runs?: number };
  super_over?: boolean;
  [key: string]: unknown;
}

export interface CricsheetMatch {
  meta: CricsheetFileMeta;
  info: CricsheetInfo;
  innings: CricsheetInnings[];
}
