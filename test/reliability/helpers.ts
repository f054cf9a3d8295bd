import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { openPostgres, openSqlite, type Store } from '../../src/storage/index.js';
import { TEST_PG_URL } from '../helpers/stores.js';

/**
 * Helpers for the reliability tests: real child processes (the CLI and a writer run from sources),
 * killed with SIGKILL, and checks that the store they leave behind is consistent. Every child and temp
 * directory is registered here so that a test's `after` can remove them even when it failed.
 */

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'src', 'cli', 'main.ts');
export const WRITER = join(ROOT, 'test', 'reliability', 'writer.ts');

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until `cond` holds, polling every 50 ms; fails after `timeoutMs` with `what`. */
export async function until(cond: () => boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}
export const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

// ------------------------------------------------------------------ temp dirs and cleanup

const tempDirs = new Set<string>();
const children = new Set<Child>();

export function tempDir(prefix = 'rel'): string {
  const d = mkdtempSync(join(tmpdir(), `samachar-${prefix}-`));
  tempDirs.add(d);
  return d;
}

/** Kills every child still running and removes every temp dir this test file made. */
export async function cleanupAll(): Promise<void> {
  await Promise.all([...children].map((c) => c.kill9()));
  for (const d of tempDirs) {
    unmountUnder(d);
    rmSync(d, { recursive: true, force: true });
  }
  tempDirs.clear();
}
// A test process that dies on an assertion still must not leave writers or servers behind.
process.once('exit', () => {
  for (const c of children) if (c.running) c.proc.kill('SIGKILL');
});

// ------------------------------------------------------------------ child processes

export interface Child {
  proc: ChildProcess;
  readonly pid: number;
  readonly running: boolean;
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Complete stdout lines so far (a line cut by a kill is not included). */
  lines(): string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first stdout line matching `re`; rejects when the child exits first or on timeout. */
  waitForLine(re: RegExp, timeoutMs?: number): Promise<string>;
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const CHILD_ENV_CLEAR = ['DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST', 'BASE_URL', 'WORKERS', 'SAMACHAR_DEMO'];

function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const k of CHILD_ENV_CLEAR) delete out[k];
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** Runs a TypeScript file from the sources (node --import tsx FILE …) as a child process. */
export function spawnTs(file: string, args: string[], env: Record<string, string | undefined> = {}): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let running = true;
  const waiters = new Set<() => void>();
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    for (const w of waiters) w();
  });
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    if (err.length > 200_000) err = err.slice(-100_000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => {
    proc.once('exit', (code, signal) => {
      running = false;
      children.delete(child);
      for (const w of waiters) w();
      // Let the pipes drain what was written before the exit.
      setImmediate(() => res({ code, signal }));
    });
  });
  const child: Child = {
    proc,
    get pid() {
      return proc.pid!;
    },
    get running() {
      return running;
    },
    stdout: () => out,
    stderr: () => err,
    lines: () => {
      const all = out.split('\n');
      all.pop();
      return all;
    },
    exited,
    waitForLine(re, timeoutMs = 30_000) {
      return new Promise((res, rej) => {
        const check = () => {
          const hit = child.lines().find((l) => re.test(l));
          if (hit !== undefined) return done(() => res(hit));
          if (!running) return done(() => rej(new Error(`child ${proc.pid} exited before printing ${re}\nstdout: ${out.slice(-2000)}\nstderr: ${err.slice(-4000)}`)));
        };
        const timer = setTimeout(() => done(() => rej(new Error(`timed out after ${timeoutMs} ms waiting for ${re}\nstdout: ${out.slice(-2000)}\nstderr: ${err.slice(-4000)}`))), timeoutMs);
        const done = (f: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          f();
        };
        waiters.add(check);
        check();
      });
    },
    async kill9() {
      if (running) proc.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (!running) return void (await exited);
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(t);
    },
  };
  children.add(child);
  return child;
}

/** `samachar …` from the sources, as the brief's operators would run it. */
export function spawnCli(args: string[], env: Record<string, string | undefined> = {}): Child {
  return spawnTs(CLI, args, env);
}

export async function runCli(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const c = spawnCli(args, env);
  const t = setTimeout(() => void c.kill9(), timeoutMs);
  const { code } = await c.exited;
  clearTimeout(t);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
}

import { freePort } from '../helpers/ports.js';

/** Polls `url` until it answers 200; fails early when `child` exits. */
export async function waitForHttp(url: string, opts: { timeoutMs?: number; child?: Child } = {}): Promise<void> {
  const until = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (opts.child && !opts.child.running) throw new Error(`server exited before answering ${url}\nstderr: ${opts.child.stderr().slice(-4000)}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await r.arrayBuffer();
      if (r.status === 200) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not answer 200 in time${opts.child ? `\nstderr: ${opts.child.stderr().slice(-4000)}` : ''}`);
    await sleep(100);
  }
}

export interface Server {
  child: Child;
  base: string;
  port: number;
}

/** Starts `samachar serve` from the sources on a free port and waits until /healthz answers 200. */
export async function startServe(opts: { dataDir: string; demo?: boolean; env?: Record<string, string | undefined>; port?: number; timeoutMs?: number }): Promise<Server> {
  const port = opts.port ?? (await freePort());
  const args = ['serve', '--port', String(port), '--host', '127.0.0.1', '--data', opts.dataDir, ...(opts.demo === false ? ['--no-demo'] : [])];
  const child = spawnCli(args, opts.env ?? {});
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/healthz`, { child, timeoutMs: opts.timeoutMs ?? 90_000 });
  return { child, base, port };
}

// ------------------------------------------------------------------ the writer child

export interface Ack {
  kind: 'C' | 'U';
  id: number;
  externalId: string;
  version: number;
}

/** ACK lines printed by writer.ts after each save resolved. */
export function parseAcks(lines: string[]): Ack[] {
  const out: Ack[] = [];
  for (const l of lines) {
    const m = /^ACK ([CU]) (\d+) (\S+) (\d+)$/.exec(l);
    if (m) out.push({ kind: m[1] as 'C' | 'U', id: Number(m[2]), externalId: m[3]!, version: Number(m[4]) });
  }
  return out;
}

export interface StoreTarget {
  /** SQLite file, or a PostgreSQL URL (and a schema, when not the default one). */
  sqlite?: string;
  pg?: { url: string; schema?: string };
}

export function writerArgs(target: StoreTarget, opts: { prefix: string; concurrency?: number; count?: number; pauseMs?: number; updates?: number }): string[] {
  const where = target.sqlite ? ['--sqlite', target.sqlite] : ['--pg', target.pg!.url, ...(target.pg!.schema ? ['--schema', target.pg!.schema] : [])];
  return [
    ...where,
    '--prefix', opts.prefix,
    '--concurrency', String(opts.concurrency ?? 2),
    ...(opts.count !== undefined ? ['--count', String(opts.count)] : []),
    ...(opts.pauseMs !== undefined ? ['--pause', String(opts.pauseMs)] : []),
    ...(opts.updates !== undefined ? ['--updates', String(opts.updates)] : []),
  ];
}

export function spawnWriter(target: StoreTarget, opts: Parameters<typeof writerArgs>[1]): Child {
  return spawnTs(WRITER, writerArgs(target, opts));
}

/** The externalId a writer gives a story encodes how many tags and authors it must have. */
export const WRITER_EXTERNAL_ID = /^([a-z0-9]+)-(\d+)-t(\d+)-a(\d+)$/;

// ------------------------------------------------------------------ stores and consistency

export function openTarget(target: StoreTarget): Store {
  return target.sqlite ? openSqlite(target.sqlite) : openPostgres(target.pg!.url, { ...(target.pg!.schema ? { schema: target.pg!.schema } : {}), max: 3 });
}

/** A PostgreSQL schema of its own on the shared test server, and a URL whose connections use it (for the CLI). */
export async function pgSchema(baseUrl = TEST_PG_URL): Promise<{ url: string; schemaUrl: string; schema: string; drop(): Promise<void> }> {
  const schema = `rel_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return {
    url: baseUrl,
    schema,
    schemaUrl: withSearchPath(baseUrl, schema),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

/**
 * A PostgreSQL database of its own on the shared test server, for child processes that honour only
 * DATABASE_URL. A database rather than a schema: Kysely's migrator looks at every schema in the database
 * it migrates, and other test runs create and drop schemas in the shared one all the time.
 */
export async function pgDatabase(baseUrl = TEST_PG_URL): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `samachar_rel_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name}`);
        break;
      } catch (e) {
        // "source database template1 is being accessed by other users": another run is creating one too.
        if (attempt >= 10) throw e;
        await sleep(200 + Math.random() * 500);
      }
    }
  } finally {
    await admin.end();
  }
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** pg reads libpq's `options` from the URL, so `-c search_path=…` selects a schema for a process that only honours DATABASE_URL. */
export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/**
 * Every way the content tables can be inconsistent after a crash: dangling references, duplicates, and
 * stories that a writer saved only in part (its externalId says how many tags and authors it must have).
 * Returns a list of problems, empty when the store is consistent.
 */
export async function storeProblems(store: Store): Promise<string[]> {
  const db = store.db;
  const problems: string[] = [];
  const q = async (label: string, query: ReturnType<typeof sql<{ n: number | string }>>) => {
    const r = await query.execute(db);
    const n = Number(r.rows[0]?.n ?? 0);
    if (n !== 0) problems.push(`${label}: ${n}`);
  };
  if (store.dialect === 'sqlite') {
    const raw = (store as unknown as { raw: import('better-sqlite3').Database }).raw;
    const integrity = raw.pragma('integrity_check') as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') problems.push(`integrity_check: ${JSON.stringify(integrity.slice(0, 5))}`);
    const fk = raw.pragma('foreign_key_check') as unknown[];
    if (fk.length) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);
  }
  await q('article_tags without article', sql`select count(*) as n from article_tags t where not exists (select 1 from articles a where a.id = t.article_id)`);
  await q('article_tags without tag', sql`select count(*) as n from article_tags t where not exists (select 1 from tags g where g.id = t.tag_id)`);
  await q('article_authors without article', sql`select count(*) as n from article_authors t where not exists (select 1 from articles a where a.id = t.article_id)`);
  await q('article_authors without person', sql`select count(*) as n from article_authors t where not exists (select 1 from people p where p.id = t.person_id)`);
  await q('article_slugs without article', sql`select count(*) as n from article_slugs s where not exists (select 1 from articles a where a.id = s.article_id)`);
  await q('articles without desk', sql`select count(*) as n from articles a where not exists (select 1 from desks d where d.id = a.desk_id)`);
  await q('articles with a missing editor', sql`select count(*) as n from articles a where a.editor_id is not null and not exists (select 1 from people p where p.id = a.editor_id)`);
  await q('articles with a missing image', sql`select count(*) as n from articles a where a.image_id is not null and not exists (select 1 from images i where i.id = a.image_id)`);
  await q('duplicate article slugs', sql`select count(*) as n from (select slug from articles group by slug having count(*) > 1) d`);
  await q('duplicate externalIds', sql`select count(*) as n from (select external_id from articles where external_id is not null group by external_id having count(*) > 1) d`);
  await q('current slug also listed as an old slug', sql`select count(*) as n from article_slugs s join articles a on a.slug = s.slug`);

  const rows = await db
    .selectFrom('articles as a')
    .select(['a.id', 'a.external_id', 'a.headline', 'a.body_html', 'a.body_doc', 'a.version'])
    .select((eb) => [
      eb.selectFrom('article_tags').select(eb.fn.countAll().as('n')).whereRef('article_tags.article_id', '=', 'a.id').as('tags'),
      eb.selectFrom('article_authors').select(eb.fn.countAll().as('n')).whereRef('article_authors.article_id', '=', 'a.id').as('authors'),
    ])
    .execute();
  for (const r of rows) {
    if (!r.headline || !r.body_html) problems.push(`story ${r.id} has no headline or body`);
    try {
      const doc = JSON.parse(r.body_doc) as { type?: string };
      if (doc.type !== 'doc') problems.push(`story ${r.id} has a body that is not a document`);
    } catch {
      problems.push(`story ${r.id} has a body that is not JSON`);
    }
    const m = r.external_id ? WRITER_EXTERNAL_ID.exec(r.external_id) : null;
    if (!m) continue;
    if (Number(r.tags) !== Number(m[3])) problems.push(`story ${r.id} (${r.external_id}) has ${r.tags} tags, expected ${m[3]}`);
    if (Number(r.authors) !== Number(m[4])) problems.push(`story ${r.id} (${r.external_id}) has ${r.authors} authors, expected ${m[4]}`);
    if (!r.headline.includes(`${m[1]} #${m[2]} v`)) problems.push(`story ${r.id} (${r.external_id}) headline "${r.headline}" is not its own`);
  }
  return problems;
}

/** Acknowledged saves that the store does not hold (at their acknowledged version or later). */
export async function missingAcks(store: Store, acks: Ack[]): Promise<string[]> {
  if (acks.length === 0) return [];
  const latest = new Map<number, Ack>();
  for (const a of acks) if ((latest.get(a.id)?.version ?? 0) < a.version) latest.set(a.id, a);
  const ids = [...latest.keys()];
  const found = new Map<number, { external_id: string | null; version: number }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await store.db.selectFrom('articles').select(['id', 'external_id', 'version']).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) found.set(r.id, r);
  }
  const out: string[] = [];
  for (const a of latest.values()) {
    const r = found.get(a.id);
    if (!r) out.push(`acknowledged story ${a.id} (${a.externalId}) is missing`);
    else if (r.external_id !== a.externalId) out.push(`story ${a.id} is ${r.external_id}, acknowledged as ${a.externalId}`);
    else if (r.version < a.version) out.push(`story ${a.id} is at version ${r.version}, version ${a.version} was acknowledged`);
  }
  return out;
}

export async function countWhereExternalPrefix(store: Store, prefix: string): Promise<number> {
  const r = await store.db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).where('external_id', 'like', `${prefix}%`).executeTakeFirstOrThrow();
  return Number(r.n);
}

// ------------------------------------------------------------------ a private PostgreSQL cluster

export interface PrivateCluster {
  port: number;
  url: string;
  dir: string;
  /** `fast` disconnects clients cleanly; `immediate` is a crash (recovery on the next start). */
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  destroy(): void;
}

function pgBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

function pgOsUser(): string | null {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  return r.status === 0 ? 'postgres' : null;
}

/** null when a throwaway cluster can be made here, else the reason it cannot. */
export function privateClusterSkipReason(): string | null {
  if (!pgBinDir()) return 'no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (initdb, pg_ctl)';
  if (process.getuid?.() === 0) {
    if (!pgOsUser()) return 'running as root and there is no "postgres" OS user to run a private cluster as';
    if (spawnSync('runuser', ['--help'], { stdio: 'ignore' }).status !== 0) return 'running as root and runuser is missing';
  }
  return null;
}

/**
 * A throwaway PostgreSQL cluster in a temp directory on a free port with trust auth, so that a test may
 * stop and start it without touching the machine's shared server. As root it runs as the postgres OS
 * user (PostgreSQL refuses to run as root).
 */
export async function startPrivateCluster(): Promise<PrivateCluster> {
  const bin = pgBinDir()!;
  const asRoot = process.getuid?.() === 0;
  const dir = tempDir('pgcluster');
  const data = join(dir, 'data');
  const sock = dir;
  if (asRoot) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()));
  const run = (exe: string, args: string[]) => {
    const cmd = asRoot ? 'runuser' : join(bin, exe);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, exe), ...args] : args;
    const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: dir, timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${exe} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const opts = `-p ${port} -k ${sock} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50 -c shared_buffers=16MB`;
  const cluster: PrivateCluster = {
    port,
    dir,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => void run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']),
    stop: (mode = 'fast') => void run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']),
    destroy: () => {
      spawnSync(asRoot ? 'runuser' : join(bin, 'pg_ctl'), asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'] : ['-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore', timeout: 30_000 });
      rmSync(dir, { recursive: true, force: true });
      tempDirs.delete(dir);
    },
  };
  cluster.start();
  clusters.add(cluster);
  return cluster;
}
const clusters = new Set<PrivateCluster>();
export function destroyClusters(): void {
  for (const c of clusters) c.destroy();
  clusters.clear();
}

// ------------------------------------------------------------------ a small full filesystem

/** Mounts a tmpfs of `sizeKb` at `dir`; returns null on success, else the reason it cannot be done here. */
export function mountSmallFs(dir: string, sizeKb: number): string | null {
  if (process.platform !== 'linux') return 'tmpfs mounts need Linux';
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0755`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.error) return `mount is not available: ${r.error.message}`;
  if (r.status !== 0) return `mount is not permitted here: ${(r.stderr || r.stdout).trim()}`;
  mounted.add(dir);
  return null;
}
const mounted = new Set<string>();
function unmountUnder(root: string): void {
  for (const m of [...mounted]) {
    if (m === root || m.startsWith(root + '/')) {
      spawnSync('umount', ['-l', m], { stdio: 'ignore' });
      mounted.delete(m);
    }
  }
}

// ------------------------------------------------------------------ HTTP load

export interface LoadStats {
  requests: number;
  byStatus: Map<number, number>;
  /** Network errors (refused, reset) by message. */
  errors: Map<string, number>;
  /** Every response and error with its time, for checks such as "errors only during the outage". */
  log: { at: number; path: string; status: number | null; error?: string }[];
}

/**
 * A reader's address as a proxy in front of the site reports it (the app trusts X-Forwarded-For): many
 * readers, as behind a CDN, rather than one address that the API's per-address rate limit would stop.
 */
export function randomClientIp(): string {
  return `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}`;
}

/**
 * Readers that fetch `paths` in a loop until stopped, recording each status. Used to check that the
 * site keeps answering while something is killed or restarted.
 */
export function readers(base: string, paths: string[], concurrency = 4): { stats: LoadStats; stop(): Promise<void> } {
  const stats: LoadStats = { requests: 0, byStatus: new Map(), errors: new Map(), log: [] };
  let stopped = false;
  const loop = async (k: number) => {
    let i = k;
    while (!stopped) {
      const path = paths[i++ % paths.length]!;
      const at = Date.now();
      try {
        const r = await fetch(base + path, { signal: AbortSignal.timeout(10_000), headers: { 'x-forwarded-for': randomClientIp() } });
        await r.arrayBuffer();
        stats.requests++;
        stats.byStatus.set(r.status, (stats.byStatus.get(r.status) ?? 0) + 1);
        stats.log.push({ at, path, status: r.status });
      } catch (e) {
        const msg = (e as Error & { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
        stats.errors.set(msg, (stats.errors.get(msg) ?? 0) + 1);
        stats.log.push({ at, path, status: null, error: msg });
        await sleep(50);
      }
    }
  };
  const loops = Array.from({ length: concurrency }, (_, k) => loop(k));
  return {
    stats,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** Reader paths for a running site: home, desks, a few stories and the API. */
export async function readerPaths(base: string): Promise<string[]> {
  const r = await fetch(`${base}/api/v1/articles?limit=10`);
  const list = (await r.json()) as { articles: { id: number; url: string; desk?: { slug?: string } | string }[] };
  const paths = new Set<string>(['/', '/api/v1/articles', '/healthz']);
  for (const a of list.articles.slice(0, 5)) {
    paths.add(new URL(a.url).pathname);
    paths.add(`/api/v1/articles/${a.id}`);
    paths.add('/' + new URL(a.url).pathname.split('/')[1]);
  }
  return [...paths];
}

// ------------------------------------------------------------------ import files

/**
 * An NDJSON import file of `n` stories whose externalIds follow the writer's pattern
 * (`<prefix>-<i>-t<tags>-a<authors>`), so storeProblems can tell whether each one was written whole.
 */
export function importLines(n: number, prefix = 'imp', extra: (i: number) => Record<string, unknown> = () => ({})): string {
  const desks = ['reliability', 'राज्य', 'business'];
  const out: string[] = [];
  for (let i = 1; i <= n; i++) {
    const nt = 1 + (i % 4);
    const na = 1 + (i % 3);
    out.push(JSON.stringify({
      externalId: `${prefix}-${i}-t${nt}-a${na}`,
      headline: `आयातित ख़बर ${prefix} #${i} v1`,
      summary: `आयात की ${i}वीं ख़बर का सार।`,
      body: Array.from({ length: 6 }, (_, k) => `<p>आयातित अनुच्छेद ${k + 1}, ख़बर ${i}: <strong>मुख्य</strong> बात और <a href="https://example.com/${i}">स्रोत</a>।</p>`).join(''),
      desk: desks[i % desks.length],
      tags: Array.from({ length: nt }, (_, k) => `आयात टैग ${(i + k) % 9}`),
      authors: Array.from({ length: na }, (_, k) => `आयात लेखक ${(i + k) % 5}`),
      editor: 'आयात संपादक',
      status: 'published',
      publishedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      ...extra(i),
    }));
  }
  return out.join('\n') + '\n';
}
