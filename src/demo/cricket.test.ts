import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BOWLING_PLAN, demoMatches, demoSetup, seededRandom } from './cricket.js';
import { validateSetup } from '../live/index.js';

describe('demo cricket data', () => {
  it('gives each of five bowlers four overs, never two in a row', () => {
    assert.equal(BOWLING_PLAN.length, 20);
    for (let b = 0; b < 5; b++) assert.equal(BOWLING_PLAN.filter((x) => x === b).length, 4);
    for (let i = 1; i < BOWLING_PLAN.length; i++) assert.notEqual(BOWLING_PLAN[i], BOWLING_PLAN[i - 1]);
  });

  it('sets up valid matches of two distinct elevens whose bowlers and keepers play for them', () => {
    for (const m of demoMatches) {
      assert.deepEqual(validateSetup(demoSetup(m)), []);
      const [a, b] = m.teams;
      for (const team of m.teams) {
        assert.equal(new Set(team.players).size, 11);
        assert.ok(team.players.includes(team.keeper));
        for (const bowler of team.bowlers) assert.ok(team.players.includes(bowler), `${bowler} is not in ${team.name}`);
      }
      assert.deepEqual(a.players.filter((p) => b.players.includes(p)), []);
      assert.ok(Date.parse(m.tossAt) < Date.parse(m.startTime));
    }
  });

  it('draws the same numbers from the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 5 }, () => a());
    assert.deepEqual(xs, Array.from({ length: 5 }, () => b()));
    for (const x of xs) assert.ok(x >= 0 && x < 1);
  });
});
