/**
 * Fan-out of journal entries to SSE readers, per instance. A topic is one match or one live blog;
 * the hub keeps, per topic with readers, a ring of the latest entries with their frames already
 * encoded, so that a ball costs one store query per instance (not per reader) and one Buffer
 * written to every connection. Readers resume from any seq: from the ring when it reaches back far
 * enough, else from the store, and then continue live without a gap or a repeat.
 */
import type { Logger } from '../shared/logger.js';
import { sseFrame, type SseStream } from './sse.js';

export interface HubRow {
  seq: number;
  payload: string;
}

/** Where a kind of topic reads its journal. */
export interface TopicSource {
  /** Entries with seq > after, oldest first, at most `limit`. */
  since(key: number, after: number, limit: number): Promise<HubRow[]>;
  /** The newest `count` entries, oldest first. */
  latest(key: number, count: number): Promise<HubRow[]>;
  /** The SSE data of a stored payload for one view (the default view sends the payload as stored). */
  project?(payload: string, view: string): string;
}

export interface SubscribeOptions {
  /** Which projection of each entry this reader gets ("full" by default). */
  view?: string;
  /** The last seq the reader has; null for a new reader, who gets the latest entry as its starting state. */
  after: number | null;
  /** Epoch ms after which the reader is no longer entitled and its stream is closed. */
  validUntil?: number | null;
}

export interface HubOptions {
  logger?: Logger;
  /** Entries kept per topic for readers who resume (512). */
  ringSize?: number;
  /** Every topic with readers also checks the store this often, in case a notification was lost (5 s). */
  pollMs?: number;
  /** A topic without readers is forgotten after this long (30 s). */
  idleMs?: number;
  now?: () => number;
}

interface Entry {
  seq: number;
  payload: string;
  frames: Map<string, Buffer>;
}

interface Reader {
  stream: SseStream;
  view: string;
  lastSeq: number;
  live: boolean;
  validUntil: number | null;
}

interface Topic {
  kind: string;
  key: number;
  source: TopicSource;
  readers: Set<Reader>;
  ring: Entry[];
  head: number;
  primed: Promise<void>;
  pumping: Promise<void> | null;
  again: boolean;
  /** A notification came while nobody here was reading: the ring may be behind the store. */
  stale: boolean;
  idleTimer: NodeJS.Timeout | null;
}

const EVENT_NAME = 'update';
const PAGE = 500;

export class Hub {
  private readonly sources = new Map<string, TopicSource>();
  private readonly topics = new Map<string, Topic>();
  private readonly ringSize: number;
  private readonly idleMs: number;
  private readonly now: () => number;
  private readonly poller: NodeJS.Timeout;
  private closed = false;
  /** How long the latest fan-out took, from the store's answer to the last write (for benchmarks). */
  private lastFanOut = { entries: 0, writes: 0, ms: 0 };

  constructor(private readonly opts: HubOptions = {}) {
    this.ringSize = opts.ringSize ?? 512;
    this.idleMs = opts.idleMs ?? 30_000;
    this.now = opts.now ?? Date.now;
    this.poller = setInterval(() => {
      for (const topic of this.topics.values()) if (topic.readers.size > 0) void this.pump(topic);
    }, opts.pollMs ?? 5000);
    this.poller.unref();
  }

  register(kind: string, source: TopicSource): void {
    this.sources.set(kind, source);
  }

  /** Whether this instance already follows the topic (so it is known to exist). */
  has(kind: string, key: number): boolean {
    return this.topics.has(`${kind}:${key}`);
  }

  /** New entries may exist (a notification arrived): readers here get them after one store query. */
  poke(kind: string, key: number): void {
    const topic = this.topics.get(`${kind}:${key}`);
    if (!topic) return;
    if (topic.readers.size > 0) void this.pump(topic);
    else topic.stale = true;
  }

  stats(): { topics: number; readers: number; lastFanOut: { entries: number; writes: number; ms: number } } {
    let readers = 0;
    for (const t of this.topics.values()) readers += t.readers.size;
    return { topics: this.topics.size, readers, lastFanOut: { ...this.lastFanOut } };
  }

  /**
   * Adds a reader: sends every entry after `after` in order (or the latest one for a new reader),
   * then keeps it live. Resolves once the reader is live; its stream's close removes it.
   */
  async subscribe(kind: string, key: number, stream: SseStream, opts: SubscribeOptions): Promise<void> {
    if (this.closed) {
      stream.close();
      return;
    }
    const topic = this.topic(kind, key);
    const reader: Reader = { stream, view: opts.view ?? 'full', lastSeq: 0, live: false, validUntil: opts.validUntil ?? null };
    topic.readers.add(reader);
    if (topic.idleTimer) {
      clearTimeout(topic.idleTimer);
      topic.idleTimer = null;
    }
    stream.onClose(() => {
      topic.readers.delete(reader);
      if (topic.readers.size === 0 && !this.closed) this.scheduleForget(topic);
    });
    await topic.primed;
    // Readers who join a topic that went unread for a while first bring its ring up to date (one query
    // shared by everyone who joins meanwhile).
    if (topic.stale) await this.pump(topic);
    reader.lastSeq = opts.after ?? Math.max(0, topic.head - 1);
    while (!stream.closed) {
      const first = topic.ring[0];
      if (reader.lastSeq >= topic.head || (first !== undefined && first.seq <= reader.lastSeq + 1)) {
        // Synchronous from here to `live`: no pump can slip an entry in between.
        for (const entry of topic.ring) {
          if (entry.seq > reader.lastSeq) {
            stream.writeFrame(this.frame(topic, entry, reader.view));
            reader.lastSeq = entry.seq;
          }
        }
        reader.live = true;
        return;
      }
      // Further back than the ring: page through the store up to where the ring begins.
      const rows = await topic.source.since(key, reader.lastSeq, PAGE);
      if (rows.length === 0) {
        reader.live = true;
        return;
      }
      for (const row of rows) {
        if (row.seq <= reader.lastSeq) continue;
        stream.writeFrame(this.frame(topic, { seq: row.seq, payload: row.payload, frames: new Map() }, reader.view));
        reader.lastSeq = row.seq;
      }
    }
  }

  /** Ends every reader's stream (an HTTP server is closing); they reconnect elsewhere and resume. */
  disconnectAll(): void {
    for (const topic of this.topics.values()) for (const reader of [...topic.readers]) reader.stream.close();
  }

  /** Stops the hub for good (the container is closing). */
  close(): void {
    this.closed = true;
    clearInterval(this.poller);
    this.disconnectAll();
    for (const topic of this.topics.values()) if (topic.idleTimer) clearTimeout(topic.idleTimer);
    this.topics.clear();
  }

  private topic(kind: string, key: number): Topic {
    const name = `${kind}:${key}`;
    let topic = this.topics.get(name);
    if (topic) return topic;
    const source = this.sources.get(kind);
    if (!source) throw new Error(`no hub source for ${kind}`);
    const created: Topic = {
      kind, key, source, readers: new Set(), ring: [], head: 0, primed: Promise.resolve(), pumping: null, again: false, stale: false, idleTimer: null,
    };
    created.primed = source.latest(key, this.ringSize).then(
      (rows) => {
        for (const row of rows) this.push(created, row);
      },
      (err) => {
        this.opts.logger?.warn({ err, topic: name }, 'live hub could not load a topic');
      },
    );
    this.topics.set(name, created);
    topic = created;
    return topic;
  }

  private scheduleForget(topic: Topic): void {
    if (topic.idleTimer) clearTimeout(topic.idleTimer);
    topic.idleTimer = setTimeout(() => {
      if (topic.readers.size === 0) this.topics.delete(`${topic.kind}:${topic.key}`);
    }, this.idleMs);
    topic.idleTimer.unref();
  }

  private push(topic: Topic, row: HubRow): Entry | null {
    if (row.seq <= topic.head) return null;
    const entry: Entry = { seq: row.seq, payload: row.payload, frames: new Map() };
    topic.ring.push(entry);
    topic.head = row.seq;
    if (topic.ring.length > this.ringSize) topic.ring.splice(0, topic.ring.length - this.ringSize);
    return entry;
  }

  private frame(topic: Topic, entry: Entry, view: string): Buffer {
    let frame = entry.frames.get(view);
    if (!frame) {
      const data = topic.source.project ? topic.source.project(entry.payload, view) : entry.payload;
      frame = Buffer.from(sseFrame({ id: entry.seq, event: EVENT_NAME, data }));
      entry.frames.set(view, frame);
    }
    return frame;
  }

  /** Reads what is new for a topic and writes each entry, encoded once per view, to every live reader. */
  private pump(topic: Topic): Promise<void> {
    if (topic.pumping) {
      topic.again = true;
      return topic.pumping;
    }
    topic.pumping = this.drain(topic).finally(() => {
      topic.pumping = null;
    });
    return topic.pumping;
  }

  private async drain(topic: Topic): Promise<void> {
    try {
      await topic.primed;
      do {
        topic.again = false;
        topic.stale = false;
        const rows = await topic.source.since(topic.key, topic.head, PAGE);
        if (rows.length === PAGE) topic.again = true;
        const now = this.now();
        const started = performance.now();
        let writes = 0;
        for (const row of rows) {
          const entry = this.push(topic, row);
          if (!entry) continue;
          for (const reader of topic.readers) {
            if (!reader.live || entry.seq <= reader.lastSeq) continue;
            if (reader.validUntil !== null && now > reader.validUntil) {
              reader.stream.close();
              continue;
            }
            reader.stream.writeFrame(this.frame(topic, entry, reader.view));
            reader.lastSeq = entry.seq;
            writes++;
          }
        }
        if (writes > 0) this.lastFanOut = { entries: rows.length, writes, ms: performance.now() - started };
      } while (topic.again && !this.closed);
    } catch (err) {
      topic.stale = true;
      this.opts.logger?.warn({ err, topic: `${topic.kind}:${topic.key}` }, 'live hub could not read new entries');
    }
  }
}
