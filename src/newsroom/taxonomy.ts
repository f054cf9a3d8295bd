import { sql } from 'kysely';
import type { Store } from '../storage/index.js';
import type { EventBus } from '../shared/events.js';
import type { Clock } from '../shared/clock.js';
import { AppError, forbidden, validationError, type FieldIssue } from '../shared/errors.js';
import { cleanText, isSlug } from '../shared/text.js';
import { slugify } from '../shared/translit/index.js';
import { policies, type StaffMember } from './policies.js';
import { recordAudit } from './audit.js';

/** Desks and tags as the newsroom manages them. A change publishes 'site.changed' so that menus and caches refresh. */
export interface TaxonomyDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
}

export interface DeskInput {
  slug: string;
  nameHi: string;
  nameEn: string;
  datelineLabel: string;
  position: number;
}

export interface DeskItem extends DeskInput {
  id: number;
  stories: number;
}

export async function listDesksWithCounts(store: Store): Promise<DeskItem[]> {
  const rows = await store.db
    .selectFrom('desks as d')
    .leftJoin('articles as a', 'a.desk_id', 'd.id')
    .select(['d.id', 'd.slug', 'd.name_hi', 'd.name_en', 'd.dateline_label', 'd.position', sql<number>`count(a.id)`.as('n')])
    .groupBy(['d.id', 'd.slug', 'd.name_hi', 'd.name_en', 'd.dateline_label', 'd.position'])
    .orderBy('d.position')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, nameHi: r.name_hi, nameEn: r.name_en, datelineLabel: r.dateline_label, position: r.position, stories: Number(r.n) }));
}

/** Paths the reader site already uses at the top level; a desk may not take them. */
const RESERVED_DESK_SLUGS = new Set(['newsroom', 'api', 'assets', 'media', 'tag', 'author', 'search', 'premium', 'account', 'healthz', 'live', 'webhooks', 'rss-xml', 'sitemap', 'robots']);

function cleanDesk(d: DeskInput): DeskInput {
  const nameHi = cleanText(d.nameHi);
  const nameEn = cleanText(d.nameEn);
  return { nameHi, nameEn, slug: cleanText(d.slug).toLowerCase() || slugify(nameEn || nameHi), datelineLabel: cleanText(d.datelineLabel) || `${nameEn || nameHi} Desk`, position: Number.isInteger(d.position) ? d.position : 0 };
}

async function checkDesk(store: Store, d: DeskInput, exceptId: number | null): Promise<void> {
  const issues: FieldIssue[] = [];
  if (!d.nameHi) issues.push({ field: 'nameHi', message: 'the Hindi name is required' });
  if (!d.nameEn) issues.push({ field: 'nameEn', message: 'the English name is required' });
  if (!isSlug(d.slug)) issues.push({ field: 'slug', message: 'slug must be lowercase a–z, 0–9 and single hyphens' });
  else if (RESERVED_DESK_SLUGS.has(d.slug)) issues.push({ field: 'slug', message: `"${d.slug}" is used by the site itself; choose another slug` });
  else {
    const taken = await store.db.selectFrom('desks').select('id').where('slug', '=', d.slug).$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!)).executeTakeFirst();
    if (taken) issues.push({ field: 'slug', message: `slug "${d.slug}" is already used by another desk` });
  }
  if (issues.length) throw validationError(issues);
}

export async function createDesk(deps: TaxonomyDeps, who: StaffMember, input: DeskInput, ip = ''): Promise<number> {
  if (!policies.manageDesks(who)) throw forbidden('Only an admin manages desks');
  const d = cleanDesk(input);
  await checkDesk(deps.store, d, null);
  const now = deps.clock.now().toISOString();
  const id = await deps.store.transaction(async (trx) => {
    const row = await trx.insertInto('desks').values({ slug: d.slug, name_hi: d.nameHi, name_en: d.nameEn, dateline_label: d.datelineLabel, position: d.position, created_at: now }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, now, { actorId: who.id, action: 'desk.create', subjectType: 'desk', subjectId: row.id, details: { slug: d.slug, name: d.nameHi }, ip });
    return row.id;
  });
  deps.bus.publish('site.changed', { what: 'desks' });
  return id;
}

export async function updateDesk(deps: TaxonomyDeps, who: StaffMember, id: number, input: DeskInput, ip = ''): Promise<void> {
  if (!policies.manageDesks(who)) throw forbidden('Only an admin manages desks');
  const d = cleanDesk(input);
  const before = await deps.store.db.selectFrom('desks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('NOT_FOUND', `desk ${id} does not exist`);
  await checkDesk(deps.store, d, id);
  const now = deps.clock.now().toISOString();
  await deps.store.transaction(async (trx) => {
    await trx.updateTable('desks').set({ slug: d.slug, name_hi: d.nameHi, name_en: d.nameEn, dateline_label: d.datelineLabel, position: d.position }).where('id', '=', id).execute();
    await recordAudit(trx, now, { actorId: who.id, action: 'desk.update', subjectType: 'desk', subjectId: id, details: { before: { slug: before.slug, name: before.name_hi }, after: { slug: d.slug, name: d.nameHi } }, ip });
  });
  deps.bus.publish('site.changed', { what: 'desks' });
}

export async function deleteDesk(deps: TaxonomyDeps, who: StaffMember, id: number, ip = ''): Promise<void> {
  if (!policies.manageDesks(who)) throw forbidden('Only an admin manages desks');
  const now = deps.clock.now().toISOString();
  await deps.store.transaction(async (trx) => {
    const d = await trx.selectFrom('desks').select(['id', 'slug']).where('id', '=', id).executeTakeFirst();
    if (!d) throw new AppError('NOT_FOUND', `desk ${id} does not exist`);
    const used = await trx.selectFrom('articles').select('id').where('desk_id', '=', id).limit(1).executeTakeFirst();
    if (used) throw new AppError('CONFLICT', 'This desk still has stories; move them to another desk first');
    await trx.deleteFrom('desks').where('id', '=', id).execute();
    await recordAudit(trx, now, { actorId: who.id, action: 'desk.delete', subjectType: 'desk', subjectId: id, details: { slug: d.slug }, ip });
  });
  deps.bus.publish('site.changed', { what: 'desks' });
}

// ---------------------------------------------------------------- tags

export interface TagItem {
  id: number;
  slug: string;
  name: string;
  stories: number;
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export async function listTags(store: Store, q: string, page = 1, limit = 100): Promise<{ items: TagItem[]; total: number }> {
  let base = store.db.selectFrom('tags as t');
  if (q) {
    const p = likePattern(q);
    base = base.where((eb) => eb.or([sql<boolean>`t.name ${sql.raw(store.caps.ilike)} ${p} escape '\\'`, sql<boolean>`t.slug ${sql.raw(store.caps.ilike)} ${p} escape '\\'`]));
  }
  const rows = await base
    .leftJoin('article_tags as at', 'at.tag_id', 't.id')
    .select(['t.id', 't.slug', 't.name', sql<number>`count(at.article_id)`.as('n')])
    .groupBy(['t.id', 't.slug', 't.name'])
    .orderBy('t.name')
    .limit(limit)
    .offset((page - 1) * limit)
    .execute();
  const count = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return { items: rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, stories: Number(r.n) })), total: Number(count?.n ?? 0) };
}

/** Tags whose name or slug starts with or contains `q` (for autocomplete), best matches first. */
export async function suggestTags(store: Store, q: string, limit = 10): Promise<Array<{ id: number; slug: string; name: string }>> {
  const text = cleanText(q);
  if (!text) return [];
  const p = likePattern(text);
  const rows = await store.db
    .selectFrom('tags')
    .select(['id', 'slug', 'name'])
    .where((eb) => eb.or([sql<boolean>`name ${sql.raw(store.caps.ilike)} ${p} escape '\\'`, sql<boolean>`slug ${sql.raw(store.caps.ilike)} ${p} escape '\\'`]))
    .orderBy('name')
    .limit(50)
    .execute();
  const lower = text.toLowerCase();
  return rows
    .sort((a, b) => Number(!a.name.toLowerCase().startsWith(lower) && !a.slug.startsWith(lower)) - Number(!b.name.toLowerCase().startsWith(lower) && !b.slug.startsWith(lower)))
    .slice(0, limit);
}

async function checkTag(store: Store, name: string, slug: string, exceptId: number | null): Promise<void> {
  const issues: FieldIssue[] = [];
  if (!name) issues.push({ field: 'name', message: 'the tag needs a name' });
  if (!isSlug(slug)) issues.push({ field: 'slug', message: 'slug must be lowercase a–z, 0–9 and single hyphens' });
  const clash = await store.db.selectFrom('tags').select(['id', 'name', 'slug']).where((eb) => eb.or([eb('name', '=', name), eb('slug', '=', slug)])).$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!)).executeTakeFirst();
  if (clash) issues.push({ field: clash.name === name ? 'name' : 'slug', message: `tag "${clash.name}" (${clash.slug}) already has this ${clash.name === name ? 'name' : 'slug'}` });
  if (issues.length) throw validationError(issues);
}

export async function createTag(deps: TaxonomyDeps, who: StaffMember, input: { name: string; slug?: string }, ip = ''): Promise<number> {
  if (!policies.manageTags(who)) throw forbidden('Only editors manage tags');
  const name = cleanText(input.name);
  const slug = cleanText(input.slug ?? '').toLowerCase() || slugify(name) || 'tag';
  await checkTag(deps.store, name, slug, null);
  const now = deps.clock.now().toISOString();
  return deps.store.transaction(async (trx) => {
    const row = await trx.insertInto('tags').values({ name, slug, created_at: now }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, now, { actorId: who.id, action: 'tag.create', subjectType: 'tag', subjectId: row.id, details: { name, slug }, ip });
    return row.id;
  });
}

export async function updateTag(deps: TaxonomyDeps, who: StaffMember, id: number, input: { name: string; slug: string }, ip = ''): Promise<void> {
  if (!policies.manageTags(who)) throw forbidden('Only editors manage tags');
  const name = cleanText(input.name);
  const slug = cleanText(input.slug).toLowerCase();
  const before = await deps.store.db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('NOT_FOUND', `tag ${id} does not exist`);
  await checkTag(deps.store, name, slug, id);
  const now = deps.clock.now().toISOString();
  await deps.store.transaction(async (trx) => {
    await trx.updateTable('tags').set({ name, slug }).where('id', '=', id).execute();
    await recordAudit(trx, now, { actorId: who.id, action: 'tag.update', subjectType: 'tag', subjectId: id, details: { before: { name: before.name, slug: before.slug }, after: { name, slug } }, ip });
  });
  deps.bus.publish('site.changed', { what: 'tags' });
}

export async function deleteTag(deps: TaxonomyDeps, who: StaffMember, id: number, ip = ''): Promise<void> {
  if (!policies.manageTags(who)) throw forbidden('Only editors manage tags');
  const now = deps.clock.now().toISOString();
  await deps.store.transaction(async (trx) => {
    const t = await trx.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
    if (!t) throw new AppError('NOT_FOUND', `tag ${id} does not exist`);
    await trx.deleteFrom('article_tags').where('tag_id', '=', id).execute();
    await trx.deleteFrom('tags').where('id', '=', id).execute();
    await recordAudit(trx, now, { actorId: who.id, action: 'tag.delete', subjectType: 'tag', subjectId: id, details: { name: t.name, slug: t.slug }, ip });
  });
  deps.bus.publish('site.changed', { what: 'tags' });
}

/**
 * Turns tag names typed on the writing screen into ids. Existing names (or slugs) are found; a new name
 * becomes a tag only for someone who may create tags, otherwise it is reported.
 */
export async function resolveTagNames(deps: TaxonomyDeps, who: StaffMember, names: string[], ip = ''): Promise<{ ids: number[]; issues: FieldIssue[] }> {
  const ids: number[] = [];
  const issues: FieldIssue[] = [];
  for (const raw of names) {
    const name = cleanText(raw);
    if (!name) continue;
    const found = await deps.store.db.selectFrom('tags').select('id').where((eb) => eb.or([eb('name', '=', name), eb('slug', '=', name.toLowerCase())])).executeTakeFirst();
    if (found) {
      ids.push(found.id);
      continue;
    }
    if (!policies.createTags(who)) {
      issues.push({ field: 'tags', message: `there is no tag "${name}"; pick an existing tag or ask an editor to create it` });
      continue;
    }
    let slug = slugify(name) || 'tag';
    for (let i = 2; await deps.store.db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst(); i++) slug = `${slug.replace(/-\d+$/, '')}-${i}`;
    ids.push(await createTag(deps, who, { name, slug }, ip));
  }
  return { ids: [...new Set(ids)], issues };
}
