#!/usr/bin/env node
// The `samachar` command runs the built program: dist/samachar.mjs, the server bundled into one file
// (built by `npm install` through `prepare`, or by `npm run build`), or dist/cli/main.js if only tsc ran.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/samachar.mjs', import.meta.url);
const entry = existsSync(bundle) ? bundle : new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('samachar: the program is not built yet; run "npm run build" (npm install does it for you)\n');
  process.exit(1);
}
await import(entry.href);
