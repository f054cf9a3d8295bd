// Demo cricket for Samachar: two fictional franchises of the fictional "राष्ट्रीय नगर टी20 लीग" (the
// league of demo story demo-017), with invented players. Nothing here copies a real squad or match.
//
// The balls are not stored: they are drawn from a seeded generator and entered one by one through the
// scorer's own operations (changeFor, then MatchService.apply), so the journal, commentary, scorecard
// and widget are exactly what a scorer at the desk would have produced. Same seed, same match.
import type { Container } from '../container.js';
import { fixedClock } from '../shared/clock.js';
import {
  changeFor,
  nextBattingTeam,
  LiveBlogService,
  MatchService,
  type Crease,
  type MatchMeta,
  type MatchSetup,
  type MatchView,
  type ScorerAction,
  type WicketInput,
} from '../live/index.js';
import { seededRandom } from './random.js';

export interface DemoTeam {
  name: string;
  short: string;
  hi: string;
  /** Batting order. */
  players: string[];
  keeper: string;
  /** The five bowlers, in the order BOWLING_PLAN refers to them. */
  bowlers: [string, string, string, string, string];
}

export interface DemoMatch {
  externalId: string;
  title: string;
  /** The side batting first, then the other. */
  teams: [DemoTeam, DemoTeam];
  toss: { winner: string; decision: 'bat' | 'field' };
  meta: { venue: string; city: string; eventName: string; matchNumber: number; season: string };
  /** Story time (ISO 8601, +05:30) of the toss and of the first ball; shifted like the stories' times. */
  tossAt: string;
  startTime: string;
  seed: number;
  /** Legal balls of the first innings to enter, or null to play the match to its result. */
  stopAfterBalls: number | null;
}

const LEAGUE = 'राष्ट्रीय नगर टी20 लीग';

export const jaipurJaguars: DemoTeam = {
  name: 'Jaipur Jaguars',
  short: 'JAI',
  hi: 'जयपुर जगुआर्स',
  players: ['अभिमन्यु शेखावत', 'कुणाल भाटी', 'यश मीणा', 'रणवीर चौधरी', 'सिद्धार्थ जोशी', 'भानुप्रताप देवड़ा', 'मनन पुरोहित', 'तरुण गहलोत', 'ललित खींची', 'नवीन कुमावत', 'प्रणय व्यास'],
  keeper: 'सिद्धार्थ जोशी',
  bowlers: ['ललित खींची', 'नवीन कुमावत', 'प्रणय व्यास', 'तरुण गहलोत', 'मनन पुरोहित'],
};

export const bhopalBisons: DemoTeam = {
  name: 'Bhopal Bisons',
  short: 'BHO',
  hi: 'भोपाल बाइसन्स',
  players: ['आदित्य चौरसिया', 'समर्थ दुबे', 'इरफ़ान मंसूरी', 'केशव रघुवंशी', 'पुलकित सोनी', 'विवेक बघेल', 'शौर्य ठाकुर', 'अमन कुशवाहा', 'निखिल मालवीय', 'दानिश अंसारी', 'हिमांशु नामदेव'],
  keeper: 'पुलकित सोनी',
  bowlers: ['दानिश अंसारी', 'हिमांशु नामदेव', 'अमन कुशवाहा', 'निखिल मालवीय', 'शौर्य ठाकुर'],
};

export const punePanthers: DemoTeam = {
  name: 'Pune Panthers',
  short: 'PUN',
  hi: 'पुणे पैंथर्स',
  players: ['साहिल गायकवाड़', 'तन्मय कुलकर्णी', 'प्रथमेश जाधव', 'अनिकेत भोसले', 'मंदार पाटणकर', 'सौमित्र देशमुख', 'विराज माने', 'कौस्तुभ लेले', 'हृषीकेश पवार', 'चिन्मय काळे', 'ओंकार शिंदे'],
  keeper: 'मंदार पाटणकर',
  bowlers: ['ओंकार शिंदे', 'चिन्मय काळे', 'हृषीकेश पवार', 'कौस्तुभ लेले', 'विराज माने'],
};

/** The live match of the demo: Jaipur bat first and are some ten overs in. */
export const demoLiveMatch: DemoMatch = {
  externalId: 'demo-match-live',
  title: 'जयपुर जगुआर्स बनाम भोपाल बाइसन्स',
  teams: [jaipurJaguars, bhopalBisons],
  toss: { winner: 'Jaipur Jaguars', decision: 'bat' },
  meta: { venue: 'नगर क्रिकेट स्टेडियम, जयपुर', city: 'जयपुर', eventName: LEAGUE, matchNumber: 24, season: '2026' },
  tossAt: '2026-11-26T15:45:00+05:30',
  startTime: '2026-11-26T16:15:00+05:30',
  seed: 20261183,
  stopAfterBalls: 62,
};

/** A finished match three days earlier, so that the match list shows both states. */
export const demoFinishedMatch: DemoMatch = {
  externalId: 'demo-match-finished',
  title: 'भोपाल बाइसन्स बनाम पुणे पैंथर्स',
  teams: [bhopalBisons, punePanthers],
  toss: { winner: 'Pune Panthers', decision: 'field' },
  meta: { venue: 'ताल मैदान, भोपाल', city: 'भोपाल', eventName: LEAGUE, matchNumber: 19, season: '2026' },
  tossAt: '2026-11-23T19:00:00+05:30',
  startTime: '2026-11-23T19:30:00+05:30',
  seed: 20261442,
  stopAfterBalls: null,
};

export const demoMatches: readonly DemoMatch[] = [demoFinishedMatch, demoLiveMatch];

/** Which of the five bowlers bowls each of the 20 overs: four overs each, never two in a row. */
export const BOWLING_PLAN = [0, 1, 0, 1, 2, 3, 2, 3, 4, 2, 4, 3, 4, 2, 3, 4, 1, 0, 1, 0] as const;

/** Seconds of play per legal ball (a T20 over takes about four minutes) and of an innings break. */
const SECONDS_PER_BALL = 40;
const INNINGS_BREAK_S = 20 * 60;

export { seededRandom } from './random.js';

/** What a T20 ball brings, in the scorer's entry codes, with rough weights. */
const BALLS: readonly [string, number][] = [
  ['0', 0.34], ['1', 0.33], ['2', 0.07], ['3', 0.01], ['4', 0.1], ['6', 0.045], ['w', 0.045], ['wd', 0.03], ['lb1', 0.02], ['nb1', 0.01],
];

const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

function ballCode(rng: () => number): string {
  let r = rng();
  for (const [code, weight] of BALLS) {
    if (r < weight) return code;
    r -= weight;
  }
  return '0';
}

function wicketFor(rng: () => number, bowling: DemoTeam, bowler: string): WicketInput {
  const r = rng();
  if (r < 0.55) {
    const fielder = rng() < 0.25 ? bowling.keeper : pick(rng, bowling.players.filter((p) => p !== bowler));
    return { kind: 'caught', fielder };
  }
  if (r < 0.75) return { kind: 'bowled' };
  if (r < 0.88) return { kind: 'lbw' };
  if (r < 0.94) return { kind: 'caught and bowled' };
  return { kind: 'run out', fielder: pick(rng, bowling.players.filter((p) => p !== bowler)) };
}

/** The next ball: its entry code and, for a wicket, the dismissal. */
export function drawBall(rng: () => number, bowling: DemoTeam, bowler: string): { code: string; wicket?: WicketInput } {
  const code = ballCode(rng);
  return code === 'w' ? { code, wicket: wicketFor(rng, bowling, bowler) } : { code };
}

export const isLegal = (code: string) => code !== 'wd' && !code.startsWith('nb');

export function demoSetup(m: DemoMatch): MatchSetup {
  const [a, b] = m.teams;
  return {
    teams: [a.name, b.name],
    players: { [a.name]: a.players, [b.name]: b.players },
    playersPerSide: 11,
    oversPerInnings: 20,
    ballsPerOver: 6,
    toss: m.toss,
    matchType: 'T20',
    superOverAllowed: true,
  };
}

export function demoMeta(m: DemoMatch, at: (iso: string) => string): MatchMeta {
  const [a, b] = m.teams;
  return {
    ...m.meta,
    dates: [at(m.startTime).slice(0, 10)],
    source: 'newsroom',
    names: { short: { [a.name]: a.short, [b.name]: b.short }, hi: { [a.name]: a.hi, [b.name]: b.hi } },
  };
}

/**
 * Creates a demo match and enters its balls through the scorer's operations. Each journal entry is
 * stamped with the time it would have been entered, from the first ball on.
 */
export async function scoreDemoMatch(c: Pick<Container, 'store' | 'bus'>, m: DemoMatch, at: (iso: string) => string, createdBy: number | null): Promise<MatchView> {
  const clock = fixedClock(at(m.tossAt));
  const matches = new MatchService({ store: c.store, bus: c.bus, clock });
  const rng = seededRandom(m.seed);
  let view = await matches.create({ title: m.title, setup: demoSetup(m), meta: demoMeta(m, at), startTime: at(m.startTime), externalId: m.externalId, createdBy });
  clock.set(at(m.startTime));
  const enter = async (action: ScorerAction) => {
    view = await matches.apply(view.record.id, view.record.lastSeq, changeFor(view, action), createdBy);
  };

  for (let innings = 0; innings < 2 && !view.state.outcome; innings++) {
    if (innings > 0) clock.advance(INNINGS_BREAK_S * 1000);
    const battingTeam = nextBattingTeam(view);
    const batting = m.teams.find((t) => t.name === battingTeam)!;
    const bowling = m.teams.find((t) => t.name !== battingTeam)!;
    await enter({ action: 'startInnings', battingTeam });
    const order = [...batting.players];
    let legalBalls = 0;
    overs: for (const bowlerIndex of BOWLING_PLAN) {
      const bowler = bowling.bowlers[bowlerIndex];
      let legalThisOver = 0;
      while (legalThisOver < 6) {
        if (m.stopAfterBalls !== null && legalBalls >= m.stopAfterBalls) return view;
        const current = view.state.current!;
        const crease: Crease = { bowler };
        if (!current.striker) crease.striker = order.find((p) => p !== current.nonStriker && !current.batting.some((b) => b.name === p))!;
        if (!current.nonStriker) crease.nonStriker = order.find((p) => p !== crease.striker && !current.batting.some((b) => b.name === p))!;
        const { code, wicket } = drawBall(rng, bowling, bowler);
        await enter(wicket ? { action: 'entry', code, crease, wicket } : { action: 'entry', code, crease });
        clock.advance((isLegal(code) ? SECONDS_PER_BALL : SECONDS_PER_BALL / 2) * 1000);
        if (isLegal(code)) {
          legalThisOver += 1;
          legalBalls += 1;
        }
        if (!view.state.current || view.state.current.index !== current.index) break overs;
      }
      await enter({ action: 'entry', code: 'o' });
      if (!view.state.current) break;
    }
  }
  return view;
}

/** One update of the demo live blog: its story time and text. */
export interface DemoBlogUpdate {
  at: string;
  body: string;
  keyEvent?: boolean;
  pinned?: boolean;
}

/**
 * The live blog of the live match's story, written from the scored match so that its numbers agree
 * with the scorecard whatever the seed gives.
 */
export function demoBlogUpdates(m: DemoMatch, view: MatchView): DemoBlogUpdate[] {
  const [batting, bowling] = m.teams;
  const innings = view.state.innings[0]!;
  const start = Date.parse(m.startTime);
  const storyTime = (ms: number) => new Date(ms).toISOString();
  /** A little after the given number of legal balls has been bowled. */
  const afterBalls = (balls: number, delayMs = 60_000) => storyTime(start + balls * SECONDS_PER_BALL * 1000 + delayMs);
  const city = batting.hi.split(' ')[0];
  const updates: DemoBlogUpdate[] = [
    {
      at: storyTime(Date.parse(m.tossAt) + 12 * 60_000),
      body: `${batting.hi} के कप्तान ${batting.players[0]} ने टॉस जीतकर पहले बल्लेबाज़ी चुनी। उनका कहना है कि ${city} की सूखी पिच दूसरी पारी में धीमी हो सकती है, इसलिए बड़ा स्कोर खड़ा करना ही योजना है। ${bowling.hi} ने अपनी एकादश में कोई बदलाव नहीं किया है।`,
    },
  ];
  const powerplay = scoreAfter(view, 6);
  if (powerplay) {
    updates.push({
      at: afterBalls(36),
      body: `पावरप्ले ख़त्म: ${batting.hi} ने छह ओवर में ${powerplay.wickets ? `${powerplay.wickets} विकेट पर` : 'बिना विकेट खोए'} ${powerplay.runs} रन बनाए। फ़ील्ड फैलते ही अब स्पिनरों की परीक्षा शुरू होगी।`,
    });
  }
  for (const fall of innings.fallOfWickets.slice(0, 2)) {
    const row = innings.batting.find((r) => r.name === fall.batter)!;
    const [overs, balls] = fall.over.split('.').map(Number);
    const who = fall.batter === batting.players[0] ? `कप्तान ${fall.batter}` : fall.batter;
    updates.push({
      at: afterBalls(overs! * 6 + (balls ?? 0), 30_000),
      body: `विकेट! ${who} ${row.balls} ${row.balls === 1 ? 'गेंद' : 'गेंदों'} पर ${row.runs} रन बनाकर लौटे। ${fall.over} ओवर में ${batting.hi} का स्कोर ${fall.wicket} विकेट पर ${fall.runs} रन।`,
      keyEvent: true,
    });
  }
  const ten = scoreAfter(view, 10);
  if (ten) {
    updates.push({
      at: afterBalls(60),
      body: `आधी पारी का खेल पूरा: दस ओवर के बाद ${batting.hi} का स्कोर ${ten.wickets ? `${ten.wickets} विकेट पर` : 'बिना विकेट खोए'} ${ten.runs} रन है, रन रेट ${(ten.runs / 10).toFixed(2)}। अब नज़र आख़िरी दस ओवरों पर है, जहाँ बल्लेबाज़ इस रफ़्तार को और बढ़ाने की कोशिश करेंगे। गेंद-दर-गेंद स्कोर और कमेंट्री के लिए मैच सेंटर देखिए।`,
      pinned: true,
    });
  }
  return updates;
}

/** Runs and wickets of the first innings when the umpire called the given over, or null if play has not got there. */
function scoreAfter(view: MatchView, overs: number): { runs: number; wickets: number } | null {
  let runs = 0;
  let wickets = 0;
  let called = 0;
  for (const e of view.events) {
    if (!('innings' in e) || e.innings !== 0) continue;
    if (e.type === 'delivery') {
      runs += e.runs.total;
      wickets += e.wickets?.length ?? 0;
    } else if (e.type === 'endOfOver' && ++called === overs) {
      return { runs, wickets };
    }
  }
  return null;
}

/** Puts the live match's story in live mode and posts the updates at their own times. */
export async function postDemoBlog(c: Pick<Container, 'store' | 'bus'>, articleId: number, updates: readonly DemoBlogUpdate[], at: (iso: string) => string, by: number | null): Promise<void> {
  const sorted = [...updates].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (sorted.length === 0) return;
  const clock = fixedClock(at(sorted[0]!.at));
  const blogs = new LiveBlogService({ store: c.store, bus: c.bus, clock });
  await blogs.start(articleId, by);
  for (const u of sorted) {
    clock.set(at(u.at));
    await blogs.addUpdate(articleId, { body: u.body, keyEvent: u.keyEvent ?? false, pinned: u.pinned ?? false }, by);
  }
}
