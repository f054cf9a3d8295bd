import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { buildDelivery, deriveMatch, toScorecardJson, type MatchEvent, type MatchSetup } from '../scoring/index.js';
import { exportCricsheet } from './export.js';
import { parseCricsheet } from './parse.js';

const FIXTURES = new URL('../../../test/fixtures/cricsheet/', import.meta.url);
const files = readdirSync(FIXTURES).filter((name) => name.endsWith('.json')).sort();

/** Through JSON text, as a file on disk would be. */
const viaText = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('Cricsheet round trip: parse, export, parse', () => {
  for (const file of files) {
    it(`gives the same scorecard and events for ${file}`, () => {
      const raw: unknown = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8'));
      const first = parseCricsheet(raw);
      const exported = viaText(exportCricsheet(first.setup, first.events, first.meta));
      const second = parseCricsheet(exported);
      assert.deepEqual(toScorecardJson(file, deriveMatch(second.setup, second.events)), toScorecardJson(file, deriveMatch(first.setup, first.events)));
      assert.deepEqual(second.events, first.events);
      assert.deepEqual(second.setup, first.setup);
    });

    it(`writes ${file} back exactly as Cricsheet published it`, () => {
      const raw: unknown = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8'));
      const { setup, events, meta } = parseCricsheet(raw);
      assert.deepEqual(viaText(exportCricsheet(setup, events, meta)), raw);
    });
  }
});

describe('exporting a match scored live', () => {
  const setup: MatchSetup = {
    teams: ['India', 'Australia'],
    oversPerInnings: 20,
    ballsPerOver: 6,
    matchType: 'T20',
    superOverAllowed: false,
    toss: { winner: 'India', decision: 'bat' },
  };
  const ball = (input: Partial<Parameters<typeof buildDelivery>[0]> = {}): MatchEvent =>
    buildDelivery({ innings: 0, batter: 'Kohli', nonStriker: 'Rohit', bowler: 'Starc', ...input });
  const events: MatchEvent[] = [
    { type: 'inningsStart', innings: 0, battingTeam: 'India' },
    ball({ runs: 4 }), // all run: not a boundary
    ball({ runs: 4, boundary: 'four' }),
    { type: 'retirement', innings: 0, batter: 'Kohli', kind: 'retired hurt' },
    ball({ batter: 'Gill', extras: { wides: 1, penalty: 5 } }),
    { type: 'endOfOver', innings: 0 },
    { type: 'penaltyRuns', innings: 0, runs: 5 },
  ];

  it('marks a four that was run with non_boundary and a retirement as a wicket record', () => {
    const json = exportCricsheet(setup, events, { dates: ['2026-01-26'], venue: 'Wankhede Stadium' });
    const [first, second] = json.innings[0].overs ?? [];
    assert.equal(second, undefined);
    assert.deepEqual(first.deliveries[0].runs, { batter: 4, extras: 0, total: 4, non_boundary: true });
    assert.equal(first.deliveries[1].runs.non_boundary, undefined);
    assert.deepEqual(first.deliveries[1].wickets, [{ player_out: 'Kohli', kind: 'retired hurt' }]);
    assert.deepEqual(json.innings[0].penalty_runs, { post: 5 });
    assert.equal(json.info.venue, 'Wankhede Stadium');
    assert.deepEqual(json.info.outcome, {});
  });

  it('parses back to the same scorecard', () => {
    const json = viaText(exportCricsheet(setup, events, { dates: ['2026-01-26'] }));
    const back = parseCricsheet(json);
    assert.deepEqual(toScorecardJson('live', deriveMatch(back.setup, back.events)), toScorecardJson('live', deriveMatch(setup, events)));
  });
});
