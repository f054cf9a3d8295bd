// Runs the whole suite: typecheck, then every *.test.ts under src/ and test/ with node's test runner.
// Usage: node scripts/test.mjs [path-substring ...]   (filters test files by substring)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const filters = process.argv.slice(2);
function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
const files = [...walk('src'), ...walk('test')].filter((f) => filters.length === 0 || filters.some((s) => f.includes(s))).sort();
if (filters.length === 0) {
  // Type-check everything (sources and tests), then build, so that tests run against fresh assets and the
  // compiled program that `samachar` runs.
  const tc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json'], { stdio: 'inherit' });
  if (tc.status !== 0) { console.error('typecheck failed'); process.exit(1); }
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) { console.error('build failed'); process.exit(1); }
}
if (files.length === 0) { console.error('no test files matched'); process.exit(1); }
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } });
process.exit(r.status ?? 1);
