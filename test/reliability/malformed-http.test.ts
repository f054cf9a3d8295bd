import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { join } from 'node:path';
import { eachDialect } from '../helpers/stores.js';
import { cleanupAll, pgDatabase, startServe, tempDir, type Server } from './helpers.js';

/**
 * Malformed and oversized requests against the running program over real sockets: broken
 * percent-encoding, NUL bytes, huge URLs and headers, bad JSON and bodies over the limit, bad query
 * parameters, bytes that are not HTTP at all. Each must get a clean 4xx (or be served normally when it
 * is merely unusual), never a 5xx, and the process must stay up.
 */
const drops: (() => Promise<void>)[] = [];
after(async () => {
  await cleanupAll();
  for (const d of drops) await d().catch(() => {});
});

interface RawAnswer {
  status: number | null;
  head: string;
  body: string;
}

/**
 * Sends bytes as they are (no client-side URL or header checks) and reads the answer until the server
 * closes. Large requests go out in pieces and stop once the server has answered: a server that refuses
 * a body early closes the connection, and writing on would turn that close into a reset that loses the
 * answer.
 */
function raw(port: number, data: string | Buffer, timeoutMs = 10_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const finish = () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      resolve({ status: m ? Number(m[1]) : null, head, body: rest.join('\r\n\r\n') });
    };
    s.setTimeout(timeoutMs, () => s.destroy());
    s.on('data', (d) => chunks.push(d));
    s.on('close', finish);
    s.on('error', () => {});
    // Written without half-closing: a server may drop a request whose client already said goodbye.
    s.on('connect', async () => {
      const buf = Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1');
      // The head goes first, alone: a server refuses a declared length over its limit before any body comes.
      const headEnd = buf.length > 64 * 1024 ? buf.indexOf('\r\n\r\n') + 4 : 0;
      if (headEnd > 4) {
        s.write(buf.subarray(0, headEnd));
        for (let waited = 0; waited < 1000 && chunks.length === 0 && !s.destroyed; waited += 20) await new Promise((r) => setTimeout(r, 20));
      }
      for (let i = Math.max(0, headEnd); i < buf.length && chunks.length === 0 && !s.destroyed; i += 64 * 1024) {
        if (!s.write(buf.subarray(i, i + 64 * 1024))) await new Promise((r) => s.once('drain', r).once('close', r));
        await new Promise((r) => setImmediate(r));
      }
    });
  });
}

const get = (path: string, headers: Record<string, string> = {}) =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
const post = (path: string, contentType: string, body: string | Buffer, extra = '') =>
  Buffer.concat([Buffer.from(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n`), Buffer.isBuffer(body) ? body : Buffer.from(body)]);

interface Case {
  name: string;
  send: string | Buffer;
  /** Allowed statuses; by default any 4xx. */
  expect?: (status: number) => boolean;
  /** A JSON error body with this code is expected. */
  jsonCode?: string;
}
const clientError = (s: number) => s >= 400 && s < 500;
const servedOrClientError = (s: number) => s < 500;

function cases(): Case[] {
  const long = 'a'.repeat(8000);
  return [
    // Broken percent-encoding and bytes that must never reach a query.
    { name: 'invalid percent-encoding in the path', send: get('/%zz') },
    { name: 'a truncated UTF-8 sequence in a desk slug', send: get('/%E0%A4') },
    { name: 'a lone surrogate in a tag', send: get('/tag/%ED%A0%80') },
    { name: 'an overlong UTF-8 slash in an author', send: get('/author/%C0%AF') },
    { name: 'a NUL byte in a tag slug', send: get('/tag/%00') },
    { name: 'a NUL byte in an author slug', send: get('/author/ab%00cd') },
    { name: 'a NUL byte in an article slug', send: get('/reliability/news/abc%00-1') },
    { name: 'a NUL byte in a desk slug', send: get('/%00') },
    { name: 'a NUL byte in a media file name', send: get('/media/1-%00') },
    { name: 'invalid percent-encoding in a query value', send: get('/api/v1/articles?desk=%zz'), jsonCode: 'VALIDATION' },
    { name: 'a NUL byte in a query value', send: get('/api/v1/articles?tag=%00'), jsonCode: 'BAD_REQUEST' },
    { name: 'a NUL byte in the page number', send: get('/tag/x?page=1%00') },
    { name: 'a search with broken encoding', send: get('/search?q=%E0%A4%'), expect: servedOrClientError },
    { name: 'an API search with a NUL byte', send: get('/api/v1/search?q=%00'), expect: servedOrClientError },
    // Bad query parameters.
    { name: 'a page that is not a number', send: get('/api/v1/articles?page=abc'), jsonCode: 'VALIDATION' },
    { name: 'a limit of zero', send: get('/api/v1/articles?limit=0'), jsonCode: 'VALIDATION' },
    { name: 'a limit over the maximum', send: get('/api/v1/articles?limit=100000'), jsonCode: 'VALIDATION' },
    { name: 'a page given twice', send: get('/api/v1/articles?page=1&page=2'), jsonCode: 'VALIDATION' },
    { name: 'a desk that is not a slug', send: get('/api/v1/articles?desk=%3Cscript%3E'), jsonCode: 'VALIDATION' },
    { name: 'a huge page number', send: get('/api/v1/articles?page=99999999999999999999'), jsonCode: 'VALIDATION' },
    { name: 'an article id that is not a number', send: get('/api/v1/articles/abc'), jsonCode: 'VALIDATION' },
    { name: 'an article id of zero', send: get('/api/v1/articles/0'), jsonCode: 'VALIDATION' },
    { name: 'an article id past 2^53', send: get('/api/v1/articles/99999999999999999999'), jsonCode: 'VALIDATION' },
    { name: 'an article id that does not exist', send: get('/api/v1/articles/987654321'), jsonCode: 'NOT_FOUND' },
    { name: 'a negative page on a listing', send: get('/tag/x?page=-1') },
    { name: 'a page on the home page that is not a number', send: get('/?page=%FF'), expect: servedOrClientError },
    // Long URLs.
    { name: 'an 8 KB path', send: get(`/${long}`) },
    { name: 'an 8 KB tag slug', send: get(`/tag/${long}`) },
    { name: 'an 8 KB article path', send: get(`/reliability/news/${long}-1`) },
    { name: 'an 8 KB query value', send: get(`/api/v1/articles?tag=${long}`), jsonCode: 'VALIDATION' },
    { name: 'a 100 KB request line', send: get(`/${'b'.repeat(100_000)}`) },
    { name: 'a URL of 2,000 query parameters', send: get(`/api/v1/articles?${Array.from({ length: 2000 }, (_, i) => `p${i}=${i}`).join('&')}`), expect: servedOrClientError },
    // Headers.
    { name: 'a flood of 3,000 headers', send: get('/', Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`x-flood-${i}`, 'y'.repeat(20)]))) },
    { name: 'a 64 KB cookie', send: get('/', { Cookie: `a=${'c'.repeat(65_536)}` }) },
    { name: 'malformed cookies', send: get('/', { Cookie: 'sm_csrf=%; sm_session=%E0%A4%; sm_reader=s%3A.%00; =; ;;' }), expect: servedOrClientError },
    { name: 'a garbage Accept-Language', send: get('/', { 'Accept-Language': `${'zz-ZZ;q=abc,'.repeat(300)}` }), expect: servedOrClientError },
    { name: 'a 4 KB request id', send: get('/api/v1/articles', { 'X-Request-Id': 'r'.repeat(4096) }), expect: servedOrClientError },
    { name: 'a garbage API key', send: get('/api/v1/articles', { 'X-API-Key': '%00\u00ff'.repeat(500) }), expect: servedOrClientError },
    { name: 'garbage forwarding headers', send: get('/', { 'X-Forwarded-For': 'not-an-ip, %00, ::ffff:999.1.1.1', 'X-Forwarded-Host': 'evil.example:99999', 'X-Forwarded-Proto': 'javascript' }), expect: servedOrClientError },
    { name: 'a garbage If-None-Match', send: get('/', { 'If-None-Match': 'W/"\u00ff' + 'x'.repeat(2000) }), expect: servedOrClientError },
    { name: 'a garbage Range on an asset', send: get('/assets/none.css', { Range: 'bytes=abc-def,-,1-0' }), expect: servedOrClientError },
    { name: 'a garbage Accept-Encoding', send: get('/', { 'Accept-Encoding': 'br;q=NaN, gzip;q=-1, *;q=2' }), expect: servedOrClientError },
    { name: 'a path escaping the assets folder', send: get('/assets/..%2f..%2f..%2fpackage.json') },
    { name: 'a dot-dot path to the assets folder', send: get('/assets/../../../etc/passwd'), expect: servedOrClientError },
    // Not HTTP at all, or broken HTTP.
    { name: 'bytes that are not HTTP', send: 'HELLO THERE\r\n\r\n' },
    { name: 'a request without a Host header', send: 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n' },
    { name: 'an unknown method', send: 'BREW / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' },
    { name: 'a method the site does not route', send: 'PROPFIND / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' },
    { name: 'a header line without a colon', send: 'GET / HTTP/1.1\r\nHost: x\r\nthis is not a header\r\nConnection: close\r\n\r\n' },
    { name: 'conflicting Content-Length headers', send: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\nConnection: close\r\n\r\nhello!' },
    { name: 'chunked encoding with a bad chunk size', send: 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nhello\r\n0\r\n\r\n' },
    { name: 'a JSON body to a page that takes none', send: post('/', 'application/json', '{"a":1}') },
  ];
}

/** POST routes that take a body (each feature adds its own); those that answer 404 here are not in this build. */
const POST_CANDIDATES = ['/webhooks/razorpay', '/webhooks/stripe', '/newsroom/login', '/account/signin', '/account/signup', '/newsroom/api/articles'];

async function bodyRoutes(base: string): Promise<string[]> {
  const found: string[] = [];
  for (const p of POST_CANDIDATES) {
    const r = await fetch(base + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await r.arrayBuffer();
    if (r.status !== 404) found.push(p);
  }
  return found;
}

await eachDialect((dialect, skip) => {
  describe(`malformed and oversized requests on ${dialect}`, { skip }, () => {
    let server: Server;
    before(async () => {
      const env: Record<string, string> = {};
      if (dialect === 'postgres') {
        const d = await pgDatabase();
        drops.push(d.drop);
        env.DATABASE_URL = d.url;
      }
      // No demo newsroom: these requests need no stories, and the test starts faster.
      server = await startServe({ dataDir: join(tempDir('malformed'), 'data'), env, demo: false });
    });
    after(async () => {
      await server?.child.stop();
    });

    it('answers every malformed request with a clean 4xx and never a 5xx', { timeout: 60_000 }, async () => {
      const wrong: string[] = [];
      for (const c of cases()) {
        const a = await raw(server.port, c.send);
        const ok = a.status !== null && (c.expect ?? clientError)(a.status);
        if (!ok) wrong.push(`${c.name}: ${a.status ?? 'no answer'} ${a.body.slice(0, 200)}`);
        else if (c.jsonCode) {
          try {
            const body = JSON.parse(a.body) as { error?: { code?: string } };
            if (body.error?.code !== c.jsonCode) wrong.push(`${c.name}: error code ${body.error?.code}, expected ${c.jsonCode}`);
          } catch {
            wrong.push(`${c.name}: answered ${a.status} without a JSON error body: ${a.body.slice(0, 200)}`);
          }
        }
        assert.ok(server.child.running, `the process died on: ${c.name}\n${server.child.stderr().slice(-3000)}`);
      }
      assert.deepEqual(wrong, []);
    });

    it('refuses bad JSON, unknown body types and bodies over the limit on every route that takes a body', { timeout: 60_000 }, async (t) => {
      const routes = await bodyRoutes(server.base);
      if (routes.length === 0) return t.skip(`none of ${POST_CANDIDATES.join(', ')} exists in this build`);
      const wrong: string[] = [];
      const big = Buffer.alloc(3 * 1024 * 1024, 'a');
      for (const r of routes) {
        const checks: [string, Buffer | string, (s: number) => boolean][] = [
          ['bad JSON', post(r, 'application/json', '{"a": '), (s) => s === 400],
          ['JSON nested 10,000 deep', post(r, 'application/json', '['.repeat(10_000) + ']'.repeat(10_000)), clientError],
          ['a JSON body over the limit', post(r, 'application/json', Buffer.concat([Buffer.from('{"a":"'), big, Buffer.from('"}')])), (s) => s === 413],
          ['a form body over the limit', post(r, 'application/x-www-form-urlencoded', Buffer.concat([Buffer.from('a='), big])), (s) => s === 413],
          ['a body of an unknown type', post(r, 'application/x-unknown', 'zzz'), clientError],
          ['a form with broken encoding', post(r, 'application/x-www-form-urlencoded', '_csrf=%zz&email=%E0%A4'), clientError],
        ];
        for (const [name, send, okStatus] of checks) {
          const a = await raw(server.port, send, 15_000);
          if (a.status === null || !okStatus(a.status)) wrong.push(`${r} ${name}: ${a.status ?? 'no answer'} ${a.body.slice(0, 200)}`);
          assert.ok(server.child.running, `the process died on ${r} ${name}`);
        }
      }
      assert.deepEqual(wrong, []);
    });

    it('keeps serving others while clients send headers and bodies too slowly to finish', { timeout: 60_000 }, async () => {
      // Unfinished requests (slowloris): headers never ended, a body shorter than its Content-Length.
      const stuck: net.Socket[] = [];
      try {
        for (let i = 0; i < 40; i++) {
          const s = net.connect({ host: '127.0.0.1', port: server.port });
          s.on('error', () => {});
          s.write(i % 2 ? 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ' : 'POST /api/v1/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"a":');
          stuck.push(s);
        }
        for (const p of ['/healthz', '/', '/api/v1/articles']) {
          const r = await fetch(server.base + p, { signal: AbortSignal.timeout(10_000) });
          await r.arrayBuffer();
          assert.equal(r.status, 200, `${p} while 40 requests hang unfinished`);
        }
      } finally {
        for (const s of stuck) s.destroy();
      }
      assert.ok(server.child.running);
    });

    it('is still up and serving afterwards', async () => {
      assert.ok(server.child.running);
      for (const p of ['/healthz', '/', '/api/v1/articles']) {
        const r = await fetch(server.base + p);
        await r.arrayBuffer();
        assert.equal(r.status, 200, p);
      }
    });
  });
});
