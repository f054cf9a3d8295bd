import { open } from 'node:fs/promises';
import { AppError } from '../shared/errors.js';
import type { Container } from '../container.js';
import { importNdjson, type ImportReport } from './ndjson.js';
import { importWxr } from './wxr.js';
import { importGhost } from './ghost.js';
import { mediaDirsFor, type ImportContext } from './record.js';

export type ImportFormat = 'ndjson' | 'wxr' | 'ghost';
export { importNdjson, type ImportReport } from './ndjson.js';
export { applyImportRecord, parseImportRecord, type ImportRecord, type ImportContext, type ImportOutcome } from './record.js';

/** Tells the formats apart by content: WXR is RSS XML, a Ghost export is one JSON document with db[].data. */
export async function detectFormat(file: string): Promise<ImportFormat> {
  // Only the opening is needed; an export can be hundreds of megabytes.
  const fh = await open(file, 'r');
  let head: string;
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  } finally {
    await fh.close();
  }
  if (head.startsWith('<')) return 'wxr';
  // A pretty-printed Ghost export opens with {"db": [ … or, from old versions, {"meta": {"exported_on" ….
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
  if (format === 'wxr') return importWxr(ctx, file);
  if (format === 'ghost') return importGhost(ctx, file);
  throw new AppError('VALIDATION', `unknown import format "${String(format)}" (ndjson, wxr or ghost)`);
}
