/** The "how out" column of a batting scorecard, written the way newspapers print it. */
import type { Dismissal, Fielder, PlayerName } from './types.js';

/** Cricsheet sometimes knows only that a substitute fielded, not who. */
const fielderName = (f: Fielder): string => {
  if (!f.substitute) return f.name;
  return f.name ? `sub (${f.name})` : 'sub';
};

export function describeDismissal(dismissal: Dismissal, bowler: PlayerName): string {
  const fielders = dismissal.fielders ?? [];
  const first = fielders[0];
  switch (dismissal.kind) {
    case 'bowled':
      return `b ${bowler}`;
    case 'caught':
      // A catch by the bowler is printed "c & b" whichever kind the scorer chose.
      if (!first || first.name === bowler) return `c & b ${bowler}`;
      return `c ${fielderName(first)} b ${bowler}`;
    case 'caught and bowled':
      return `c & b ${bowler}`;
    case 'lbw':
      return `lbw b ${bowler}`;
    case 'stumped':
      return first ? `st ${fielderName(first)} b ${bowler}` : `st b ${bowler}`;
    case 'hit wicket':
      return `hit wicket b ${bowler}`;
    case 'run out':
      return fielders.length > 0 ? `run out (${fielders.map(fielderName).join('/')})` : 'run out';
    default:
      // Obstructing the field, handled the ball, hit the ball twice, timed out: no bowler named.
      return dismissal.kind;
  }
}
