/**
 * Who won, and how it is said. The decision reads only the published innings states, so it is
 * the same whether the match was scored live or imported.
 */
import type { InningsState, MatchResult, MatchSetup, Margin } from './types.js';

/** Limited-overs cricket has one innings a side; Tests and other multi-day matches have two. */
export function inningsPerSide(setup: MatchSetup): 1 | 2 {
  return setup.matchType === 'Test' || setup.matchType === 'MDM' ? 2 : 1;
}

export function playersPerSide(setup: MatchSetup): number {
  return setup.playersPerSide ?? 11;
}

type ChaseVerdict = MatchResult | 'tie' | null;

/**
 * The verdict on a chase: won as soon as the target is reached; lost or tied only once the
 * chasing innings has ended by being all out or using its overs. An innings cut short
 * (rain) or declared decides nothing by itself: the officials' result event must say.
 */
function judgeChase(defending: InningsState, chasing: InningsState, battersPerSide: number): ChaseVerdict {
  if (chasing.target === null) return null;
  const method = chasing.revisedTarget?.method ?? null;
  if (chasing.runs >= chasing.target) {
    const margin: Margin = { type: 'wickets', wickets: battersPerSide - 1 - chasing.wickets, ballsLeft: chasing.ballsLeft };
    return { kind: 'win', winner: chasing.team, margin, method };
  }
  if (chasing.closeReason !== 'all out' && chasing.closeReason !== 'overs complete') return null;
  const shortBy = chasing.target - 1 - chasing.runs;
  if (shortBy === 0) return 'tie';
  return { kind: 'win', winner: defending.team, margin: { type: 'runs', runs: shortBy }, method };
}

/** Super Overs are played in pairs until one pair has a winner. */
function judgeSuperOvers(superOvers: readonly InningsState[]): MatchResult | null {
  for (let i = 0; i + 1 < superOvers.length; i += 2) {
    const verdict = judgeChase(superOvers[i], superOvers[i + 1], 3);
    if (verdict === null) return null;
    if (verdict !== 'tie') {
      const winner = verdict.kind === 'win' ? verdict.winner : null;
      return { kind: 'tie', eliminator: winner, decider: 'super over' };
    }
  }
  return null;
}

function decideLimitedOvers(
  setup: MatchSetup,
  regular: readonly InningsState[],
  superOvers: readonly InningsState[],
): MatchResult | null {
  const [first, second] = regular;
  if (!first || !second) return null;
  const verdict = judgeChase(first, second, playersPerSide(setup));
  if (verdict !== 'tie') return verdict;
  if (!setup.superOverAllowed) return { kind: 'tie', eliminator: null, decider: null };
  return judgeSuperOvers(superOvers);
}

const runsBy = (innings: readonly InningsState[], team: string): number =>
  innings.filter((i) => i.team === team).reduce((sum, i) => sum + i.runs, 0);

/**
 * Two innings a side: the fourth innings is a chase; or a side that has batted twice, been
 * bowled out and still trails a side that batted once has lost by an innings.
 * A draw cannot be seen from the balls (it depends on the clock), so it needs a result event.
 */
function decideMultiInnings(setup: MatchSetup, regular: readonly InningsState[]): MatchResult | null {
  if (regular.length === 4) {
    const verdict = judgeChase(regular[2], regular[3], playersPerSide(setup));
    return verdict === 'tie' ? { kind: 'tie', eliminator: null, decider: null } : verdict;
  }
  if (regular.length === 3) {
    const last = regular[2];
    const battedTwice = regular.filter((i) => i.team === last.team).length === 2;
    if (!battedTwice || last.closeReason !== 'all out') return null;
    const other = last.bowlingTeam;
    const lead = runsBy(regular, other) - runsBy(regular, last.team);
    if (lead > 0) return { kind: 'win', winner: other, margin: { type: 'innings', runs: lead }, method: null };
  }
  return null;
}

export function decideResult(
  setup: MatchSetup,
  regular: readonly InningsState[],
  superOvers: readonly InningsState[],
): MatchResult | null {
  return inningsPerSide(setup) === 1 ? decideLimitedOvers(setup, regular, superOvers) : decideMultiInnings(setup, regular);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Rain rules read "(DLS method)"; anything else the officials name is given as is, e.g. "(awarded)". */
function methodSuffix(method: string | null): string {
  if (!method) return '';
  return /^(DLS|D\/L|VJD)$/.test(method) ? ` (${method} method)` : ` (${method})`;
}

function marginText(margin: Margin | null): string {
  if (!margin) return '';
  switch (margin.type) {
    case 'runs':
      return ` by ${plural(margin.runs, 'run')}`;
    case 'innings':
      return ` by an innings and ${plural(margin.runs, 'run')}`;
    case 'wickets': {
      const left = margin.ballsLeft ? ` (${plural(margin.ballsLeft, 'ball')} left)` : '';
      return ` by ${plural(margin.wickets, 'wicket')}${left}`;
    }
  }
}

export function resultText(result: MatchResult): string {
  switch (result.kind) {
    case 'win':
      return `${result.winner} won${marginText(result.margin)}${methodSuffix(result.method)}`;
    case 'tie':
      if (!result.eliminator) return 'Match tied';
      return result.decider === 'bowl-out'
        ? `Match tied (${result.eliminator} won the bowl-out)`
        : `Match tied (${result.eliminator} won the Super Over)`;
    case 'draw':
      return 'Match drawn';
    case 'no result':
      return 'No result';
    case 'abandoned':
      return 'Match abandoned';
  }
}

export function winnerOf(result: MatchResult | null): string | null {
  if (result?.kind === 'win') return result.winner;
  if (result?.kind === 'tie') return result.eliminator;
  return null;
}
