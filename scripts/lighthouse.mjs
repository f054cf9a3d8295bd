// Lighthouse (12.2.3, mobile settings) over the home, article and match pages of a running site, driving
// Debian's Chromium. Measures and reports; it does not fail on a score unless --min is given.
//   node scripts/lighthouse.mjs [--base http://127.0.0.1:3000] [--out lighthouse-report] [--min 95]
//   node scripts/lighthouse.mjs --serve [--port 3100] [--out lighthouse-report] [--min 95]
// --serve starts the built program (npm run build first) on a fresh data dir with the demo newsroom (whose
// stories come with a live and a finished match) and a finished IPL match imported from Cricsheet, measures
// it, and stops it. The match page measured is a live one when there is one: the demo's, on a fresh store.
// For each page it prints the four scores, the bytes transferred in all and before images (the budget of
// DESIGN.md section 6: HTML, CSS, JS and one font under 100 KB), and every scored audit under 90.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const serve = process.argv.includes('--serve');
const outDir = arg('out', 'lighthouse-report');
const min = Number(arg('min', '0'));
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromePath)) {
  console.error(`no Chromium at ${chromePath} (apt-get install chromium, or set CHROME_PATH)`);
  process.exit(2);
}
/** A finished match imported by --serve, so that a match page exists even without the demo's; the same final the live tests score. */
const DEMO_MATCH = join(root, 'test/fixtures/cricsheet/1473511_ipl2025_final_RCB_v_PBKS.json');

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Starts `samachar serve` on a fresh data dir holding the demo newsroom (with its matches) and the imported final. */
async function startSite() {
  const bin = join(root, 'bin/samachar.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'samachar-lighthouse-'));
  // The match goes in first: serve loads the demo stories into a store that has none, and a match
  // imported by another process while the site runs would not reach its in-memory caches until they expire.
  const imported = spawnSync(process.execPath, [bin, 'cricket', 'import', DEMO_MATCH, '--data', dataDir], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } });
  if (imported.status !== 0) throw new Error(`samachar cricket import failed:\n${imported.stdout}${imported.stderr}`);
  const port = Number(arg('port', '0')) || (await freePort());
  const child = spawn(process.execPath, [bin, 'serve', '--data', dataDir, '--port', String(port), '--host', '127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`samachar serve exited (${child.exitCode}):\n${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, stop };
}

const site = serve ? await startSite() : null;
const base = site?.url ?? arg('base', 'http://127.0.0.1:3000');

const { default: lighthouse } = await import('lighthouse');
const chromeLauncher = await import('chrome-launcher');

async function firstUrl(api, pick) {
  const r = await fetch(base + api);
  if (!r.ok) return null;
  return pick(await r.json());
}
const pages = [['home', `${base}/`]];
const article = await firstUrl('/api/v1/articles?limit=20', (j) => j.articles.find((a) => a.access === 'free' && a.image)?.url ?? j.articles[0]?.url);
if (article) pages.push(['article', new URL(new URL(article).pathname, base).href]);
else console.log('no published article: the article page is not measured');
// A live match if there is one (the demo's live match on a fresh demo store: the page readers reach from
// the score widget, and the one live.js streams into), else the newest.
const firstMatch = (j) => (j.matches ?? j)[0]?.id;
const match = (await firstUrl('/api/v1/matches?status=live', firstMatch)) ?? (await firstUrl('/api/v1/matches', firstMatch));
if (match !== null && match !== undefined) pages.push(['match', `${base}/live/cricket/${match}`]);
else console.log(`no cricket match in this store (started with --no-demo?): the match page is not measured; import one with\n  samachar cricket import ${DEMO_MATCH} --data DIR, or run this script with --serve`);

mkdirSync(outDir, { recursive: true });
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** Lighthouse 12.2 sometimes loses the trace of a load in this Chromium (NO_NAVSTART, NO_FCP): run that page again. */
async function audit(url) {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, { port: chrome.port, output: ['html', 'json'], logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
    const err = result.lhr.runtimeError;
    if (!err || attempt === 3) return result;
    console.log(`   (${err.code}: measuring ${url} again)`);
  }
}

const rows = [];
let failed = false;
try {
  for (const [name, url] of pages) {
    const result = await audit(url);
    const lhr = result.lhr;
    const cats = lhr.categories;
    const score = (k) => Math.round((cats[k]?.score ?? 0) * 100);
    const requests = lhr.audits['network-requests']?.details?.items ?? [];
    const kb = (items) => Math.round(items.reduce((n, r) => n + (r.transferSize ?? 0), 0) / 1024);
    const row = {
      page: name, url,
      performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'), seo: score('seo'),
      transferredKB: kb(requests), beforeImagesKB: kb(requests.filter((r) => r.resourceType !== 'Image')),
      ...(lhr.runtimeError ? { error: lhr.runtimeError.code } : {}),
    };
    rows.push(row);
    writeFileSync(join(outDir, `${name}.html`), result.report[0]);
    writeFileSync(join(outDir, `${name}.json`), result.report[1]);
    console.log(`${name}: performance ${row.performance}, accessibility ${row.accessibility}, best practices ${row.bestPractices}, SEO ${row.seo}; transferred ${row.transferredKB} KB, ${row.beforeImagesKB} KB before images; ${url}`);
    if (lhr.runtimeError) console.log(`   error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    if (min && [row.performance, row.accessibility, row.bestPractices, row.seo].some((s) => s < min)) failed = true;
    for (const [k, cat] of Object.entries(cats)) {
      for (const ref of cat.auditRefs) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a && a.score !== null && a.score < 0.9) console.log(`   ${k}: ${a.id} ${Math.round(a.score * 100)} ${a.displayValue ?? ''}`);
      }
    }
  }
} finally {
  await chrome.kill();
  await site?.stop();
}
writeFileSync(join(outDir, 'scores.json'), JSON.stringify(rows, null, 2));
console.log(`reports in ${outDir}/`);
process.exit(failed ? 1 : 0);
