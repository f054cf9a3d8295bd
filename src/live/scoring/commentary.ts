/**
 * One-line Hindi commentary for the ticker: "19.4: हेज़लवुड से कोहली — चौका!".
 * Pure: the line depends only on the event and the states either side of it. Player names are
 * printed as stored unless the caller supplies Devanagari spellings.
 */
import { isWide, noBallsOf, widesOf, byesOf, legByesOf } from './laws.js';
import type { DeliveryEvent, DismissalKind, InningsState, MatchEvent, MatchState, RetirementKind } from './types.js';

export interface CommentaryOptions {
  /** Hindi spellings of player and team names, e.g. { 'V Kohli': 'कोहली' }. */
  names?: Readonly<Record<string, string>>;
}

const DISMISSAL_HI: Record<DismissalKind, string> = {
  bowled: 'बोल्ड',
  caught: 'कैच आउट',
  'caught and bowled': 'कॉट एंड बोल्ड',
  lbw: 'एलबीडब्ल्यू',
  stumped: 'स्टंप आउट',
  'run out': 'रन आउट',
  'hit wicket': 'हिट विकेट',
  'obstructing the field': 'फ़ील्ड में बाधा डालने पर आउट',
  'handled the ball': 'गेंद पकड़ने पर आउट',
  'hit the ball twice': 'गेंद दो बार मारने पर आउट',
  'timed out': 'टाइम आउट',
};

const RETIREMENT_HI: Record<RetirementKind, string> = {
  'retired hurt': 'रिटायर्ड हर्ट',
  'retired out': 'रिटायर्ड आउट',
  'retired not out': 'रिटायर्ड नॉट आउट',
};

const findInnings = (state: MatchState, index: number): InningsState | undefined =>
  [...state.innings, ...state.superOvers].find((i) => i.index === index);

/** The ball's number as scorers call it: the next legal ball of the over in progress. */
function ballLabel(before: MatchState, innings: number): string {
  const state = findInnings(before, innings);
  return state ? `${state.completedOvers}.${state.legalBallsThisOver + 1}` : '0.1';
}

function whatHappened(d: DeliveryEvent, name: (n: string) => string): string {
  const parts: string[] = [];
  if (isWide(d)) parts.push(widesOf(d) > 1 ? `वाइड, ${widesOf(d)} रन` : 'वाइड');
  if (noBallsOf(d) > 0) parts.push('नो-बॉल');
  if (d.boundary === 'four') parts.push('चौका!');
  else if (d.boundary === 'six') parts.push('छक्का!');
  else if (d.runs.batter > 0) parts.push(`${d.runs.batter} रन`);
  if (byesOf(d) > 0) parts.push(`${byesOf(d)} बाई`);
  if (legByesOf(d) > 0) parts.push(`${legByesOf(d)} लेग बाई`);
  for (const w of d.wickets ?? []) parts.unshift(`विकेट! ${name(w.playerOut)} ${DISMISSAL_HI[w.kind]}`);
  return parts.length > 0 ? parts.join(', ') : 'कोई रन नहीं';
}

function outcomeLine(state: MatchState, name: (n: string) => string): string | null {
  const outcome = state.outcome;
  switch (outcome?.kind) {
    case 'win':
      return `${name(outcome.winner)} की जीत!`;
    case 'tie':
      return outcome.eliminator ? `मैच टाई — सुपर ओवर में ${name(outcome.eliminator)} की जीत!` : 'मैच टाई!';
    case 'draw':
      return 'मैच ड्रॉ';
    case 'no result':
      return 'कोई नतीजा नहीं';
    case 'abandoned':
      return 'मैच रद्द';
    default:
      return null;
  }
}

/** Appended to the ball that settles the match. */
function matchOver(before: MatchState, after: MatchState, name: (n: string) => string): string {
  if (before.outcome) return '';
  const line = outcomeLine(after, name);
  return line ? ` — ${line}` : '';
}

export function commentaryLine(
  event: MatchEvent,
  before: MatchState,
  after: MatchState,
  options: CommentaryOptions = {},
): string | null {
  const name = (n: string): string => options.names?.[n] ?? n;
  switch (event.type) {
    case 'delivery': {
      const label = ballLabel(before, event.innings);
      return `${label}: ${name(event.bowler)} से ${name(event.batter)} — ${whatHappened(event, name)}${matchOver(before, after, name)}`;
    }
    case 'retirement':
      return `${name(event.batter)} ${RETIREMENT_HI[event.kind]}`;
    case 'endOfOver': {
      const innings = findInnings(after, event.innings);
      if (!innings) return null;
      return `ओवर समाप्त — ${name(innings.team)} ${innings.runs}/${innings.wickets} (${innings.overs} ओवर)`;
    }
    case 'inningsStart':
      return event.superOver ? `सुपर ओवर: ${name(event.battingTeam)} की बल्लेबाज़ी` : `${name(event.battingTeam)} की पारी शुरू`;
    case 'result':
      return outcomeLine(after, name);
    default:
      return null;
  }
}
