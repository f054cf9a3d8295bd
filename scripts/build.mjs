// Builds the program: TypeScript → dist/ (tsc, which also type-checks), then fingerprinted static assets → dist/public.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const { buildAssets } = await import('../dist/web/assets/pipeline.js');
const manifest = await buildAssets('dist/public');
console.log(`built dist/ and ${Object.keys(manifest.files).length} assets in dist/public`);
