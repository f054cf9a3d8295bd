import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildDelivery, type DeliveryInput } from './events.js';
import { deriveMatch } from './match.js';
import type { InningsState, MatchEvent, MatchSetup } from './types.js';

const setup: MatchSetup = {
  teams: ['India', 'Australia'],
  oversPerInnings: 20,
  ballsPerOver: 6,
  matchType: 'T20',
  superOverAllowed: false,
};

const start: MatchEvent = { type: 'inningsStart', innings: 0, battingTeam: 'India' };
const endOfOver: MatchEvent = { type: 'endOfOver', innings: 0 };

/** A delivery from Hazlewood to Kohli (Rohit at the other end) unless told otherwise. */
const ball = (input: Partial<DeliveryInput> = {}): MatchEvent =>
  buildDelivery({ innings: 0, batter: 'Kohli', nonStriker: 'Rohit', bowler: 'Hazlewood', ...input });

const dots = (count: number, input: Partial<DeliveryInput> = {}): MatchEvent[] => Array.from({ length: count }, () => ball(input));

function firstInnings(...events: (MatchEvent | MatchEvent[])[]): InningsState {
  return deriveMatch(setup, [start, ...events.flat()]).innings[0];
}

const batter = (innings: InningsState, name: string) => {
  const row = innings.batting.find((b) => b.name === name);
  assert.ok(row, `${name} has a batting row`);
  return row;
};

const bowler = (innings: InningsState, name = 'Hazlewood') => {
  const row = innings.bowling.find((b) => b.name === name);
  assert.ok(row, `${name} has a bowling row`);
  return row;
};

describe('legal balls', () => {
  it('does not count a wide towards the over', () => {
    const innings = firstInnings(ball({ extras: { wides: 1 } }), ball());
    assert.equal(innings.legalBalls, 1);
    assert.equal(innings.overs, '0.1');
  });

  it('does not count a no-ball towards the over', () => {
    const innings = firstInnings(ball({ extras: { noballs: 1 } }), ball(), ball());
    assert.equal(innings.legalBalls, 2);
    assert.equal(innings.overs, '0.2');
  });

  it('does not count a wide as a ball faced by the batter, but does count a no-ball', () => {
    const innings = firstInnings(ball({ extras: { wides: 1 } }), ball({ extras: { noballs: 1 } }));
    assert.equal(batter(innings, 'Kohli').balls, 1);
  });
});

describe('runs charged to the bowler', () => {
  it('charges every run from a wide, including those run, to the bowler as wides', () => {
    const innings = firstInnings(ball({ extras: { wides: 3 } }));
    assert.equal(innings.extras.wides, 3);
    assert.equal(bowler(innings).runs, 3);
    assert.equal(bowler(innings).wides, 1);
    assert.equal(batter(innings, 'Kohli').runs, 0);
    assert.equal(innings.runs, 3);
  });

  it('charges the no-ball penalty and the runs off the bat to the bowler, and credits those runs to the batter', () => {
    const innings = firstInnings(ball({ extras: { noballs: 1 }, runs: 4, boundary: 'four' }));
    assert.equal(innings.extras.noBalls, 1);
    assert.equal(bowler(innings).runs, 5);
    assert.equal(bowler(innings).noBalls, 1);
    assert.equal(batter(innings, 'Kohli').runs, 4);
    assert.equal(innings.runs, 5);
  });

  it('does not charge byes or leg-byes to the bowler', () => {
    const innings = firstInnings(ball({ extras: { byes: 2 } }), ball({ extras: { legbyes: 1 } }));
    assert.equal(bowler(innings).runs, 0);
    assert.deepEqual([innings.extras.byes, innings.extras.legByes, innings.runs], [2, 1, 3]);
    assert.equal(batter(innings, 'Kohli').balls, 2);
  });

  it('charges only the no-ball, not the byes, when byes are run off a no-ball', () => {
    const innings = firstInnings(ball({ extras: { noballs: 1, byes: 4 } }));
    assert.equal(bowler(innings).runs, 1);
    assert.deepEqual([innings.extras.noBalls, innings.extras.byes, innings.runs], [1, 4, 5]);
    assert.equal(batter(innings, 'Kohli').runs, 0);
    assert.equal(batter(innings, 'Kohli').balls, 1);
    assert.equal(innings.legalBalls, 0);
  });

  it('puts penalty runs in extras and the total, never against the bowler', () => {
    const innings = firstInnings(ball({ extras: { wides: 2, penalty: 5 } }), { type: 'penaltyRuns', innings: 0, runs: 5 });
    assert.equal(innings.extras.penalty, 10);
    assert.equal(innings.extras.total, 12);
    assert.equal(innings.runs, 12);
    assert.equal(bowler(innings).runs, 2);
  });
});

describe("the bowler's wickets", () => {
  const out = (kind: NonNullable<DeliveryInput['wickets']>[number]['kind'], playerOut = 'Kohli') =>
    ball({ wickets: [{ kind, playerOut, fielders: [{ name: 'Carey' }] }] });

  it('credits bowled, caught, caught and bowled, lbw, stumped and hit wicket to the bowler', () => {
    const kinds = ['bowled', 'caught', 'caught and bowled', 'lbw', 'stumped', 'hit wicket'] as const;
    const innings = firstInnings(kinds.map((kind, i) => ball({ batter: `B${i}`, wickets: [{ kind, playerOut: `B${i}` }] })));
    assert.equal(innings.wickets, 6);
    assert.equal(bowler(innings).wickets, 6);
  });

  it('does not credit run outs, obstructing the field, handled the ball or timed out to the bowler', () => {
    const innings = firstInnings(
      out('run out', 'Kohli'),
      ball({ batter: 'Gill', wickets: [{ kind: 'obstructing the field', playerOut: 'Gill' }] }),
      ball({ batter: 'Iyer', wickets: [{ kind: 'handled the ball', playerOut: 'Iyer' }] }),
      ball({ batter: 'Pant', wickets: [{ kind: 'timed out', playerOut: 'Pant' }] }),
    );
    assert.equal(innings.wickets, 4);
    assert.equal(bowler(innings).wickets, 0);
  });

  it('does not credit a retirement to the bowler', () => {
    const innings = firstInnings(ball(), { type: 'retirement', innings: 0, batter: 'Kohli', kind: 'retired out' });
    assert.equal(innings.wickets, 1);
    assert.equal(bowler(innings).wickets, 0);
  });

  it('credits a stumping off a wide to the bowler, without a ball faced or a legal ball', () => {
    const innings = firstInnings(
      ball(),
      ball({ extras: { wides: 1 }, wickets: [{ kind: 'stumped', playerOut: 'Kohli', fielders: [{ name: 'Carey' }] }] }),
    );
    assert.equal(innings.wickets, 1);
    assert.equal(bowler(innings).wickets, 1);
    assert.equal(batter(innings, 'Kohli').howOut, 'st Carey b Hazlewood');
    assert.equal(batter(innings, 'Kohli').balls, 1);
    assert.equal(innings.legalBalls, 1);
    assert.deepEqual(innings.fallOfWickets, [{ wicket: 1, runs: 1, batter: 'Kohli', over: '0.2' }]);
  });
});

describe('maidens', () => {
  it('counts a complete over of six legal balls with nothing charged to the bowler', () => {
    assert.equal(bowler(firstInnings(dots(6), endOfOver)).maidens, 1);
  });

  it('is not spoiled by byes or leg-byes', () => {
    const innings = firstInnings(dots(4), ball({ extras: { byes: 4 } }), ball({ extras: { legbyes: 1 } }), endOfOver);
    assert.equal(bowler(innings).maidens, 1);
  });

  it('is spoiled by a wide or a no-ball', () => {
    assert.equal(bowler(firstInnings(ball({ extras: { wides: 1 } }), dots(6), endOfOver)).maidens, 0);
    assert.equal(bowler(firstInnings(ball({ extras: { noballs: 1 } }), dots(6), endOfOver)).maidens, 0);
  });

  it('needs the whole over from one bowler', () => {
    const innings = firstInnings(dots(3), dots(3, { bowler: 'Starc' }), endOfOver);
    assert.equal(bowler(innings).maidens, 0);
    assert.equal(bowler(innings).overs, '0.3');
    assert.equal(bowler(innings, 'Starc').overs, '0.3');
  });

  it('needs six legal balls, not an over the umpire ended early', () => {
    assert.equal(bowler(firstInnings(dots(5), endOfOver)).maidens, 0);
  });
});

describe('boundaries', () => {
  it('counts fours and sixes from the scorer’s flag, not from the runs', () => {
    const innings = firstInnings(ball({ runs: 4 }), ball({ runs: 4, boundary: 'four' }), ball({ runs: 6, boundary: 'six' }));
    const kohli = batter(innings, 'Kohli');
    assert.deepEqual([kohli.runs, kohli.fours, kohli.sixes], [14, 1, 1]);
  });
});

describe('retirements', () => {
  it('does not count retired hurt as a wicket, and the batter may come back and bat on', () => {
    const retired = firstInnings(ball({ runs: 2 }), { type: 'retirement', innings: 0, batter: 'Kohli', kind: 'retired hurt' });
    assert.equal(retired.wickets, 0);
    assert.deepEqual(retired.fallOfWickets, []);
    assert.equal(batter(retired, 'Kohli').howOut, 'retired hurt');
    assert.equal(batter(retired, 'Kohli').dismissed, false);
    assert.equal(retired.striker, null);

    const returned = firstInnings(
      ball({ runs: 2 }),
      { type: 'retirement', innings: 0, batter: 'Kohli', kind: 'retired hurt' },
      ball({ batter: 'Gill' }),
      ball({ runs: 1 }),
    );
    assert.equal(batter(returned, 'Kohli').howOut, 'not out');
    assert.equal(batter(returned, 'Kohli').runs, 3);
    assert.equal(batter(returned, 'Kohli').balls, 2);
  });

  it('counts retired out as a wicket with a fall of wicket, but not for the bowler', () => {
    const innings = firstInnings(dots(6), endOfOver, { type: 'retirement', innings: 0, batter: 'Rohit', kind: 'retired out' });
    assert.equal(innings.wickets, 1);
    assert.deepEqual(innings.fallOfWickets, [{ wicket: 1, runs: 0, batter: 'Rohit', over: '1.0' }]);
    assert.equal(batter(innings, 'Rohit').howOut, 'retired out');
    assert.equal(batter(innings, 'Rohit').dismissed, true);
  });
});

describe('all out', () => {
  const tenWickets = (count: number): MatchEvent[] =>
    Array.from({ length: count }, (_, i) =>
      ball({ batter: `B${i}`, nonStriker: 'Jadeja', wickets: [{ kind: 'bowled', playerOut: `B${i}` }] }),
    );

  it('ends the innings at ten wickets for an XI', () => {
    const nine = firstInnings(tenWickets(9));
    assert.equal(nine.closed, false);
    const ten = firstInnings(tenWickets(10));
    assert.equal(ten.closed, true);
    assert.equal(ten.closeReason, 'all out');
  });

  it('ends it sooner when a batter is absent hurt', () => {
    const events = deriveMatch(setup, [{ ...start, absentHurt: ['Bumrah'] } as MatchEvent, ...tenWickets(9)]);
    assert.equal(events.innings[0].closeReason, 'all out');
  });

  it('ends it sooner when a retired-hurt batter cannot resume, but not while one might', () => {
    const retire = (canResume?: boolean): MatchEvent => ({ type: 'retirement', innings: 0, batter: 'Rohit', kind: 'retired hurt', ...(canResume === undefined ? {} : { canResume }) });
    assert.equal(firstInnings(retire(), tenWickets(9)).closed, false);
    assert.equal(firstInnings(retire(false), tenWickets(9)).closeReason, 'all out');
  });

  it('ends it when a short-handed squad runs out of batters', () => {
    const shortSquad = { ...setup, players: { India: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'], Australia: [] } };
    const state = deriveMatch(shortSquad, [start, ...tenWickets(9)]);
    assert.equal(state.innings[0].closeReason, 'all out');
  });
});

describe('end of an innings', () => {
  const shortMatch: MatchSetup = { ...setup, oversPerInnings: 2 };

  it('ends when the umpire calls the last over, not before', () => {
    const over = (n: number): MatchEvent[] => [...dots(6, { bowler: `Bowler${n}` })];
    const beforeCall = deriveMatch(shortMatch, [start, ...over(1), endOfOver, ...over(2)]);
    assert.equal(beforeCall.innings[0].closed, false);
    assert.equal(beforeCall.innings[0].overs, '2.0');
    const afterCall = deriveMatch(shortMatch, [start, ...over(1), endOfOver, ...over(2), endOfOver]);
    assert.equal(afterCall.innings[0].closeReason, 'overs complete');
    assert.equal(afterCall.status, 'innings break');
  });

  it('ends the chase the moment the target is reached', () => {
    const chase: MatchEvent[] = [
      start,
      ball({ runs: 6, boundary: 'six' }),
      { type: 'inningsEnd', innings: 0, reason: 'declared' },
      { type: 'inningsStart', innings: 1, battingTeam: 'Australia' },
      buildDelivery({ innings: 1, batter: 'Head', nonStriker: 'Warner', bowler: 'Bumrah', runs: 4, boundary: 'four' }),
      buildDelivery({ innings: 1, batter: 'Head', nonStriker: 'Warner', bowler: 'Bumrah', runs: 3 }),
    ];
    const state = deriveMatch(shortMatch, chase);
    assert.equal(state.innings[1].closeReason, 'target reached');
    assert.equal(state.status, 'complete');
  });
});

describe('scorecard figures', () => {
  it('writes overs as completed overs and legal balls, and a completed innings as "20.0"', () => {
    const partial = firstInnings(dots(6), endOfOver, dots(4));
    assert.equal(partial.overs, '1.4');
    const full: MatchEvent[] = [];
    for (let over = 0; over < 20; over += 1) full.push(...dots(6, { bowler: over % 2 ? 'Starc' : 'Hazlewood' }), endOfOver);
    const innings = firstInnings(full);
    assert.equal(innings.overs, '20.0');
    assert.equal(innings.closeReason, 'overs complete');
    assert.equal(bowler(innings).overs, '10.0');
    assert.equal(bowler(innings).maidens, 10);
  });

  it('gives run rate, strike rate and economy with two decimals', () => {
    const innings = firstInnings(ball({ runs: 4, boundary: 'four' }), ball({ runs: 1, batter: 'Rohit', nonStriker: 'Kohli' }), ball(), ball({ extras: { wides: 1 } }));
    assert.equal(innings.runRate, '12.00');
    assert.equal(batter(innings, 'Kohli').strikeRate, '200.00');
    assert.equal(bowler(innings).economy, '12.00');
  });

  it('records the fall of wickets with the score and the ball', () => {
    const innings = firstInnings(ball({ runs: 1 }), ball({ batter: 'Rohit', nonStriker: 'Kohli', runs: 1, wickets: [{ kind: 'run out', playerOut: 'Kohli', fielders: [{ name: 'Smith' }, { name: 'Carey' }] }] }));
    assert.deepEqual(innings.fallOfWickets, [{ wicket: 1, runs: 2, batter: 'Kohli', over: '0.2' }]);
    assert.equal(batter(innings, 'Kohli').howOut, 'run out (Smith/Carey)');
  });

  it('keeps a partnership per pair of batters, numbered by the wicket it was for', () => {
    const innings = firstInnings(
      ball({ runs: 4, boundary: 'four' }),
      ball({ wickets: [{ kind: 'bowled', playerOut: 'Kohli' }] }),
      ball({ batter: 'Gill', extras: { wides: 1 } }),
      ball({ batter: 'Gill', runs: 2 }),
    );
    assert.deepEqual(innings.partnerships, [
      { wicket: 1, batters: ['Kohli', 'Rohit'], runs: 4, balls: 2 },
      { wicket: 2, batters: ['Gill', 'Rohit'], runs: 3, balls: 1 },
    ]);
  });
});

describe('who is on strike', () => {
  it('changes ends after an odd number of runs and at the end of the over, but not after a boundary', () => {
    const afterSingle = firstInnings(ball({ runs: 1 }));
    assert.deepEqual([afterSingle.striker, afterSingle.nonStriker], ['Rohit', 'Kohli']);
    const afterFour = firstInnings(ball({ runs: 4, boundary: 'four' }));
    assert.deepEqual([afterFour.striker, afterFour.nonStriker], ['Kohli', 'Rohit']);
    const afterOver = firstInnings(dots(6), endOfOver);
    assert.deepEqual([afterOver.striker, afterOver.nonStriker, afterOver.bowler], ['Rohit', 'Kohli', null]);
  });

  it('leaves the dismissed batter’s place empty for the next batter', () => {
    const innings = firstInnings(ball({ wickets: [{ kind: 'lbw', playerOut: 'Kohli' }] }));
    assert.deepEqual([innings.striker, innings.nonStriker], [null, 'Rohit']);
    assert.equal(batter(innings, 'Kohli').howOut, 'lbw b Hazlewood');
  });

  it('names the bowler chosen for the next over before the first ball', () => {
    const innings = firstInnings(dots(6), endOfOver, { type: 'bowlerChange', innings: 0, bowler: 'Starc' });
    assert.equal(innings.bowler, 'Starc');
  });
});

describe('scorer mistakes', () => {
  it('warns when a delivery’s runs do not add up, and scores it from its parts', () => {
    const wrong: MatchEvent = { ...(ball({ runs: 1 }) as MatchEvent & { type: 'delivery' }), runs: { batter: 1, extras: 0, total: 3 } };
    const state = deriveMatch(setup, [start, wrong]);
    assert.equal(state.innings[0].runs, 1);
    assert.equal(state.warnings.length, 1);
  });
});
