import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../config/index.js';
import { createContainer, type Container } from '../container.js';
import { buildApp } from '../app.js';
import { silentLogger } from '../shared/logger.js';
import { postgresSkipReason, TEST_PG_URL } from '../../test/helpers/stores.js';
import type { CricsheetMatch } from '../live/cricsheet/index.js';

const FIXTURES = new URL('../../test/fixtures/cricsheet/', import.meta.url);
const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();
const MAIN = new URL('./main.ts', import.meta.url).pathname;
const ASSETS = join(process.cwd(), 'dist', 'public');

function samachar(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr, last: r.stdout.trimEnd().split('\n').at(-1) ?? '' };
}

/** What the file's own outcome says, in the scorecard's words. */
function expectedResult(raw: CricsheetMatch): RegExp {
  const o = raw.info.outcome;
  if (o.result === 'no result') return /^No result$/;
  if (o.result === 'tie') return new RegExp(`^Match tied${o.eliminator ? ` \\(${o.eliminator} won the Super Over\\)` : ''}$`);
  if (o.by?.runs !== undefined) return new RegExp(`^${o.winner} won by ${o.by.runs} runs?`);
  return new RegExp(`^${o.winner} won by ${o.by?.wickets} wickets?`);
}

const inningsTotal = (i: CricsheetMatch['innings'][number]) =>
  (i.overs ?? []).flatMap((o) => o.deliveries).reduce((s, d) => s + d.runs.total, 0) + (i.penalty_runs?.pre ?? 0) + (i.penalty_runs?.post ?? 0);

describe('samachar cricket import', () => {
  let dir: string;
  const ids = new Map<string, string>();
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'samachar-cricket-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const file of files) {
    it(`imports ${file} and prints the new match's id alone on the last line`, () => {
      const r = samachar(['cricket', 'import', join(FIXTURES.pathname, file), '--data', dir]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.last, /^\d+$/);
      assert.ok(![...ids.values()].includes(r.last), 'a new id each time');
      ids.set(file, r.last);
    });
  }

  it('serves each imported match with the file’s outcome and totals through the API', async () => {
    const config = { ...loadConfig({ data: dir }, { NODE_ENV: 'test' }), databaseUrl: undefined };
    const c: Container = await createContainer(config, { logger: silentLogger, assetsDir: ASSETS });
    const app = await buildApp(c, { assetsDir: ASSETS });
    try {
      for (const file of files) {
        const raw = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as CricsheetMatch;
        const r = await app.inject(`/api/v1/matches/${ids.get(file)}`);
        assert.equal(r.statusCode, 200, file);
        const s = r.json();
        assert.equal(s.id, ids.get(file));
        assert.deepEqual(s.teams, raw.info.teams, file);
        assert.match(s.result, expectedResult(raw), file);
        assert.equal(s.status, raw.info.outcome.result === 'no result' ? 'no result' : 'complete', file);
        assert.deepEqual(s.innings.map((i: { team: string; runs: number }) => [i.team, i.runs]), raw.innings.map((i) => [i.team, inningsTotal(i)]), file);
      }
      const list = (await app.inject('/api/v1/matches?limit=100')).json();
      assert.equal(list.total, files.length);
    } finally {
      await app.close();
      await c.close();
    }
  });

  it('refuses to import the same Cricsheet match twice unless forced', () => {
    const file = join(FIXTURES.pathname, files[0]!);
    const again = samachar(['cricket', 'import', file, '--data', dir]);
    assert.equal(again.code, 1);
    assert.match(again.err, /already imported as match \d+; use --force/);
    const forced = samachar(['cricket', 'import', file, '--force', '--data', dir]);
    assert.equal(forced.code, 0, forced.err);
    assert.match(forced.last, /^\d+$/);
  });

  it('explains a file that is missing, not JSON or not a Cricsheet match, and stores nothing', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"meta":{},"info":{"teams":["A"]}}');
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, 'this is not json');
    for (const [args, message] of [
      [['cricket', 'import', join(dir, 'missing.json')], /file not found/],
      [['cricket', 'import', notJson], /is not JSON/],
      [['cricket', 'import', bad], /info\.teams/],
      [['cricket'], /usage: samachar cricket import/],
    ] as const) {
      const r = samachar([...args, '--data', dir]);
      assert.equal(r.code, 1, r.out);
      assert.match(r.err, message);
    }
  });

  it('exports a stored match back to Cricsheet JSON with the same outcome', () => {
    const out = join(dir, 'export.json');
    const id = ids.get('1473511_ipl2025_final_RCB_v_PBKS.json')!;
    const r = samachar(['cricket', 'export', id, out, '--data', dir]);
    assert.equal(r.code, 0, r.err);
    const exported = JSON.parse(readFileSync(out, 'utf8')) as CricsheetMatch;
    assert.deepEqual(exported.info.outcome, { winner: 'Royal Challengers Bengaluru', by: { runs: 6 } });
    assert.equal(exported.innings.length, 2);
  });
});

const pgSkip = (await postgresSkipReason()) ?? false;

describe('samachar cricket import with DATABASE_URL', { skip: pgSkip }, () => {
  const schema = `cricket_cli_${process.pid}`;
  const url = `${TEST_PG_URL}${TEST_PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: TEST_PG_URL });
    await c.connect();
    try {
      return await c.query(sql);
    } finally {
      await c.end();
    }
  };
  before(() => admin(`create schema if not exists ${schema}`));
  after(() => admin(`drop schema if exists ${schema} cascade`));

  it('imports into PostgreSQL when DATABASE_URL names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samachar-cricket-pg-'));
    try {
      const r = samachar(['cricket', 'import', join(FIXTURES.pathname, '1426312_ipl2024_final_SRH_v_KKR.json'), '--data', dir], { DATABASE_URL: url });
      assert.equal(r.code, 0, r.err);
      const rows = await admin(`select id, summary from ${schema}.matches`);
      assert.deepEqual(rows.rows.map((row: { id: number }) => String(row.id)), [r.last]);
      assert.match(String(rows.rows[0].summary), /Kolkata Knight Riders won by 8 wickets \(57 balls left\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
