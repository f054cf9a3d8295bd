import { existsSync } from 'node:fs';
import { AppError } from '../shared/errors.js';
import type { Flags } from '../config/index.js';
import { commandContainer } from './context.js';
import { importFile } from '../importers/index.js';

/** `samachar import FILE`: prints created/updated/rejected counts and each rejected line with its reason. */
export async function importCommand(pos: string[], flags: Flags): Promise<number> {
  const file = pos[0];
  if (!file) throw new AppError('VALIDATION', 'usage: samachar import FILE [--format ndjson|wxr|ghost] [--media DIR]');
  if (!existsSync(file)) throw new AppError('VALIDATION', `file not found: ${file}`);
  const format = typeof flags.format === 'string' ? flags.format : undefined;
  if (format && !['ndjson', 'wxr', 'ghost'].includes(format)) throw new AppError('VALIDATION', '--format must be ndjson, wxr or ghost');
  const c = await commandContainer(flags);
  try {
    const report = await importFile(c, file, { format: format as 'ndjson' | 'wxr' | 'ghost' | undefined, mediaDir: typeof flags.media === 'string' ? flags.media : undefined });
    for (const r of report.rejected) process.stdout.write(`line ${r.line}: rejected: ${r.reason}\n`);
    process.stdout.write(`created ${report.created}, updated ${report.updated}, rejected ${report.rejected.length}\n`);
    return report.rejected.length ? 1 : 0;
  } finally {
    await c.close();
  }
}
