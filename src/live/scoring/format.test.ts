import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatOvers, formatRatio, formatRunRate, formatStrikeRate, oversToBalls } from './format.js';
import { describeDismissal } from './how-out.js';

describe('cricket number formats', () => {
  it('writes overs as completed overs and balls', () => {
    assert.equal(formatOvers(118, 6), '19.4');
    assert.equal(formatOvers(120, 6), '20.0');
    assert.equal(formatOvers(0, 6), '0.0');
  });

  it('reads "9.2 overs" as nine overs and two balls', () => {
    assert.equal(oversToBalls(9.2, 6), 56);
    assert.equal(oversToBalls(15, 6), 90);
  });

  it('rounds rates half up to exactly two decimals', () => {
    assert.equal(formatRunRate(190, 120, 6), '9.50');
    assert.equal(formatRatio(73, 8), '9.13');
    assert.equal(formatStrikeRate(10, 3), '333.33');
    assert.equal(formatStrikeRate(0, 0), '0.00');
  });
});

describe('how out', () => {
  it('prints each dismissal the way a scorecard does', () => {
    assert.equal(describeDismissal({ kind: 'caught', playerOut: 'X', fielders: [{ name: 'Kohli' }] }, 'Hazlewood'), 'c Kohli b Hazlewood');
    assert.equal(describeDismissal({ kind: 'caught', playerOut: 'X', fielders: [{ name: 'Hazlewood' }] }, 'Hazlewood'), 'c & b Hazlewood');
    assert.equal(describeDismissal({ kind: 'caught and bowled', playerOut: 'X' }, 'Bumrah'), 'c & b Bumrah');
    assert.equal(describeDismissal({ kind: 'caught', playerOut: 'X', fielders: [{ name: 'Rinku', substitute: true }] }, 'Bumrah'), 'c sub (Rinku) b Bumrah');
    assert.equal(describeDismissal({ kind: 'run out', playerOut: 'X', fielders: [{ name: 'Jadeja' }] }, 'Bumrah'), 'run out (Jadeja)');
    assert.equal(describeDismissal({ kind: 'lbw', playerOut: 'X' }, 'Bumrah'), 'lbw b Bumrah');
    assert.equal(describeDismissal({ kind: 'stumped', playerOut: 'X', fielders: [{ name: 'Dhoni' }] }, 'Jadeja'), 'st Dhoni b Jadeja');
    assert.equal(describeDismissal({ kind: 'bowled', playerOut: 'X' }, 'Bumrah'), 'b Bumrah');
    assert.equal(describeDismissal({ kind: 'hit wicket', playerOut: 'X' }, 'Bumrah'), 'hit wicket b Bumrah');
    assert.equal(describeDismissal({ kind: 'obstructing the field', playerOut: 'X' }, 'Bumrah'), 'obstructing the field');
  });
});
