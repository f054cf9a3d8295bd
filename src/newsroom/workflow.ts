import type { ExpressionBuilder } from 'kysely';
import { getArticle, isSlugAvailable, saveArticle, type Article, type ArticleInput, type ContentDeps } from '../content/index.js';
import type { Database } from '../storage/schema.js';
import type { Executor, Store } from '../storage/index.js';
import type { Clock } from '../shared/clock.js';
import type { EventBus, EventName, DomainEvents } from '../shared/events.js';
import type { JobQueue } from '../jobs/index.js';
import type { Logger } from '../shared/logger.js';
import { AppError, forbidden, isAppError, validationError, type FieldIssue } from '../shared/errors.js';
import { slugify } from '../shared/translit/index.js';
import { policies, type StaffMember } from './policies.js';
import { recordAudit } from './audit.js';
import { discardKeptAutosaves, getRevision, recordRevision, snapshotOfArticle, type RevisionKind, type StorySnapshot } from './revisions.js';
import { figureImageIds } from './body.js';
import './schema.js';

/**
 * The story workflow: draft → submitted → published, or scheduled for a time, and unpublished.
 * Every change is one transaction that saves the story (with the optimistic version check), writes a
 * revision and an audit row, and enqueues or cancels the publishing job; events go out after commit.
 */
export interface NewsroomDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  jobs: JobQueue;
  logger: Logger;
}

export const PUBLISH_JOB = 'newsroom.publish';
export const publishJobKey = (articleId: number) => `publish:${articleId}`;

/** What the writing screen edits: the story without its workflow state. */
export type StoryFields = Omit<StorySnapshot, 'status' | 'scheduledAt'>;

export type StoryAction = 'save' | 'autosave' | 'submit' | 'publish' | 'schedule' | 'unschedule' | 'unpublish';
export const STORY_ACTIONS: readonly StoryAction[] = ['save', 'autosave', 'submit', 'publish', 'schedule', 'unschedule', 'unpublish'];

export interface StoryRef {
  authorIds: number[];
  createdBy: number | null;
  status: string;
}

export interface EditResult {
  id: number;
  version: number;
  status: string;
  /** true when an autosave of a live story was kept aside instead of changing what readers see. */
  kept: boolean;
  revisionId: number;
}

/** Collects the events of a transaction and sends them only after it has committed. */
function deferredBus(bus: EventBus): { bus: EventBus; flush(): void } {
  const queued: Array<[EventName, DomainEvents[EventName]]> = [];
  return {
    bus: {
      publish: (type, payload) => void queued.push([type, payload]),
      subscribe: (type, handler) => bus.subscribe(type, handler),
      deliverLocal: (msg) => bus.deliverLocal(msg),
      onLocalPublish: (fn) => bus.onLocalPublish(fn),
    },
    flush: () => {
      for (const [t, p] of queued.splice(0)) bus.publish(t, p);
    },
  };
}

/** Takes the story's row lock first (PostgreSQL), so that two concurrent saves are checked one after the other. */
async function lockStory(trx: Executor, id: number): Promise<void> {
  await trx.updateTable('articles').set((eb: ExpressionBuilder<Database, 'articles'>) => ({ version: eb.ref('version') })).where('id', '=', id).execute();
}

export async function storyRef(db: Executor, a: Article): Promise<StoryRef> {
  const r = await db.selectFrom('articles').select('created_by').where('id', '=', a.id).executeTakeFirst();
  return { authorIds: a.authors.map((p) => p.id), createdBy: r?.created_by ?? null, status: a.status };
}

/** A slug that no other story uses: `base`, else `base-2`, `base-3` … */
export async function availableSlug(db: Executor, base: string, exceptId: number | null = null): Promise<string> {
  const root = (base || 'story').slice(0, 110).replace(/-+$/, '') || 'story';
  if (await isSlugAvailable(db, root, exceptId)) return root;
  for (let i = 2; i < 1000; i++) {
    const s = `${root}-${i}`;
    if (await isSlugAvailable(db, s, exceptId)) return s;
  }
  return `${root}-${Date.now().toString(36)}`;
}

export function suggestSlug(headline: string): string {
  return slugify(headline, 8, { dropParticles: false });
}

function inputOf(f: StoryFields, status: ArticleInput['status'], scheduledAt: string | null, externalId: string | null): ArticleInput {
  return {
    headline: f.headline, slug: f.slug, summary: f.summary, doc: f.doc, deskId: f.deskId, tagIds: f.tagIds, authorIds: f.authorIds, editorId: f.editorId,
    dateline: f.dateline, imageId: f.imageId, access: f.access, status, lang: f.lang, externalId, correction: f.correction, scheduledAt,
  };
}

export function fieldsOfArticle(a: Article): StoryFields {
  const { status: _s, scheduledAt: _a, ...fields } = snapshotOfArticle(a);
  return fields;
}

/** Images without alt text stop a story from going live (hero image and every image in the body). */
export async function altTextIssues(db: Executor, f: Pick<StoryFields, 'imageId' | 'doc'>): Promise<FieldIssue[]> {
  const ids = [...new Set([...(f.imageId !== null ? [f.imageId] : []), ...figureImageIds(f.doc)])];
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('images').select(['id', 'alt', 'title']).where('id', 'in', ids).execute();
  const alt = new Map(rows.map((r) => [r.id, r.alt.trim()]));
  const issues: FieldIssue[] = [];
  if (f.imageId !== null && !alt.get(f.imageId)) issues.push({ field: 'image', message: `the main image (${f.imageId}) needs alt text before the story can be published: add it in the media library` });
  for (const b of f.doc.content) {
    if (b.type === 'figure' && b.attrs.imageId !== null && !b.attrs.alt.trim() && !alt.get(b.attrs.imageId)) {
      issues.push({ field: 'body', message: `image ${b.attrs.imageId} in the body needs alt text before the story can be published` });
    }
  }
  return issues;
}

/** Ids of tags, people and images that still exist (a restored revision may name deleted ones). */
async function existingIds(db: Executor, table: 'tags' | 'people' | 'images', ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * A story that reached the store another way (an import, the demo) has no revision yet: its state before
 * the first newsroom change is kept as one, so that the change can be compared and undone.
 */
async function keepBaseline(trx: Executor, now: Date, current: Article): Promise<void> {
  const any = await trx.selectFrom('revisions').select('id').where('article_id', '=', current.id).limit(1).executeTakeFirst();
  if (!any) await recordRevision(trx, now, { articleId: current.id, version: current.version, kind: 'import', applied: true, authorId: null, snapshot: snapshotOfArticle(current) });
}

/** Creates a draft written by `who`; they become its first author unless authors are given. */
export async function createStory(deps: NewsroomDeps, who: StaffMember, fields: StoryFields, opts: { ip?: string; kind?: RevisionKind } = {}): Promise<EditResult> {
  if (!policies.createStory(who)) throw forbidden('You may not write stories');
  const events = deferredBus(deps.bus);
  const cdeps: ContentDeps = { store: deps.store, clock: deps.clock, bus: events.bus };
  const result = await deps.store.transaction(async (trx) => {
    const slug = fields.slug || (await availableSlug(trx, suggestSlug(fields.headline)));
    const authorIds = fields.authorIds.length ? fields.authorIds : [who.id];
    const input = inputOf({ ...fields, slug, authorIds }, 'draft', null, null);
    const saved = await saveArticle(cdeps, input, { trx });
    await trx.updateTable('articles').set({ created_by: who.id }).where('id', '=', saved.id).execute();
    const now = deps.clock.now();
    const revisionId = await recordRevision(trx, now, { articleId: saved.id, version: saved.version, kind: opts.kind ?? 'create', applied: true, authorId: who.id, snapshot: { ...fields, slug, authorIds, status: 'draft', scheduledAt: null } });
    await recordAudit(trx, now.toISOString(), { actorId: who.id, action: 'story.create', subjectType: 'article', subjectId: saved.id, details: { headline: input.headline }, ip: opts.ip ?? '' });
    return { id: saved.id, version: saved.version, status: 'draft', kept: false, revisionId };
  });
  events.flush();
  return result;
}

export interface EditRequest {
  id: number;
  action: StoryAction;
  /** The edited story, or undefined for a change of state only. */
  fields?: StoryFields;
  /** The version the writer started from; a different stored version is a conflict. */
  expectedVersion?: number;
  /** For 'schedule': when to publish (ISO). */
  scheduleAt?: string;
  ip?: string;
}

function allowed(who: StaffMember, ref: StoryRef, action: StoryAction, editsContent: boolean): boolean {
  if (editsContent && !policies.editStory(who, ref)) return false;
  switch (action) {
    case 'save': case 'autosave': return policies.editStory(who, ref);
    case 'submit': return policies.submitStory(who, ref);
    case 'publish': return policies.publishStory(who);
    case 'schedule': case 'unschedule': return policies.scheduleStory(who);
    case 'unpublish': return policies.unpublishStory(who);
  }
}

/**
 * Saves and/or moves a story through the workflow. A stale `expectedVersion` is refused with CONFLICT;
 * the refused copy is kept as a revision (never lost) and named in the error details.
 */
export async function editStory(deps: NewsroomDeps, who: StaffMember, req: EditRequest): Promise<EditResult> {
  const events = deferredBus(deps.bus);
  const cdeps: ContentDeps = { store: deps.store, clock: deps.clock, bus: events.bus };
  let conflictBase: { version: number; status: string } | null = null;
  try {
    const result = await deps.store.transaction(async (trx) => {
      await lockStory(trx, req.id);
      const current = await getArticle(trx, req.id);
      if (!current) throw new AppError('NOT_FOUND', `story ${req.id} does not exist`);
      const ref = await storyRef(trx, current);
      if (!allowed(who, ref, req.action, req.fields !== undefined)) throw forbidden(`You may not ${req.action} this story`);
      if (req.expectedVersion !== undefined && req.expectedVersion !== current.version) {
        conflictBase = { version: current.version, status: current.status };
        throw new AppError('CONFLICT', 'This story was changed by someone else after you opened it', { details: { storedVersion: current.version, yourVersion: req.expectedVersion } });
      }
      const now = deps.clock.now();
      await keepBaseline(trx, now, current);
      const fields = req.fields ?? fieldsOfArticle(current);
      let status = current.status;
      let scheduledAt = current.scheduledAt;
      switch (req.action) {
        case 'submit':
          if (!['draft', 'unpublished', 'submitted'].includes(current.status)) throw new AppError('VALIDATION', `A ${current.status} story cannot be submitted`);
          status = 'submitted';
          break;
        case 'publish':
          status = 'published';
          scheduledAt = null;
          break;
        case 'schedule': {
          const at = req.scheduleAt ? Date.parse(req.scheduleAt) : NaN;
          if (Number.isNaN(at)) throw validationError([{ field: 'scheduleAt', message: 'choose a date and time to publish' }]);
          if (at <= now.getTime()) throw validationError([{ field: 'scheduleAt', message: 'the publishing time must be in the future' }]);
          if (current.status === 'published') throw new AppError('VALIDATION', 'This story is already published; unpublish it first to schedule it');
          status = 'scheduled';
          scheduledAt = new Date(at).toISOString();
          break;
        }
        case 'unschedule':
          if (current.status !== 'scheduled') throw new AppError('VALIDATION', 'This story is not scheduled');
          status = 'draft';
          scheduledAt = null;
          break;
        case 'unpublish':
          if (current.status !== 'published') throw new AppError('VALIDATION', 'Only a published story can be unpublished');
          status = 'unpublished';
          break;
        default:
          break;
      }
      const live = current.status === 'published' || current.status === 'scheduled';
      if (req.action === 'autosave' && live) {
        // Readers never see half-typed changes: an autosave of a live story is kept aside until saved for real.
        const revisionId = await recordRevision(trx, now, { articleId: current.id, version: current.version, kind: 'autosave', applied: false, authorId: who.id, snapshot: { ...fields, status: current.status, scheduledAt: current.scheduledAt } });
        return { id: current.id, version: current.version, status: current.status, kept: true, revisionId };
      }
      if (status === 'published' || status === 'scheduled') {
        const issues = await altTextIssues(trx, fields);
        if (issues.length) throw validationError(issues, 'Add alt text to every image before publishing');
      }
      const saved = await saveArticle(cdeps, inputOf(fields, status, scheduledAt, current.externalId), { id: current.id, expectedVersion: current.version, trx });
      const kind: RevisionKind = req.action;
      const revisionId = await recordRevision(trx, now, { articleId: current.id, version: saved.version, kind, applied: true, authorId: who.id, snapshot: { ...fields, status, scheduledAt } });
      if (req.action !== 'autosave') await discardKeptAutosaves(trx, current.id, who.id);
      if (req.action === 'schedule') await deps.jobs.enqueue(PUBLISH_JOB, { articleId: current.id, at: scheduledAt }, { uniqueKey: publishJobKey(current.id), runAt: new Date(scheduledAt!), trx, maxAttempts: 20 });
      else if (current.status === 'scheduled' && status !== 'scheduled') await deps.jobs.cancel(publishJobKey(current.id), trx);
      if (req.action !== 'autosave') {
        await recordAudit(trx, now.toISOString(), { actorId: who.id, action: `story.${req.action}`, subjectType: 'article', subjectId: current.id, details: { version: saved.version, status, ...(scheduledAt && req.action === 'schedule' ? { scheduledAt } : {}) }, ip: req.ip ?? '' });
      }
      return { id: current.id, version: saved.version, status, kept: false, revisionId };
    });
    events.flush();
    return result;
  } catch (e) {
    if (isAppError(e) && e.code === 'CONFLICT' && req.fields && conflictBase) {
      const base: { version: number; status: string } = conflictBase;
      // The refused copy is kept, so that nothing typed is lost even if the writer closes the conflict screen.
      const keptRevisionId = await recordRevision(deps.store.db, deps.clock.now(), {
        articleId: req.id, version: req.expectedVersion ?? base.version, kind: 'conflict', applied: false, authorId: who.id,
        snapshot: { ...req.fields, status: base.status as StorySnapshot['status'], scheduledAt: null },
      });
      throw new AppError('CONFLICT', e.message, { details: { ...(e.details ?? {}), keptRevisionId } });
    }
    throw e;
  }
}

/**
 * Makes a past revision the current story (a new revision itself). The story keeps its workflow state;
 * ids that no longer exist (a deleted tag or image) are left out.
 */
export async function restoreRevision(deps: NewsroomDeps, who: StaffMember, articleId: number, revisionId: number, opts: { ip?: string; expectedVersion?: number } = {}): Promise<EditResult> {
  const events = deferredBus(deps.bus);
  const cdeps: ContentDeps = { store: deps.store, clock: deps.clock, bus: events.bus };
  const result = await deps.store.transaction(async (trx) => {
    await lockStory(trx, articleId);
    const current = await getArticle(trx, articleId);
    if (!current) throw new AppError('NOT_FOUND', `story ${articleId} does not exist`);
    if (!policies.restoreRevision(who, await storyRef(trx, current))) throw forbidden('You may not change this story');
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== current.version) {
      throw new AppError('CONFLICT', 'This story was changed by someone else after you opened it', { details: { storedVersion: current.version, yourVersion: opts.expectedVersion } });
    }
    await keepBaseline(trx, deps.clock.now(), current);
    const rev = await getRevision(trx, articleId, revisionId);
    if (!rev) throw new AppError('NOT_FOUND', `revision ${revisionId} of story ${articleId} does not exist`);
    const s = rev.snapshot;
    const tags = await existingIds(trx, 'tags', s.tagIds);
    const people = await existingIds(trx, 'people', [...s.authorIds, ...(s.editorId !== null ? [s.editorId] : [])]);
    const images = await existingIds(trx, 'images', [...(s.imageId !== null ? [s.imageId] : []), ...figureImageIds(s.doc)]);
    const fields: StoryFields = {
      headline: s.headline, slug: s.slug, summary: s.summary, deskId: s.deskId, dateline: s.dateline, access: s.access, lang: s.lang, correction: s.correction,
      doc: { type: 'doc', content: s.doc.content.filter((b) => b.type !== 'figure' || (b.attrs.imageId !== null && images.has(b.attrs.imageId))) },
      tagIds: s.tagIds.filter((id) => tags.has(id)),
      authorIds: s.authorIds.filter((id) => people.has(id)),
      editorId: s.editorId !== null && people.has(s.editorId) ? s.editorId : null,
      imageId: s.imageId !== null && images.has(s.imageId) ? s.imageId : null,
    };
    // An old slug may since have been taken by another story; keep the current one then.
    if (!(await isSlugAvailable(trx, fields.slug, articleId))) fields.slug = current.slug;
    if (current.status === 'published' || current.status === 'scheduled') {
      const issues = await altTextIssues(trx, fields);
      if (issues.length) throw validationError(issues, 'Add alt text to every image before restoring this version of a live story');
    }
    const saved = await saveArticle(cdeps, inputOf(fields, current.status, current.scheduledAt, current.externalId), { id: articleId, expectedVersion: current.version, trx });
    const now = deps.clock.now();
    const newRevisionId = await recordRevision(trx, now, { articleId, version: saved.version, kind: 'restore', applied: true, authorId: who.id, snapshot: { ...fields, status: current.status, scheduledAt: current.scheduledAt } });
    await discardKeptAutosaves(trx, articleId, who.id);
    await recordAudit(trx, now.toISOString(), { actorId: who.id, action: 'story.restore', subjectType: 'article', subjectId: articleId, details: { revisionId, version: saved.version }, ip: opts.ip ?? '' });
    return { id: articleId, version: saved.version, status: current.status, kept: false, revisionId: newRevisionId };
  });
  events.flush();
  return result;
}

/**
 * The job that publishes a scheduled story. It does nothing when the story was unscheduled, published by
 * hand or rescheduled since (the payload's time no longer matches), so a late or repeated run is harmless.
 */
export async function publishScheduled(deps: NewsroomDeps, articleId: number, at: string | null): Promise<boolean> {
  const events = deferredBus(deps.bus);
  const cdeps: ContentDeps = { store: deps.store, clock: deps.clock, bus: events.bus };
  const done = await deps.store.transaction(async (trx) => {
    await lockStory(trx, articleId);
    const current = await getArticle(trx, articleId);
    if (!current || current.status !== 'scheduled' || (at !== null && current.scheduledAt !== at)) return false;
    const fields = fieldsOfArticle(current);
    const saved = await saveArticle(cdeps, inputOf(fields, 'published', null, current.externalId), { id: articleId, expectedVersion: current.version, trx });
    const now = deps.clock.now();
    await recordRevision(trx, now, { articleId, version: saved.version, kind: 'publish', applied: true, authorId: null, snapshot: { ...fields, status: 'published', scheduledAt: null } });
    await recordAudit(trx, now.toISOString(), { actorId: null, action: 'story.publish', subjectType: 'article', subjectId: articleId, details: { version: saved.version, scheduled: true, scheduledAt: current.scheduledAt } });
    return true;
  });
  events.flush();
  if (done) deps.logger.info({ articleId }, 'scheduled story published');
  return done;
}

/** Registers the newsroom's jobs on the queue (every process that serves or runs jobs). */
export function registerNewsroomJobs(deps: NewsroomDeps): void {
  deps.jobs.register(PUBLISH_JOB, async (payload) => {
    const id = Number(payload.articleId);
    if (!Number.isSafeInteger(id)) return;
    await publishScheduled(deps, id, typeof payload.at === 'string' ? payload.at : null);
  });
}
