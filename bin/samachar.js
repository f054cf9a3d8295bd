#!/usr/bin/env node
// The `samachar` command runs the compiled program in dist/ (built by `npm install` through `prepare`,
// or by `npm run build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('samachar: the program is not built yet; run "npm run build" (npm install does it for you)\n');
  process.exit(1);
}
await import(entry.href);
