import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { eachDialect } from '../helpers/stores.js';
import { migrateToLatest } from '../../src/storage/index.js';
import {
  cleanupAll, missingAcks, openTarget, parseAcks, pgDatabase, randomInt, sleep, spawnWriter, storeProblems, tempDir, type Ack, type StoreTarget,
} from './helpers.js';

/**
 * DESIGN.md section 7: no acknowledged write is ever lost, and a process killed at any moment restarts
 * with a consistent store. Two writer processes save stories through saveArticle, each printing a story's
 * id only after its save resolved; both are killed with SIGKILL at a random moment, twice over the same
 * store, and after each kill the store is reopened and checked.
 */
const drops: (() => Promise<void>)[] = [];
after(async () => {
  await cleanupAll();
  for (const d of drops) await d().catch(() => {});
});

await eachDialect((dialect, skip) => {
  describe(`writers killed with SIGKILL during heavy writes on ${dialect}`, { skip }, () => {
    it(`keeps every acknowledged story whole and the store consistent (${dialect})`, { skip, timeout: 90_000 }, async () => {
      let target: StoreTarget;
      if (dialect === 'sqlite') target = { sqlite: join(tempDir('crash-writes'), 'samachar.db') };
      else {
        const d = await pgDatabase();
        drops.push(d.drop);
        target = { pg: { url: d.url } };
      }
      const setup = openTarget(target);
      await migrateToLatest(setup);
      await setup.close();

      const acks: Ack[] = [];
      for (let round = 1; round <= 2; round++) {
        // Two processes at once: on SQLite they contend for the one write lock, as `serve` and `import` do.
        const writers = [spawnWriter(target, { prefix: `r${round}a`, concurrency: 3 }), spawnWriter(target, { prefix: `r${round}b`, concurrency: 3 })];
        await Promise.all(writers.map((w) => w.waitForLine(/^ACK /, 30_000)));
        await sleep(randomInt(200, 1500));
        await Promise.all(writers.map((w) => w.kill9()));
        for (const w of writers) {
          acks.push(...parseAcks(w.lines()));
          assert.doesNotMatch(w.stderr(), /save failed/, `a save failed while another process was writing:\n${w.stderr().slice(0, 2000)}`);
        }

        const store = openTarget(target);
        try {
          assert.deepEqual(await storeProblems(store), [], `store inconsistent after kill ${round}`);
          assert.deepEqual(await missingAcks(store, acks), [], `acknowledged saves lost after kill ${round}`);
        } finally {
          await store.close();
        }
      }
      assert.ok(acks.filter((a) => a.kind === 'C').length >= 30, `too few stories were written to prove anything (${acks.length})`);
      assert.ok(acks.some((a) => a.kind === 'U'), 'no update was acknowledged');
    });
  });
});
