import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildDelivery } from './events.js';
import { deriveMatch } from './match.js';
import { resultText } from './result.js';
import type { MatchEvent, MatchSetup } from './types.js';

const DC = 'Delhi Capitals';
const RR = 'Rajasthan Royals';

/** One-over-a-side matches keep the scenarios short; the rules do not depend on the length. */
const setup: MatchSetup = { teams: [DC, RR], oversPerInnings: 1, ballsPerOver: 6, matchType: 'T20', superOverAllowed: false };
const withSuperOver: MatchSetup = { ...setup, superOverAllowed: true };

type Ball = number | 'W';

/** An innings from a list of balls: runs off the bat (4 and 6 are boundaries) or 'W' for a wicket. */
function innings(index: number, team: string, balls: Ball[], options: { superOver?: boolean; callOver?: boolean } = {}): MatchEvent[] {
  const events: MatchEvent[] = [{ type: 'inningsStart', innings: index, battingTeam: team, ...(options.superOver ? { superOver: true } : {}) }];
  let wickets = 0;
  for (const b of balls) {
    const batter = `${team} ${wickets + 1}`;
    const nonStriker = `${team} partner`;
    const bowler = `${team === DC ? RR : DC} bowler`;
    if (b === 'W') {
      events.push(buildDelivery({ innings: index, batter, nonStriker, bowler, wickets: [{ kind: 'bowled', playerOut: batter }] }));
      wickets += 1;
    } else {
      const boundary = b === 4 ? 'four' : b === 6 ? 'six' : undefined;
      events.push(buildDelivery({ innings: index, batter, nonStriker, bowler, runs: b, ...(boundary ? { boundary } : {}) }));
    }
  }
  if (options.callOver ?? true) events.push({ type: 'endOfOver', innings: index });
  return events;
}

const first = innings(0, DC, [1, 1, 1, 1, 1, 1]); // 6 runs

describe('result of a limited-overs match', () => {
  it('says the side batting first won by runs when the chase falls short', () => {
    const state = deriveMatch(setup, [...first, ...innings(1, RR, [1, 1, 0, 0, 0, 0])]);
    assert.equal(state.result, 'Delhi Capitals won by 4 runs');
    assert.equal(state.winner, DC);
    assert.equal(state.status, 'complete');
  });

  it('writes a margin of one in the singular', () => {
    const state = deriveMatch(setup, [...first, ...innings(1, RR, [1, 1, 1, 1, 1, 0])]);
    assert.equal(state.result, 'Delhi Capitals won by 1 run');
  });

  it('says the chasing side won by wickets with the balls left', () => {
    const state = deriveMatch(setup, [...first, ...innings(1, RR, ['W', 4, 0, 4], { callOver: false })]);
    assert.equal(state.result, 'Rajasthan Royals won by 9 wickets (2 balls left)');
    assert.equal(state.innings[1].ballsLeft, 2);
  });

  it('leaves out the balls left when the target is reached off the last ball', () => {
    const state = deriveMatch(setup, [...first, ...innings(1, RR, [1, 1, 1, 1, 1, 4], { callOver: false })]);
    assert.equal(state.result, 'Rajasthan Royals won by 10 wickets');
  });

  it('says "Match tied" when the scores finish level and no Super Over is played', () => {
    const state = deriveMatch(setup, [...first, ...innings(1, RR, [6, 0, 0, 0, 0, 0])]);
    assert.equal(state.result, 'Match tied');
    assert.equal(state.winner, null);
    assert.equal(state.status, 'complete');
  });

  it('waits for the Super Over after a tie, and names its winner', () => {
    const tie = [...first, ...innings(1, RR, [6, 0, 0, 0, 0, 0])];
    assert.equal(deriveMatch(withSuperOver, tie).status, 'innings break');
    assert.equal(deriveMatch(withSuperOver, tie).result, null);

    const superOver = [...innings(2, RR, [4, 4, 1, 'W', 'W'], { superOver: true }), ...innings(3, DC, [6, 6], { superOver: true })];
    const state = deriveMatch(withSuperOver, [...tie, ...superOver]);
    assert.equal(state.result, 'Match tied (Delhi Capitals won the Super Over)');
    assert.equal(state.winner, DC);
    assert.equal(state.superOvers[0].closeReason, 'all out');
    assert.equal(state.superOvers[1].target, 10);
  });

  it('keeps Super Over innings apart from the match innings', () => {
    const events = [
      ...first,
      ...innings(1, RR, [6, 0, 0, 0, 0, 0]),
      ...innings(2, RR, [4], { superOver: true }),
    ];
    const state = deriveMatch(withSuperOver, events);
    assert.deepEqual(state.innings.map((i) => [i.team, i.runs]), [[DC, 6], [RR, 6]]);
    assert.deepEqual(state.superOvers.map((i) => [i.team, i.runs, i.superOver]), [[RR, 4, true]]);
  });

  it('plays another Super Over when the first is tied', () => {
    const events = [
      ...first,
      ...innings(1, RR, [6, 0, 0, 0, 0, 0]),
      ...innings(2, RR, [6, 0, 0, 0, 0, 0], { superOver: true }),
      ...innings(3, DC, [4, 1, 1, 0, 0, 0], { superOver: true }),
    ];
    assert.equal(deriveMatch(withSuperOver, events).status, 'innings break');
    const decided = [...events, ...innings(4, DC, [1, 0, 0, 0, 0, 0], { superOver: true }), ...innings(5, RR, [4], { superOver: true })];
    assert.equal(deriveMatch(withSuperOver, decided).result, 'Match tied (Rajasthan Royals won the Super Over)');
  });
});

describe('revised targets', () => {
  const twoOvers: MatchSetup = { ...setup, oversPerInnings: 2 };
  const firstOfTwo = [...first, ...innings(0, DC, [1, 1, 1, 1, 1, 1]).slice(1)]; // 12 runs in 2 overs
  const dls: MatchEvent = { type: 'revisedTarget', innings: 1, runs: 8, overs: 1, method: 'DLS' };

  it('takes the officials’ target and overs as given and names the method in a win by runs', () => {
    const state = deriveMatch(twoOvers, [...firstOfTwo, dls, ...innings(1, RR, [1, 1, 1, 1, 1, 0])]);
    assert.equal(state.innings[1].target, 8);
    assert.equal(state.innings[1].maxOvers, '1.0');
    assert.equal(state.result, 'Delhi Capitals won by 2 runs (DLS method)');
  });

  it('names the method in a win by wickets', () => {
    const state = deriveMatch(twoOvers, [...firstOfTwo, dls, ...innings(1, RR, [4, 4], { callOver: false })]);
    assert.equal(state.result, 'Rajasthan Royals won by 10 wickets (4 balls left) (DLS method)');
  });

  it('names no method when overs were merely reduced before the chase', () => {
    const reduced: MatchEvent = { type: 'revisedTarget', innings: 1, runs: 8, overs: 1 };
    const state = deriveMatch(twoOvers, [...firstOfTwo, reduced, ...innings(1, RR, [1, 1, 1, 1, 1, 0])]);
    assert.equal(state.result, 'Delhi Capitals won by 2 runs');
  });

  it('gives runs needed, balls left and the required rate during the chase', () => {
    const state = deriveMatch(twoOvers, [...firstOfTwo, ...innings(1, RR, [1, 1, 1], { callOver: false })]);
    const chase = state.innings[1];
    assert.deepEqual([chase.target, chase.runsNeeded, chase.ballsLeft, chase.requiredRunRate], [13, 10, 9, '6.67']);
    assert.equal(state.current?.index, 1);
  });
});

describe('results the balls cannot give', () => {
  const rainStopped: MatchEvent[] = [...first, ...innings(1, RR, [1, 1], { callOver: false }), { type: 'inningsEnd', innings: 1, reason: 'curtailed' }];

  it('decides nothing from a chase cut short', () => {
    const state = deriveMatch(setup, rainStopped);
    assert.equal(state.outcome, null);
    assert.equal(state.status, 'innings break');
  });

  it('reports "No result" when the officials say so', () => {
    const state = deriveMatch(setup, [...rainStopped, { type: 'result', outcome: { kind: 'no result' } }]);
    assert.equal(state.status, 'no result');
    assert.equal(state.result, 'No result');
    assert.equal(state.winner, null);
  });

  it('reports an abandoned match', () => {
    const state = deriveMatch(setup, [{ type: 'result', outcome: { kind: 'abandoned' } }]);
    assert.equal(state.status, 'abandoned');
    assert.equal(state.result, 'Match abandoned');
  });

  it('reports a win on a DLS par score or an awarded match as declared', () => {
    const par = deriveMatch(setup, [
      ...rainStopped,
      { type: 'result', outcome: { kind: 'win', winner: DC, margin: { type: 'runs', runs: 3 }, method: 'DLS' } },
    ]);
    assert.equal(par.result, 'Delhi Capitals won by 3 runs (DLS method)');
    assert.equal(resultText({ kind: 'win', winner: RR, margin: null, method: 'awarded' }), 'Rajasthan Royals won (awarded)');
  });
});

describe('match status', () => {
  it('moves from scheduled to live to innings break to complete', () => {
    assert.equal(deriveMatch(setup, []).status, 'scheduled');
    assert.equal(deriveMatch(setup, first.slice(0, 3)).status, 'live');
    assert.equal(deriveMatch(setup, first).status, 'innings break');
    assert.equal(deriveMatch(setup, [...first, ...innings(1, RR, [0, 0, 0, 0, 0, 0])]).status, 'complete');
  });

  it('opens the next innings from a delivery even without an inningsStart', () => {
    const state = deriveMatch(setup, [...first, buildDelivery({ innings: 1, batter: 'Jaiswal', nonStriker: 'Samson', bowler: 'Starc', runs: 1 })]);
    assert.equal(state.innings[1].team, RR);
    assert.equal(state.innings[1].target, 7);
  });
});

describe('two innings a side', () => {
  const test: MatchSetup = { ...setup, matchType: 'Test', oversPerInnings: null };
  const allOut = (index: number, team: string, runs: number): MatchEvent[] =>
    innings(index, team, [runs, 'W', 'W', 'W', 'W', 'W', 'W', 'W', 'W', 'W', 'W'], { callOver: false });

  it('gives a win by an innings when the side batting twice is bowled out still behind', () => {
    const state = deriveMatch(test, [
      ...innings(0, DC, [4, 6], { callOver: false }),
      { type: 'inningsEnd', innings: 0, reason: 'declared' },
      ...allOut(1, RR, 2),
      ...allOut(2, RR, 3),
    ]);
    assert.equal(state.result, 'Delhi Capitals won by an innings and 5 runs');
  });

  it('sets the fourth innings a target of the lead plus one', () => {
    const state = deriveMatch(test, [
      ...innings(0, DC, [4, 6], { callOver: false }),
      { type: 'inningsEnd', innings: 0, reason: 'declared' },
      ...allOut(1, RR, 6),
      ...allOut(2, DC, 2),
      ...innings(3, RR, [4, 4], { callOver: false }),
    ]);
    assert.equal(state.innings[3].target, 7);
    assert.equal(state.result, 'Rajasthan Royals won by 10 wickets');
  });
});

describe('result text', () => {
  it('states a tie settled by a bowl-out, and a draw', () => {
    assert.equal(resultText({ kind: 'tie', eliminator: DC, decider: 'bowl-out' }), 'Match tied (Delhi Capitals won the bowl-out)');
    assert.equal(resultText({ kind: 'draw' }), 'Match drawn');
  });
});
