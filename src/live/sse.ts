/**
 * One small Server-Sent Events writer (after hono's streaming/sse.ts): it sets the headers, refuses
 * newlines in `event` and `id` (they would end the field and let data forge another event), sends a
 * comment line as a keep-alive, drops a reader that stops reading, and always cleans up in `finally`.
 * Frames are plain strings so that a hub can serialize a message once and write the same string to
 * every connection.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SseMessage {
  data: string;
  event?: string;
  id?: string | number;
  retry?: number;
}

/** Formats one event. Data may span lines (each becomes a `data:` line); event and id may not. */
export function sseFrame(msg: SseMessage): string {
  let out = '';
  if (msg.event !== undefined) {
    if (/[\r\n]/.test(msg.event)) throw new RangeError('SSE event name must not contain a newline');
    out += `event: ${msg.event}\n`;
  }
  if (msg.id !== undefined) {
    const id = String(msg.id);
    if (/[\r\n\0]/.test(id)) throw new RangeError('SSE id must not contain a newline or NUL');
    out += `id: ${id}\n`;
  }
  if (msg.retry !== undefined) {
    if (!Number.isInteger(msg.retry) || msg.retry < 0) throw new RangeError('SSE retry must be a whole number of milliseconds');
    out += `retry: ${msg.retry}\n`;
  }
  for (const line of msg.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

export interface SseOptions {
  /** A comment line is sent this often (15 s), so that proxies and the browser know the stream is alive. */
  keepAliveMs?: number;
  /** Reconnection delay the browser should use. */
  retryMs?: number;
  /** Extra response headers (CORS …). */
  headers?: Record<string, string>;
  /** A reader whose unsent backlog exceeds this is dropped; it reconnects and resumes with Last-Event-ID. */
  maxBufferedBytes?: number;
}

export const DEFAULT_KEEP_ALIVE_MS = 15_000;
const DEFAULT_MAX_BUFFERED = 1024 * 1024;
const KEEP_ALIVE_FRAME = ': keep-alive\n\n';

/**
 * Keep-alives for every open stream on one timer per interval (not one timer per reader): ten
 * thousand readers cost one timer and one shared string.
 */
class KeepAliveTicker {
  private readonly groups = new Map<number, { streams: Set<SseStream>; timer: NodeJS.Timeout }>();

  add(stream: SseStream, ms: number): void {
    let group = this.groups.get(ms);
    if (!group) {
      const streams = new Set<SseStream>();
      const timer = setInterval(() => {
        for (const s of streams) s.writeFrame(KEEP_ALIVE_FRAME);
      }, ms);
      timer.unref();
      group = { streams, timer };
      this.groups.set(ms, group);
    }
    group.streams.add(stream);
  }

  remove(stream: SseStream, ms: number): void {
    const group = this.groups.get(ms);
    if (!group) return;
    group.streams.delete(stream);
    if (group.streams.size === 0) {
      clearInterval(group.timer);
      this.groups.delete(ms);
    }
  }
}

const ticker = new KeepAliveTicker();

export class SseStream {
  private isClosed = false;
  private readonly closeHandlers: (() => void)[] = [];
  private resolveDone!: () => void;
  /** Resolves once the stream is closed, by either side. */
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));
  private readonly keepAliveMs: number;
  private readonly maxBuffered: number;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly opts: SseOptions = {},
  ) {
    this.keepAliveMs = opts.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
    this.maxBuffered = opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Sends the headers and the reconnection delay; from here on the response belongs to this stream. */
  open(): void {
    const onGone = () => this.close();
    this.req.socket.setNoDelay(true);
    this.req.socket.setKeepAlive(true);
    this.res.on('close', onGone);
    this.res.on('error', onGone);
    this.onClose(() => {
      this.res.off('close', onGone);
      this.res.off('error', onGone);
    });
    this.res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Accel-Buffering': 'no',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
      ...this.opts.headers,
    });
    this.writeFrame(`retry: ${this.opts.retryMs ?? 3000}\n\n`);
    ticker.add(this, this.keepAliveMs);
  }

  /**
   * Writes a frame made by sseFrame (a Buffer lets a hub encode a message once for every reader);
   * false when the stream is closed, or was just dropped for not reading.
   */
  writeFrame(frame: string | Buffer): boolean {
    if (this.isClosed) return false;
    if (this.res.writableLength > this.maxBuffered) {
      this.close();
      return false;
    }
    this.res.write(frame);
    return true;
  }

  send(msg: SseMessage): boolean {
    return this.writeFrame(sseFrame(msg));
  }

  comment(text = ''): boolean {
    if (/[\r\n]/.test(text)) throw new RangeError('SSE comment must not contain a newline');
    return this.writeFrame(`: ${text}\n\n`);
  }

  onClose(fn: () => void): void {
    if (this.isClosed) fn();
    else this.closeHandlers.push(fn);
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    ticker.remove(this, this.keepAliveMs);
    for (const fn of this.closeHandlers.splice(0)) {
      try {
        fn();
      } catch {
        /* a cleanup must not stop the others */
      }
    }
    if (!this.res.writableEnded) this.res.end();
    this.resolveDone();
  }
}

/**
 * Opens a stream on a raw response, runs `body` (subscribe, send the backlog), then waits until the
 * reader goes away or the server closes the stream. Whatever happens, the stream is closed and its
 * cleanups run.
 */
export async function streamSse(
  req: IncomingMessage,
  res: ServerResponse,
  opts: SseOptions,
  body: (stream: SseStream) => Promise<void> | void,
  onError: (err: unknown) => void = () => {},
): Promise<void> {
  const stream = new SseStream(req, res, opts);
  try {
    stream.open();
    await body(stream);
    await stream.done;
  } catch (err) {
    onError(err);
  } finally {
    stream.close();
  }
}

/** The reader's resume point: the Last-Event-ID header (sent by EventSource on reconnect), else ?lastEventId. */
export function lastEventIdOf(header: string | string[] | undefined, query: unknown): number | null {
  const raw = Array.isArray(header) ? header[0] : header;
  for (const v of [raw, typeof query === 'string' ? query : undefined]) {
    if (v !== undefined && /^\d{1,15}$/.test(v.trim())) return Number(v.trim());
  }
  return null;
}
