/**
 * `npm run bench`: seeds a store with N stories (default 100,000) and measures the targets of DESIGN.md
 * section 6 that this program can be held to, each beside a bare node:http server where that makes
 * sense, in one run, printing a table. It measures and reports; it never fails on a timing.
 *
 *   npm run bench -- [--n 100000] [--seconds 10] [--connections 50]
 */
import { mkdtempSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { spawn, fork } from 'node:child_process';
import { openSqlite, migrateToLatest } from '../src/storage/index.js';
import { seedArticles } from './seed.js';
import { reindexAll } from '../src/search/index.js';
import { freePort, load, rssOf, stop, waitFor, type LoadResult } from './util.js';

function flag(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
const N = flag('n', 100_000);
const SECONDS = flag('seconds', 10);
const CONN = flag('connections', 50);
const root = new URL('..', import.meta.url).pathname;

const rows: { measure: string; value: string; target: string; note?: string }[] = [];
const row = (measure: string, value: string, target: string, note?: string) => {
  rows.push({ measure, value, target, ...(note ? { note } : {}) });
  console.log(`  ${measure}: ${value}   (target ${target})${note ? `  ${note}` : ''}`);
};
const fmt = (r: LoadResult) => `${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.errors || r.non2xx ? `, ${r.errors} errors, ${r.non2xx} non-2xx` : ''}`;

const dataDir = mkdtempSync(join(tmpdir(), 'samachar-bench-'));
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
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
row('search index build', `${indexS.toFixed(1)} s`, '—');
row('seed', `${N} stories in ${seedS.toFixed(1)} s, store ${(statSync(join(dataDir, 'samachar.db')).size / 1e6).toFixed(0)} MB`, '—');

// Cold start: from spawning the process to the first page served.
const port = await freePort();
const startedAt = performance.now();
const server = spawn(process.execPath, [join(root, 'bin/samachar.js'), 'serve', '--no-demo', '--port', String(port), '--data', dataDir], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn', BASE_URL: `http://127.0.0.1:${port}` } });
await waitFor(`http://127.0.0.1:${port}/`);
row('cold start to first page', `${Math.round(performance.now() - startedAt)} ms`, '< 1000 ms', `${N} stories`);

const base = `http://127.0.0.1:${port}`;
const list = (await (await fetch(`${base}/api/v1/articles?limit=50`)).json()) as { articles: { url: string; access: string }[] };
const free = list.articles.filter((a) => a.access === 'free').map((a) => new URL(a.url).pathname);
const articlePath = free[0]!;

// The article page from the cache, beside a bare node:http server serving the same bytes.
const page = await fetch(base + articlePath);
const bytes = Buffer.from(await page.arrayBuffer());
const headers: Record<string, string> = {};
for (const h of ['content-type', 'cache-control', 'etag', 'content-security-policy', 'x-content-type-options', 'referrer-policy', 'surrogate-key', 'vary']) {
  const v = page.headers.get(h);
  if (v) headers[h] = v;
}
const cached = await load(base + articlePath, CONN, SECONDS);
const bodyFile = join(dataDir, 'page.html');
writeFileSync(bodyFile, bytes);
const barePort = await freePort();
const bare = fork(new URL('./bare-server.ts', import.meta.url).pathname, [String(barePort), bodyFile, JSON.stringify(headers)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
await new Promise((r) => bare.once('message', r));
const bareRes = await load(`http://127.0.0.1:${barePort}${articlePath}`, CONN, SECONDS);
await stop(bare);
row('article page from cache', fmt(cached), '≥ 80% of bare node:http');
row('bare node:http, same bytes', fmt(bareRes), '—');
row('cached / bare', `${((cached.rps / bareRes.rps) * 100).toFixed(0)} %`, '≥ 80 %');

// The uncached path: a session cookie bypasses the page cache, over many different stories.
const paths = [] as string[];
for (let p = 1; p <= 10; p++) {
  const l = (await (await fetch(`${base}/api/v1/articles?limit=100&page=${p * 37}`)).json()) as { articles: { url: string }[] };
  paths.push(...l.articles.map((a) => new URL(a.url).pathname));
}
const uncached = await load(base + paths[0]!, CONN, SECONDS, paths, { cookie: 'sm_reader=bench-no-session' });
row('article page uncached (render + queries)', fmt(uncached), 'p99 < 20 ms at 50 connections');
const home = await load(`${base}/`, CONN, Math.max(3, SECONDS / 2), ['/'], { cookie: 'sm_reader=bench-no-session' });
row('home page uncached', fmt(home), '—');
row('server memory (RSS)', `${(rssOf(server.pid!) / 1e6).toFixed(0)} MB`, '—');

await stop(server);
rmSync(dataDir, { recursive: true, force: true });
console.log('\n| measure | value | target |\n|---|---|---|');
for (const r of rows) console.log(`| ${r.measure} | ${r.value}${r.note ? ` (${r.note})` : ''} | ${r.target} |`);
