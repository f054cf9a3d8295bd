/**
 * Soak test (not part of `npm test`): runs `samachar serve` on a fresh data directory with the demo
 * newsroom and keeps it busy for N minutes with a mix of readers (article, home, desk, tag, author pages,
 * feeds, search, the API), an editor process saving and updating stories through saveArticle on the same
 * SQLite file, `samachar import` in a loop, and, where this build has them, payment webhooks (signed with
 * test secrets) and live cricket: a scorer (a staff editor added with `samachar user add`, signed in over
 * HTTP) creates a match at the scorer's desk and enters a ball every 1–2 s, starting the next innings or a
 * new match when one ends, while the Server-Sent Events clients follow that match. It reports requests,
 * server errors (must be 0), latency percentiles and the server's memory sampled every 10 s (first, last,
 * max, slope), checks the store for consistency at the end, checks that every SSE client reached the
 * match's last entry without a gap and that the scorecard JSON adds up to the balls entered, and exits 1
 * on any 5xx, refused ball, failed save or import, missed delivery or inconsistency.
 *
 *   npx tsx bench/soak.ts [--minutes 10] [--readers 8] [--sse 20] [--overs 20] [--source | --built] [--keep]
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
import { signInEditor, type NewsroomClient } from './publish.js';
import { freePort } from '../test/helpers/ports.js';
import { importLines, parseAcks, randomClientIp, spawnTs, storeProblems, waitForHttp, WRITER, ROOT, CLI, type Child } from '../test/reliability/helpers.js';

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
/** Overs per innings of the scorer's matches: 20 plays about an innings every four minutes. */
const OVERS = Math.max(1, Math.round(num('overs', 20)));
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

// Live cricket: a Cricsheet match imported through the CLI, its pages read (and its event stream held
// open if the scorer below cannot play).
let matchPaths: string[] = [];
let importedMatchId: number | null = null;
if (present.includes('/api/v1/matches')) {
  const fixtures = join(ROOT, 'test', 'fixtures', 'cricsheet');
  const file = existsSync(fixtures) ? readdirSync(fixtures).filter((f) => f.endsWith('.json')).sort()[0] : undefined;
  if (file) {
    const c = cli(['cricket', 'import', join(fixtures, file), '--data', dataDir]);
    const { code } = await c.exited;
    const id = c.stdout().trim().split('\n').pop()?.trim();
    if (code === 0 && id && /^\d+$/.test(id)) {
      matchPaths = [`/api/v1/matches/${id}`, `/live/cricket/${id}`].filter(Boolean);
      importedMatchId = Number(id);
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

let deadline = Date.now() + MINUTES * 60_000;
let stopping = false;
const running = () => !stopping && Date.now() < deadline && serverExit === null;

// ------------------------------------------------------------------ the scorer

/** The scorer stops this long before the end, so that the last ball has time to reach every reader. */
const SCORER_QUIET_MS = 5000;
const SCORER_EMAIL = 'soak-scorer@samachar.test';
const SCORER_PASSWORD = `soak scorer ${randomBytes(6).toString('hex')}`;

/** What the scorer entered into one innings: what the scorecard must add up to. */
interface InningsTally {
  team: string;
  runs: number;
  wickets: number;
  legalBalls: number;
  wides: number;
}
interface LiveMatch {
  id: number;
  seq: number;
  teams: [string, string];
  squads: Record<string, string[]>;
  tally: InningsTally[];
  /** Set when an entry's fate is unknown (no answer): the tally can no longer be trusted, so play moves to a new match. */
  uncertain: string | null;
}
/** The scorer's view of the innings in play: the batting order, who is at the crease and who bowls. */
interface Crease {
  order: string[];
  next: number;
  striker: string;
  nonStriker: string;
  bowlers: string[];
  over: number;
  legalThisOver: number;
}
interface ScorerAnswer {
  seq: number;
  status: string;
  error?: { code?: string; message: string };
}

const FIRST_NAMES = ['Aarav', 'Kabir', 'Ishaan', 'Vihaan', 'Reyansh', 'Arjun', 'Dhruv', 'Kiaan', 'Neel', 'Rudra', 'Sahil', 'Tanmay', 'Yash', 'Omkar', 'Parth', 'Rohan', 'Siddhant', 'Veer', 'Ayaan', 'Devansh', 'Hriday', 'Jaiveer'];
const SURNAMES = ['Bhatnagar', 'Chaudhary', 'Deshmukh', 'Gokhale', 'Iyengar', 'Joshi', 'Kulkarni', 'Lalwani', 'Mahajan', 'Nambiar', 'Oberoi', 'Pillai', 'Rawat', 'Sahni', 'Thakur', 'Upadhyay', 'Vaidya', 'Wagle'];
const TEAM_PAIRS: [string, string][] = [['Ganga Gharials', 'Thar Falcons'], ['Konkan Kites', 'Malwa Mavericks'], ['Deccan Drongos', 'Sundarban Stripes']];
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** 22 different fictional players. */
function fictionalPlayers(): string[] {
  const names = new Set<string>();
  while (names.size < 22) names.add(`${pick(FIRST_NAMES)} ${pick(SURNAMES)}`);
  return [...names];
}

let scorer: NewsroomClient | null = null;
const liveMatches: LiveMatch[] = [];
let liveMatch: LiveMatch | null = null;
let crease: Crease | null = null;
const scorerCounts = { entries: 0, balls: 0, overs: 0, wickets: 0, wides: 0, innings: 0, matches: 0 };
const scorerFailures: string[] = [];
let scorerFailureCount = 0;
let refusedInARow = 0;
/** When each entry was sent, by `match:seq`: the SSE clients time its arrival from this. */
const sentAt = new Map<string, number>();
const scorerFailed = (what: string) => {
  scorerFailureCount++;
  if (scorerFailures.length < 50) scorerFailures.push(`${new Date().toISOString()} ${what}`);
};

/** One POST from the scorer's desk, recorded under `kind`; null when it was refused or never answered. */
async function scorerPost(kind: string, path: string, body: Record<string, unknown>): Promise<ScorerAnswer | null> {
  const m = liveMatch;
  const t0 = performance.now();
  try {
    const r = await scorer!.post<ScorerAnswer>(path, body, 30_000);
    record(kind, path, performance.now() - t0, r.status);
    if (r.status >= 200 && r.status <= 299) {
      refusedInARow = 0;
      return r.body;
    }
    scorerFailed(`${r.status} ${path} ${JSON.stringify(body)}: ${r.body.error?.code ?? ''} ${r.body.error?.message ?? ''}`);
    // A refused entry was not recorded; the answer names the match's seq, in case it moved on.
    if (m && typeof r.body.seq === 'number') m.seq = r.body.seq;
    if (m && ++refusedInARow >= 3) m.uncertain = `${refusedInARow} entries refused in a row`;
    return null;
  } catch (e) {
    const err = (e as Error & { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    record(kind, path, 0, null, err);
    scorerFailed(`no answer from ${path} after ${((performance.now() - t0) / 1000).toFixed(1)} s: ${err}`);
    if (m) m.uncertain = `no answer to an entry (${err})`;
    return null;
  }
}

/** Creates a match at the scorer's desk (the desk form's fields, sent as JSON) and opens its first innings. */
async function newMatch(): Promise<void> {
  const [teamA, teamB] = TEAM_PAIRS[liveMatches.length % TEAM_PAIRS.length]!;
  const players = fictionalPlayers();
  const squads = { [teamA]: players.slice(0, 11), [teamB]: players.slice(11) };
  const path = '/newsroom/matches';
  const t0 = performance.now();
  let created: { status: number; body: { id?: string; seq?: number; error?: { message: string } } };
  try {
    created = await scorer!.post<{ id: string; seq: number }>(path, {
      title: `Soak match ${liveMatches.length + 1}: ${teamA} vs ${teamB}`,
      teamA, teamB, squadA: squads[teamA]!.join('\n'), squadB: squads[teamB]!.join('\n'),
      overs: String(OVERS), ballsPerOver: '6', matchType: 'T20', tossWinner: teamB, tossDecision: 'field', venue: 'Soak Oval',
    }, 30_000);
  } catch (e) {
    record('scorer-desk', path, 0, null, (e as Error).name);
    throw new Error(`creating a match: no answer (${(e as Error).name})`);
  }
  record('scorer-desk', path, performance.now() - t0, created.status);
  if (created.status !== 201 || !created.body.id || typeof created.body.seq !== 'number') throw new Error(`creating a match answered ${created.status}: ${created.body.error?.message ?? JSON.stringify(created.body).slice(0, 200)}`);
  liveMatch = { id: Number(created.body.id), seq: created.body.seq, teams: [teamA, teamB], squads, tally: [], uncertain: null };
  liveMatches.push(liveMatch);
  crease = null;
  scorerCounts.matches++;
  note(`scorer: match ${liveMatch.id} created (${teamA} vs ${teamB})`);
  await startInnings();
}

/** Opens the next innings: the side that fielded last bats (Thar Falcons won the toss and fielded). */
async function startInnings(): Promise<void> {
  const m = liveMatch!;
  const last = m.tally.at(-1);
  const batting = last ? (last.team === m.teams[0] ? m.teams[1] : m.teams[0]) : m.teams[0];
  const bowling = batting === m.teams[0] ? m.teams[1] : m.teams[0];
  const answer = await scorerPost('scorer-desk', `/newsroom/matches/${m.id}/action`, { action: 'startInnings', battingTeam: batting, expectedSeq: m.seq });
  if (!answer) {
    m.uncertain ??= 'the innings could not be started';
    return;
  }
  m.seq = answer.seq;
  m.tally.push({ team: batting, runs: 0, wickets: 0, legalBalls: 0, wides: 0 });
  const order = m.squads[batting]!;
  // The last five of the fielding side bowl, in turn, so that no one bowls two overs running.
  crease = { order, next: 2, striker: order[0]!, nonStriker: order[1]!, bowlers: m.squads[bowling]!.slice(6), over: 0, legalThisOver: 0 };
  scorerCounts.innings++;
  note(`scorer: match ${m.id} innings ${m.tally.length} (${batting} batting)`);
}

/** What the scorer types for the next ball: a realistic T20 mix, and "o" once six legal balls are bowled. */
function nextEntry(c: Crease, bowler: string, fielders: string[]): { code: string; total: number; legal: boolean; wide: boolean; swap: boolean; wicket?: { wicketKind: string; fielder?: string } } {
  if (c.legalThisOver >= 6) return { code: 'o', total: 0, legal: false, wide: false, swap: false };
  const r = Math.random();
  if (r < 0.045) {
    const kind = pick(['bowled', 'caught', 'caught', 'lbw']);
    return { code: 'w', total: 0, legal: true, wide: false, swap: false, wicket: kind === 'caught' ? { wicketKind: kind, fielder: pick(fielders.filter((f) => f !== bowler)) } : { wicketKind: kind } };
  }
  if (r < 0.08) return { code: 'wd', total: 1, legal: false, wide: true, swap: false };
  if (r < 0.09) return { code: 'nb1', total: 2, legal: false, wide: false, swap: true };
  if (r < 0.11) return { code: 'lb1', total: 1, legal: true, wide: false, swap: true };
  if (r < 0.45) return { code: '0', total: 0, legal: true, wide: false, swap: false };
  if (r < 0.75) return { code: '1', total: 1, legal: true, wide: false, swap: true };
  if (r < 0.83) return { code: '2', total: 2, legal: true, wide: false, swap: false };
  if (r < 0.845) return { code: '3', total: 3, legal: true, wide: false, swap: true };
  if (r < 0.94) return { code: '4', total: 4, legal: true, wide: false, swap: false };
  return { code: '6', total: 6, legal: true, wide: false, swap: false };
}

/** Enters one ball (or the end of an over) as the scorer's keyboard screen sends it, then follows the match's status. */
async function enterOne(): Promise<void> {
  const m = liveMatch!;
  const c = crease!;
  const bowler = c.bowlers[c.over % c.bowlers.length]!;
  const bowlingTeam = m.tally.at(-1)!.team === m.teams[0] ? m.teams[1] : m.teams[0];
  const e = nextEntry(c, bowler, m.squads[bowlingTeam]!);
  sentAt.set(`${m.id}:${m.seq + 1}`, performance.now());
  const answer = await scorerPost('scorer', `/newsroom/matches/${m.id}/entry`, {
    code: e.code, expectedSeq: m.seq, striker: c.striker, nonStriker: c.nonStriker, bowler,
    ...(e.wicket ? { wicketKind: e.wicket.wicketKind, playerOut: c.striker, ...(e.wicket.fielder ? { fielder: e.wicket.fielder } : {}) } : {}),
  });
  if (!answer) return;
  m.seq = answer.seq;
  scorerCounts.entries++;
  const tally = m.tally.at(-1)!;
  if (e.code === 'o') {
    scorerCounts.overs++;
    c.over++;
    c.legalThisOver = 0;
    [c.striker, c.nonStriker] = [c.nonStriker, c.striker];
  } else {
    scorerCounts.balls++;
    tally.runs += e.total;
    if (e.legal) {
      tally.legalBalls++;
      c.legalThisOver++;
    }
    if (e.wide) {
      tally.wides++;
      scorerCounts.wides++;
    }
    if (e.swap) [c.striker, c.nonStriker] = [c.nonStriker, c.striker];
    if (e.wicket) {
      tally.wickets++;
      scorerCounts.wickets++;
      // The new batter takes strike; after the tenth wicket nobody is left and the innings is over.
      if (c.next < c.order.length) c.striker = c.order[c.next++]!;
    }
  }
  if (answer.status === 'innings break') {
    note(`scorer: match ${m.id} innings ${m.tally.length} over at ${tally.runs}/${tally.wickets}`);
    // After two innings an innings break means a tie awaiting a Super Over: the soak moves on to a new match.
    if (m.tally.length < 2) await startInnings();
    else crease = null;
  } else if (answer.status !== 'live') {
    note(`scorer: match ${m.id} ${answer.status} at ${tally.runs}/${tally.wickets}`);
    crease = null;
  }
}

async function scorerLoop(): Promise<void> {
  const until = deadline - SCORER_QUIET_MS;
  while (running() && Date.now() < until && scorer) {
    if (!liveMatch || liveMatch.uncertain || !crease) {
      try {
        if (liveMatch?.uncertain) note(`scorer: leaving match ${liveMatch.id}: ${liveMatch.uncertain}`);
        await newMatch();
      } catch (e) {
        scorerFailed((e as Error).message);
        await sleep(2000);
      }
      continue;
    }
    await enterOne();
    const pause = Date.now() + 1000 + Math.random() * 1000;
    while (running() && Date.now() < pause) await sleep(Math.min(250, pause - Date.now()));
  }
}

// The scorer is set up before the load starts: a staff editor from the CLI, signed in over HTTP, and a
// match created and opened at the scorer's desk.
if (importedMatchId !== null || present.includes('/api/v1/matches')) {
  try {
    const c = cli(['user', 'add', '--email', SCORER_EMAIL, '--name', 'Soak Scorer', '--role', 'editor', '--password', SCORER_PASSWORD, '--data', dataDir]);
    const { code } = await c.exited;
    if (code !== 0) throw new Error(`samachar user add failed (${code}): ${c.stderr().slice(-300)}`);
    scorer = await signInEditor(base, SCORER_EMAIL, SCORER_PASSWORD);
    await newMatch();
    if (!crease) throw new Error(`match ${liveMatch!.id}: the innings could not be started (${scorerFailures.at(-1) ?? ''})`);
    console.log(`scorer: ${SCORER_EMAIL} signed in; live match ${liveMatch!.id} (${liveMatch!.teams.join(' vs ')}, ${OVERS} overs) open, SSE clients follow it`);
  } catch (e) {
    scorerFailed(`scorer setup: ${(e as Error).message}`);
    console.log(`scorer: setup failed, no live scoring: ${(e as Error).message}`);
    scorer = null;
  }
}

function readerPath(): { kind: string; path: string } {
  const r = Math.random();
  const a = articles[Math.floor(Math.random() * articles.length)]!;
  if (r < 0.4) return { kind: 'article', path: new URL(a.url).pathname };
  if (r < 0.52) return { kind: 'home', path: '/' };
  if (r < 0.64) return { kind: 'desk', path: `/${a.desk.slug}` };
  if (r < 0.7 && a.tags[0]) return { kind: 'tag', path: `/tag/${a.tags[0].slug}` };
  if (r < 0.74 && a.authors[0]) return { kind: 'author', path: `/author/${a.authors[0].slug}` };
  if (r < 0.84) return { kind: 'api', path: Math.random() < 0.5 ? `/api/v1/articles/${a.id}` : `/api/v1/articles?page=${1 + Math.floor(Math.random() * 3)}` };
  const extra = [...present, ...matchPaths, ...(liveMatch ? [`/api/v1/matches/${liveMatch.id}`, `/live/cricket/${liveMatch.id}`] : [])];
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
/** One SSE client's view of the match it follows: the last seq it has, and any seq it skipped or saw twice. */
interface SseWatch {
  match: number | null;
  lastSeq: number;
  connected: boolean;
  connectedAtEnd: boolean;
  resumes: number;
  gaps: string[];
}
const watches: SseWatch[] = [];
/** Ball sent → frame received, for frames that reached an open connection (not a resume's catch-up). */
const liveDelays: number[] = [];
const deliveries = new Map<string, number[]>();
/** The match the readers follow: the scorer's, else the imported one. */
const followed = () => liveMatch?.id ?? importedMatchId;

async function sseClient(w: SseWatch): Promise<void> {
  while (running() && followed() !== null) {
    const matchId = followed()!;
    const ssePath = `/api/v1/matches/${matchId}/events`;
    if (w.match !== matchId) {
      w.match = matchId;
      w.lastSeq = 0;
    }
    const ctrl = new AbortController();
    // Leave when the soak ends or the scorer has moved on to a new match.
    const stopTimer = setInterval(() => (!running() || followed() !== matchId) && ctrl.abort(), 250);
    try {
      sseConnects++;
      // A returning reader resumes where it left off, as EventSource does with Last-Event-ID.
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (w.lastSeq > 0) {
        headers['last-event-id'] = String(w.lastSeq);
        w.resumes++;
      }
      const r = await fetch(base + ssePath, { signal: ctrl.signal, headers });
      record('sse-connect', ssePath, 0, r.status);
      if (r.status !== 200 || !r.body) {
        await r.arrayBuffer().catch(() => {});
        await new Promise((res) => setTimeout(res, 2000));
        continue;
      }
      const openedAt = performance.now();
      w.connected = true;
      const dec = new TextDecoder();
      let buffer = '';
      for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += dec.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          sseEvents += (frame.match(/^(data|event):/gm) ?? []).length;
          const id = /^id: ?(\d+)$/m.exec(frame);
          if (!id) continue;
          const seq = Number(id[1]);
          if (w.lastSeq > 0 && seq !== w.lastSeq + 1 && w.gaps.length < 20) w.gaps.push(`match ${matchId}: ${w.lastSeq} then ${seq}`);
          w.lastSeq = Math.max(w.lastSeq, seq);
          const key = `${matchId}:${seq}`;
          const sent = sentAt.get(key);
          if (sent !== undefined && sent >= openedAt) {
            const ms = performance.now() - sent;
            liveDelays.push(ms);
            let d = deliveries.get(key);
            if (!d) deliveries.set(key, (d = []));
            d.push(ms);
          }
        }
        // Readers come and go: each connection lasts a while, then reconnects.
        if (Math.random() < 0.02) ctrl.abort();
      }
    } catch (e) {
      if (running() && (e as Error).name !== 'AbortError') record('sse-connect', ssePath, 0, null, (e as Error).name);
    } finally {
      clearInterval(stopTimer);
      if (!running()) w.connectedAtEnd = w.connected;
      w.connected = false;
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
  console.log(`  ${t.toFixed(0).padStart(5)} s  rss ${mb(last.rss).toFixed(1)} MB  ${rps.toFixed(0)} req/s  total ${last.requests}  5xx ${fives}  editor acks ${editorAcks + (editor ? parseAcks(editor.lines()).length : 0)}  imports ${imports}  sse events ${sseEvents}  balls ${scorerCounts.balls}`);
};
// The soak's minutes count from here, after the scorer's setup.
deadline = Date.now() + MINUTES * 60_000;
trafficStart = Date.now();
sample();
const sampler = setInterval(sample, SAMPLE_EVERY_S * 1000);
const refresher = setInterval(() => void refreshArticles(), 20_000);

await Promise.all([
  ...Array.from({ length: READERS }, () => reader()),
  ...Array.from({ length: followed() !== null ? SSE_CLIENTS : 0 }, () => {
    const w: SseWatch = { match: null, lastSeq: 0, connected: false, connectedAtEnd: false, resumes: 0, gaps: [] };
    watches.push(w);
    return sseClient(w);
  }),
  scorerLoop(),
  webhookLoop(),
  importLoop(),
]);
stopping = true;
clearInterval(sampler);
clearInterval(refresher);
sample();

// ------------------------------------------------------------------ the live match: delivery and scorecard

/** Problems that fail the soak, and lines for the report. */
const liveProblems: string[] = [];
const liveLines: string[] = [];
// (A cast: TypeScript cannot see that the scorer's functions assigned it.)
const final = liveMatch as LiveMatch | null;
if (scorer && final) {
  const reached = watches.filter((w) => w.match === final.id && w.lastSeq === final.seq);
  const behind = watches.filter((w) => !reached.includes(w)).map((w) => `match ${w.match} seq ${w.lastSeq}${w.connectedAtEnd ? '' : ' (not connected)'}`);
  const gaps = watches.flatMap((w) => w.gaps);
  const lastBall = (deliveries.get(`${final.id}:${final.seq}`) ?? []).sort((a, b) => a - b);
  const delays = [...liveDelays].sort((a, b) => a - b);
  const withinSecond = delays.filter((d) => d <= 1000).length;
  liveLines.push(
    `SSE delivery: final match ${final.id} at seq ${final.seq}: ${reached.length}/${watches.length} clients reached it (${watches.filter((w) => w.connectedAtEnd).length} connected at the end), ${gaps.length} gaps, ${watches.reduce((n, w) => n + w.resumes, 0)} resumes with Last-Event-ID; ` +
      `last entry reached ${lastBall.length} open connections live, slowest ${fmtMs(lastBall.at(-1) ?? 0)}`,
    `SSE ball → reader (live connections): ${delays.length} deliveries, p50 ${fmtMs(pct(delays, 50))}, p99 ${fmtMs(pct(delays, 99))}, max ${fmtMs(delays.at(-1) ?? 0)}; ${delays.length ? ((100 * withinSecond) / delays.length).toFixed(2) : '0'}% within 1 s`,
  );
  if (final.uncertain) liveProblems.push(`the final match's last seq is unknown (${final.uncertain}), so the delivery check cannot be trusted`);
  if (behind.length) liveProblems.push(`${behind.length} SSE clients did not reach match ${final.id} seq ${final.seq}: ${behind.slice(0, 5).join(', ')}`);
  if (gaps.length) liveProblems.push(`SSE clients skipped or repeated entries: ${gaps.slice(0, 5).join('; ')}`);
  if (delays.length === 0) liveProblems.push('no ball reached an SSE client live');

  // The scorecard JSON must add up to what was entered, innings by innings.
  type Card = { innings: { team: string; runs: number; wickets: number; overs: string; extras: { wides: number } }[] };
  const cardOf = async (id: number): Promise<string> => {
    const r = await fetch(`${base}/api/v1/matches/${id}`, { signal: AbortSignal.timeout(20_000) });
    if (!r.ok) return `HTTP ${r.status}`;
    return ((await r.json()) as Card).innings.map((i) => `${i.team} ${i.runs}/${i.wickets} (${i.overs} ov, ${i.extras.wides} wd)`).join('; ');
  };
  for (const m of liveMatches) {
    if (m.uncertain && m !== final) {
      liveLines.push(`scorecard: match ${m.id} not checked: ${m.uncertain}`);
      continue;
    }
    const want = m.tally.map((t) => `${t.team} ${t.runs}/${t.wickets} (${Math.floor(t.legalBalls / 6)}.${t.legalBalls % 6} ov, ${t.wides} wd)`).join('; ');
    const got = await cardOf(m.id).catch((e: Error) => `no answer (${e.name})`);
    if (got === want) {
      liveLines.push(`scorecard: match ${m.id}: ${got}, as entered`);
      continue;
    }
    // The page cache keeps a match's JSON for up to 10 s; a purge missed would show here.
    await sleep(11_000);
    const later = await cardOf(m.id).catch((e: Error) => `no answer (${e.name})`);
    liveProblems.push(`scorecard of match ${m.id}: entered ${want}; the JSON said ${got}${later === got ? '' : `, and 11 s later ${later}`}`);
  }
}

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
console.log(`scorer: ${scorerCounts.entries} entries (${scorerCounts.balls} balls, ${scorerCounts.overs} overs called, ${scorerCounts.wickets} wickets, ${scorerCounts.wides} wides) in ${scorerCounts.innings} innings of ${scorerCounts.matches} matches; ${scorerFailureCount} refused or unanswered${scorerFailures.length ? `:\n  ${scorerFailures.slice(0, 20).join('\n  ')}` : ''}`);
for (const line of liveLines) console.log(line);
if (liveProblems.length) console.log(`live problems:\n  ${liveProblems.join('\n  ')}`);
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
const failed = fivexx > 0 || netErr > 0 || editorFailures > 0 || importFailures > 0 || problems.length > 0 || serverDied !== null || scorerFailureCount > 0 || liveProblems.length > 0;
console.log(failed ? 'RESULT: FAILED' : 'RESULT: ok');
if (!keep) rmSync(dataDir, { recursive: true, force: true });
else console.log(`data kept in ${dataDir}`);
process.exit(failed ? 1 : 0);
