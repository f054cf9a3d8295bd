import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildDelivery } from './events.js';
import { appendEvent, correct, undo } from './history.js';
import { deriveMatch } from './match.js';
import type { MatchEvent, MatchSetup } from './types.js';

const setup: MatchSetup = { teams: ['India', 'Australia'], oversPerInnings: 20, ballsPerOver: 6, matchType: 'T20', superOverAllowed: false };
const ball = (runs: number, boundary?: 'four' | 'six'): MatchEvent =>
  buildDelivery({ innings: 0, batter: 'Kohli', nonStriker: 'Rohit', bowler: 'Hazlewood', runs, ...(boundary ? { boundary } : {}) });

let events: MatchEvent[] = [{ type: 'inningsStart', innings: 0, battingTeam: 'India' }];
events = appendEvent(events, ball(1));
events = appendEvent(events, ball(4, 'four'));

describe('editing the event list', () => {
  it('appends without touching the original list', () => {
    const longer = appendEvent(events, ball(6, 'six'));
    assert.equal(longer.length, events.length + 1);
    assert.equal(events.length, 3);
  });

  it('undoes the last ball by deriving again without it', () => {
    const state = deriveMatch(setup, undo(events));
    assert.equal(state.innings[0].runs, 1);
    assert.equal(state.innings[0].batting[0].fours, 0);
    assert.equal(state.innings[0].overs, '0.1');
  });

  it('corrects an earlier ball and every figure follows', () => {
    const legByes = buildDelivery({ innings: 0, batter: 'Kohli', nonStriker: 'Rohit', bowler: 'Hazlewood', extras: { legbyes: 4 } });
    const state = deriveMatch(setup, correct(events, 2, legByes));
    const innings = state.innings[0];
    assert.equal(innings.runs, 5);
    assert.equal(innings.batting[0].runs, 1);
    assert.equal(innings.batting[0].fours, 0);
    assert.equal(innings.bowling[0].runs, 1);
    assert.equal(innings.extras.legByes, 4);
  });

  it('refuses to correct an event that does not exist', () => {
    assert.throws(() => correct(events, 3, ball(0)), RangeError);
    assert.throws(() => correct(events, -1, ball(0)), RangeError);
  });

  it('undoes nothing on an empty list', () => {
    assert.deepEqual(undo([]), []);
  });
});
