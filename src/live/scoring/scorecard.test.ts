import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildDelivery } from './events.js';
import { deriveMatch } from './match.js';
import { toScorecardJson } from './scorecard.js';
import type { MatchEvent, MatchSetup } from './types.js';

const setup: MatchSetup = { teams: ['India', 'Australia'], oversPerInnings: 1, ballsPerOver: 6, matchType: 'T20', superOverAllowed: true };

const events: MatchEvent[] = [
  { type: 'inningsStart', innings: 0, battingTeam: 'India' },
  buildDelivery({ innings: 0, batter: 'Kohli', nonStriker: 'Rohit', bowler: 'Starc', runs: 4, boundary: 'four' }),
  buildDelivery({ innings: 0, batter: 'Kohli', nonStriker: 'Rohit', bowler: 'Starc', extras: { wides: 1 } }),
  buildDelivery({ innings: 0, batter: 'Kohli', nonStriker: 'Rohit', bowler: 'Starc', wickets: [{ kind: 'caught', playerOut: 'Kohli', fielders: [{ name: 'Smith' }] }] }),
  ...Array.from({ length: 4 }, () => buildDelivery({ innings: 0, batter: 'Gill', nonStriker: 'Rohit', bowler: 'Starc' })),
  { type: 'endOfOver', innings: 0 },
  { type: 'inningsStart', innings: 1, battingTeam: 'Australia' },
  buildDelivery({ innings: 1, batter: 'Head', nonStriker: 'Warner', bowler: 'Bumrah', runs: 4, boundary: 'four' }),
  buildDelivery({ innings: 1, batter: 'Head', nonStriker: 'Warner', bowler: 'Bumrah', runs: 1 }),
  ...Array.from({ length: 4 }, () => buildDelivery({ innings: 1, batter: 'Warner', nonStriker: 'Head', bowler: 'Bumrah' })),
  { type: 'endOfOver', innings: 1 },
  { type: 'inningsStart', innings: 2, battingTeam: 'Australia', superOver: true },
  buildDelivery({ innings: 2, batter: 'Maxwell', nonStriker: 'Head', bowler: 'Bumrah', runs: 6, boundary: 'six' }),
];

describe('scorecard JSON contract', () => {
  const json = toScorecardJson('ind-aus-1', deriveMatch(setup, events));

  it('has exactly the contract fields at the top level, plus winner', () => {
    assert.deepEqual(Object.keys(json).sort(), ['id', 'innings', 'result', 'status', 'teams', 'winner']);
    assert.equal(json.id, 'ind-aus-1');
    assert.deepEqual(json.teams, ['India', 'Australia']);
    assert.equal(json.status, 'live');
    assert.equal(json.result, '');
  });

  it('gives each innings its totals with overs and run rate as strings and everything else as numbers', () => {
    const [india] = json.innings;
    assert.deepEqual(
      { team: india.team, runs: india.runs, wickets: india.wickets, overs: india.overs, runRate: india.runRate },
      { team: 'India', runs: 5, wickets: 1, overs: '1.0', runRate: '5.00' },
    );
    assert.deepEqual(india.extras, { byes: 0, legByes: 0, wides: 1, noBalls: 0, penalty: 0, total: 1 });
    assert.deepEqual(india.batting[0], { name: 'Kohli', runs: 4, balls: 2, fours: 1, sixes: 0, howOut: 'c Smith b Starc', strikeRate: '200.00' });
    assert.deepEqual(india.bowling, [{ name: 'Starc', overs: '1.0', maidens: 0, runs: 5, wickets: 1, economy: '5.00', wides: 1, noBalls: 0 }]);
    assert.deepEqual(india.fallOfWickets, [{ wicket: 1, runs: 5, batter: 'Kohli', over: '0.2' }]);
    assert.equal('superOver' in india, false);
  });

  it('lists the Super Over innings after the match innings, marked superOver: true', () => {
    assert.equal(json.innings.length, 3);
    assert.equal(json.innings[2].superOver, true);
    assert.equal(json.innings[2].runs, 6);
    assert.equal(json.innings[1].target, 6);
  });

  it('survives JSON serialisation unchanged', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
  });
});
