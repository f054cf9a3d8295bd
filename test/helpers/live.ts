import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Container } from '../../src/container.js';
import { addStaff } from '../../src/newsroom/staff.js';
import type { MatchSetup } from '../../src/live/index.js';

/** A signed-in newsroom member: the Cookie header (staff session + CSRF cookie) and the matching token. */
export interface StaffLogin {
  id: number;
  cookie: string;
  csrf: string;
  /** Headers for a JSON POST from the scorer's screen. */
  json: Record<string, string>;
  /** Headers for a plain form POST. */
  form: Record<string, string>;
}

export async function signInStaff(c: Container, role: 'reporter' | 'editor' | 'admin' = 'editor'): Promise<StaffLogin> {
  const { id } = await addStaff(c.content, { email: `${role}-${randomBytes(4).toString('hex')}@example.com`, name: `${role} स्कोरर`, role, password: 'a long enough password' });
  const { token } = await c.sessions.create('staff', id);
  const csrf = randomBytes(24).toString('base64url');
  const cookie = `sm_staff=${token}; sm_csrf=${csrf}`;
  return {
    id,
    cookie,
    csrf,
    json: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json', accept: 'application/json' },
    form: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
  };
}

export const T20: MatchSetup = {
  teams: ['India', 'Australia'],
  players: {
    India: ['Rohit Sharma', 'Shubman Gill', 'Virat Kohli', 'Shreyas Iyer', 'KL Rahul', 'Hardik Pandya', 'Ravindra Jadeja', 'Axar Patel', 'Kuldeep Yadav', 'Jasprit Bumrah', 'Mohammed Siraj'],
    Australia: ['Travis Head', 'Mitchell Marsh', 'Steve Smith', 'Glenn Maxwell', 'Marcus Stoinis', 'Josh Inglis', 'Tim David', 'Pat Cummins', 'Mitchell Starc', 'Adam Zampa', 'Josh Hazlewood'],
  },
  oversPerInnings: 20,
  ballsPerOver: 6,
  matchType: 'T20',
  superOverAllowed: true,
  toss: { winner: 'Australia', decision: 'field' },
};

export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

/**
 * A raw SSE reader over node:http (no EventSource): parses the stream as it arrives and records events
 * and comment lines, so a test can see exactly what went over the wire.
 */
export class SseReader {
  events: SseEvent[] = [];
  comments: string[] = [];
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  private req: http.ClientRequest | null = null;
  private buffer = '';
  private waiters: (() => void)[] = [];
  ended = false;

  constructor(private readonly url: string, private readonly headersOut: Record<string, string> = {}) {}

  open(): Promise<this> {
    return new Promise((resolve, reject) => {
      this.req = http.get(this.url, { headers: { accept: 'text/event-stream', ...this.headersOut } }, (res) => {
        this.status = res.statusCode ?? 0;
        this.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => this.feed(chunk));
        res.on('end', () => {
          this.ended = true;
          this.wake();
        });
        res.on('error', () => {});
        resolve(this);
      });
      this.req.on('error', (err) => (this.status ? undefined : reject(err)));
    });
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let cut: number;
    while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut + 2);
      const ev: SseEvent = { id: null, event: 'message', data: '' };
      let isEvent = false;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
        else if (line.startsWith('data: ')) {
          data.push(line.slice(6));
          isEvent = true;
        } else if (line.startsWith('id: ')) ev.id = line.slice(4);
        else if (line.startsWith('event: ')) ev.event = line.slice(7);
      }
      if (isEvent) {
        ev.data = data.join('\n');
        this.events.push(ev);
      }
    }
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until `check` holds (re-checked on every chunk), or fails after `ms`. */
  async until(check: () => boolean, ms = 5000, what = 'the expected events'): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ids ${this.ids().join(',')} and ${this.comments.length} comments`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  ids(): number[] {
    return this.events.filter((e) => e.id !== null).map((e) => Number(e.id));
  }

  lastId(): number | null {
    const ids = this.ids();
    return ids.length ? ids[ids.length - 1]! : null;
  }

  /** Drops the connection as a flaky mobile network would. */
  drop(): void {
    this.req?.destroy();
  }
}
