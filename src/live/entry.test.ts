import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { entryHasWicket, isCompleteEntry, parseEntry } from './entry.js';

describe('the scorer’s shorthand', () => {
  it('reads a digit as runs off the bat, with 4 and 6 as boundaries', () => {
    assert.deepEqual(parseEntry('1'), { kind: 'delivery', runs: 1, extras: {}, wicket: false });
    assert.deepEqual(parseEntry('4'), { kind: 'delivery', runs: 4, boundary: 'four', extras: {}, wicket: false });
    assert.deepEqual(parseEntry('6'), { kind: 'delivery', runs: 6, boundary: 'six', extras: {}, wicket: false });
    assert.deepEqual(parseEntry('0'), { kind: 'delivery', runs: 0, extras: {}, wicket: false });
  });

  it('reads r4 as four runs run, not a boundary', () => {
    assert.deepEqual(parseEntry('r4'), { kind: 'delivery', runs: 4, extras: {}, wicket: false });
  });

  it('counts every run of a wide as a wide', () => {
    assert.deepEqual(parseEntry('wd'), { kind: 'delivery', runs: 0, extras: { wides: 1 }, wicket: false });
    assert.deepEqual(parseEntry('wd2'), { kind: 'delivery', runs: 0, extras: { wides: 3 }, wicket: false });
  });

  it('reads no-balls with runs off the bat, byes or leg-byes', () => {
    assert.deepEqual(parseEntry('nb'), { kind: 'delivery', runs: 0, extras: { noballs: 1 }, wicket: false });
    assert.deepEqual(parseEntry('nb4'), { kind: 'delivery', runs: 4, boundary: 'four', extras: { noballs: 1 }, wicket: false });
    assert.deepEqual(parseEntry('nbr2'), { kind: 'delivery', runs: 2, extras: { noballs: 1 }, wicket: false });
    assert.deepEqual(parseEntry('nbb4'), { kind: 'delivery', runs: 0, extras: { noballs: 1, byes: 4 }, wicket: false });
    assert.deepEqual(parseEntry('nblb1'), { kind: 'delivery', runs: 0, extras: { noballs: 1, legbyes: 1 }, wicket: false });
  });

  it('reads byes and leg-byes, which need at least one run', () => {
    assert.deepEqual(parseEntry('b2'), { kind: 'delivery', runs: 0, extras: { byes: 2 }, wicket: false });
    assert.deepEqual(parseEntry('LB1'), { kind: 'delivery', runs: 0, extras: { legbyes: 1 }, wicket: false });
    assert.equal(parseEntry('b0').kind, 'error');
  });

  it('marks a wicket with w before the ball, or after a wide or no-ball', () => {
    assert.deepEqual(parseEntry('w'), { kind: 'delivery', runs: 0, extras: {}, wicket: true });
    assert.deepEqual(parseEntry('W1'), { kind: 'delivery', runs: 1, extras: {}, wicket: true });
    assert.deepEqual(parseEntry('wdw'), { kind: 'delivery', runs: 0, extras: { wides: 1 }, wicket: true });
    assert.deepEqual(parseEntry('wwd'), { kind: 'delivery', runs: 0, extras: { wides: 1 }, wicket: true });
    assert.deepEqual(parseEntry('wnb1'), { kind: 'delivery', runs: 1, extras: { noballs: 1 }, wicket: true });
  });

  it('reads penalty runs (five unless given), end of over and undo', () => {
    assert.deepEqual(parseEntry('p'), { kind: 'penalty', runs: 5 });
    assert.deepEqual(parseEntry('p2'), { kind: 'penalty', runs: 2 });
    assert.deepEqual(parseEntry('o'), { kind: 'over' });
    assert.deepEqual(parseEntry(' U '), { kind: 'undo' });
  });

  it('refuses what it cannot read, and more than seven runs on a ball', () => {
    for (const bad of ['', 'x', '44', 'ww', 'wd9', 'nbx', 'p0', '8']) assert.equal(parseEntry(bad).kind, 'error', bad);
  });

  it('sends a code without Enter only when no further key could change it and it is not a wicket', () => {
    for (const done of ['0', '4', 'r3', 'wd1', 'nb4', 'nbr1', 'nbb2', 'lb1', 'b4']) assert.equal(isCompleteEntry(done), true, done);
    for (const open of ['w', 'wd', 'nb', 'b', 'lb', 'r', 'w1', 'p', 'o', 'u', '']) assert.equal(isCompleteEntry(open), false, open);
  });

  it('knows while typing whether the ball is a wicket', () => {
    assert.equal(entryHasWicket('w'), true);
    assert.equal(entryHasWicket('wd'), false);
    assert.equal(entryHasWicket('wdw'), true);
    assert.equal(entryHasWicket('4'), false);
  });
});
