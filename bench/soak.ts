/**
 * Soak test (not part of `npm test`): runs `samachar serve` on a fresh data directory with the demo
 * newsroom and keeps it busy for N minutes with a mix of readers (article, home, desk, tag, author pages,
 * feeds, search, the API), an editor process saving and updating stories through saveArticle on the same
 * SQLite file, `samachar import` in a loop, and, where this build has them, payment webhooks (signed with
 * test secrets) and live cricket Server-Sent Events. It reports requests, server errors (must be 0),
 * latency percentiles and the server's memory sampled every 10 s (first, last, max, slope), checks the
 * store for consistency at the end, and exits 1 on any 5xx, failed save or import, or inconsistency.
 *
 *   npx tsx bench/soak.ts [--minutes 10] [--readers 8] [--sse 20] [--source | --built] [--keep]
 *
 * The server runs from the sources through tsx unless --built is given (then bin/samachar.js, which needs
 * `npm run build`); by default the built program is used when dist/cli/main.js exists. Payment providers
 * are configured with test secrets and API origins on 127.0.0.1, so nothing leaves the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../src/storage/index.js';
import { freePort, importLines, parseAcks, randomClientIp, spawnTs, storeProblems, waitForHttp, WRITER, ROOT, CLI, type Child } from '../test/reliability/helpers.js';

// ------------------------------------------------------------------ options

const argv = process.argv.slice(2);
const num = (name: string, dflt: number) => {
  const i = argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(argv[i + 1]) : dflt;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a number`);
  return v;
};
const MINUTES = num('minutes', 10);
const READERS = num('readers', 8);
const SSE_CLIENTS = num('sse', 20);
const EDITOR_PAUSE_MS = num('editor-pause', 150);
const IMPORT_EVERY_S = num('import-every', 30);
const SAMPLE_EVERY_S = 10;
const built = argv.includes('--built') || (!argv.includes('--source') && existsSync(join(ROOT, 'dist', 'cli', 'main.js')));
const keep = argv.includes('--keep');

const secrets = {
  razorpay: `soak_${randomBytes(8).toString('hex')}`,
  stripe: `whsec_${randomBytes(16).toString('hex')}`,
};

// ------------------------------------------------------------------ measurements

interface KindStats {
  lat: number[];
  byStatus: Map<number, number>;
  errors: number;
}
const kinds = new Map<string, KindStats>();
const serverErrors: string[] = [];
const networkErrors = new Map<string, number>();
const slow: string[] = [];
/** Latencies of requests after the first 30 s, when the server and its neighbours have warmed up. */
const WARMUP_MS = 30_000;
const warmLat: number[] = [];
let trafficStart = Infinity;
const events: string[] = [];
const note = (what: string) => events.push(`${new Date().toISOString()} ${what}`);
function record(kind: string, path: string, ms: number, status: number | null, err?: string) {
  let k = kinds.get(kind);
  if (!k) kinds.set(kind, (k = { lat: [], byStatus: new Map(), errors: 0 }));
  if (status === null) {
    k.errors++;
    networkErrors.set(`${kind} ${err}`, (networkErrors.get(`${kind} ${err}`) ?? 0) + 1);
    return;
  }
  k.lat.push(ms);
  if (Date.now() - trafficStart > WARMUP_MS) warmLat.push(ms);
  k.byStatus.set(status, (k.byStatus.get(status) ?? 0) + 1);
  if (ms > 5000 && slow.length < 50) slow.push(`${new Date().toISOString()} ${(ms / 1000).toFixed(1)} s ${status} ${kind} ${path}`);
  if (status >= 500 && serverErrors.length < 200) serverErrors.push(`${new Date().toISOString()} ${status} ${kind} ${path}`);
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);
const fmtMs = (n: number) => `${n.toFixed(1)} ms`;
const mb = (b: number) => b / 1024 / 1024;

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den ? num / den : 0;
}

// ------------------------------------------------------------------ the server

const dataDir = mkdtempSync(join(tmpdir(), 'samachar-soak-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const logFile = join(dataDir, 'server.log');
const log = createWriteStream(logFile);
const serverArgs = ['serve', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir];
const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  BASE_URL: base,
  RAZORPAY_KEY_ID: 'rzp_test_soak',
  RAZORPAY_KEY_SECRET: 'soak_key_secret',
  RAZORPAY_WEBHOOK_SECRET: secrets.razorpay,
  RAZORPAY_API_BASE: 'http://127.0.0.1:9',
  STRIPE_SECRET_KEY: 'sk_test_soak',
  STRIPE_WEBHOOK_SECRET: secrets.stripe,
  STRIPE_API_BASE: 'http://127.0.0.1:9',
};
delete serverEnv.DATABASE_URL;
delete serverEnv.DATA_DIR;
delete serverEnv.PORT;

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log(`soak: ${MINUTES} min, ${READERS} readers, ${SSE_CLIENTS} SSE clients, server ${built ? 'bin/samachar.js (built)' : 'from sources (tsx)'}, data ${dataDir}`);
const program = built ? join(ROOT, 'bin', 'samachar.js') : CLI;
const server: ChildProcess = spawn(process.execPath, built ? [program, ...serverArgs] : ['--import', 'tsx', program, ...serverArgs], { cwd: ROOT, env: serverEnv, stdio: ['ignore', 'pipe', 'pipe'] });
/** The other commands run the same program as the server: a build older than the sources must not meet them on one store. */
const cli = (args: string[]) => spawnTs(program, args);
server.stdout!.pipe(log);
server.stderr!.pipe(log);
let serverExit: string | null = null;
server.once('exit', (code, signal) => (serverExit = `server exited (code ${code}, signal ${signal})`));
const started = performance.now();
await waitForHttp(`${base}/healthz`, { timeoutMs: 120_000 });
console.log(`server pid ${server.pid} answered after ${Math.round(performance.now() - started)} ms`);

// ------------------------------------------------------------------ what this build serves

async function status(path: string, init?: RequestInit): Promise<number> {
  try {
    const r = await fetch(base + path, { ...init, signal: AbortSignal.timeout(20_000) });
    await r.arrayBuffer();
    return r.status;
  } catch {
    return 0;
  }
}

interface ArticleRef {
  id: number;
  url: string;
  desk: { slug: string };
  tags: { slug: string }[];
  authors: { slug: string }[];
}
let articles: ArticleRef[] = [];
async function refreshArticles(): Promise<void> {
  try {
    const r = await fetch(`${base}/api/v1/articles?limit=50`, { signal: AbortSignal.timeout(20_000) });
    if (r.ok) articles = ((await r.json()) as { articles: ArticleRef[] }).articles;
  } catch {
    /* keep the previous list */
  }
}
await refreshArticles();
if (articles.length === 0) throw new Error('the demo newsroom has no stories');

const optional = ['/rss.xml', '/atom.xml', '/sitemap.xml', '/sitemap-news.xml', '/robots.txt', '/search?q=%E0%A4%95%E0%A5%8D%E0%A4%B0%E0%A4%BF%E0%A4%95%E0%A5%87%E0%A4%9F', '/api/v1/search?q=cricket', '/api/v1/desks', '/api/v1/tags', '/api/v1/matches', '/live/cricket', '/premium'];
const present: string[] = [];
for (const p of optional) if ((await status(p)) === 200) present.push(p);
console.log(`optional pages served: ${present.join(' ') || 'none'}; absent: ${optional.filter((p) => !present.includes(p)).join(' ') || 'none'}`);

// Live cricket: a Cricsheet match imported through the CLI, its pages read and its event stream held open.
let matchPaths: string[] = [];
let ssePath: string | null = null;
if (present.includes('/api/v1/matches')) {
  const fixtures = join(ROOT, 'test', 'fixtures', 'cricsheet');
  const file = existsSync(fixtures) ? readdirSync(fixtures).filter((f) => f.endsWith('.json')).sort()[0] : undefined;
  if (file) {
    const c = cli(['cricket', 'import', join(fixtures, file), '--data', dataDir]);
    const { code } = await c.exited;
    const id = c.stdout().trim().split('\n').pop()?.trim();
    if (code === 0 && id && /^\d+$/.test(id)) {
      matchPaths = [`/api/v1/matches/${id}`, `/live/cricket/${id}`].filter(Boolean);
      ssePath = `/api/v1/matches/${id}/events`;
      console.log(`live: imported match ${id} from ${file}`);
    } else console.log(`live: cricket import failed (${code}): ${c.stderr().slice(-300)}`);
  }
}

// Webhooks: signed with the test secrets; kept when the route does not answer 404.
let webhookSeq = 0;
function razorpayWebhook(): { path: string; init: RequestInit } {
  const id = `evt_soak_${++webhookSeq}`;
  const body = JSON.stringify({ entity: 'event', account_id: 'acc_soak', event: 'subscription.charged', contains: ['subscription', 'payment'], payload: { subscription: { entity: { id: `sub_soak_${webhookSeq % 7}`, status: 'active', notes: {} } }, payment: { entity: { id: `pay_soak_${webhookSeq}`, amount: 9900, currency: 'INR', status: 'captured' } } }, created_at: Math.floor(Date.now() / 1000) });
  const sig = createHmac('sha256', secrets.razorpay).update(body).digest('hex');
  return { path: '/webhooks/razorpay', init: { method: 'POST', headers: { 'content-type': 'application/json', 'x-razorpay-signature': sig, 'x-razorpay-event-id': id }, body } };
}
function stripeWebhook(): { path: string; init: RequestInit } {
  const n = ++webhookSeq;
  // Every tenth event repeats an earlier one: a provider retry, which must be taken once.
  const id = n % 10 === 0 ? `evt_soak_${n - 5}` : `evt_soak_${n}`;
  const t = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ id, object: 'event', type: 'invoice.paid', created: t, livemode: false, api_version: '2024-06-20', data: { object: { id: `in_soak_${n}`, object: 'invoice', subscription: `sub_soak_${n % 7}`, status: 'paid', amount_paid: 9900, currency: 'inr' } } });
  const sig = createHmac('sha256', secrets.stripe).update(`${t}.${body}`).digest('hex');
  return { path: '/webhooks/stripe', init: { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': `t=${t},v1=${sig}` }, body } };
}
const webhooks: (() => { path: string; init: RequestInit })[] = [];
for (const make of [razorpayWebhook, stripeWebhook]) {
  const w = make();
  const s = await status(w.path, w.init);
  if (s !== 404 && s !== 0) webhooks.push(make);
  console.log(`webhook ${w.path}: probe answered ${s}${s === 404 || s === 0 ? ' (skipped)' : ''}`);
}

// ------------------------------------------------------------------ traffic

const deadline = Date.now() + MINUTES * 60_000;
let stopping = false;
const running = () => !stopping && Date.now() < deadline && serverExit === null;

function readerPath(): { kind: string; path: string } {
  const r = Math.random();
  const a = articles[Math.floor(Math.random() * articles.length)]!;
  if (r < 0.4) return { kind: 'article', path: new URL(a.url).pathname };
  if (r < 0.52) return { kind: 'home', path: '/' };
  if (r < 0.64) return { kind: 'desk', path: `/${a.desk.slug}` };
  if (r < 0.7 && a.tags[0]) return { kind: 'tag', path: `/tag/${a.tags[0].slug}` };
  if (r < 0.74 && a.authors[0]) return { kind: 'author', path: `/author/${a.authors[0].slug}` };
  if (r < 0.84) return { kind: 'api', path: Math.random() < 0.5 ? `/api/v1/articles/${a.id}` : `/api/v1/articles?page=${1 + Math.floor(Math.random() * 3)}` };
  const extra = [...present, ...matchPaths];
  if (extra.length) {
    const p = extra[Math.floor(Math.random() * extra.length)]!;
    return { kind: p.startsWith('/api/v1/matches') || p.startsWith('/live') ? 'live' : p.startsWith('/api') ? 'api' : 'feeds/search', path: p };
  }
  return { kind: 'home', path: '/' };
}

async function reader(): Promise<void> {
  while (running()) {
    const { kind, path } = readerPath();
    const t0 = performance.now();
    try {
      // Readers arrive from many addresses (through a CDN), so the API's per-address limit does not apply.
      const r = await fetch(base + path, { signal: AbortSignal.timeout(30_000), headers: { 'x-forwarded-for': randomClientIp() } });
      await r.arrayBuffer();
      record(kind, path, performance.now() - t0, r.status);
    } catch (e) {
      record(kind, path, 0, null, (e as Error & { cause?: { code?: string } }).cause?.code ?? (e as Error).name);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function webhookLoop(): Promise<void> {
  while (running() && webhooks.length) {
    const w = webhooks[webhookSeq % webhooks.length]!();
    const t0 = performance.now();
    try {
      const r = await fetch(base + w.path, { ...w.init, signal: AbortSignal.timeout(30_000) });
      await r.arrayBuffer();
      record('webhook', w.path, performance.now() - t0, r.status);
    } catch (e) {
      record('webhook', w.path, 0, null, (e as Error).name);
      note(`webhook ${w.path} failed after ${((performance.now() - t0) / 1000).toFixed(1)} s: ${(e as Error).name}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

let sseEvents = 0;
let sseConnects = 0;
async function sseClient(): Promise<void> {
  while (running() && ssePath) {
    const ctrl = new AbortController();
    const stopTimer = setInterval(() => !running() && ctrl.abort(), 500);
    try {
      sseConnects++;
      const r = await fetch(base + ssePath, { signal: ctrl.signal, headers: { accept: 'text/event-stream' } });
      record('sse-connect', ssePath, 0, r.status);
      if (r.status !== 200 || !r.body) {
        await r.arrayBuffer().catch(() => {});
        await new Promise((res) => setTimeout(res, 2000));
        continue;
      }
      const dec = new TextDecoder();
      for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
        sseEvents += (dec.decode(chunk, { stream: true }).match(/^(data|event):/gm) ?? []).length;
        // Readers come and go: each connection lasts a while, then reconnects.
        if (Math.random() < 0.02) ctrl.abort();
      }
    } catch (e) {
      if (running() && (e as Error).name !== 'AbortError') record('sse-connect', ssePath, 0, null, (e as Error).name);
    } finally {
      clearInterval(stopTimer);
    }
    await new Promise((res) => setTimeout(res, 500 + Math.random() * 2000));
  }
}

// The editor: a writer process saving and updating stories on the same SQLite file.
const dbFile = join(dataDir, 'samachar.db');
let editorAcks = 0;
let editorFailures = 0;
let editor: Child | null = null;
function startEditor(): void {
  editor = spawnTs(WRITER, ['--sqlite', dbFile, '--prefix', `soak${Date.now().toString(36)}`, '--concurrency', '1', '--pause', String(EDITOR_PAUSE_MS), '--updates', '0.5']);
  void editor.exited.then(({ code, signal }) => {
    if (!running()) return;
    editorAcks += parseAcks(editor!.lines()).length;
    editorFailures++;
    console.log(`editor exited unexpectedly (code ${code}, signal ${signal}): ${editor!.stderr().slice(-500)}`);
    startEditor();
  });
}
startEditor();

// The import command in a loop, on the same file each time: the first run creates, later runs update.
const importFile = join(dataDir, 'soak-import.ndjson');
writeFileSync(importFile, importLines(20, 'soakimp'));
let imports = 0;
let importFailures = 0;
async function importLoop(): Promise<void> {
  while (running()) {
    note('import started');
    const c = cli(['import', importFile, '--data', dataDir]);
    const { code } = await c.exited;
    note(`import finished (${code})`);
    imports++;
    if (code !== 0 || !/rejected 0/.test(c.stdout())) {
      importFailures++;
      console.log(`import failed (${code}): ${c.stdout().slice(-500)} ${c.stderr().slice(-500)}`);
    }
    const until = Date.now() + IMPORT_EVERY_S * 1000;
    while (running() && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
  }
}

// Memory samples.
const samples: { t: number; rss: number; requests: number }[] = [];
const totalRequests = () => [...kinds.values()].reduce((s, k) => s + k.lat.length + k.errors, 0);
const sample = () => {
  const t = (Date.now() - (deadline - MINUTES * 60_000)) / 1000;
  samples.push({ t, rss: rssOf(server.pid!), requests: totalRequests() });
  const last = samples.at(-1)!;
  const prev = samples.at(-2);
  const rps = prev ? (last.requests - prev.requests) / (last.t - prev.t) : 0;
  const fives = [...kinds.values()].reduce((s, k) => s + [...k.byStatus].filter(([st]) => st >= 500).reduce((a, [, n]) => a + n, 0), 0);
  console.log(`  ${t.toFixed(0).padStart(5)} s  rss ${mb(last.rss).toFixed(1)} MB  ${rps.toFixed(0)} req/s  total ${last.requests}  5xx ${fives}  editor acks ${editorAcks + (editor ? parseAcks(editor.lines()).length : 0)}  imports ${imports}  sse events ${sseEvents}`);
};
trafficStart = Date.now();
sample();
const sampler = setInterval(sample, SAMPLE_EVERY_S * 1000);
const refresher = setInterval(() => void refreshArticles(), 20_000);

await Promise.all([
  ...Array.from({ length: READERS }, () => reader()),
  ...Array.from({ length: ssePath ? SSE_CLIENTS : 0 }, () => sseClient()),
  webhookLoop(),
  importLoop(),
]);
stopping = true;
clearInterval(sampler);
clearInterval(refresher);
sample();

// ------------------------------------------------------------------ stop and check

if (editor) {
  const e = editor as Child;
  await e.stop(5000);
  editorAcks += parseAcks(e.lines()).length;
  if (/save failed/.test(e.stderr())) editorFailures++;
}
const serverDied = serverExit;
if (!serverDied) {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
}
log.end();
const store = openSqlite(dbFile);
const problems = await storeProblems(store);
await store.close();
const logText = readFileSync(logFile, 'utf8');
const errorLines = logText.split('\n').filter((l) => /"level":(50|60)/.test(l));

// ------------------------------------------------------------------ report

const all = [...kinds.values()].flatMap((k) => k.lat).sort((a, b) => a - b);
const total = totalRequests();
const fivexx = [...kinds.values()].reduce((s, k) => s + [...k.byStatus].filter(([st]) => st >= 500).reduce((a, [, n]) => a + n, 0), 0);
const netErr = [...networkErrors.values()].reduce((a, b) => a + b, 0);
const duration = samples.at(-1)!.t;
console.log('\n=== soak report ===');
console.log(`duration ${(duration / 60).toFixed(1)} min; requests ${total} (${(total / duration).toFixed(0)}/s); 5xx ${fivexx}; network errors ${netErr}`);
console.log(`latency all: p50 ${fmtMs(pct(all, 50))}, p95 ${fmtMs(pct(all, 95))}, p99 ${fmtMs(pct(all, 99))}, max ${fmtMs(all.at(-1) ?? 0)}`);
const warm = warmLat.sort((a, b) => a - b);
console.log(`latency after the first ${WARMUP_MS / 1000} s: p50 ${fmtMs(pct(warm, 50))}, p95 ${fmtMs(pct(warm, 95))}, p99 ${fmtMs(pct(warm, 99))}, max ${fmtMs(warm.at(-1) ?? 0)}`);
for (const [name, k] of [...kinds].sort()) {
  const l = [...k.lat].sort((a, b) => a - b);
  const st = [...k.byStatus].sort().map(([s, n]) => `${s}×${n}`).join(' ');
  console.log(`  ${name.padEnd(13)} ${String(l.length).padStart(7)}  p50 ${fmtMs(pct(l, 50)).padStart(9)}  p99 ${fmtMs(pct(l, 99)).padStart(9)}  ${st}${k.errors ? `  errors ${k.errors}` : ''}`);
}
console.log(`editor: ${editorAcks} saves acknowledged, ${editorFailures} failures; imports: ${imports} runs, ${importFailures} failed; webhooks: ${webhooks.length ? webhooks.length + ' routes' : 'none'}; SSE: ${sseConnects} connections, ${sseEvents} events`);
const rss = samples.map((s) => ({ x: s.t / 60, y: mb(s.rss) })).filter((p) => p.y > 0);
const afterWarmup = rss.filter((p) => p.x >= 1);
console.log(`server RSS: first ${rss[0]?.y.toFixed(1)} MB, last ${rss.at(-1)?.y.toFixed(1)} MB, max ${Math.max(...rss.map((p) => p.y)).toFixed(1)} MB; slope ${slope(rss).toFixed(2)} MB/min overall, ${afterWarmup.length >= 3 ? slope(afterWarmup).toFixed(2) + ' MB/min after the first minute' : 'too short to judge after warm-up'}`);
console.log(`store: ${problems.length ? problems.join('; ') : 'consistent (integrity_check ok, no orphans, every story whole)'}`);
console.log(`server log: ${errorLines.length} error lines${errorLines.length ? ` (first: ${errorLines[0]!.slice(0, 300)})` : ''}`);
if (serverErrors.length) console.log(`first server errors:\n  ${serverErrors.slice(0, 20).join('\n  ')}`);
if (slow.length) console.log(`requests slower than 5 s:\n  ${slow.slice(0, 20).join('\n  ')}\nactivity:\n  ${events.join('\n  ')}`);
if (networkErrors.size) console.log(`network errors: ${[...networkErrors].map(([k, n]) => `${k}×${n}`).join(', ')}`);
if (serverDied) console.log(serverDied);
const failed = fivexx > 0 || netErr > 0 || editorFailures > 0 || importFailures > 0 || problems.length > 0 || serverDied !== null;
console.log(failed ? 'RESULT: FAILED' : 'RESULT: ok');
if (!keep) rmSync(dataDir, { recursive: true, force: true });
else console.log(`data kept in ${dataDir}`);
process.exit(failed ? 1 : 0);
