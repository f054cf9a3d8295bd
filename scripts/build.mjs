// Builds the program: TypeScript → dist/ (tsc, which also type-checks), fingerprinted static assets →
// dist/public, and the server as one ES module file, dist/samachar.mjs, that bin/samachar.js runs.
//
// Why one file: Node 20 resolves, reads and compiles each module file on start, and the server's graph
// is about 900 files (kysely alone is 280). Loading them was most of a cold start; one file starts in
// about half the time. Native addons (better-sqlite3, sharp), pino (its transports run worker files by
// path) and the payment and mail SDKs (loaded only when configured) stay in node_modules.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const { buildAssets } = await import('../dist/web/assets/pipeline.js');
const manifest = await buildAssets('dist/public');

const esbuild = await import('esbuild');
await esbuild.build({
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/samachar.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  external: ['better-sqlite3', 'sharp', 'pino', 'pino-pretty', 'thread-stream', 'stripe', 'razorpay', 'nodemailer', 'pg-native', 'esbuild', 'lighthouse', 'playwright-core'],
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: { js: "import { createRequire as __samacharRequire } from 'node:module'; const require = __samacharRequire(import.meta.url);" },
});
console.log(`built dist/, dist/samachar.mjs and ${Object.keys(manifest.files).length} assets in dist/public`);
