import http from 'node:http';

/** The yardstick: a bare node:http server answering every request with the same bytes and headers. */
const [port, file, headersJson] = process.argv.slice(2);
const { readFileSync } = await import('node:fs');
const body = readFileSync(file!);
const headers = JSON.parse(headersJson!) as Record<string, string>;
http.createServer((_req, res) => {
  res.writeHead(200, { ...headers, 'content-length': body.length });
  res.end(body);
}).listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
