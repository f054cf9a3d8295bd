/** Cricsheet JSON (1.1.0) in and out of the scoring engine. Data from Cricsheet, cricsheet.org (ODC-By 1.0). */
export { parseCricsheet, CricsheetFormatError, type CricsheetMeta, type ParsedCricsheet } from './parse.js';
export { exportCricsheet, type ExportMeta } from './export.js';
export { resultFromCricsheet, resultToCricsheet } from './outcome.js';
export type * from './types.js';
