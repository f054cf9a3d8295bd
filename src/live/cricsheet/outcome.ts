/** Cricsheet `info.outcome` and the engine's MatchResult, both ways. */
import type { Margin, MatchResult } from '../scoring/index.js';
import type { CricsheetOutcome } from './types.js';

/** Cricsheet writes Duckworth–Lewis(–Stern) as 'D/L'; the result text says "DLS method". */
const METHOD_FROM_CRICSHEET: Readonly<Record<string, string>> = { 'D/L': 'DLS' };
const METHOD_TO_CRICSHEET: Readonly<Record<string, string>> = { DLS: 'D/L' };

/** Methods that revise a target during play, as opposed to deciding a match that could not finish. */
const RAIN_RULES = new Set(['D/L', 'VJD']);

export function methodFromCricsheet(method: string | undefined): string | null {
  if (!method) return null;
  return METHOD_FROM_CRICSHEET[method] ?? method;
}

export function rainRuleOf(outcome: CricsheetOutcome): string | null {
  return outcome.method && RAIN_RULES.has(outcome.method) ? methodFromCricsheet(outcome.method) : null;
}

function marginFromCricsheet(by: CricsheetOutcome['by']): Margin | null {
  if (by?.innings !== undefined) return { type: 'innings', runs: by.runs ?? 0 };
  if (by?.runs !== undefined) return { type: 'runs', runs: by.runs };
  if (by?.wickets !== undefined) return { type: 'wickets', wickets: by.wickets, ballsLeft: null };
  return null;
}

export function resultFromCricsheet(outcome: CricsheetOutcome): MatchResult | null {
  if (outcome.result === 'no result') return { kind: 'no result' };
  if (outcome.result === 'draw') return { kind: 'draw' };
  if (outcome.result === 'tie') {
    if (outcome.eliminator) return { kind: 'tie', eliminator: outcome.eliminator, decider: 'super over' };
    if (outcome.bowl_out) return { kind: 'tie', eliminator: outcome.bowl_out, decider: 'bowl-out' };
    return { kind: 'tie', eliminator: null, decider: null };
  }
  if (outcome.winner) {
    return { kind: 'win', winner: outcome.winner, margin: marginFromCricsheet(outcome.by), method: methodFromCricsheet(outcome.method) };
  }
  return null;
}

function marginToCricsheet(margin: Margin): NonNullable<CricsheetOutcome['by']> {
  switch (margin.type) {
    case 'runs':
      return { runs: margin.runs };
    case 'wickets':
      return { wickets: margin.wickets };
    case 'innings':
      return { innings: 1, runs: margin.runs };
  }
}

/** An unfinished match has an empty outcome; Cricsheet has no "abandoned", only "no result". */
export function resultToCricsheet(result: MatchResult | null): CricsheetOutcome {
  switch (result?.kind) {
    case undefined:
      return {};
    case 'win': {
      const outcome: CricsheetOutcome = { winner: result.winner };
      if (result.margin) outcome.by = marginToCricsheet(result.margin);
      if (result.method) outcome.method = METHOD_TO_CRICSHEET[result.method] ?? result.method;
      return outcome;
    }
    case 'tie':
      if (result.decider === 'bowl-out' && result.eliminator) return { result: 'tie', bowl_out: result.eliminator };
      return result.eliminator ? { result: 'tie', eliminator: result.eliminator } : { result: 'tie' };
    case 'draw':
      return { result: 'draw' };
    case 'no result':
    case 'abandoned':
      return { result: 'no result' };
  }
}

/** Whether two results say the same thing; balls left is not compared, Cricsheet does not record it. */
export function sameResult(a: MatchResult | null, b: MatchResult | null): boolean {
  return JSON.stringify(resultToCricsheet(a)) === JSON.stringify(resultToCricsheet(b));
}
