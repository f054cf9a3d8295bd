import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveMatch, type MatchEvent } from '../scoring/index.js';
import { exportCricsheet } from './export.js';
import { CricsheetFormatError, parseCricsheet } from './parse.js';
import type { CricsheetDelivery, CricsheetInnings, CricsheetMatch, CricsheetOutcome } from './types.js';

const delivery = (runs: number, more: Partial<CricsheetDelivery> = {}): CricsheetDelivery => ({
  batter: 'A',
  bowler: 'X',
  non_striker: 'B',
  runs: { batter: runs, extras: 0, total: runs },
  ...more,
});

function match(innings: CricsheetInnings[], outcome: CricsheetOutcome = {}): CricsheetMatch {
  return {
    meta: { data_version: '1.1.0', created: '2026-01-01', revision: 1 },
    info: {
      balls_per_over: 6,
      dates: ['2026-01-01'],
      match_type: 'T20',
      outcome,
      overs: 20,
      teams: ['Home', 'Away'],
      toss: { winner: 'Home', decision: 'bat' },
      venue: 'Eden Gardens',
      event: { name: 'Test League', match_number: 7 },
    },
    innings,
  };
}

const oneOver = (deliveries: CricsheetDelivery[], extra: Partial<CricsheetInnings> = {}): CricsheetInnings => ({
  team: 'Home',
  overs: [{ over: 0, deliveries }],
  ...extra,
});

const deliveriesOf = (events: MatchEvent[]) => events.filter((e) => e.type === 'delivery');

describe('reading Cricsheet boundaries', () => {
  it('treats 4 or 6 off the bat as a boundary unless marked non_boundary', () => {
    const ranFour = delivery(4, { runs: { batter: 4, extras: 0, total: 4, non_boundary: true } });
    const { events } = parseCricsheet(match([oneOver([delivery(4), delivery(6), ranFour, delivery(3)])]));
    assert.deepEqual(deliveriesOf(events).map((d) => d.boundary), ['four', 'six', undefined, undefined]);
  });
});

describe('reading Cricsheet retirements', () => {
  it('turns a retirement "wicket" into a delivery without it followed by a retirement event', () => {
    const retiring = delivery(1, { wickets: [{ player_out: 'A', kind: 'retired hurt' }] });
    const { events } = parseCricsheet(match([oneOver([retiring])]));
    const [, ball, retirement] = events;
    assert.equal(ball.type, 'delivery');
    assert.equal(ball.type === 'delivery' && ball.wickets, undefined);
    assert.deepEqual(retirement, { type: 'retirement', innings: 0, batter: 'A', kind: 'retired hurt' });
  });

  it('keeps a real dismissal on the delivery next to a retirement', () => {
    const both = delivery(0, {
      wickets: [
        { player_out: 'A', kind: 'run out', fielders: [{ name: 'F' }, { substitute: true }] },
        { player_out: 'B', kind: 'retired out' },
      ],
    });
    const { setup, events } = parseCricsheet(match([oneOver([both])]));
    const state = deriveMatch(setup, events);
    assert.equal(state.innings[0].wickets, 2);
    assert.equal(state.innings[0].batting.find((b) => b.name === 'A')?.howOut, 'run out (F/sub)');
    assert.equal(state.innings[0].batting.find((b) => b.name === 'B')?.howOut, 'retired out');
  });
});

describe('reading innings-level facts', () => {
  it('adds penalty runs awarded before and after the innings', () => {
    const { setup, events } = parseCricsheet(match([oneOver([delivery(1)], { penalty_runs: { pre: 5, post: 5 } })]));
    const innings = deriveMatch(setup, events).innings[0];
    assert.equal(innings.runs, 11);
    assert.equal(innings.extras.penalty, 10);
  });

  it('passes absent-hurt batters to the innings', () => {
    const { events } = parseCricsheet(match([oneOver([delivery(0)], { absent_hurt: ['C'] })]));
    assert.deepEqual(events[0], { type: 'inningsStart', innings: 0, battingTeam: 'Home', absentHurt: ['C'] });
  });

  it('counts an over the umpire miscounted as one over, and keeps the record for export', () => {
    const seven = Array.from({ length: 7 }, () => delivery(0));
    const raw = match([oneOver(seven, { miscounted_overs: { '1': { balls: 7, umpire: 'U' } } })]);
    const { setup, events, meta } = parseCricsheet(raw);
    const innings = deriveMatch(setup, events).innings[0];
    assert.equal(innings.legalBalls, 7);
    assert.equal(innings.overs, '1.0');
    assert.equal(innings.bowling[0].overs, '1.0');
    assert.deepEqual(exportCricsheet(setup, events, meta).innings[0].miscounted_overs, { '1': { balls: 7, umpire: 'U' } });
  });

  it('ends a declared innings', () => {
    const { events } = parseCricsheet(match([oneOver([delivery(0)], { declared: true })]));
    assert.deepEqual(events.at(-1), { type: 'inningsEnd', innings: 0, reason: 'declared' });
  });

  it('keeps the descriptive match information in the meta', () => {
    const { meta, setup } = parseCricsheet(match([oneOver([delivery(0)])], { result: 'no result' }));
    assert.deepEqual(
      [meta.teams, meta.date, meta.venue, meta.eventName, meta.matchNumber, meta.outcome],
      [['Home', 'Away'], '2026-01-01', 'Eden Gardens', 'Test League', 7, { result: 'no result' }],
    );
    assert.deepEqual([setup.oversPerInnings, setup.ballsPerOver, setup.toss], [20, 6, { winner: 'Home', decision: 'bat' }]);
  });
});

describe('reading the outcome', () => {
  const chase = (runs: number): CricsheetInnings => ({ team: 'Away', overs: [{ over: 0, deliveries: [delivery(runs)] }], target: { overs: 20, runs: 2 } });

  it('lets the balls decide when they can, with no result event', () => {
    const { events } = parseCricsheet(match([oneOver([delivery(1)]), chase(4)], { winner: 'Away', by: { wickets: 10 } }));
    assert.equal(events.some((e) => e.type === 'result'), false);
  });

  it('appends the file’s outcome when the balls leave the match undecided', () => {
    const raw = match([oneOver([delivery(1)]), chase(0)], { winner: 'Home', by: { runs: 1 }, method: 'D/L' });
    const { setup, events } = parseCricsheet(raw);
    assert.deepEqual(events.at(-1), {
      type: 'result',
      outcome: { kind: 'win', winner: 'Home', margin: { type: 'runs', runs: 1 }, method: 'DLS' },
    });
    assert.equal(deriveMatch(setup, events).result, 'Home won by 1 run (DLS method)');
  });

  it('takes a bowl-out winner from the file, since a bowl-out is not scored ball by ball', () => {
    const tied = match([oneOver([delivery(1)]), { ...chase(0), overs: [{ over: 0, deliveries: [delivery(1)] }], target: { overs: 1, runs: 2 } }], {
      result: 'tie',
      bowl_out: 'Away',
    });
    const { setup, events } = parseCricsheet({ ...tied, info: { ...tied.info, overs: 1 } });
    assert.equal(deriveMatch(setup, events).result, 'Match tied (Away won the bowl-out)');
  });

  it('warns when the file’s outcome disagrees with its balls, and keeps the balls’ verdict', () => {
    const { setup, events, meta } = parseCricsheet(match([oneOver([delivery(1)]), chase(4)], { winner: 'Home', by: { runs: 3 } }));
    assert.equal(meta.warnings.length, 1);
    assert.equal(deriveMatch(setup, events).winner, 'Away');
  });
});

describe('rejecting what is not Cricsheet JSON', () => {
  it('names the path of the first problem', () => {
    assert.throws(() => parseCricsheet(null), CricsheetFormatError);
    assert.throws(() => parseCricsheet({ meta: {}, info: {} }), /info\.teams/);
    const unknownKind = match([oneOver([delivery(0, { wickets: [{ player_out: 'A', kind: 'vanished' }] })])]);
    assert.throws(() => parseCricsheet(unknownKind), /innings\[0\]\.overs\[0\]\.deliveries\[0\]\.wickets\[0\]\.kind/);
    const strangerTeam = match([{ team: 'Nobody', overs: [] }]);
    assert.throws(() => parseCricsheet(strangerTeam), /"Nobody" is not one of the teams/);
  });
});
