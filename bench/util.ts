import { spawn, fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';


export async function waitFor(url: string, timeoutMs = 60_000): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.status === 200) {
        await r.arrayBuffer();
        return performance.now() - t0;
      }
    } catch {
      /* not up yet */
    }
    if (performance.now() - t0 > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface LoadResult { requests: number; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number; mbPerSec: number }

/** Runs the load generator in a process of its own so that it does not share the server's event loop. */
export function load(url: string, connections: number, seconds: number, paths?: string[], headers?: Record<string, string>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', new URL('./loadgen.ts', import.meta.url).pathname, url, String(connections), String(seconds), JSON.stringify(paths ?? [new URL(url).pathname]), JSON.stringify(headers ?? {})];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`loadgen exited ${code}`))));
  });
}

export function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

export { fork, spawn };
