import http from 'node:http';

/**
 * A small closed-loop HTTP load generator, run in a process of its own: `connections` keep-alive
 * connections each send the next request as soon as the previous answer is read, for `seconds`.
 * Prints one JSON line: requests per second and latency percentiles in ms.
 */
const [url, connections, seconds, pathsJson, headersJson] = process.argv.slice(2);
const target = new URL(url!);
const paths: string[] = pathsJson ? JSON.parse(pathsJson) : [target.pathname + target.search];
const headers: Record<string, string> = headersJson ? JSON.parse(headersJson) : {};
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(connections) });
const lat: number[] = [];
let errors = 0;
let non2xx = 0;
let bytes = 0;
const deadline = Date.now() + Number(seconds) * 1000;
let k = 0;

function one(): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now();
    const path = paths[k++ % paths.length]!;
    const req = http.request({ host: target.hostname, port: target.port, path, agent, headers }, (res) => {
      res.on('data', (c: Buffer) => { bytes += c.length; });
      res.on('end', () => {
        lat.push(performance.now() - started);
        if ((res.statusCode ?? 0) >= 300) non2xx++;
        resolve();
      });
    });
    req.on('error', () => { errors++; resolve(); });
    req.end();
  });
}

async function loop() {
  while (Date.now() < deadline) await one();
}

const t0 = performance.now();
await Promise.all(Array.from({ length: Number(connections) }, loop));
const elapsed = (performance.now() - t0) / 1000;
lat.sort((a, b) => a - b);
const q = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]! : 0);
console.log(JSON.stringify({ requests: lat.length, rps: Math.round(lat.length / elapsed), p50: +q(0.5).toFixed(2), p95: +q(0.95).toFixed(2), p99: +q(0.99).toFixed(2), errors, non2xx, mbPerSec: +(bytes / elapsed / 1e6).toFixed(1) }));
agent.destroy();
