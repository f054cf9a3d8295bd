import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { copyFileSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { openSqlite } from '../../src/storage/index.js';
import { imageKey } from '../../src/content/index.js';
import { widthsFor } from '../../src/media/urls.js';
import { sleep, cleanupAll, missingAcks, parseAcks, runCli, spawnWriter, startServe, storeProblems, tempDir, type Ack, type Server } from './helpers.js';

/**
 * `samachar backup FILE` on SQLite while the site runs and a writer saves stories: each backup is one
 * consistent snapshot (integrity ok, every story whole, every story acknowledged before the backup began
 * is in it, nothing in it that the store never had), and a backup restored into a fresh data directory
 * with the media folder serves the site.
 */
after(cleanupAll);

describe('the SQLite online backup', () => {
  it('finishes while another connection commits between every step of the copy', { timeout: 30_000 }, async () => {
    const dir = tempDir('backup-busy');
    const file = join(dir, 'samachar.db');
    const store = openSqlite(file);
    const other = openSqlite(file);
    let writing = true;
    try {
      // A few MB of pages, so that a copy made page by page takes many steps.
      other.raw.exec('create table filler (id integer primary key, body text not null)');
      const insert = other.raw.prepare('insert into filler (body) values (?)');
      other.raw.transaction(() => {
        for (let i = 0; i < 3000; i++) insert.run('भरण '.repeat(300));
      })();
      // Another process's writes, one commit on every turn of the event loop.
      let commits = 0;
      const tick = () => {
        if (!writing) return;
        insert.run(`commit ${++commits}`);
        setImmediate(tick);
      };
      setImmediate(tick);
      const target = join(dir, 'backup.db');
      const outcome = await Promise.race([store.backup!(target).then(() => 'done'), sleep(15_000).then(() => 'still copying after 15 s')]);
      writing = false;
      assert.equal(outcome, 'done');
      assert.ok(commits > 0);
      const copy = openSqlite(target);
      try {
        assert.deepEqual(copy.raw.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
        assert.ok((copy.raw.prepare('select count(*) as n from filler').get() as { n: number }).n >= 3000);
      } finally {
        await copy.close();
      }
    } finally {
      writing = false;
      await other.close();
      await store.close();
    }
  });
});

describe('backup and restore on SQLite', () => {
  let server: Server | undefined;
  let restored: Server | undefined;
  after(async () => {
    await server?.child.stop();
    await restored?.child.stop();
  });

  it('takes consistent online backups under writes, and a restored copy serves the site', { timeout: 150_000 }, async () => {
    const dir = tempDir('backup');
    const dataDir = join(dir, 'data');
    const dbFile = join(dataDir, 'samachar.db');
    server = await startServe({ dataDir });
    const writer = spawnWriter({ sqlite: dbFile }, { prefix: 'bak', concurrency: 2, pauseMs: 1 });
    const backups: { file: string; ackedBefore: Ack[] }[] = [];
    try {
      await writer.waitForLine(/^ACK /, 60_000);
      for (let i = 1; i <= 2; i++) {
        const file = join(dir, `backup-${i}.db`);
        const ackedBefore = parseAcks(writer.lines());
        const r = await runCli(['backup', file, '--data', dataDir]);
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /backed up/);
        backups.push({ file, ackedBefore });
        assert.ok(writer.running, `the writer stopped during backup ${i}:\n${writer.stderr().slice(-2000)}`);
      }
      // Writes carried on while the backups ran.
      assert.ok(parseAcks(writer.lines()).length > backups[0]!.ackedBefore.length, 'no write was acknowledged while the backups ran');
    } finally {
      await writer.kill9();
    }
    assert.doesNotMatch(writer.stderr(), /save failed/, 'a save failed while a backup ran');
    assert.equal(existsSync(join(dir, 'backup-1.db')), true);

    // The live store after the writer stopped: the reference every backup must be a past state of.
    const live = openSqlite(dbFile);
    const liveVersions = new Map((await live.db.selectFrom('articles').select(['id', 'version', 'external_id']).execute()).map((r) => [r.id, r]));
    await live.close();

    for (const [i, b] of backups.entries()) {
      // Check a copy, so that the backup file itself stays as the command wrote it.
      const copy = join(dir, `check-${i}.db`);
      copyFileSync(b.file, copy);
      const store = openSqlite(copy);
      try {
        assert.deepEqual(await storeProblems(store), [], `backup ${i + 1} is not consistent`);
        assert.deepEqual(await missingAcks(store, b.ackedBefore), [], `backup ${i + 1} lacks stories acknowledged before it began`);
        const rows = await store.db.selectFrom('articles').select(['id', 'version', 'external_id']).execute();
        assert.ok(rows.length >= 40, `backup ${i + 1} holds only ${rows.length} stories`);
        for (const r of rows) {
          const l = liveVersions.get(r.id);
          assert.ok(l && l.external_id === r.external_id && l.version >= r.version, `backup ${i + 1} holds story ${r.id} v${r.version} that the store never had`);
        }
      } finally {
        await store.close();
      }
    }
    await server.child.stop();
    server = undefined;

    // Restore the newest backup with the media folder into a fresh data directory, and serve it.
    const restoreDir = join(dir, 'restored');
    mkdirSync(restoreDir);
    copyFileSync(backups[1]!.file, join(restoreDir, 'samachar.db'));
    cpSync(join(dataDir, 'media'), join(restoreDir, 'media'), { recursive: true });
    const check = openSqlite(join(restoreDir, 'samachar.db'));
    const withImage = await check.db
      .selectFrom('articles as a')
      .innerJoin('images as i', 'i.id', 'a.image_id')
      .innerJoin('desks as d', 'd.id', 'a.desk_id')
      .select(['a.id', 'a.slug', 'a.headline', 'd.slug as desk', 'i.id as imageId', 'i.sha256', 'i.width'])
      .where('a.status', '=', 'published')
      .where('a.access', '=', 'free')
      .orderBy('a.id')
      .executeTakeFirstOrThrow();
    const written = await check.db.selectFrom('articles').select(['id', 'headline']).where('external_id', 'like', 'bak-%').where('status', '=', 'published').orderBy('id', 'desc').executeTakeFirst();
    await check.close();

    restored = await startServe({ dataDir: restoreDir, demo: false });
    const page = await fetch(`${restored.base}/${withImage.desk}/news/${withImage.slug}-${withImage.id}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.ok(html.includes(withImage.headline.slice(0, 20)), 'the restored story page does not show its headline');
    const img = await fetch(`${restored.base}/media/${withImage.imageId}-${imageKey(withImage.sha256)}-${widthsFor(withImage.width)[0]}.jpg`);
    assert.equal(img.status, 200, 'the restored story image is not served');
    assert.equal(img.headers.get('content-type'), 'image/jpeg');
    await img.arrayBuffer();
    if (written) {
      const api = await fetch(`${restored.base}/api/v1/articles/${written.id}`);
      assert.equal(api.status, 200);
      assert.equal(((await api.json()) as { headline: string }).headline, written.headline);
    }
    const home = await fetch(`${restored.base}/`);
    assert.equal(home.status, 200);
    await home.arrayBuffer();
  });
});
