import type { Container } from '../../../container.js';
import { ACCESS_LEVELS, LANGS, normalizeDoc, type Access, type Doc, type Lang } from '../../../content/index.js';
import type { FieldIssue } from '../../../shared/errors.js';
import { isAppError } from '../../../shared/errors.js';
import { docToEditorHtml, editorHtmlToDoc, editorJsonToDoc, resolveTagNames, type StaffMember, type StoryFields } from '../../../newsroom/index.js';
import type { StoryFormValues } from '../../views/newsroom/editor.js';
import { fromIstLocal, str } from './context.js';

/** Whole numbers from a form value that may be one string, several, or numbers (JSON). */
function ints(v: unknown): number[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v];
  return list.map((x) => Number(x)).filter((n) => Number.isSafeInteger(n) && n > 0);
}

function optionalId(v: unknown, field: string, issues: FieldIssue[]): number | null {
  const s = str(v).trim();
  if (!s) return null;
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n < 1) {
    issues.push({ field, message: 'must be a number from the list' });
    return null;
  }
  return n;
}

export function tagNamesOf(v: unknown): string[] {
  const list = Array.isArray(v) ? v.map(str) : str(v).split(/[,،]/);
  return [...new Set(list.map((s) => s.trim()).filter(Boolean))].slice(0, 30);
}

export interface ParsedStoryForm {
  fields: StoryFields;
  values: StoryFormValues;
  issues: FieldIssue[];
  expectedVersion: number | undefined;
  scheduleAt: string | undefined;
}

/**
 * Reads the writing screen's form (or the editor script's JSON) into story fields, reporting every
 * problem at once. The body is the editor's JSON document when the script sent one, else the HTML textarea.
 */
export async function readStoryForm(c: Container, who: StaffMember, body: Record<string, unknown>, ip: string): Promise<ParsedStoryForm> {
  const issues: FieldIssue[] = [];
  let doc: Doc;
  try {
    if (body.doc && typeof body.doc === 'object') doc = normalizeDoc(body.doc);
    else if (str(body.body_format) === 'json' && str(body.doc)) doc = editorJsonToDoc(str(body.doc));
    else doc = editorHtmlToDoc(str(body.body_html));
  } catch (e) {
    if (!isAppError(e)) throw e;
    issues.push(...(e.issues.length ? e.issues : [{ field: 'body', message: e.message }]));
    doc = editorHtmlToDoc(str(body.body_html));
  }
  const deskRaw = str(body.deskId).trim();
  const deskId = deskRaw && Number.isSafeInteger(Number(deskRaw)) ? Number(deskRaw) : null;
  if (deskId === null) issues.push({ field: 'desk', message: 'choose a desk' });
  const authorIds = ints(body.authorIds);
  const editorId = optionalId(body.editorId, 'editor', issues);
  const imageId = optionalId(body.imageId, 'image', issues);
  const access = (ACCESS_LEVELS as readonly string[]).includes(str(body.access)) ? (str(body.access) as Access) : 'free';
  const lang = (LANGS as readonly string[]).includes(str(body.lang)) ? (str(body.lang) as Lang) : 'hi';
  const tagNames = tagNamesOf(body.tags);
  const tags = await resolveTagNames({ store: c.store, bus: c.bus, clock: c.clock }, who, tagNames, ip);
  issues.push(...tags.issues);

  const db = c.store.db;
  const people = [...authorIds, ...(editorId !== null ? [editorId] : [])];
  if (people.length) {
    const found = new Set((await db.selectFrom('people').select('id').where('id', 'in', people).execute()).map((r) => r.id));
    if (authorIds.some((id) => !found.has(id))) issues.push({ field: 'authors', message: 'an author in the list no longer exists' });
    if (editorId !== null && !found.has(editorId)) issues.push({ field: 'editor', message: 'that editor no longer exists' });
  }
  if (imageId !== null && !(await db.selectFrom('images').select('id').where('id', '=', imageId).executeTakeFirst())) {
    issues.push({ field: 'image', message: `there is no image ${imageId} in the media library` });
  }

  const versionRaw = str(body.version).trim();
  const expectedVersion = versionRaw && /^\d+$/.test(versionRaw) ? Number(versionRaw) : undefined;
  const scheduleRaw = str(body.scheduleAt).trim();
  const scheduleAt = scheduleRaw ? fromIstLocal(scheduleRaw) ?? (Number.isNaN(Date.parse(scheduleRaw)) ? undefined : new Date(scheduleRaw).toISOString()) : undefined;
  if (scheduleRaw && !scheduleAt) issues.push({ field: 'scheduleAt', message: 'is not a date and time' });

  const fields: StoryFields = {
    headline: str(body.headline),
    slug: str(body.slug).trim().toLowerCase(),
    summary: str(body.summary),
    doc,
    deskId: deskId ?? 0,
    tagIds: tags.ids,
    authorIds,
    editorId,
    dateline: str(body.dateline),
    imageId,
    access,
    lang,
    correction: str(body.correction),
  };
  const values: StoryFormValues = {
    headline: fields.headline, slug: fields.slug, summary: fields.summary, doc, bodyHtml: docToEditorHtml(doc), deskId, tagNames, authorIds, editorId,
    dateline: fields.dateline, imageId, access, lang, correction: fields.correction, scheduleAt: scheduleRaw,
  };
  return { fields, values, issues, expectedVersion, scheduleAt };
}

/** The form fields to post again unchanged (the conflict screen's "save mine anyway"). */
export function repostFields(f: StoryFields, tagNames: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['headline', f.headline], ['slug', f.slug], ['summary', f.summary], ['body_format', 'json'], ['doc', JSON.stringify(f.doc)], ['deskId', String(f.deskId)],
    ['tags', tagNames.join(', ')], ['editorId', f.editorId === null ? '' : String(f.editorId)], ['dateline', f.dateline], ['imageId', f.imageId === null ? '' : String(f.imageId)],
    ['access', f.access], ['lang', f.lang], ['correction', f.correction],
  ];
  for (const id of f.authorIds) out.push(['authorIds', String(id)]);
  return out;
}
