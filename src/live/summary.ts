/**
 * What readers see of a match at a glance, derived from the engine's state: the score strip of the
 * widget ("RCB 190/9 (20.0) · RR 9.50"), the situation ("Punjab Kings need 7 runs from 6 balls") and,
 * for the match centre, the card of the innings in play. Pure: derived again after every change.
 */
import type { DeliveryEvent, InningsState, MatchEvent, MatchSetup, MatchState } from './scoring/index.js';
import { toScorecardJson } from './scoring/index.js';
import { shortTeamName, hindiTeamNames } from './teams.js';
import type { Bilingual, LiveBatter, LiveBowler, LiveCard, LiveInnings, LiveScore } from './score-text.js';
export * from './score-text.js';

export interface ScoreNames {
  /** Short names by team, overriding the built-in ones. */
  short?: Readonly<Record<string, string>>;
  /** Hindi names by team, overriding the built-in ones. */
  hi?: Readonly<Record<string, string>>;
}

/** Regular innings then Super Overs: the order of the scorecard JSON. */
export function scorecardOrder(state: MatchState): InningsState[] {
  return [...state.innings, ...state.superOvers];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function situationOf(setup: MatchSetup, state: MatchState, names: { hi: (t: string) => string }): Bilingual | null {
  const order = scorecardOrder(state);
  if (state.status === 'scheduled' || (state.status === 'live' && order.length === 1 && order[0]!.legalBalls === 0)) {
    const toss = setup.toss;
    if (!toss) return state.status === 'scheduled' ? { hi: 'मैच अभी शुरू नहीं हुआ है', en: 'Match yet to begin' } : null;
    return {
      hi: `${names.hi(toss.winner)} ने टॉस जीतकर ${toss.decision === 'bat' ? 'बल्लेबाज़ी' : 'गेंदबाज़ी'} चुनी`,
      en: `${toss.winner} won the toss and chose to ${toss.decision}`,
    };
  }
  const current = state.current;
  if (state.status === 'live' && current) {
    if (current.runsNeeded !== null && current.runsNeeded > 0) {
      const runs = current.runsNeeded;
      if (current.ballsLeft === null) return { hi: `${names.hi(current.team)} को जीत के लिए ${runs} रन चाहिए`, en: `${current.team} need ${plural(runs, 'run', 'runs')} to win` };
      return {
        hi: `${names.hi(current.team)} को ${current.ballsLeft} गेंदों में ${runs} रन चाहिए`,
        en: `${current.team} need ${plural(runs, 'run', 'runs')} from ${plural(current.ballsLeft, 'ball', 'balls')}`,
      };
    }
    return null;
  }
  if (state.status === 'innings break') {
    const last = order.at(-1);
    if (!last) return null;
    const next = last.bowlingTeam;
    const pairsDone = order.filter((i) => i.superOver === last.superOver).length % 2 === 0;
    if (!pairsDone && (setup.oversPerInnings !== null || last.superOver)) {
      const target = last.runs + 1;
      return { hi: `पारी ब्रेक — ${names.hi(next)} को जीत के लिए ${target} रन का लक्ष्य`, en: `Innings break — ${next} need ${target} to win` };
    }
    return { hi: 'पारी ब्रेक', en: 'Innings break' };
  }
  return null;
}

export function liveScore(
  id: string,
  info: { title: string; startTime: string; names?: ScoreNames },
  setup: MatchSetup,
  state: MatchState,
): LiveScore {
  const shortOf = (team: string) => shortTeamName(team, info.names?.short);
  const hiNames = hindiTeamNames(setup.teams, info.names?.hi);
  const json = toScorecardJson(id, state);
  const order = scorecardOrder(state);
  const innings: LiveInnings[] = json.innings.map((i) => {
    const row: LiveInnings = { team: i.team, short: shortOf(i.team), runs: i.runs, wickets: i.wickets, overs: i.overs, runRate: i.runRate };
    if (i.superOver) row.superOver = true;
    if (i.target !== undefined) row.target = i.target;
    return row;
  });
  const current = state.current ? order.findIndex((i) => i.index === state.current!.index) : -1;
  return {
    id,
    title: info.title,
    status: state.status,
    teams: [setup.teams[0], setup.teams[1]],
    short: [shortOf(setup.teams[0]), shortOf(setup.teams[1])],
    innings,
    current: current >= 0 ? current : null,
    result: json.result,
    situation: situationOf(setup, state, { hi: (t) => hiNames[t] ?? t }),
    startTime: info.startTime,
  };
}

/** How a scorer writes one delivery in the over strip. */
export function ballMark(d: DeliveryEvent): string {
  const wides = d.extras?.wides ?? 0;
  const noballs = d.extras?.noballs ?? 0;
  const byes = d.extras?.byes ?? 0;
  const legbyes = d.extras?.legbyes ?? 0;
  let mark: string;
  if (wides > 0) mark = wides > 1 ? `${wides}wd` : 'wd';
  else if (noballs > 0) mark = `nb${d.runs.batter || byes || legbyes ? d.runs.batter + byes + legbyes : ''}`;
  else if (byes > 0) mark = `${byes}b`;
  else if (legbyes > 0) mark = `${legbyes}lb`;
  else mark = String(d.runs.batter);
  if (d.wickets?.length) mark = mark === '0' ? 'W' : `${mark}W`;
  return mark;
}

/** Deliveries of the over in progress in an innings, or of the last over when it has just been called. */
export function currentOverMarks(events: readonly MatchEvent[], innings: number): string[] {
  const marks: string[] = [];
  let sawEnd = false;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (!('innings' in e) || e.innings !== innings) {
      if (e.type === 'inningsStart') break;
      continue;
    }
    if (e.type === 'endOfOver') {
      if (marks.length > 0 || sawEnd) break;
      sawEnd = true;
      continue;
    }
    if (e.type === 'inningsStart') break;
    if (e.type === 'delivery') marks.unshift(ballMark(e));
  }
  return marks;
}

/** The detailed card of the innings in play (or the last one played). */
export function liveCard(id: string, state: MatchState, events: readonly MatchEvent[]): LiveCard | null {
  const order = scorecardOrder(state);
  const inn = state.current ?? order.reduce<InningsState | null>((last, i) => (last === null || i.index > last.index ? i : last), null);
  if (!inn) return null;
  const position = order.findIndex((i) => i.index === inn.index);
  const scorecard = toScorecardJson(id, state).innings[position]!;
  const atCrease = [inn.striker, inn.nonStriker].filter((n): n is string => n !== null);
  const batters: LiveBatter[] = atCrease.flatMap((name) => {
    const row = inn.batting.find((b) => b.name === name);
    return row ? [{ name, runs: row.runs, balls: row.balls, fours: row.fours, sixes: row.sixes, strikeRate: row.strikeRate, onStrike: name === inn.striker }] : [];
  });
  const bowlerRow = inn.bowler ? inn.bowling.find((b) => b.name === inn.bowler) : undefined;
  const bowler: LiveBowler | null = bowlerRow
    ? { name: bowlerRow.name, overs: bowlerRow.overs, maidens: bowlerRow.maidens, runs: bowlerRow.runs, wickets: bowlerRow.wickets, economy: bowlerRow.economy }
    : null;
  const stand = inn.closed ? null : inn.partnerships.at(-1);
  return {
    innings: position,
    scorecard,
    batters,
    bowler,
    thisOver: currentOverMarks(events, inn.index),
    partnership: stand ? { runs: stand.runs, balls: stand.balls } : null,
    requiredRunRate: inn.requiredRunRate,
  };
}
