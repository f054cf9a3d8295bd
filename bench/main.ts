/**
 * `npm run bench`: seeds a store with N stories (default 100,000) and measures, in one run, every target of
 * DESIGN.md section 6, each beside a bare node:http server serving the same bytes where that makes sense,
 * and prints one table (requests per second, p50, p99, ratio to the bare server, memory, target, met?).
 * It measures and reports; it never fails on a timing.
 *
 *   npm run bench -- [--n 100000] [--seconds 8] [--connections 50] [--pg-n 20000] [--readers 10000]
 *                    [--no-pg] [--no-live]
 *
 * Parts: the store (seed, search index), cold start, the article page from the cache and a bare server
 * with its bytes, uncached renders (article, home, desk), search over HTTP, page weight before images,
 * publish-to-visible on one instance (SQLite) and across two instances on PostgreSQL (a store of
 * --pg-n stories: seeding PostgreSQL takes minutes per 100,000), and the live fan-out to --readers SSE
 * readers (bench/live-sse.ts, beside its bare node:http SSE yardstick). Load generators and SSE readers
 * run in processes of their own.
 */
import { existsSync, mkdtempSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, cpus, totalmem, loadavg } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync, fork } from 'node:child_process';
import { brotliCompressSync } from 'node:zlib';
import { openSqlite, openPostgres, migrateToLatest, type Store } from '../src/storage/index.js';
import { seedArticles } from './seed.js';
import { searchBoxMix } from './generate.js';
import { reindexAll } from '../src/search/index.js';
import { load, rssOf, stop, waitFor, type LoadResult } from './util.js';
import { freePort } from '../test/helpers/ports.js';
import { publishToVisible, signInEditor, type VisibleResult } from './publish.js';

const argv = process.argv.slice(2);
function flag(name: string, dflt: number): number {
  const i = argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(argv[i + 1]) : dflt;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a number`);
  return v;
}
const N = flag('n', 100_000);
const SECONDS = flag('seconds', 8);
const CONN = flag('connections', 50);
const PG_N = Math.min(N, flag('pg-n', 20_000));
const READERS = flag('readers', 10_000);
const root = new URL('..', import.meta.url).pathname;
const BIN = join(root, 'bin/samachar.js');
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
if (!existsSync(join(root, 'dist', 'samachar.mjs'))) {
  console.log('building (npm run build) …');
  if (spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root }).status !== 0) throw new Error('build failed');
}
const EDITOR = { email: 'bench-editor@example.com', password: 'bench-password-long-enough', name: 'Bench Editor' };

interface Row { measure: string; rps?: number; p50?: number; p99?: number; vsBare?: string; memory?: string; value?: string; target: string; met?: boolean | null }
const rows: Row[] = [];
const row = (r: Row) => {
  rows.push(r);
  const perf = [r.rps !== undefined ? `${r.rps} req/s` : '', r.p50 !== undefined ? `p50 ${r.p50} ms, p99 ${r.p99} ms` : '', r.value ?? ''].filter(Boolean).join(', ');
  console.log(`  ${r.measure}: ${perf}${r.vsBare ? `, ${r.vsBare} of bare` : ''}${r.memory ? `, ${r.memory}` : ''}   (target ${r.target}${r.met === undefined || r.met === null ? '' : r.met ? ': met' : ': NOT met'})`);
};
const perf = (r: LoadResult) => ({ rps: r.rps, p50: r.p50, p99: r.p99 });
const errorsOf = (r: LoadResult) => (r.errors || r.non2xx ? ` (${r.errors} errors, ${r.non2xx} non-2xx)` : '');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load ${loadavg()[0]!.toFixed(1)}`);

// ------------------------------------------------------------------ the store
const dataDir = mkdtempSync(join(tmpdir(), 'samachar-bench-'));
console.log(`seeding ${N} stories into ${dataDir} …`);
const t0 = performance.now();
const store = openSqlite(join(dataDir, 'samachar.db'));
await migrateToLatest(store);
await seedArticles(store, N, (d) => { if (d % 20000 === 0) console.log(`  ${d}`); });
const seedS = (performance.now() - t0) / 1000;
// Stories saved through the newsroom are indexed as they are saved; seeded rows are indexed here, so that
// the server does not spend the measurement catching up.
const t1 = performance.now();
await reindexAll(store);
const indexS = (performance.now() - t1) / 1000;
await store.close();
row({ measure: 'seed', value: `${N} stories in ${seedS.toFixed(1)} s, store ${mb(statSync(join(dataDir, 'samachar.db')).size)}`, target: '—' });
row({ measure: 'search index build', value: `${indexS.toFixed(1)} s`, target: '—' });
const cli = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`samachar ${args.join(' ')}: ${r.stderr}`);
};
cli(['user', 'add', '--email', EDITOR.email, '--name', EDITOR.name, '--role', 'editor', '--password', EDITOR.password, '--data', dataDir]);

// ------------------------------------------------------------------ cold start
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const startedAt = performance.now();
const server = spawn(process.execPath, [BIN, 'serve', '--no-demo', '--port', String(port), '--data', dataDir], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn', BASE_URL: base } });
// A run that fails half-way does not leave its server behind.
process.on('exit', () => server.kill('SIGKILL'));
await waitFor(`${base}/`);
const coldMs = Math.round(performance.now() - startedAt);
row({ measure: 'cold start to first page', value: `${coldMs} ms (${N} stories; process spawn → home page served)`, target: '< 1000 ms', met: coldMs < 1000 });

// ------------------------------------------------------------------ cached article vs bare node:http
const list = (await (await fetch(`${base}/api/v1/articles?limit=50`)).json()) as { articles: { url: string; access: string }[] };
const articlePath = new URL(list.articles.find((a) => a.access === 'free')!.url).pathname;
const page = await fetch(base + articlePath, { headers: { 'accept-encoding': 'identity' } });
const bytes = Buffer.from(await page.arrayBuffer());
const headers: Record<string, string> = {};
for (const h of ['content-type', 'cache-control', 'etag', 'content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'permissions-policy', 'cross-origin-opener-policy', 'surrogate-key', 'vary']) {
  const v = page.headers.get(h);
  if (v) headers[h] = v;
}
const cached = await load(base + articlePath, CONN, SECONDS);
const rssCached = rssOf(server.pid!);
const bodyFile = join(dataDir, 'page.html');
writeFileSync(bodyFile, bytes);
const barePort = await freePort();
const bare = fork(new URL('./bare-server.ts', import.meta.url).pathname, [String(barePort), bodyFile, JSON.stringify(headers)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
await new Promise((r) => bare.once('message', r));
const bareRes = await load(`http://127.0.0.1:${barePort}${articlePath}`, CONN, SECONDS);
const rssBare = rssOf(bare.pid!);
await stop(bare);
const ratio = cached.rps / bareRes.rps;
row({ measure: `article page from cache (${CONN} connections)${errorsOf(cached)}`, ...perf(cached), vsBare: `${(ratio * 100).toFixed(0)} %`, memory: `RSS ${mb(rssCached)}`, target: '≥ 80 % of bare node:http', met: ratio >= 0.8 });
row({ measure: `bare node:http, same ${bytes.length} bytes and headers`, ...perf(bareRes), memory: `RSS ${mb(rssBare)}`, target: '—' });

// ------------------------------------------------------------------ uncached renders
// A session cookie bypasses the page cache; 1,000 different stories, so that nothing is warm by chance.
const paths = [] as string[];
const pagesOf100 = Math.max(1, Math.floor(N / 100));
for (let p = 1; p <= 10; p++) {
  const l = (await (await fetch(`${base}/api/v1/articles?limit=100&page=${1 + Math.floor(((p - 1) * pagesOf100) / 10)}`)).json()) as { articles: { url: string }[] };
  paths.push(...l.articles.map((a) => new URL(a.url).pathname));
}
const noCache = { cookie: 'sm_reader=bench-no-session' };
const uncached = await load(base + paths[0]!, CONN, SECONDS, paths, noCache);
row({ measure: `article page uncached (${CONN} connections, ${paths.length} stories)${errorsOf(uncached)}`, ...perf(uncached), vsBare: `${((uncached.rps / bareRes.rps) * 100).toFixed(1)} %`, target: `p99 < 20 ms at ${CONN} connections`, met: uncached.p99 < 20 });
const uncached1 = await load(base + paths[0]!, 1, Math.max(3, SECONDS / 2), paths, noCache);
row({ measure: 'article page uncached (1 connection: the render itself)', ...perf(uncached1), target: '—' });
const home = await load(`${base}/`, CONN, Math.max(3, SECONDS / 2), ['/'], noCache);
row({ measure: `home page uncached (${CONN} connections)${errorsOf(home)}`, ...perf(home), target: '—' });
const desk = await load(`${base}/sports`, CONN, Math.max(3, SECONDS / 2), ['/sports', '/national', '/business', '/tech'], noCache);
row({ measure: `desk pages uncached (${CONN} connections)${errorsOf(desk)}`, ...perf(desk), target: '—' });

// ------------------------------------------------------------------ search over HTTP
const queries = searchBoxMix(4242, N, 600).map((q) => `/search?q=${encodeURIComponent(q)}`);
const search = await load(base + queries[0]!, 4, SECONDS, queries, noCache);
row({ measure: `search page, 600 mixed queries (4 connections)${errorsOf(search)}`, ...perf(search), value: `p95 ${search.p95} ms`, target: 'p95 < 30 ms', met: search.p95 < 30 });

// ------------------------------------------------------------------ page weight before images
const weight = await pageWeight(base, articlePath);
row({ measure: 'article page weight before images (brotli)', value: weight.detail, target: '< 100 KB', met: weight.total < 100 * 1024 });

// ------------------------------------------------------------------ publish to visible, one instance
const editor = await signInEditor(base, EDITOR.email, EDITOR.password);
const one: VisibleResult = await publishToVisible(editor, base, { deskId: 3, deskSlug: 'sports', tagName: 'टैग 7', tagSlug: 'tag-7', headline: `एक सर्वर पर प्रकाशित बेंचमार्क ख़बर ${Date.now()}` });
row({ measure: 'publish → visible, one instance (SQLite)', value: `${fmtPages(one)}; publish request ${one.publishMs.toFixed(0)} ms`, target: '< 1 s on every page', met: one.worst < 1000 });
row({ measure: 'server memory (RSS) after the run', value: mb(rssOf(server.pid!)), target: '—' });
await stop(server);
rmSync(dataDir, { recursive: true, force: true });

// ------------------------------------------------------------------ publish to visible, across instances
if (!argv.includes('--no-pg')) {
  try {
    await acrossInstances();
  } catch (e) {
    row({ measure: 'publish → visible, across instances (PostgreSQL)', value: `not measured: ${(e as Error).message}`, target: '< 1 s', met: null });
  }
}

// ------------------------------------------------------------------ live fan-out
if (!argv.includes('--no-live') && READERS > 0) {
  const ours = liveSse(['--readers', String(READERS)]);
  const yard = liveSse(['--readers', String(READERS), '--bare']);
  if (ours) row({ measure: `live: ball → last of ${READERS} SSE readers, one process`, p50: Number(ours.p50), p99: Number(ours.p99), value: `${ours.perReader} per reader${yard ? `; bare node:http SSE server: p50 ${yard.p50} ms, p99 ${yard.p99} ms` : ''}`, target: 'p99 < 1 s', met: Number(ours.p99) < 1000 });
  else row({ measure: 'live SSE fan-out', value: 'not measured (bench/live-sse.ts failed; see its output above)', target: 'p99 < 1 s', met: null });
}

// ------------------------------------------------------------------ the table
console.log(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; load average at the end ${loadavg()[0]!.toFixed(1)}`);
console.log('\n| measure | req/s | p50 ms | p99 ms | vs bare | memory / detail | target | met |\n|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.measure} | ${r.rps ?? ''} | ${r.p50 ?? ''} | ${r.p99 ?? ''} | ${r.vsBare ?? ''} | ${[r.memory, r.value].filter(Boolean).join('; ')} | ${r.target} | ${r.met === undefined || r.met === null ? '' : r.met ? 'yes' : 'no'} |`);
}

// ------------------------------------------------------------------ helpers

function fmtPages(v: VisibleResult): string {
  return Object.entries(v.pages).map(([k, ms]) => `${k} ${ms < 0 ? 'never' : `${ms.toFixed(0)} ms`}`).join(', ');
}

/** The article's HTML and every stylesheet, script and preloaded font it references, as transferred with brotli. */
async function pageWeight(origin: string, path: string): Promise<{ total: number; detail: string }> {
  const res = await fetch(origin + path, { headers: { 'accept-encoding': 'br' } });
  const html = await res.text();
  const parts: [string, number][] = [['HTML', brotliCompressSync(Buffer.from(html)).length]];
  const refs = new Set<string>();
  for (const m of html.matchAll(/<link[^>]+rel="(?:stylesheet|preload)"[^>]*>/g)) {
    const href = /href="([^"]+)"/.exec(m[0])?.[1];
    if (href?.startsWith('/assets/')) refs.add(href);
  }
  for (const m of html.matchAll(/<script[^>]+src="(\/assets\/[^"]+)"/g)) refs.add(m[1]!);
  for (const href of refs) {
    // The size on the wire: the precompressed copy where the server has one.
    const r = await fetch(origin + href, { headers: { 'accept-encoding': 'br' } });
    const body = Buffer.from(await r.arrayBuffer());
    const wire = r.headers.get('content-encoding') === 'br' ? Number(r.headers.get('content-length') ?? 0) || brotliCompressSync(body).length : body.length;
    parts.push([href.replace(/^\/assets\//, '').replace(/\.[0-9a-f]{12}\./, '.'), wire]);
  }
  const total = parts.reduce((s, [, n]) => s + n, 0);
  return { total, detail: `${(total / 1024).toFixed(1)} KB: ${parts.map(([k, n]) => `${k} ${(n / 1024).toFixed(1)}`).join(', ')}` };
}

async function acrossInstances(): Promise<void> {
  const { pgDatabase } = await import('../test/reliability/helpers.js');
  const db = await pgDatabase(PG_URL);
  const servers: ReturnType<typeof spawn>[] = [];
  try {
    console.log(`PostgreSQL: seeding ${PG_N} stories into database ${db.name} …`);
    const pgStore: Store = openPostgres(db.url);
    await migrateToLatest(pgStore);
    await seedArticles(pgStore, PG_N);
    await reindexAll(pgStore);
    await pgStore.close();
    const env = { DATABASE_URL: db.url };
    cli(['user', 'add', '--email', EDITOR.email, '--name', EDITOR.name, '--role', 'editor', '--password', EDITOR.password], env);
    const dirs = [mkdtempSync(join(tmpdir(), 'samachar-bench-a-')), mkdtempSync(join(tmpdir(), 'samachar-bench-b-'))];
    const ports = [await freePort(), await freePort()];
    for (const [i, p] of ports.entries()) {
      servers.push(spawn(process.execPath, [BIN, 'serve', '--no-demo', '--port', String(p), '--data', dirs[i]!], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env, LOG_LEVEL: 'warn', BASE_URL: `http://127.0.0.1:${p}` } }));
    }
    for (const p of ports) await waitFor(`http://127.0.0.1:${p}/`);
    const [a, b] = ports.map((p) => `http://127.0.0.1:${p}`) as [string, string];
    const ed = await signInEditor(a, EDITOR.email, EDITOR.password);
    const v = await publishToVisible(ed, b, { deskId: 3, deskSlug: 'sports', tagName: 'टैग 7', tagSlug: 'tag-7', headline: `दूसरे सर्वर पर दिखी बेंचमार्क ख़बर ${Date.now()}` });
    row({ measure: `publish → visible, across instances (2 × serve on PostgreSQL, ${PG_N} stories; published on A, read on B)`, value: `${fmtPages(v)}; publish request ${v.publishMs.toFixed(0)} ms`, target: '< 1 s on every page', met: v.worst < 1000 });
    const cachedB = await load(`${b}/`, CONN, Math.max(3, SECONDS / 2));
    row({ measure: `home page from cache on instance B (PostgreSQL)${errorsOf(cachedB)}`, ...perf(cachedB), memory: `RSS ${mb(rssOf(servers[1]!.pid!))}`, target: '—' });
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  } finally {
    for (const s of servers) await stop(s);
    await db.drop().catch(() => {});
  }
}

/** Runs bench/live-sse.ts in processes of its own and reads its summary lines. */
function liveSse(args: string[]): { p50: string; p99: string; perReader: string } | null {
  console.log(`live SSE: npx tsx bench/live-sse.ts ${args.join(' ')} …`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/live-sse.ts'), ...args], { encoding: 'utf8', timeout: 10 * 60_000 });
  process.stdout.write(r.stdout.split('\n').filter((l) => l.startsWith('  ')).join('\n') + '\n');
  const p50 = /ball → last reader, p50\s+([\d.]+) ms/.exec(r.stdout)?.[1];
  const p99 = /ball → last reader, p99\s+([\d.]+) ms/.exec(r.stdout)?.[1];
  const perReader = /memory per reader\s+(.+)/.exec(r.stdout)?.[1]?.trim() ?? '?';
  if (r.status !== 0 || !p50 || !p99) {
    process.stderr.write(r.stderr.slice(-2000));
    return null;
  }
  return { p50, p99, perReader };
}
