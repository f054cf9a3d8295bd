/**
 * Every real match in test/fixtures/cricsheet: the engine, fed only the deliveries, must give the
 * file's own outcome and a scorecard that adds up. Expected values are computed from the raw
 * JSON here, independently of the engine, and a few real figures are pinned by hand.
 * Data from Cricsheet, cricsheet.org (ODC-By 1.0).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { deriveMatch, toScorecardJson, type InningsState, type MatchState } from '../scoring/index.js';
import { parseCricsheet } from './parse.js';
import type { CricsheetDelivery, CricsheetInnings, CricsheetMatch } from './types.js';

const FIXTURES = new URL('../../../test/fixtures/cricsheet/', import.meta.url);
const files = readdirSync(FIXTURES).filter((name) => name.endsWith('.json')).sort();

function load(name: string): { raw: CricsheetMatch; state: MatchState; events: ReturnType<typeof parseCricsheet>['events'] } {
  const raw = JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as CricsheetMatch;
  const { setup, events } = parseCricsheet(raw);
  return { raw, state: deriveMatch(setup, events), events };
}

// -- an independent reading of the raw file ------------------------------------------------------

const NOT_A_WICKET = new Set(['retired hurt', 'retired not out']);
const BOWLERS_WICKETS = new Set(['bowled', 'caught', 'caught and bowled', 'lbw', 'stumped', 'hit wicket']);

const deliveriesOf = (innings: CricsheetInnings): CricsheetDelivery[] => (innings.overs ?? []).flatMap((o) => o.deliveries);
const isLegal = (d: CricsheetDelivery): boolean => !d.extras?.wides && !d.extras?.noballs;
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

function rawTotal(innings: CricsheetInnings): number {
  return sum(deliveriesOf(innings).map((d) => d.runs.total)) + (innings.penalty_runs?.pre ?? 0) + (innings.penalty_runs?.post ?? 0);
}

function rawWickets(innings: CricsheetInnings): string[] {
  return deliveriesOf(innings).flatMap((d) => (d.wickets ?? []).filter((w) => !NOT_A_WICKET.has(w.kind)).map((w) => w.kind));
}

function rawLegalBalls(innings: CricsheetInnings): number {
  return deliveriesOf(innings).filter(isLegal).length;
}

/** The result text the file's outcome calls for, in the engine's wording. */
function expectedResultText(raw: CricsheetMatch): string {
  const { outcome } = raw.info;
  if (outcome.result === 'no result') return 'No result';
  if (outcome.result === 'tie') return outcome.eliminator ? `Match tied (${outcome.eliminator} won the Super Over)` : 'Match tied';
  const method = outcome.method === 'D/L' ? ' (DLS method)' : '';
  if (outcome.by?.runs !== undefined) return `${outcome.winner} won by ${outcome.by.runs} runs${method}`;
  const chase = raw.innings.filter((i) => !i.super_over)[1];
  const ballsLeft = (chase.target?.overs ?? raw.info.overs ?? 0) * raw.info.balls_per_over - rawLegalBalls(chase);
  const left = ballsLeft > 0 ? ` (${ballsLeft} balls left)` : '';
  return `${outcome.winner} won by ${outcome.by?.wickets} wickets${left}${method}`;
}

function stateOf(state: MatchState, index: number): InningsState {
  const innings = [...state.innings, ...state.superOvers].find((i) => i.index === index);
  assert.ok(innings, `innings ${index} is derived`);
  return innings;
}

// -- every fixture -------------------------------------------------------------------------------

for (const file of files) {
  describe(`Cricsheet match ${file}`, () => {
    const { raw, state, events } = load(file);

    it('reproduces the file’s own outcome as the result text', () => {
      assert.equal(state.result, expectedResultText(raw));
      assert.ok(['complete', 'no result'].includes(state.status));
    });

    it('names the winner the file names (the Super Over winner after a tie)', () => {
      const { outcome } = raw.info;
      assert.equal(state.winner, outcome.winner ?? outcome.eliminator ?? null);
    });

    it('needs an officials’ result event only when play could not finish', () => {
      const declared = events.filter((e) => e.type === 'result');
      assert.equal(declared.length, raw.info.outcome.result === 'no result' ? 1 : 0);
    });

    it('derives without warnings', () => {
      assert.deepEqual(state.warnings, []);
    });

    raw.innings.forEach((rawInnings, index) => {
      describe(`innings ${index + 1} (${rawInnings.team}${rawInnings.super_over ? ', Super Over' : ''})`, () => {
        const innings = stateOf(state, index);

        it('totals the runs of the file, which equal the batters’ runs plus extras', () => {
          assert.equal(innings.runs, rawTotal(rawInnings));
          assert.equal(innings.runs, sum(innings.batting.map((b) => b.runs)) + innings.extras.total);
        });

        it('counts every dismissal except retired hurt and retired not out as a wicket', () => {
          assert.equal(innings.wickets, rawWickets(rawInnings).length);
          assert.equal(innings.fallOfWickets.length, innings.wickets);
          assert.equal(innings.batting.filter((b) => b.dismissed).length, innings.wickets);
        });

        it('charges the bowlers everything but byes, leg-byes and penalty runs', () => {
          const { byes, legByes, penalty } = innings.extras;
          assert.equal(sum(innings.bowling.map((b) => b.runs)) + byes + legByes + penalty, innings.runs);
        });

        it('credits the bowlers every wicket except run outs, retirements and the like', () => {
          const credited = rawWickets(rawInnings).filter((kind) => BOWLERS_WICKETS.has(kind)).length;
          assert.equal(sum(innings.bowling.map((b) => b.wickets)), credited);
          assert.ok(credited <= innings.wickets);
        });

        it('counts overs from the legal balls, and the bowlers’ overs add up to them', () => {
          const bpo = raw.info.balls_per_over;
          const legal = rawLegalBalls(rawInnings);
          assert.equal(innings.legalBalls, legal);
          assert.equal(innings.overs, `${Math.floor(legal / bpo)}.${legal % bpo}`);
          const bowlerBalls = sum(innings.bowling.map((b) => Number(b.overs.split('.')[0]) * bpo + Number(b.overs.split('.')[1])));
          assert.equal(bowlerBalls, legal);
        });

        it('adds up each kind of extra from the deliveries', () => {
          const extra = (kind: 'wides' | 'noballs' | 'byes' | 'legbyes' | 'penalty') =>
            sum(deliveriesOf(rawInnings).map((d) => d.extras?.[kind] ?? 0));
          const penaltyRuns = (rawInnings.penalty_runs?.pre ?? 0) + (rawInnings.penalty_runs?.post ?? 0);
          assert.deepEqual(innings.extras, {
            byes: extra('byes'),
            legByes: extra('legbyes'),
            wides: extra('wides'),
            noBalls: extra('noballs'),
            penalty: extra('penalty') + penaltyRuns,
            total: extra('byes') + extra('legbyes') + extra('wides') + extra('noballs') + extra('penalty') + penaltyRuns,
          });
        });

        it('credits each batter with the runs, balls and boundaries of the file', () => {
          for (const row of innings.batting) {
            const faced = deliveriesOf(rawInnings).filter((d) => d.batter === row.name);
            assert.equal(row.runs, sum(faced.map((d) => d.runs.batter)), `${row.name} runs`);
            assert.equal(row.balls, faced.filter((d) => !d.extras?.wides).length, `${row.name} balls`);
            assert.equal(row.fours, faced.filter((d) => d.runs.batter === 4 && !d.runs.non_boundary).length, `${row.name} fours`);
            assert.equal(row.sixes, faced.filter((d) => d.runs.batter === 6 && !d.runs.non_boundary).length, `${row.name} sixes`);
          }
        });

        it('sets the target the file records', () => {
          if (rawInnings.target) {
            assert.equal(innings.target, rawInnings.target.runs);
            assert.equal(innings.maxOvers, `${rawInnings.target.overs}.0`);
          } else if (!rawInnings.super_over) {
            assert.equal(innings.target, null);
          }
        });
      });
    });
  });
}

// -- real figures, pinned ------------------------------------------------------------------------

describe('IPL 2025 final, RCB v Punjab Kings (1473511)', () => {
  const { state } = load('1473511_ipl2025_final_RCB_v_PBKS.json');
  const [rcb, pbks] = state.innings;

  it('has RCB 190/9 in 20 overs at 9.50 and Punjab Kings 184/7 in 20 overs', () => {
    assert.deepEqual([rcb.team, rcb.runs, rcb.wickets, rcb.overs, rcb.runRate], ['Royal Challengers Bengaluru', 190, 9, '20.0', '9.50']);
    assert.deepEqual([pbks.team, pbks.runs, pbks.wickets, pbks.overs], ['Punjab Kings', 184, 7, '20.0']);
  });

  it('was won by RCB by 6 runs', () => {
    assert.equal(state.result, 'Royal Challengers Bengaluru won by 6 runs');
    assert.equal(state.status, 'complete');
  });

  it('has Kohli 43 off 35, caught and bowled by Azmatullah Omarzai, and Arshdeep Singh 3 for 40', () => {
    const kohli = rcb.batting.find((b) => b.name === 'V Kohli');
    assert.deepEqual(kohli && [kohli.runs, kohli.balls, kohli.fours, kohli.howOut], [43, 35, 3, 'c & b Azmatullah Omarzai']);
    const arshdeep = rcb.bowling.find((b) => b.name === 'Arshdeep Singh');
    assert.deepEqual(arshdeep && [arshdeep.overs, arshdeep.runs, arshdeep.wickets, arshdeep.economy], ['4.0', 40, 3, '10.00']);
  });

  it('publishes the contract scorecard', () => {
    const json = toScorecardJson('1473511', state);
    assert.equal(json.result, 'Royal Challengers Bengaluru won by 6 runs');
    assert.deepEqual(json.innings.map((i) => [i.team, i.runs, i.wickets, i.overs, i.runRate]), [
      ['Royal Challengers Bengaluru', 190, 9, '20.0', '9.50'],
      ['Punjab Kings', 184, 7, '20.0', '9.20'],
    ]);
  });
});

describe('IPL 2024 final, SRH v KKR (1426312)', () => {
  const { state } = load('1426312_ipl2024_final_SRH_v_KKR.json');

  it('has Sunrisers all out for 113 in 18.3 overs and KKR winning by 8 wickets with 57 balls left', () => {
    assert.deepEqual([state.innings[0].runs, state.innings[0].wickets, state.innings[0].overs, state.innings[0].closeReason], [113, 10, '18.3', 'all out']);
    assert.deepEqual([state.innings[1].runs, state.innings[1].wickets, state.innings[1].overs], [114, 2, '10.3']);
    assert.equal(state.result, 'Kolkata Knight Riders won by 8 wickets (57 balls left)');
  });
});

describe('DC v RR, IPL 2025 (1473469): a tie and a Super Over', () => {
  const { state } = load('1473469_ipl2025_m32_DC_v_RR_superover.json');

  it('ties on 188 and is decided by the Super Over, kept apart from the match innings', () => {
    assert.deepEqual(state.innings.map((i) => i.runs), [188, 188]);
    assert.deepEqual(state.superOvers.map((i) => [i.team, i.runs, i.wickets, i.overs]), [
      ['Rajasthan Royals', 11, 2, '0.5'],
      ['Delhi Capitals', 13, 0, '0.4'],
    ]);
    assert.equal(state.result, 'Match tied (Delhi Capitals won the Super Over)');
  });

  it('shows Samson retired hurt on 31 off 19, not out of the innings', () => {
    const samson = state.innings[1].batting.find((b) => b.name === 'SV Samson');
    assert.deepEqual(samson && [samson.runs, samson.balls, samson.howOut, samson.dismissed], [31, 19, 'retired hurt', false]);
    assert.equal(state.innings[1].wickets, 4);
  });
});

describe('PBKS v KKR, IPL 2025 (1473481): no result', () => {
  it('ends with no result after one over of the chase', () => {
    const { state } = load('1473481_ipl2025_m44_PBKS_v_KKR_noresult.json');
    assert.equal(state.status, 'no result');
    assert.equal(state.result, 'No result');
    assert.deepEqual([state.innings[1].runs, state.innings[1].overs], [7, '1.0']);
  });
});

describe('MI v DD, IPL 2014 (729309): penalty runs and retired hurt', () => {
  const { state } = load('729309_ipl2014_m16_MI_v_DD_penalty_retiredhurt.json');

  it('adds the 5 penalty runs to Delhi’s extras, not to Malinga', () => {
    assert.equal(state.innings[1].extras.penalty, 5);
    assert.equal(state.innings[1].bowling.find((b) => b.name === 'SL Malinga')?.runs, 17);
  });

  it('shows Harbhajan retired hurt without a wicket', () => {
    const harbhajan = state.innings[0].batting.find((b) => b.name === 'Harbhajan Singh');
    assert.equal(harbhajan?.howOut, 'retired hurt');
    assert.deepEqual([state.innings[0].runs, state.innings[0].wickets], [125, 6]);
    assert.equal(state.result, 'Delhi Daredevils won by 6 wickets (7 balls left)');
  });
});

describe('IPL 2023 final, GT v CSK (1370353): a DLS target', () => {
  it('chases the revised 171 in 15 overs and wins off the last ball', () => {
    const { state } = load('1370353_ipl2023_final_GT_v_CSK_DLS.json');
    const chase = state.innings[1];
    assert.deepEqual(chase.revisedTarget, { runs: 171, overs: '15.0', method: 'DLS' });
    assert.deepEqual([chase.runs, chase.wickets, chase.overs, chase.ballsLeft], [171, 5, '15.0', 0]);
    assert.equal(state.result, 'Chennai Super Kings won by 5 wickets (DLS method)');
  });
});

describe('KKR v RCB, IPL 2017 (1082617): stumped off a wide', () => {
  it('gives Chahal the stumping of Pathan off a wide', () => {
    const { state } = load('1082617_ipl2017_stumped_off_wide.json');
    const pathan = state.innings[0].batting.find((b) => b.name === 'YK Pathan');
    assert.equal(pathan?.howOut, 'st KM Jadhav b YS Chahal');
    assert.equal(state.innings[0].bowling.find((b) => b.name === 'YS Chahal')?.wickets, 3);
    assert.deepEqual([state.innings[1].runs, state.innings[1].wickets, state.innings[1].overs], [49, 10, '9.4']);
  });
});

describe('KKR v MI, IPL 2024 (1426298): byes off a no-ball', () => {
  it('charges Arora the no-ball but not the four byes', () => {
    const { state } = load('1426298_ipl2024_KKR_v_MI_noball_plus_byes.json');
    const arora = state.innings[1].bowling.find((b) => b.name === 'VG Arora');
    assert.deepEqual(arora && [arora.overs, arora.runs, arora.noBalls], ['2.0', 16, 1]);
    assert.equal(state.result, 'Kolkata Knight Riders won by 18 runs');
  });
});

describe('LSG v MI, IPL 2025 (1473453): retired out', () => {
  it('counts Tilak Varma retired out as a wicket but not for Thakur', () => {
    const { state } = load('1473453_ipl2025_LSG_v_MI_retired_out.json');
    const mi = state.innings[1];
    assert.equal(mi.batting.find((b) => b.name === 'Tilak Varma')?.howOut, 'retired out');
    assert.deepEqual(mi.fallOfWickets.at(-1), { wicket: 5, runs: 180, batter: 'Tilak Varma', over: '18.5' });
    assert.equal(mi.bowling.find((b) => b.name === 'SN Thakur')?.wickets, 1);
  });
});
