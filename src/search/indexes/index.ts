import type { DialectCapabilities } from '../../storage/index.js';
import type { SearchIndex } from './port.js';
import { sqliteFts5Index } from './sqlite-fts5.js';
import { postgresIndex } from './postgres.js';

export type { SearchIndex, IndexedText, WindowFilter, FieldScope, Candidate, TermGroup } from './port.js';

/** The one place an engine is chosen: by the store's full-text capability. */
export function searchIndexFor(caps: Pick<DialectCapabilities, 'fullText'>): SearchIndex {
  switch (caps.fullText) {
    case 'fts5': return sqliteFts5Index;
    case 'tsvector': return postgresIndex;
  }
}
