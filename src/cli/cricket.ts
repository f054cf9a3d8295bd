import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../shared/errors.js';
import type { Flags } from '../config/index.js';
import { commandContainer } from './context.js';
import { exportMatch, importCricsheet, liveModule, shortScore } from '../live/index.js';
import { startPgBridge } from '../shared/pg-bridge.js';

const USAGE = 'usage: samachar cricket import FILE.json [--force] | samachar cricket export MATCH_ID FILE.json';

/**
 * `samachar cricket import FILE.json`: a Cricsheet match into the store. The new match's id is printed
 * alone on the last line, so that scripts can take it with `tail -n 1`.
 * `samachar cricket export ID FILE.json`: a stored match back to Cricsheet JSON.
 */
export async function cricketCommand(pos: string[], flags: Flags): Promise<number> {
  const [sub, ...args] = pos;
  if (sub === 'import') return importOne(args[0], flags);
  if (sub === 'export') return exportOne(args[0], args[1], flags);
  throw new AppError('VALIDATION', USAGE);
}

async function importOne(file: string | undefined, flags: Flags): Promise<number> {
  if (!file) throw new AppError('VALIDATION', USAGE);
  if (!existsSync(file)) throw new AppError('VALIDATION', `file not found: ${file}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError('VALIDATION', `${file} is not JSON: ${(err as Error).message}`);
  }
  const c = await commandContainer(flags);
  // With PostgreSQL, running servers hear of the new match (widget, caches) as if it were scored there.
  const bridge = c.config.databaseUrl ? startPgBridge(c.bus, c.config.databaseUrl, c.logger) : null;
  try {
    if (bridge) await Promise.race([bridge.ready, new Promise((r) => setTimeout(r, 3000))]);
    const { view, warnings } = await importCricsheet(liveModule(c).matches, json, { fileName: basename(file), again: flags.force === true });
    const s = view.record.summary;
    for (const w of warnings) process.stdout.write(`warning: ${w}\n`);
    process.stdout.write(`imported ${view.record.title} (${view.record.startTime}): ${view.events.length} events\n`);
    process.stdout.write(`${shortScore(s)}${s.result ? ` · ${s.result}` : ''}\n`);
    process.stdout.write(`${view.record.id}\n`);
    return 0;
  } finally {
    // Let the notifications of the new match leave before the bridge's pool closes.
    if (bridge) await new Promise((r) => setTimeout(r, 300));
    await bridge?.close();
    await c.close();
  }
}

async function exportOne(id: string | undefined, file: string | undefined, flags: Flags): Promise<number> {
  if (!id || !/^\d{1,12}$/.test(id) || !file) throw new AppError('VALIDATION', USAGE);
  const c = await commandContainer(flags);
  try {
    const view = await liveModule(c).matches.view(Number(id));
    if (!view) throw new AppError('NOT_FOUND', `match ${id} does not exist`);
    writeFileSync(file, `${JSON.stringify(exportMatch(view), null, 2)}\n`);
    process.stdout.write(`exported match ${id} to ${file}\n`);
    return 0;
  } finally {
    await c.close();
  }
}
