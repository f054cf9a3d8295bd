import { readFile } from 'node:fs/promises';
import { AppError } from '../shared/errors.js';
import type { Container } from '../container.js';
import { importNdjson, type ImportReport } from './ndjson.js';
import { mediaDirsFor, type ImportContext } from './record.js';

export type ImportFormat = 'ndjson' | 'wxr' | 'ghost';
export { importNdjson, type ImportReport } from './ndjson.js';
export { applyImportRecord, parseImportRecord, type ImportRecord, type ImportContext, type ImportOutcome } from './record.js';

/** Tells the formats apart by content: WXR is RSS XML, a Ghost export is one JSON document with db[].data. */
export async function detectFormat(file: string): Promise<ImportFormat> {
  const head = (await readFile(file, { encoding: 'utf8' })).slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<')) return 'wxr';
  if (/^\{\s*"db"\s*:/.test(head) || /"ghost"|"meta"\s*:\s*\{\s*"exported_on"/.test(head.slice(0, 400))) return 'ghost';
  return 'ndjson';
}

export function importContext(c: Container, file: string, mediaDir?: string): ImportContext {
  return { deps: c.content, media: c.media, mediaDirs: mediaDirsFor(file, mediaDir), maxImageBytes: c.config.maxImageBytes };
}

export async function importFile(c: Container, file: string, opts: { format?: ImportFormat; mediaDir?: string } = {}): Promise<ImportReport> {
  const format = opts.format ?? (await detectFormat(file));
  const ctx = importContext(c, file, opts.mediaDir);
  if (format === 'ndjson') return importNdjson(ctx, file);
  throw new AppError('VALIDATION', `the ${format} importer is not available in this version`);
}
