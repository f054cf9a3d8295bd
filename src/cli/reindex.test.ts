import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../storage/index.js';

const MAIN = new URL('./main.ts', import.meta.url).pathname;

function samachar(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('samachar reindex', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'samachar-reindex-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the search index of stories written without a serving process, and says how many', async () => {
    const lines = [
      { headline: 'गंगा किनारे नई सड़क का काम शुरू', summary: 'शहर के घाटों तक पहुँचना आसान होगा।', body: '<p>नगर निगम ने सड़क का काम शुरू किया।</p>', desk: 'national', status: 'published', externalId: 'r-1' },
      { headline: 'किसानों के लिए बीज मेला लगा', summary: 'ज़िले भर से किसान पहुँचे।', body: '<p>मेले में नई किस्मों के बीज मिले।</p>', desk: 'national', status: 'published', externalId: 'r-2' },
      { headline: 'मसौदा जो अभी छपा नहीं', summary: 'यह खोज में पाठकों को नहीं मिलना चाहिए।', body: '<p>अधूरा।</p>', desk: 'national', status: 'draft', externalId: 'r-3' },
    ];
    const file = join(dir, 'stories.ndjson');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    assert.equal(samachar(['import', file, '--data', dir]).code, 0);
    const store = openSqlite(join(dir, 'samachar.db'));
    const before = await store.db.selectFrom('search_docs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await store.close();
    assert.equal(Number(before.n), 0, 'an import alone leaves indexing to a serving process');

    const r = samachar(['reindex', '--data', dir]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^indexed 3 stories, removed 0 entries, in [\d.]+ s$/m);
    const after = openSqlite(join(dir, 'samachar.db'));
    const docs = await after.db.selectFrom('search_docs').select(['article_id', 'public']).execute();
    await after.close();
    assert.equal(docs.length, 3);
    assert.equal(docs.filter((d) => Number(d.public) === 1).length, 2, 'the draft is indexed for the newsroom only');
    assert.match(samachar(['reindex', '--data', dir]).out, /^indexed 3 stories/m, 'running it again is harmless');
  });

  it('reports a store it cannot open as an error, not a crash', () => {
    writeFileSync(join(dir, 'not-a-dir'), 'x');
    const r = samachar(['reindex', '--data', join(dir, 'not-a-dir')]);
    assert.equal(r.code, 1);
    assert.match(r.err, /samachar reindex:/);
  });
});
