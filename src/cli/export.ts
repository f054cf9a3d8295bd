import { AppError } from '../shared/errors.js';
import type { Flags } from '../config/index.js';
import { commandContainer } from './context.js';
import { exportNdjson } from '../importers/export.js';

/** `samachar export FILE.ndjson`: every story in the import format, so that it can be imported again. */
export async function exportCommand(pos: string[], flags: Flags): Promise<number> {
  const file = pos[0];
  if (!file) throw new AppError('VALIDATION', 'usage: samachar export FILE.ndjson');
  const c = await commandContainer(flags);
  try {
    const n = await exportNdjson(c, file);
    process.stdout.write(`exported ${n} stories to ${file}\n`);
    return 0;
  } finally {
    await c.close();
  }
}
