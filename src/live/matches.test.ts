import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createTestStore, eachDialect, type TestStore } from '../../test/helpers/stores.js';
import { createEventBus, type BusMessage } from '../shared/events.js';
import { fixedClock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { MatchService, type MatchView } from './matches.js';
import { changeFor, correctionFor } from './scorer.js';
import { importCricsheet } from './importer.js';
import type { MatchSetup } from './scoring/index.js';
import type { MatchMessage } from './score-text.js';

const T20: MatchSetup = {
  teams: ['India', 'Australia'],
  players: { India: ['Rohit', 'Gill', 'Kohli', 'Iyer'], Australia: ['Starc', 'Cummins', 'Smith', 'Carey'] },
  oversPerInnings: 20,
  ballsPerOver: 6,
  matchType: 'T20',
  superOverAllowed: true,
  toss: { winner: 'Australia', decision: 'field' },
};

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../test/fixtures/cricsheet/${name}`, import.meta.url), 'utf8')) as unknown;

async function rejects(p: Promise<unknown>, code: string, pattern?: RegExp): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (pattern) assert.match(err.message + JSON.stringify(err.issues), pattern);
    return err;
  }
  assert.fail('expected a rejection');
}

await eachDialect((dialect, skip) => {
  describe(`matches on ${dialect}`, { skip }, () => {
    let t: TestStore;
    let svc: MatchService;
    const published: BusMessage[] = [];
    before(async () => {
      t = await createTestStore(dialect);
      const bus = createEventBus();
      bus.subscribe('*', (_p, msg) => void published.push(msg));
      svc = new MatchService({ store: t.store, bus, clock: fixedClock('2026-11-26T14:00:00.000Z') });
    });
    after(async () => t?.cleanup());

    const play = async (view: MatchView, ...codes: string[]) => {
      let v = view;
      for (const code of codes) v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'entry', code }));
      return v;
    };

    it('creates a scheduled match whose journal starts at seq 1 and says who won the toss', async () => {
      const m = await svc.create({ setup: T20, startTime: '2026-11-26T14:00:00.000Z' });
      assert.equal(m.record.lastSeq, 1);
      assert.equal(m.record.status, 'scheduled');
      assert.equal(m.record.title, 'India vs Australia');
      assert.deepEqual(m.record.summary.situation, { hi: 'ऑस्ट्रेलिया ने टॉस जीतकर गेंदबाज़ी चुनी', en: 'Australia won the toss and chose to field' });
      const journal = await svc.since(m.record.id, 0, 10);
      assert.deepEqual(journal.map((r) => (JSON.parse(r.payload) as MatchMessage).op), ['create']);
      assert.ok(published.some((p) => p.type === 'match.updated' && (p.payload as { matchId: number }).matchId === m.record.id));
    });

    it('refuses a match without two different teams or with a bad start time', async () => {
      await rejects(svc.create({ setup: { ...T20, teams: ['India', 'India'] }, startTime: '2026-11-26' }), 'VALIDATION', /must differ/);
      await rejects(svc.create({ setup: T20, startTime: 'tomorrow-ish' }), 'VALIDATION', /start time/);
    });

    it('scores balls entered as codes, with commentary, and keeps the widget summary current', async () => {
      let v = await svc.create({ setup: T20, startTime: '2026-11-26T14:00:00.000Z' });
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'startInnings', battingTeam: 'India' }));
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'entry', code: '4', crease: { striker: 'Rohit', nonStriker: 'Gill', bowler: 'Starc' } }));
      v = await play(v, '1', 'wd', 'nb4', 'lb1', '6');
      const inn = v.state.current!;
      assert.deepEqual([inn.runs, inn.wickets, inn.overs], [4 + 1 + 1 + 5 + 1 + 6, 0, '0.4']);
      assert.equal(v.record.summary.innings[0]!.short, 'IND');
      assert.equal(v.record.status, 'live');
      // The leg-bye crossed the batters, so Rohit faced the six.
      assert.equal(v.lines.at(-1), '0.4: Starc से Rohit — छक्का!');
      const stored = (await svc.view(v.record.id))!;
      assert.deepEqual(stored.record.summary, v.record.summary);
      assert.deepEqual(stored.events, v.events);
    });

    it('asks for the new batter after a wicket, and records the dismissal with its fielder', async () => {
      let v = await svc.create({ setup: T20, startTime: '2026-11-26T14:00:00.000Z' });
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'startInnings', battingTeam: 'India' }));
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'entry', code: 'w', crease: { striker: 'Rohit', nonStriker: 'Gill', bowler: 'Starc' }, wicket: { kind: 'caught', fielder: 'Smith' } }));
      assert.equal(v.state.current!.striker, null);
      assert.equal(v.state.current!.batting.find((b) => b.name === 'Rohit')!.howOut, 'c Smith b Starc');
      assert.throws(() => changeFor(v, { action: 'entry', code: '1' }), /choose the batter on strike/);
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'entry', code: '1', crease: { striker: 'Kohli' } }));
      assert.deepEqual([v.state.current!.striker, v.state.current!.nonStriker], ['Gill', 'Kohli']);
    });

    it('refuses a wicket without its kind, a caught off a wide and a batter from the fielding side', async () => {
      let v = await svc.create({ setup: T20, startTime: '2026-11-26T14:00:00.000Z' });
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'startInnings', battingTeam: 'India' }));
      const crease = { striker: 'Rohit', nonStriker: 'Gill', bowler: 'Starc' };
      assert.throws(() => changeFor(v, { action: 'entry', code: 'w', crease }), /how the batter was out/);
      assert.throws(() => changeFor(v, { action: 'entry', code: 'wdw', crease, wicket: { kind: 'caught' } }), /cannot be caught off a wide/);
      assert.throws(() => changeFor(v, { action: 'entry', code: '1', crease: { ...crease, striker: 'Smith' } }), /plays for Australia/);
      assert.throws(() => changeFor(v, { action: 'entry', code: '1', crease: { ...crease, nonStriker: 'Rohit' } }), /different batters/);
    });

    it('refuses a second scorer’s entry made against an older seq, naming the current one', async () => {
      let v = await svc.create({ setup: T20, startTime: '2026-11-26T14:00:00.000Z' });
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'startInnings', battingTeam: 'India' }));
      const seen = v;
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'entry', code: '1', crease: { striker: 'Rohit', nonStriker: 'Gill', bowler: 'Starc' } }));
      const err = await rejects(svc.apply(seen.record.id, seen.record.lastSeq, changeFor(seen, { action: 'entry', code: '4', crease: { striker: 'Rohit', nonStriker: 'Gill', bowler: 'Starc' } })), 'CONFLICT');
      assert.deepEqual(err.details, { lastSeq: v.record.lastSeq, expectedSeq: seen.record.lastSeq });
      const now = (await svc.view(v.record.id))!;
      assert.equal(now.state.current!.runs, 1, 'the refused ball left no trace');
    });

    it('lets only one of two simultaneous entries at the same seq through', async () => {
      let v = await svc.create({ setup: T20, startTime: '2026-11-26T14:00:00.000Z' });
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'startInnings', battingTeam: 'India' }));
      const change = changeFor(v, { action: 'entry', code: '1', crease: { striker: 'Rohit', nonStriker: 'Gill', bowler: 'Starc' } });
      const results = await Promise.allSettled([svc.apply(v.record.id, v.record.lastSeq, change), svc.apply(v.record.id, v.record.lastSeq, change)]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.equal((refused.reason as AppError).code, 'CONFLICT');
      assert.equal((await svc.view(v.record.id))!.state.current!.runs, 1);
    });

    it('undoes the last entry with a new seq that names the entry it removed', async () => {
      let v = await svc.create({ setup: T20, startTime: '2026-11-26T14:00:00.000Z' });
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'startInnings', battingTeam: 'India' }));
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'entry', code: '2', crease: { striker: 'Rohit', nonStriker: 'Gill', bowler: 'Starc' } }));
      const ballSeq = v.record.lastSeq;
      v = await play(v, '6');
      const sixSeq = v.record.lastSeq;
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'entry', code: 'u' }));
      assert.equal(v.record.lastSeq, sixSeq + 1);
      assert.equal(v.state.current!.runs, 2);
      const last = JSON.parse((await svc.latest(v.record.id, 1))[0]!.payload) as MatchMessage;
      assert.deepEqual([last.op, last.target, last.line], ['undo', sixSeq, null]);
      assert.deepEqual(v.owners.at(-1), ballSeq);
    });

    it('corrects an earlier ball and derives everything after it again', async () => {
      let v = await svc.create({ setup: T20, startTime: '2026-11-26T14:00:00.000Z' });
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'startInnings', battingTeam: 'India' }));
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'entry', code: '4', crease: { striker: 'Rohit', nonStriker: 'Gill', bowler: 'Starc' } }));
      v = await play(v, '0', '0');
      const position = 1;
      const replaced = v.owners[position]!;
      v = await svc.apply(v.record.id, v.record.lastSeq, correctionFor(v, position, { code: 'lb4' }));
      const inn = v.state.current!;
      assert.deepEqual([inn.runs, inn.extras.legByes], [4, 4]);
      assert.equal(inn.batting.find((b) => b.name === 'Rohit')!.fours, 0);
      assert.equal(inn.bowling.find((b) => b.name === 'Starc')!.runs, 0);
      const last = JSON.parse((await svc.latest(v.record.id, 1))[0]!.payload) as MatchMessage;
      assert.deepEqual([last.op, last.target], ['correct', replaced]);
      assert.match(last.line ?? '', /4 लेग बाई/);
      assert.throws(() => correctionFor(v, 0, { code: '1' }), /only a delivery/);
    });

    it('refuses an entry the laws would flag, such as a ball after the innings has ended', async () => {
      let v = await svc.create({ setup: { ...T20, oversPerInnings: 1, ballsPerOver: 2 }, startTime: '2026-11-26T14:00:00.000Z' });
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'startInnings', battingTeam: 'India' }));
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'entry', code: '1', crease: { striker: 'Rohit', nonStriker: 'Gill', bowler: 'Starc' } }));
      v = await play(v, '1', 'o');
      assert.equal(v.state.current, null);
      assert.equal(v.record.status, 'innings break');
      assert.equal(v.record.summary.situation?.en, 'Innings break — Australia need 3 to win');
      assert.throws(() => changeFor(v, { action: 'entry', code: '1' }), /start the innings first/);
      const sneaky = { op: 'event' as const, event: { type: 'delivery' as const, innings: 0, batter: 'Rohit', nonStriker: 'Gill', bowler: 'Starc', runs: { batter: 1, extras: 0, total: 1 } } };
      await rejects(svc.apply(v.record.id, v.record.lastSeq, sneaky), 'VALIDATION', /has ended/);
    });

    it('plays a short chase to a result that the list and the widget show', async () => {
      let v = await svc.create({ setup: { ...T20, oversPerInnings: 1, ballsPerOver: 2 }, startTime: '2026-11-27T14:00:00.000Z' });
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'startInnings', battingTeam: 'India' }));
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'entry', code: '1', crease: { striker: 'Rohit', nonStriker: 'Gill', bowler: 'Starc' } }));
      v = await play(v, '0', 'o');
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'startInnings', battingTeam: 'Australia' }));
      const featuredLive = await svc.featured();
      assert.equal(featuredLive?.id, v.record.id, 'a match in play is featured');
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'entry', code: '0', crease: { striker: 'Smith', nonStriker: 'Carey', bowler: 'Kohli' } }));
      assert.equal(v.record.summary.situation?.en, 'Australia need 2 runs from 1 ball');
      v = await play(v, '4');
      assert.equal(v.record.status, 'complete');
      assert.equal(v.record.summary.result, 'Australia won by 10 wickets');
      const list = await svc.list({ status: 'complete' });
      assert.ok(list.items.some((m) => m.id === v.record.id && m.summary.result === 'Australia won by 10 wickets'));
      await rejects(svc.apply(v.record.id, v.record.lastSeq, { op: 'event', event: { type: 'endOfOver', innings: 1 } }), 'VALIDATION', /the match is over/);
      assert.throws(() => changeFor(v, { action: 'entry', code: '1' }), /The match is over/);
    });

    it('imports a Cricsheet match with a journal entry and a Hindi line for every ball', async () => {
      const { view } = await importCricsheet(svc, fixture('1473511_ipl2025_final_RCB_v_PBKS.json'), { fileName: '1473511_ipl2025_final_RCB_v_PBKS.json' });
      assert.equal(view.record.summary.result, 'Royal Challengers Bengaluru won by 6 runs');
      assert.deepEqual(view.record.summary.innings.map((i) => `${i.short} ${i.runs}/${i.wickets} (${i.overs}) · RR ${i.runRate}`), ['RCB 190/9 (20.0) · RR 9.50', 'PBKS 184/7 (20.0) · RR 9.20']);
      assert.equal(view.record.lastSeq, view.events.length + 1);
      assert.equal(view.record.externalId, 'cricsheet:1473511');
      const reloaded = (await svc.view(view.record.id))!;
      assert.equal(reloaded.lines.filter(Boolean).length, view.lines.filter(Boolean).length);
      assert.match(reloaded.lines[1]!, /^0\.1: Arshdeep Singh से PD Salt/);
      await rejects(importCricsheet(svc, fixture('1473511_ipl2025_final_RCB_v_PBKS.json'), { fileName: '1473511.json' }), 'CONFLICT', /already imported/);
      const again = await importCricsheet(svc, fixture('1473511_ipl2025_final_RCB_v_PBKS.json'), { fileName: '1473511.json', again: true });
      assert.notEqual(again.view.record.id, view.record.id);
    });

    it('refuses a file that is not a Cricsheet match, saying what is wrong', async () => {
      await rejects(importCricsheet(svc, { meta: {}, info: { teams: ['A'] } }), 'VALIDATION', /info.teams/);
    });

    it('pages through the journal from any seq, oldest first', async () => {
      let v = await svc.create({ setup: T20, startTime: '2026-11-26T14:00:00.000Z' });
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'startInnings', battingTeam: 'India' }));
      v = await svc.apply(v.record.id, v.record.lastSeq, changeFor(v, { action: 'entry', code: '1', crease: { striker: 'Rohit', nonStriker: 'Gill', bowler: 'Starc' } }));
      v = await play(v, '2', '3');
      assert.deepEqual((await svc.since(v.record.id, 2, 2)).map((r) => r.seq), [3, 4]);
      assert.deepEqual((await svc.latest(v.record.id, 2)).map((r) => r.seq), [4, 5]);
      assert.equal(await svc.head(v.record.id), 5);
      assert.equal(await svc.head(999_999), null);
    });
  });
});
