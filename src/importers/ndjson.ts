import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { applyImportRecord, parseImportRecord, type ImportContext } from './record.js';

export interface ImportReport {
  created: number;
  updated: number;
  rejected: { line: number; reason: string }[];
}

export function emptyReport(): ImportReport {
  return { created: 0, updated: 0, rejected: [] };
}

/**
 * Imports an NDJSON file one line at a time: each line is its own transaction, a bad line is reported
 * with its number and reason and never stops the others. Blank lines are skipped.
 */
export async function importNdjson(ctx: ImportContext, file: string, onLine?: (line: number) => void): Promise<ImportReport> {
  const report = emptyReport();
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    n++;
    onLine?.(n);
    const text = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!text.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      report.rejected.push({ line: n, reason: `not valid JSON (${(e as Error).message})` });
      continue;
    }
    const { record, issues } = parseImportRecord(parsed);
    if (!record) {
      report.rejected.push({ line: n, reason: issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ') });
      continue;
    }
    const out = await applyImportRecord(ctx, record);
    if (out.action === 'rejected') report.rejected.push({ line: n, reason: out.reason });
    else report[out.action]++;
  }
  return report;
}
