import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Hub, type HubRow, type TopicSource } from './hub.js';
import { sseFrame, type SseStream } from './sse.js';

/** A journal in memory, counting the store queries the hub makes. */
class Journal implements TopicSource {
  rows: HubRow[] = [];
  queries = 0;
  /** Holds the next `since` until released, to stage races. */
  gate: Promise<void> | null = null;
  append(n = 1): void {
    for (let i = 0; i < n; i++) {
      const seq = this.rows.length + 1;
      this.rows.push({ seq, payload: JSON.stringify({ seq, ball: `b${seq}` }) });
    }
  }
  async since(_key: number, after: number, limit: number): Promise<HubRow[]> {
    this.queries++;
    if (this.gate) await this.gate;
    return this.rows.filter((r) => r.seq > after).slice(0, limit);
  }
  async latest(_key: number, count: number): Promise<HubRow[]> {
    this.queries++;
    return this.rows.slice(-count);
  }
  project(payload: string, view: string): string {
    return view === 'small' ? JSON.stringify({ seq: (JSON.parse(payload) as { seq: number }).seq }) : payload;
  }
}

class FakeStream {
  frames: Buffer[] = [];
  closed = false;
  private handlers: (() => void)[] = [];
  writeFrame(frame: string | Buffer): boolean {
    if (this.closed) return false;
    this.frames.push(Buffer.isBuffer(frame) ? frame : Buffer.from(frame));
    return true;
  }
  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.handlers.push(fn);
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const fn of this.handlers.splice(0)) fn();
  }
  ids(): number[] {
    return this.frames.map((f) => Number(/^id: (\d+)$/m.exec(f.toString())?.[1]));
  }
}

const stream = () => new FakeStream() as FakeStream & SseStream;
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('the live hub', () => {
  it('gives a new reader the latest entry, then every new one', async () => {
    const j = new Journal();
    j.append(5);
    const hub = new Hub({ pollMs: 60_000 });
    hub.register('match', j);
    const s = stream();
    await hub.subscribe('match', 1, s, { after: null });
    assert.deepEqual(s.ids(), [5]);
    j.append(2);
    hub.poke('match', 1);
    await settle();
    assert.deepEqual(s.ids(), [5, 6, 7]);
    hub.close();
  });

  it('resumes a reader from its Last-Event-ID out of the ring, without a gap or a repeat', async () => {
    const j = new Journal();
    j.append(10);
    const hub = new Hub({ pollMs: 60_000 });
    hub.register('match', j);
    const first = stream();
    await hub.subscribe('match', 1, first, { after: 10 });
    const queries = j.queries;
    const back = stream();
    await hub.subscribe('match', 1, back, { after: 7 });
    assert.deepEqual(back.ids(), [8, 9, 10]);
    assert.equal(j.queries, queries, 'served from memory');
    hub.close();
  });

  it('reads further back than the ring from the store, then continues live', async () => {
    const j = new Journal();
    j.append(50);
    const hub = new Hub({ pollMs: 60_000, ringSize: 8 });
    hub.register('match', j);
    const s = stream();
    await hub.subscribe('match', 1, s, { after: 3 });
    assert.deepEqual(s.ids(), Array.from({ length: 47 }, (_, i) => i + 4));
    j.append(1);
    hub.poke('match', 1);
    await settle();
    assert.equal(s.ids().at(-1), 51);
    assert.equal(new Set(s.ids()).size, s.ids().length);
    hub.close();
  });

  it('neither loses nor repeats an entry that arrives while a reader is catching up', async () => {
    const j = new Journal();
    j.append(30);
    const hub = new Hub({ pollMs: 60_000, ringSize: 4 });
    hub.register('match', j);
    const live = stream();
    await hub.subscribe('match', 1, live, { after: 30 });
    let release!: () => void;
    j.gate = new Promise<void>((r) => (release = r));
    const late = stream();
    const joining = hub.subscribe('match', 1, late, { after: 2 });
    await settle();
    j.append(3);
    j.gate = null;
    hub.poke('match', 1);
    await settle();
    release();
    await joining;
    await settle();
    assert.deepEqual(late.ids(), Array.from({ length: 31 }, (_, i) => i + 3));
    assert.deepEqual(live.ids(), [31, 32, 33]);
    hub.close();
  });

  it('makes one store query per change however many readers follow, and encodes each entry once per view', async () => {
    const j = new Journal();
    j.append(1);
    const hub = new Hub({ pollMs: 60_000 });
    hub.register('match', j);
    const readers = Array.from({ length: 200 }, stream);
    const small = Array.from({ length: 50 }, stream);
    for (const r of readers) await hub.subscribe('match', 1, r, { after: 1 });
    for (const r of small) await hub.subscribe('match', 1, r, { after: 1, view: 'small' });
    const before = j.queries;
    j.append(1);
    hub.poke('match', 1);
    await settle();
    assert.equal(j.queries - before, 1);
    assert.ok(readers.every((r) => r.frames.length === 1 && r.frames[0] === readers[0]!.frames[0]), 'the same Buffer for every full reader');
    assert.ok(small.every((r) => r.frames[0] === small[0]!.frames[0]));
    assert.equal(small[0]!.frames[0]!.toString(), sseFrame({ id: 2, event: 'update', data: '{"seq":2}' }));
    const stats = hub.stats();
    assert.deepEqual([stats.topics, stats.readers, stats.lastFanOut.writes], [1, 250, 250]);
    hub.close();
  });

  it('forgets a reader whose stream closed, and closes one whose entitlement has run out', async () => {
    let now = 1000;
    const j = new Journal();
    j.append(1);
    const hub = new Hub({ pollMs: 60_000, now: () => now });
    hub.register('blog', j);
    const gone = stream();
    const paid = stream();
    await hub.subscribe('blog', 1, gone, { after: 1 });
    await hub.subscribe('blog', 1, paid, { after: 1, validUntil: 1500 });
    gone.close();
    assert.equal(hub.stats().readers, 1);
    now = 2000;
    j.append(1);
    hub.poke('blog', 1);
    await settle();
    assert.equal(paid.closed, true);
    assert.equal(paid.frames.length, 0, 'nothing after the entitlement ended');
    hub.close();
  });

  it('picks up an entry whose notification was lost, by polling topics that have readers', async () => {
    const j = new Journal();
    j.append(1);
    const hub = new Hub({ pollMs: 30 });
    hub.register('match', j);
    const s = stream();
    await hub.subscribe('match', 1, s, { after: 1 });
    j.append(1);
    await new Promise((r) => setTimeout(r, 120));
    assert.deepEqual(s.ids(), [2]);
    hub.close();
  });

  it('closes every stream when it is closed, and refuses new readers afterwards', async () => {
    const j = new Journal();
    j.append(1);
    const hub = new Hub({ pollMs: 60_000 });
    hub.register('match', j);
    const s = stream();
    await hub.subscribe('match', 1, s, { after: 1 });
    hub.close();
    assert.equal(s.closed, true);
    const late = stream();
    await hub.subscribe('match', 1, late, { after: null });
    assert.equal(late.closed, true);
  });
});

describe('SSE frames', () => {
  it('puts every line of data in a data field', () => {
    assert.equal(sseFrame({ data: 'a\nb', event: 'update', id: 7 }), 'event: update\nid: 7\ndata: a\ndata: b\n\n');
  });

  it('refuses a newline in the event name or the id, which would forge another field', () => {
    assert.throws(() => sseFrame({ data: 'x', event: 'update\ndata: evil' }), /event name/);
    assert.throws(() => sseFrame({ data: 'x', id: '7\nevent: x' }), /id/);
    assert.throws(() => sseFrame({ data: 'x', id: '7\r' }), /id/);
  });
});
