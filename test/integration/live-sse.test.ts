import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createTestStore, postgresSkipReason, type TestStore } from '../helpers/stores.js';
import { publishStory, seedBasics } from '../helpers/fixtures.js';
import { signInStaff, SseReader, T20, type StaffLogin } from '../helpers/live.js';
import { loadConfig } from '../../src/config/index.js';
import { createContainer, type Container } from '../../src/container.js';
import { buildApp } from '../../src/app.js';
import { openPostgres } from '../../src/storage/index.js';
import { startPgBridge, type BridgeHandle } from '../../src/shared/pg-bridge.js';
import { silentLogger } from '../../src/shared/logger.js';
import { configureLive, liveModule, type MatchMessage } from '../../src/live/index.js';

const ASSETS = join(process.cwd(), 'dist', 'public');
const CREASE = { striker: 'Rohit Sharma', nonStriker: 'Shubman Gill', bowler: 'Mitchell Starc' };

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address() as { port: number };
  return `http://127.0.0.1:${addr.port}`;
}

/** The scorer's screen: one POST per ball with the seq it last saw. */
class Scorer {
  seq = 1;
  constructor(private readonly base: string, private readonly login: StaffLogin, private readonly matchId: number) {}
  async post(path: 'entry' | 'action', body: Record<string, unknown>): Promise<void> {
    const r = await fetch(`${this.base}/newsroom/matches/${this.matchId}/${path}`, { method: 'POST', headers: this.login.json, body: JSON.stringify({ ...body, expectedSeq: this.seq }) });
    const json = (await r.json()) as { seq: number; error?: { message: string } };
    assert.equal(r.status, 200, json.error?.message);
    this.seq = json.seq;
  }
  start(team = 'India') {
    return this.post('action', { action: 'startInnings', battingTeam: team });
  }
  ball(code: string) {
    return this.post('entry', { code, ...CREASE });
  }
}

async function newMatch(c: Container, base: string, login: StaffLogin): Promise<{ id: number; scorer: Scorer }> {
  const m = await liveModule(c).matches.create({ setup: T20, startTime: '2026-11-26T14:00:00.000Z' });
  const scorer = new Scorer(base, login, m.record.id);
  await scorer.start();
  return { id: m.record.id, scorer };
}

describe('match events over real HTTP', () => {
  let t: TestApp;
  let base: string;
  let editor: StaffLogin;
  before(async () => {
    t = await createTestApp();
    editor = await signInStaff(t.c);
    base = await listen(t.app);
  });
  after(async () => t?.close());

  it('streams with the SSE headers, past the page cache', async () => {
    const { id } = await newMatch(t.c, base, editor);
    const r = await new SseReader(`${base}/api/v1/matches/${id}/events`).open();
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /^text\/event-stream/);
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.equal(r.headers['x-accel-buffering'], 'no');
    assert.equal(r.headers['x-cache'], undefined);
    await r.until(() => r.events.length === 1, 3000, 'the starting state');
    assert.deepEqual(r.ids(), [2], 'a new reader starts from the latest entry');
    const msg = JSON.parse(r.events[0]!.data) as MatchMessage;
    assert.equal(msg.line, 'भारत की पारी शुरू');
    r.drop();
  });

  it('resumes after a dropped connection with Last-Event-ID, losing and repeating no ball', async () => {
    const { id, scorer } = await newMatch(t.c, base, editor);
    const first = await new SseReader(`${base}/api/v1/matches/${id}/events`).open();
    await first.until(() => first.ids().includes(2));
    for (const code of ['1', '4', '0']) await scorer.ball(code);
    await first.until(() => first.lastId() === 5, 3000, 'balls 3 to 5');
    first.drop();

    // Three balls while the reader's network is down.
    for (const code of ['6', 'wd', '2']) await scorer.ball(code);

    const again = await new SseReader(`${base}/api/v1/matches/${id}/events`, { 'last-event-id': String(first.lastId()) }).open();
    await again.until(() => again.lastId() === 8, 3000, 'the missed balls');
    await scorer.ball('1');
    await scorer.post('entry', { code: 'o' });
    await again.until(() => again.lastId() === 10, 3000, 'the new balls');

    const seen = [...first.ids(), ...again.ids()];
    assert.deepEqual(seen, [2, 3, 4, 5, 6, 7, 8, 9, 10], 'every entry exactly once, in order');
    const lines = [...first.events, ...again.events].map((e) => (JSON.parse(e.data) as MatchMessage).line);
    assert.deepEqual(lines, [
      'भारत की पारी शुरू',
      '0.1: Mitchell Starc से Rohit Sharma — 1 रन',
      '0.2: Mitchell Starc से Rohit Sharma — चौका!',
      '0.3: Mitchell Starc से Rohit Sharma — कोई रन नहीं',
      '0.4: Mitchell Starc से Rohit Sharma — छक्का!',
      '0.5: Mitchell Starc से Rohit Sharma — वाइड',
      '0.5: Mitchell Starc से Rohit Sharma — 2 रन',
      '0.6: Mitchell Starc से Rohit Sharma — 1 रन',
      'ओवर समाप्त — भारत 15/0 (1.0 ओवर)',
    ]);
    const last = JSON.parse(again.events.at(-1)!.data) as MatchMessage;
    assert.deepEqual([last.score.innings[0]!.runs, last.score.innings[0]!.overs], [15, '1.0']);
    again.drop();
  });

  it('also resumes from the lastEventId query a cached page gives, and from far back in the journal', async () => {
    const { id, scorer } = await newMatch(t.c, base, editor);
    for (let i = 0; i < 5; i++) await scorer.ball('1');
    const r = await new SseReader(`${base}/api/v1/matches/${id}/events?lastEventId=1`).open();
    await r.until(() => r.lastId() === 7);
    assert.deepEqual(r.ids(), [2, 3, 4, 5, 6, 7]);
    r.drop();
  });

  it('sends the widget a smaller message without the innings card', async () => {
    const { id, scorer } = await newMatch(t.c, base, editor);
    const widget = await new SseReader(`${base}/api/v1/matches/${id}/events?view=score`).open();
    const centre = await new SseReader(`${base}/api/v1/matches/${id}/events?view=full`).open();
    await Promise.all([widget.until(() => widget.ids().length === 1), centre.until(() => centre.ids().length === 1)]);
    await scorer.ball('4');
    await Promise.all([widget.until(() => widget.lastId() === 3), centre.until(() => centre.lastId() === 3)]);
    const small = JSON.parse(widget.events.at(-1)!.data) as MatchMessage;
    const full = JSON.parse(centre.events.at(-1)!.data) as MatchMessage;
    assert.equal(small.card, undefined);
    assert.equal(full.card?.batters[0]?.name, 'Rohit Sharma');
    assert.deepEqual(small.score, full.score);
    widget.drop();
    centre.drop();
  });

  it('pushes live-blog updates to readers of a free live blog', async () => {
    const basics = await seedBasics(t.c.content);
    const story = await publishStory(t.c.content, basics, { slug: 'flood-live', headline: 'बाढ़ लाइव' });
    const blogs = liveModule(t.c).blogs;
    await blogs.start(story.id, editor.id);
    const r = await new SseReader(`${base}/api/v1/liveblogs/${story.id}/events`).open();
    await r.until(() => r.ids().length === 1);
    const { update } = await blogs.addUpdate(story.id, { body: 'राहत दल पहुँचे', keyEvent: true }, editor.id);
    await r.until(() => r.lastId() === 2);
    const msg = JSON.parse(r.events.at(-1)!.data) as { live: boolean; updates: { id: number; body: string; keyEvent: boolean }[] };
    assert.deepEqual(msg.updates.map((u) => [u.id, u.body, u.keyEvent]), [[update.id, 'राहत दल पहुँचे', true]]);
    await blogs.end(story.id, editor.id);
    await r.until(() => r.lastId() === 3);
    assert.equal((JSON.parse(r.events.at(-1)!.data) as { live: boolean }).live, false);
    r.drop();
  });
});

describe('keep-alives and shutdown', () => {
  let t: TestStore;
  let c: Container;
  let app: FastifyInstance;
  let base: string;
  before(async () => {
    t = await createTestStore('sqlite');
    const config = { ...loadConfig({ data: t.dataDir }, { NODE_ENV: 'test' }), baseUrl: 'https://news.example' };
    c = await createContainer(config, { store: t.store, logger: silentLogger, assetsDir: ASSETS });
    configureLive(c, { keepAliveMs: 100 });
    app = await buildApp(c, { assetsDir: ASSETS });
    base = await listen(app);
  });
  let closed = false;
  after(async () => {
    if (!closed) await app?.close();
    await c?.close().catch(() => {});
    await t?.cleanup();
  });

  it('sends a comment line at every keep-alive interval while no ball is bowled', async () => {
    const m = await liveModule(c).matches.create({ setup: T20, startTime: '2026-11-26T14:00:00.000Z' });
    const r = await new SseReader(`${base}/api/v1/matches/${m.record.id}/events`).open();
    await r.until(() => r.comments.length >= 3, 2000, 'three keep-alives');
    assert.ok(r.comments.every((cm) => cm === 'keep-alive'));
    assert.deepEqual(r.ids(), [1], 'keep-alives are comments, not events');
    r.drop();
  });

  it('ends open streams when the server closes, so that shutdown does not hang', async () => {
    const m = await liveModule(c).matches.create({ setup: T20, startTime: '2026-11-26T14:00:00.000Z' });
    const r = await new SseReader(`${base}/api/v1/matches/${m.record.id}/events`).open();
    await r.until(() => r.ids().length === 1);
    const started = Date.now();
    closed = true;
    await app.close();
    assert.ok(Date.now() - started < 2000, `closing took ${Date.now() - started} ms`);
    await r.until(() => r.ended, 2000, 'the stream to end');
    assert.equal(liveModule(c).hub.stats().readers, 0);
  });
});

const pgSkip = (await postgresSkipReason()) ?? false;

describe('two instances on one PostgreSQL store', { skip: pgSkip }, () => {
  let t: TestStore;
  const instances: { c: Container; app: FastifyInstance; bridge: BridgeHandle; base: string }[] = [];
  before(async () => {
    t = await createTestStore('postgres');
    for (let i = 0; i < 2; i++) {
      const store = i === 0 ? t.store : openPostgres(t.pg!.url, { schema: t.pg!.schema, max: 4 });
      const config = { ...loadConfig({ data: t.dataDir }, { NODE_ENV: 'test' }), baseUrl: 'https://news.example' };
      const c = await createContainer(config, { store, logger: silentLogger, assetsDir: ASSETS });
      // A long poll interval: only the notification can bring the ball across in time.
      configureLive(c, { pollMs: 60_000 });
      const app = await buildApp(c, { assetsDir: ASSETS });
      const bridge = startPgBridge(c.bus, t.pg!.url, silentLogger, { schema: t.pg!.schema });
      await bridge.ready;
      instances.push({ c, app, bridge, base: await listen(app) });
    }
  });
  after(async () => {
    for (const i of instances) {
      await i.bridge.close();
      await i.app.close();
      await i.c.close().catch(() => {});
    }
    await t?.cleanup();
  });

  it('brings a ball entered on one instance to an SSE reader of the other within a second', async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const editor = await signInStaff(a.c);
    const { id, scorer } = await newMatch(a.c, a.base, editor);
    const reader = await new SseReader(`${b.base}/api/v1/matches/${id}/events`).open();
    await reader.until(() => reader.ids().length === 1);
    for (const code of ['4', '6', 'w']) {
      const started = Date.now();
      if (code === 'w') await scorer.post('entry', { code, ...CREASE, wicketKind: 'bowled' });
      else await scorer.ball(code);
      await reader.until(() => reader.lastId() === scorer.seq, 1000, `ball ${code} on the other instance`);
      assert.ok(Date.now() - started < 1000);
    }
    const last = JSON.parse(reader.events.at(-1)!.data) as MatchMessage;
    assert.equal(last.line, '0.3: Mitchell Starc से Rohit Sharma — विकेट! Rohit Sharma बोल्ड');
    assert.equal(last.score.innings[0]!.wickets, 1);

    // Resuming on B after balls entered on A while the reader was away.
    reader.drop();
    await scorer.post('entry', { code: '1', striker: 'Virat Kohli', nonStriker: 'Shubman Gill', bowler: 'Mitchell Starc' });
    await scorer.post('entry', { code: '2', striker: 'Shubman Gill', nonStriker: 'Virat Kohli', bowler: 'Mitchell Starc' });
    const back = await new SseReader(`${b.base}/api/v1/matches/${id}/events`, { 'last-event-id': String(reader.lastId()) }).open();
    await back.until(() => back.lastId() === scorer.seq, 2000);
    assert.deepEqual(back.ids(), [scorer.seq - 1, scorer.seq]);
    back.drop();

    // B's cached pages follow A's scoring too.
    const page = await b.app.inject(`/api/v1/matches/${id}`);
    assert.equal(page.json().innings[0].runs, 13);
  });
});
