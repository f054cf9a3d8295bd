// Lighthouse (12.2.3, mobile settings) over the home, article and match pages of a running site, driving
// Debian's Chromium. Measures and reports; it does not fail on a score unless --min is given.
//   node scripts/lighthouse.mjs [--base http://127.0.0.1:3000] [--out lighthouse-report] [--min 95]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const base = arg('base', 'http://127.0.0.1:3000');
const outDir = arg('out', 'lighthouse-report');
const min = Number(arg('min', '0'));
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

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
const match = await firstUrl('/api/v1/matches', (j) => (j.matches ?? j)[0]?.id);
if (match !== null && match !== undefined) pages.push(['match', `${base}/live/cricket/${match}`]);

mkdirSync(outDir, { recursive: true });
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const rows = [];
let failed = false;
try {
  for (const [name, url] of pages) {
    const result = await lighthouse(url, { port: chrome.port, output: 'html', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
    const cats = result.lhr.categories;
    const score = (k) => Math.round((cats[k]?.score ?? 0) * 100);
    const row = { page: name, url, performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'), seo: score('seo') };
    rows.push(row);
    writeFileSync(join(outDir, `${name}.html`), result.report);
    const weight = result.lhr.audits['total-byte-weight']?.numericValue;
    console.log(`${name}: performance ${row.performance}, accessibility ${row.accessibility}, best practices ${row.bestPractices}, SEO ${row.seo}; transferred ${Math.round((weight ?? 0) / 1024)} KB; ${url}`);
    if (min && [row.performance, row.accessibility, row.bestPractices, row.seo].some((s) => s < min)) failed = true;
    for (const [k, cat] of Object.entries(cats)) {
      for (const ref of cat.auditRefs) {
        const a = result.lhr.audits[ref.id];
        if (ref.weight > 0 && a && a.score !== null && a.score < 0.9) console.log(`   ${k}: ${a.id} ${Math.round(a.score * 100)} ${a.displayValue ?? ''}`);
      }
    }
  }
} finally {
  await chrome.kill();
}
writeFileSync(join(outDir, 'scores.json'), JSON.stringify(rows, null, 2));
console.log(`reports in ${outDir}/`);
process.exit(failed ? 1 : 0);
