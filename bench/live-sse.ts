/**
 * Live fan-out benchmark: 10,000 concurrent SSE readers of one match on one server process.
 *
 *   npx tsx bench/live-sse.ts [--readers 10000] [--per-worker 5000] [--balls 20] [--view score|full] [--bare]
 *
 * With --bare the same readers and balls run against a bare node:http SSE server instead: the yardstick
 * for this machine at this moment.
 *
 * The server runs in a process of its own (the real app over a fresh SQLite store, or DATABASE_URL);
 * readers run in forked worker processes of at most 5,000 sockets each (this machine allows 20,000
 * open files per process). This process plays the scorer: it enters each ball with the same POST the
 * scorer's screen sends and measures, per ball, the time from sending it to the moment the last of all
 * readers has received it. It also reports the server's memory per reader (RSS delta / readers).
 * Not part of `npm test`.
 */
import http from 'node:http';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rssOf, stop } from './util.js';

const SELF = fileURLToPath(import.meta.url);
const now = () => performance.timeOrigin + performance.now();

function flag(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
}

// ---------------------------------------------------------------------------------------------------------
// Role: server — the real application, one process.
// ---------------------------------------------------------------------------------------------------------

async function server(): Promise<void> {
  const { loadConfig } = await import('../src/config/index.js');
  const { createContainer } = await import('../src/container.js');
  const { buildApp } = await import('../src/app.js');
  const { startModules } = await import('../src/modules.js');
  const { silentLogger } = await import('../src/shared/logger.js');
  const { addStaff } = await import('../src/newsroom/staff.js');
  const { liveModule } = await import('../src/live/index.js');
  const dataDir = process.argv[3]!;
  const config = { ...loadConfig({ data: dataDir, port: '0' }), logLevel: 'silent' };
  const c = await createContainer(config, { logger: silentLogger });
  const app = await buildApp(c, { logger: false });
  await startModules(c, app);
  await app.listen({ port: 0, host: '127.0.0.1', backlog: 8192 });
  const port = (app.server.address() as { port: number }).port;
  const { id: staffId } = await addStaff(c.content, { email: `bench-${Date.now()}@example.com`, name: 'Bench Scorer', role: 'editor', password: 'bench password 123' });
  const { token } = await c.sessions.create('staff', staffId);
  const setup = {
    teams: ['India', 'Australia'] as [string, string],
    oversPerInnings: 20,
    ballsPerOver: 6,
    matchType: 'T20',
    superOverAllowed: true,
  };
  const live = liveModule(c);
  const m = await live.matches.create({ setup, startTime: new Date().toISOString(), title: 'Bench: India vs Australia' });
  const started = await live.matches.apply(m.record.id, m.record.lastSeq, { op: 'event', event: { type: 'inningsStart', innings: 0, battingTeam: 'India' } });
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'stats') process.send!({ type: 'stats', ...live.hub.stats(), rss: process.memoryUsage().rss });
  });
  process.on('SIGTERM', () => {
    void app.close().then(() => c.close()).finally(() => process.exit(0));
  });
  process.send!({ type: 'ready', port, matchId: m.record.id, seq: started.record.lastSeq, cookie: `sm_staff=${token}; sm_csrf=benchbenchbenchbenchbenchbenchbench`, csrf: 'benchbenchbenchbenchbenchbenchbench' });
}

/**
 * Role: bare — the yardstick: a bare node:http SSE server that writes each ball (the same bytes to every
 * connection) the moment it is POSTed, with no store, no framework and no checks.
 */
async function bare(): Promise<void> {
  const conns = new Set<http.ServerResponse>();
  let seq = 2;
  const payload = (n: number) => Buffer.from(`event: update\nid: ${n}\ndata: {"seq":${n},"op":"event","line":"0.${n}: bare"}\n\n`);
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(payload(seq));
      conns.add(res);
      res.on('close', () => conns.delete(res));
      return;
    }
    req.resume();
    req.on('end', () => {
      seq++;
      const frame = payload(seq);
      for (const c of conns) c.write(frame);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ seq }));
    });
  });
  server.listen({ port: 0, host: '127.0.0.1', backlog: 8192 }, () => {
    const port = (server.address() as { port: number }).port;
    process.on('message', (msg: { type: string }) => {
      if (msg.type === 'stats') process.send!({ type: 'stats', readers: conns.size, rss: process.memoryUsage().rss, lastFanOut: { ms: 0 } });
    });
    process.send!({ type: 'ready', port, matchId: 1, seq, cookie: '', csrf: '' });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Role: readers — up to 5,000 SSE connections in one worker process.
// ---------------------------------------------------------------------------------------------------------

interface Conn {
  lastSeq: number;
  buffer: string;
}

async function readers(): Promise<void> {
  const [port, matchId, count, view] = process.argv.slice(3);
  const n = Number(count);
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  /** Per seq: how many readers have it, and when the first and last got it. */
  const got = new Map<number, { count: number; first: number; last: number; times: number[] }>();
  let opened = 0;
  let failed = 0;
  const conns: Conn[] = [];

  const onSeq = (seq: number, at: number) => {
    let g = got.get(seq);
    if (!g) got.set(seq, (g = { count: 0, first: at, last: at, times: [] }));
    g.count++;
    g.last = Math.max(g.last, at);
    g.times.push(at);
    if (g.count === n) {
      process.send!({ type: 'seq', seq, first: g.first, last: g.last, times: g.times });
      got.delete(seq);
    }
  };

  const open = (): Promise<void> =>
    new Promise((resolve) => {
      const conn: Conn = { lastSeq: 0, buffer: '' };
      const req = http.get({ host: '127.0.0.1', port: Number(port), path: `/api/v1/matches/${matchId}/events?view=${view}`, agent, headers: { accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) {
          failed++;
          res.resume();
          return resolve();
        }
        res.setEncoding('utf8');
        let first = true;
        res.on('data', (chunk: string) => {
          const at = now();
          conn.buffer += chunk;
          let cut: number;
          while ((cut = conn.buffer.indexOf('\n\n')) >= 0) {
            const frame = conn.buffer.slice(0, cut);
            conn.buffer = conn.buffer.slice(cut + 2);
            const at0 = frame.indexOf('id: ');
            if (at0 < 0) continue;
            const seq = Number(frame.slice(at0 + 4, frame.indexOf('\n', at0)));
            if (seq <= conn.lastSeq) throw new Error(`seq ${seq} repeated`);
            conn.lastSeq = seq;
            if (first) {
              first = false;
              opened++;
              resolve();
            } else onSeq(seq, at);
          }
        });
        res.on('error', () => {});
      });
      req.on('error', () => {
        failed++;
        resolve();
      });
      conns.push(conn);
    });

  const BATCH = 250;
  for (let i = 0; i < n; i += BATCH) {
    await Promise.all(Array.from({ length: Math.min(BATCH, n - i) }, open));
  }
  process.send!({ type: 'connected', opened, failed });
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'exit') process.exit(0);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Role: orchestrator — starts the server and the readers, plays the scorer, prints the table.
// ---------------------------------------------------------------------------------------------------------

function waitFor<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const on = (msg: { type: string }) => {
      if (msg.type !== type) return;
      child.off('message', on);
      child.off('exit', onExit);
      resolve(msg as T);
    };
    const onExit = (code: number | null) => reject(new Error(`${type}: child exited with ${code}`));
    child.on('message', on);
    child.once('exit', onExit);
  });
}

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN;
};

async function main(): Promise<void> {
  const total = Number(flag('readers', '10000'));
  const perWorker = Math.min(5000, Number(flag('per-worker', '5000')));
  const balls = Number(flag('balls', '20'));
  const view = flag('view', 'score');
  const dataDir = mkdtempSync(join(tmpdir(), 'samachar-live-bench-'));
  const execArgv = ['--import', 'tsx'];
  const isBare = process.argv.includes('--bare');
  const srv = fork(SELF, [isBare ? 'bare' : 'server', dataDir], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const workers: ChildProcess[] = [];
  try {
    const ready = await waitFor<{ port: number; matchId: number; seq: number; cookie: string; csrf: string }>(srv, 'ready');
    await new Promise((r) => setTimeout(r, 500));
    const stats = async () => {
      srv.send({ type: 'stats' });
      return waitFor<{ readers: number; rss: number; lastFanOut: { ms: number } }>(srv, 'stats');
    };
    const rssBefore = rssOf(srv.pid!) || (await stats()).rss;
    console.log(`server on port ${ready.port}, match ${ready.matchId}; server RSS ${(rssBefore / 1e6).toFixed(1)} MB; connecting ${total} readers (${view} view)…`);

    const t0 = now();
    const counts: number[] = [];
    for (let left = total; left > 0; left -= perWorker) counts.push(Math.min(perWorker, left));
    const connected = await Promise.all(
      counts.map((n) => {
        const w = fork(SELF, ['readers', String(ready.port), String(ready.matchId), String(n), view], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        workers.push(w);
        return waitFor<{ opened: number; failed: number }>(w, 'connected');
      }),
    );
    const connectSeconds = (now() - t0) / 1000;
    const opened = connected.reduce((s, c) => s + c.opened, 0);
    const failedConns = connected.reduce((s, c) => s + c.failed, 0);
    await new Promise((r) => setTimeout(r, 1000));
    const rssAfter = rssOf(srv.pid!) || (await stats()).rss;
    const hubReaders = (await stats()).readers;
    console.log(`${opened} readers connected in ${connectSeconds.toFixed(1)} s (${failedConns} failed); the hub counts ${hubReaders}`);

    const latencies: number[] = [];
    const spreads: number[] = [];
    const perReader: number[] = [];
    const fanOuts: number[] = [];
    const posts: number[] = [];
    let seq = ready.seq;
    let striker = 'Rohit Sharma';
    let nonStriker = 'Shubman Gill';
    for (let b = 0; b < balls; b++) {
      const runs = [0, 1, 4, 0, 6, 2][b % 6]!;
      const code = b > 0 && b % 6 === 0 ? 'o' : String(runs);
      const waits = workers.map((w) => waitFor<{ seq: number; first: number; last: number; times: number[] }>(w, 'seq'));
      const sent = now();
      const res = await fetch(`http://127.0.0.1:${ready.port}/newsroom/matches/${ready.matchId}/entry`, {
        method: 'POST',
        headers: { cookie: ready.cookie, 'x-csrf-token': ready.csrf, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ code, expectedSeq: seq, striker, nonStriker, bowler: b % 12 < 6 ? 'Mitchell Starc' : 'Pat Cummins' }),
      });
      const answer = (await res.json()) as { seq?: number; error?: { message: string } };
      posts.push(now() - sent);
      if (!res.ok || answer.seq === undefined) throw new Error(`ball ${b + 1} refused: ${answer.error?.message ?? res.status}`);
      seq = answer.seq;
      if (code === 'o' || runs % 2 === 1) [striker, nonStriker] = [nonStriker, striker];
      const reports = await Promise.all(waits);
      fanOuts.push((await stats()).lastFanOut.ms);
      const last = Math.max(...reports.map((r) => r.last));
      const first = Math.min(...reports.map((r) => r.first));
      latencies.push(last - sent);
      spreads.push(last - first);
      for (const r of reports) for (const at of r.times) perReader.push(at - sent);
      await new Promise((r) => setTimeout(r, 250));
    }

    const rows: [string, string][] = [
      ['readers connected', `${opened} of ${total} (${workers.length} worker processes × ≤${perWorker})`],
      ['connect time', `${connectSeconds.toFixed(1)} s`],
      ['balls entered', `${balls} (one POST each, as the scorer's screen sends it)`],
      ['ball → last reader, p50', `${pct(latencies, 0.5).toFixed(1)} ms`],
      ['ball → last reader, p99', `${pct(latencies, 0.99).toFixed(1)} ms`],
      ['ball → last reader, max', `${Math.max(...latencies).toFixed(1)} ms`],
      ['ball → any reader, p50 / p99', `${pct(perReader, 0.5).toFixed(1)} / ${pct(perReader, 0.99).toFixed(1)} ms (all ${perReader.length} deliveries)`],
      ['first → last reader, p50', `${pct(spreads, 0.5).toFixed(1)} ms`],
      ['scorer POST round trip, p50', `${pct(posts, 0.5).toFixed(1)} ms${isBare ? '' : " (validate, commit, notify, redraw the scorer's panels)"}`],
      ...(isBare ? [] : [['server fan-out, p50 / max', `${pct(fanOuts, 0.5).toFixed(1)} / ${Math.max(...fanOuts).toFixed(1)} ms (store answer → last write to ${opened} sockets)`] as [string, string]]),
      ['machine load (1 min)', `${(await import('node:os')).loadavg()[0]!.toFixed(2)} on ${(await import('node:os')).cpus().length} CPUs`],
      ['server RSS before / after', `${(rssBefore / 1e6).toFixed(1)} MB / ${(rssAfter / 1e6).toFixed(1)} MB`],
      ['memory per reader', `${((rssAfter - rssBefore) / Math.max(1, opened) / 1024).toFixed(1)} KB`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(isBare ? '\nBare node:http SSE server (the yardstick)' : '\nLive SSE fan-out (Samachar)');
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  } finally {
    for (const w of workers) {
      w.send({ type: 'exit' });
      await stop(w);
    }
    await stop(srv);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const role = process.argv[2];
if (role === 'server') await server();
else if (role === 'bare') await bare();
else if (role === 'readers') await readers();
else await main();
