import { XMLParser, XMLValidator } from 'fast-xml-parser';
import assert from 'node:assert/strict';

/** Reads XML with an independent parser (fast-xml-parser), failing the test when it is not well-formed. */
export function readXml(body: string, arrays: string[] = []): Record<string, any> {
  const valid = XMLValidator.validate(body);
  assert.equal(valid, true, `well-formed XML: ${JSON.stringify(valid)}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => arrays.includes(name),
  });
  return parser.parse(body) as Record<string, any>;
}

/** Text of a parsed element whether or not it carried attributes. */
export function textOf(v: unknown): string {
  if (v && typeof v === 'object' && '#text' in (v as Record<string, unknown>)) return String((v as Record<string, unknown>)['#text']);
  return v === undefined || v === null ? '' : String(v);
}

export const RFC822_IST = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (\+0530|GMT)$/;
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** W3C Datetime as sitemaps accept it: a date, or a date and time with a time zone designator. */
export const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
