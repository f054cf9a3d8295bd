import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../../container.js';
import { getArticle, isSlugAvailable, listDesks, relatedStories, type Article } from '../../../content/index.js';
import { AppError, forbidden, isAppError, validationError, type FieldIssue } from '../../../shared/errors.js';
import { cleanText, isSlug } from '../../../shared/text.js';
import {
  availableSlug, createStory, diffSnapshots, docToEditorHtml, editStory, findPublishedByHeadline, getLibraryImage, getRevision, isStatus, listAudit,
  listStories, pendingAutosave, policies, snapshotOfArticle, storyRef, suggestSlug, suggestTags, type NewsroomDeps, type StaffMember, type StoryAction, type StorySnapshot,
} from '../../../newsroom/index.js';
import { pageContext, type SiteData } from '../../page.js';
import { articlePage } from '../../views/article.js';
import { editorPage, type StoryFormValues } from '../../views/newsroom/editor.js';
import { conflictPage } from '../../views/newsroom/revisions.js';
import { storyListPage } from '../../views/newsroom/stories.js';
import { sidebar } from '../site.js';
import { bodyOf, fromIstLocal, idParam, istDayStart, nrContext, queryOf, sendHtml, str, toIstLocal, wantsJson } from './context.js';
import { readStoryForm, repostFields, type ParsedStoryForm } from './forms.js';
import { staffOnly } from './guard.js';

const LIST_LIMIT = 50;
const TRANSITIONS = ['submit', 'publish', 'schedule', 'unschedule', 'unpublish'] as const;
type Transition = (typeof TRANSITIONS)[number];

export async function peopleForForms(c: Container): Promise<Array<{ id: number; name: string; role: string }>> {
  return c.store.db.selectFrom('people').select(['id', 'name', 'role']).where('active', '=', 1).orderBy('name').execute();
}

/** Turns ids in a field change into names for the diff table (desks, tags, people, images). */
export async function nameResolver(c: Container, snaps: StorySnapshot[]): Promise<(field: string, value: string) => string> {
  const db = c.store.db;
  const tagIds = [...new Set(snaps.flatMap((s) => s.tagIds))];
  const personIds = [...new Set(snaps.flatMap((s) => [...s.authorIds, ...(s.editorId !== null ? [s.editorId] : [])]))];
  const desks = new Map((await listDesks(db)).map((d) => [String(d.id), d.name]));
  const tags = new Map(tagIds.length ? (await db.selectFrom('tags').select(['id', 'name']).where('id', 'in', tagIds).execute()).map((t) => [String(t.id), t.name]) : []);
  const people = new Map(personIds.length ? (await db.selectFrom('people').select(['id', 'name']).where('id', 'in', personIds).execute()).map((p) => [String(p.id), p.name]) : []);
  const list = (m: Map<string, string>, v: string) => v.split(', ').filter(Boolean).map((id) => m.get(id) ?? `#${id}`).join(', ');
  return (field, value) => {
    if (!value) return '—';
    if (field === 'desk') return desks.get(value) ?? `#${value}`;
    if (field === 'tags') return list(tags, value);
    if (field === 'authors' || field === 'editor') return list(people, value);
    if (field === 'image') return `#${value}`;
    return value;
  };
}

export function storyRoutes(app: FastifyInstance, c: Container, deps: NewsroomDeps, site: SiteData): void {
  const db = c.store.db;
  const taxonomy = { store: c.store, bus: c.bus, clock: c.clock };

  async function loadStory(id: number, who: StaffMember): Promise<{ article: Article; canEdit: boolean }> {
    const article = await getArticle(db, id);
    if (!article) throw new AppError('NOT_FOUND', `story ${id} does not exist`);
    const ref = await storyRef(db, article);
    if (!policies.viewStory(who, ref)) throw forbidden('This is not one of your stories');
    return { article, canEdit: policies.editStory(who, ref) };
  }

  function valuesOf(a: Pick<StorySnapshot, 'headline' | 'slug' | 'summary' | 'doc' | 'deskId' | 'authorIds' | 'editorId' | 'dateline' | 'imageId' | 'access' | 'lang' | 'correction'>, tagNames: string[], scheduledAt: string | null): StoryFormValues {
    return {
      headline: a.headline, slug: a.slug, summary: a.summary, doc: a.doc, bodyHtml: docToEditorHtml(a.doc), deskId: a.deskId, tagNames, authorIds: a.authorIds, editorId: a.editorId,
      dateline: a.dateline, imageId: a.imageId, access: a.access, lang: a.lang, correction: a.correction, scheduleAt: toIstLocal(scheduledAt),
    };
  }

  async function renderEditor(req: FastifyRequest, reply: FastifyReply, o: { article: Article | null; canEdit: boolean; values: StoryFormValues; issues?: FieldIssue[]; message?: string; status?: number; loadedRevision?: { id: number; at: string } | null }) {
    const who = req.staff!;
    const a = o.article;
    const [desks, people] = await Promise.all([listDesks(db), peopleForForms(c)]);
    const hero = o.values.imageId !== null ? await getLibraryImage(c.store, o.values.imageId) : null;
    let pending: { revisionId: number; at: string; diffFrom: number | null } | null = null;
    let history: Awaited<ReturnType<typeof listAudit>>['items'] = [];
    if (a) {
      const p = await pendingAutosave(db, a.id, who.id, a.modifiedAt);
      if (p) {
        const lastApplied = await db.selectFrom('revisions').select('id').where('article_id', '=', a.id).where('applied', '=', 1).orderBy('id', 'desc').limit(1).executeTakeFirst();
        pending = { revisionId: p.id, at: p.updatedAt, diffFrom: lastApplied?.id ?? null };
      }
      history = (await listAudit(db, { subjectType: 'article', subjectId: a.id }, 1, 15)).items;
    }
    const ctx = nrContext(c, req, reply);
    const page = editorPage(ctx, {
      story: a
        ? { id: a.id, version: a.version, status: a.status, livePath: a.path, publishedAt: a.publishedAt, updatedAt: a.updatedAt, scheduledAt: a.scheduledAt, modifiedAt: a.modifiedAt }
        : { id: null, version: 0, status: 'draft', livePath: null, publishedAt: null, updatedAt: null, scheduledAt: null, modifiedAt: null },
      values: o.values,
      desks,
      people,
      hero,
      issues: o.issues ?? [],
      errorMessage: o.message,
      canEdit: o.canEdit,
      can: { submit: a ? policies.submitStory(who, await storyRef(db, a)) : true, publish: policies.publishStory(who), schedule: policies.scheduleStory(who), unschedule: policies.scheduleStory(who), unpublish: policies.unpublishStory(who) },
      pendingAutosave: pending,
      loadedRevision: o.loadedRevision ?? null,
      history,
    });
    return sendHtml(reply, page, o.status ?? 200);
  }

  async function tagNames(ids: number[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await db.selectFrom('tags').select(['id', 'name']).where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, r.name]));
    return ids.map((id) => byId.get(id)).filter((n): n is string => n !== undefined);
  }

  // ------------------------------------------------------------ list

  app.get('/newsroom', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    const who = req.staff!;
    const q = queryOf(req);
    const filter = { status: str(q.status), desk: str(q.desk), author: str(q.author), from: str(q.from), to: str(q.to), q: cleanText(str(q.q)).slice(0, 200) };
    const pageRaw = Number(str(q.page) || '1');
    const page = Number.isInteger(pageRaw) && pageRaw >= 1 && pageRaw <= 10_000 ? pageRaw : 1;
    const mineOnly = !policies.listAllStories(who);
    const to = istDayStart(filter.to);
    const list = await listStories(
      c.store,
      {
        ...(isStatus(filter.status) ? { status: filter.status } : {}),
        ...(/^\d{1,9}$/.test(filter.desk) ? { deskId: Number(filter.desk) } : {}),
        ...(/^\d{1,9}$/.test(filter.author) && !mineOnly ? { authorId: Number(filter.author) } : {}),
        ...(istDayStart(filter.from) ? { from: istDayStart(filter.from)! } : {}),
        ...(to ? { to: new Date(Date.parse(to) + 24 * 3600 * 1000).toISOString() } : {}),
        ...(filter.q ? { q: filter.q } : {}),
        ...(mineOnly ? { onlyFor: who.id } : {}),
      },
      page,
      LIST_LIMIT,
    );
    const [desks, people] = await Promise.all([listDesks(db), peopleForForms(c)]);
    return sendHtml(reply, storyListPage(nrContext(c, req, reply), { ...list, page, limit: LIST_LIMIT, filter, desks, people, mineOnly }));
  });

  // ------------------------------------------------------------ writing screen

  app.get('/newsroom/stories/new', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    const who = req.staff!;
    const desks = await listDesks(db);
    const deskQ = Number(str(queryOf(req).desk));
    const desk = desks.find((d) => d.id === deskQ) ?? desks[0] ?? null;
    const values: StoryFormValues = {
      headline: '', slug: '', summary: '', doc: { type: 'doc', content: [] }, bodyHtml: '', deskId: desk?.id ?? null, tagNames: [], authorIds: [who.id], editorId: null,
      dateline: desk?.datelineLabel ?? '', imageId: null, access: 'free', lang: 'hi', correction: '', scheduleAt: '',
    };
    return renderEditor(req, reply, { article: null, canEdit: policies.createStory(who), values });
  });

  app.post('/newsroom/stories', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    const who = req.staff!;
    const json = wantsJson(req);
    const parsed = await readStoryForm(c, who, bodyOf(req), req.ip);
    if (parsed.issues.length) {
      if (json) throw validationError(parsed.issues);
      return renderEditor(req, reply, { article: null, canEdit: true, values: parsed.values, issues: parsed.issues, status: 400 });
    }
    try {
      const r = await createStory(deps, who, parsed.fields, { ip: req.ip });
      if (json) return reply.code(201).send({ id: r.id, version: r.version, status: r.status, kept: false, savedAt: c.clock.now().toISOString(), editUrl: `/newsroom/stories/${r.id}`, autosaveUrl: `/newsroom/stories/${r.id}/autosave` });
      return reply.redirect(`/newsroom/stories/${r.id}?done=created`, 303);
    } catch (e) {
      if (!json && isAppError(e) && e.code === 'VALIDATION') return renderEditor(req, reply, { article: null, canEdit: true, values: parsed.values, issues: e.issues, message: e.message, status: 400 });
      throw e;
    }
  });

  app.get<{ Params: { id: string } }>('/newsroom/stories/:id', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    const who = req.staff!;
    const id = idParam(req.params.id);
    const { article, canEdit } = await loadStory(id, who);
    const revParam = str(queryOf(req).revision);
    if (/^\d{1,12}$/.test(revParam)) {
      const rev = await getRevision(db, id, Number(revParam));
      if (!rev) throw new AppError('NOT_FOUND', `revision ${revParam} of story ${id} does not exist`);
      return renderEditor(req, reply, { article, canEdit, values: valuesOf(rev.snapshot, await tagNames(rev.snapshot.tagIds), article.scheduledAt), loadedRevision: { id: rev.id, at: rev.updatedAt } });
    }
    const snap = snapshotOfArticle(article);
    return renderEditor(req, reply, { article, canEdit, values: valuesOf(snap, article.tags.map((t) => t.name), article.scheduledAt) });
  });

  async function handleEdit(req: FastifyRequest, reply: FastifyReply, id: number, requested: StoryAction | 'preview') {
    const who = req.staff!;
    const body = bodyOf(req);
    const json = wantsJson(req);
    const action: StoryAction = requested === 'preview' ? 'save' : requested;
    let parsed: ParsedStoryForm | null = null;
    if (typeof body.headline === 'string' || (json && body.headline !== undefined)) {
      parsed = await readStoryForm(c, who, body, req.ip);
      if (parsed.issues.length) {
        if (json) throw validationError(parsed.issues);
        const { article, canEdit } = await loadStory(id, who);
        return renderEditor(req, reply, { article, canEdit, values: parsed.values, issues: parsed.issues, status: 400 });
      }
    }
    const versionRaw = str(body.version).trim();
    const expectedVersion = parsed ? parsed.expectedVersion : /^\d+$/.test(versionRaw) ? Number(versionRaw) : undefined;
    let scheduleAt = parsed?.scheduleAt;
    if (!parsed && action === 'schedule') {
      const raw = str(body.scheduleAt).trim();
      scheduleAt = fromIstLocal(raw) ?? (raw && !Number.isNaN(Date.parse(raw)) ? new Date(raw).toISOString() : undefined);
    }
    try {
      const r = await editStory(deps, who, { id, action, ...(parsed ? { fields: parsed.fields } : {}), ...(expectedVersion !== undefined ? { expectedVersion } : {}), ...(scheduleAt ? { scheduleAt } : {}), ip: req.ip });
      if (json) return reply.send({ id: r.id, version: r.version, status: r.status, kept: r.kept, revisionId: r.revisionId, savedAt: c.clock.now().toISOString() });
      if (requested === 'preview') return reply.redirect(`/newsroom/stories/${id}/preview`, 303);
      return reply.redirect(`/newsroom/stories/${id}?done=${action === 'save' ? 'saved' : action}`, 303);
    } catch (e) {
      if (json || !isAppError(e)) throw e;
      if (e.code === 'CONFLICT' && parsed) {
        const stored = await getArticle(db, id);
        if (!stored) throw e;
        const last = await db.selectFrom('revisions as r').leftJoin('people as p', 'p.id', 'r.author_id').select(['p.name', 'r.updated_at']).where('r.article_id', '=', id).where('r.applied', '=', 1).orderBy('r.id', 'desc').limit(1).executeTakeFirst();
        const storedSnap = snapshotOfArticle(stored);
        const mine: StorySnapshot = { ...parsed.fields, status: stored.status, scheduledAt: stored.scheduledAt };
        const kept = e.details?.keptRevisionId;
        const ctx = nrContext(c, req, reply);
        return sendHtml(reply, conflictPage(ctx, {
          storyId: id, mine, stored: storedSnap, storedVersion: stored.version, storedBy: last?.name ?? null, storedAt: last?.updated_at ?? stored.modifiedAt,
          keptRevisionId: typeof kept === 'number' ? kept : null, repost: repostFields(parsed.fields, parsed.values.tagNames),
          diff: diffSnapshots(storedSnap, mine), names: await nameResolver(c, [storedSnap, mine]),
        }), 409);
      }
      if (e.code === 'VALIDATION') {
        const { article, canEdit } = await loadStory(id, who);
        const values = parsed?.values ?? valuesOf(snapshotOfArticle(article), article.tags.map((t) => t.name), article.scheduledAt);
        return renderEditor(req, reply, { article, canEdit, values, issues: e.issues, message: e.message, status: 400 });
      }
      throw e;
    }
  }

  app.post<{ Params: { id: string } }>('/newsroom/stories/:id', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    const id = idParam(req.params.id);
    const a = str(bodyOf(req).action) || 'save';
    const action = a === 'preview' || a === 'save' || (TRANSITIONS as readonly string[]).includes(a) ? (a as StoryAction | 'preview') : null;
    if (!action) throw new AppError('BAD_REQUEST', `unknown action "${a}"`);
    return handleEdit(req, reply, id, action);
  });

  app.post<{ Params: { id: string } }>('/newsroom/stories/:id/autosave', { onRequest: staffOnly(c, 'reporter', 'data') }, async (req, reply) => {
    return handleEdit(req, reply, idParam(req.params.id), 'autosave');
  });

  for (const t of TRANSITIONS) {
    const min = t === 'submit' ? 'reporter' : 'editor';
    app.post<{ Params: { id: string } }>(`/newsroom/stories/:id/${t}`, { onRequest: staffOnly(c, min) }, async (req, reply) => handleEdit(req, reply, idParam(req.params.id), t as Transition));
  }

  // ------------------------------------------------------------ preview (exactly the reader's page, not indexed)

  app.get<{ Params: { id: string } }>('/newsroom/stories/:id/preview', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    const { article } = await loadStory(idParam(req.params.id), req.staff!);
    const ctx = await pageContext(c, site, req);
    const related = await relatedStories(db, article, 4);
    const page = articlePage(ctx, {
      article, bodyHtml: article.bodyHtml, lock: null, related, jsonLd: [], preview: true,
      sidebar: await sidebar(c, { kind: 'article', articleId: article.id, deskSlug: article.desk.slug }),
    });
    return sendHtml(reply, page);
  });

  // ------------------------------------------------------------ small JSON endpoints for the editor script

  app.get('/newsroom/slug', { onRequest: staffOnly(c, 'reporter', 'data') }, async (req, reply) => {
    const q = queryOf(req);
    const idRaw = str(q.id);
    const exceptId = /^\d{1,12}$/.test(idRaw) ? Number(idRaw) : null;
    const slug = str(q.slug).trim().toLowerCase();
    if (slug) {
      const valid = isSlug(slug);
      return reply.send({ slug, valid, available: valid && (await isSlugAvailable(db, slug, exceptId)) });
    }
    const suggested = suggestSlug(cleanText(str(q.headline)).slice(0, 300));
    if (!suggested) return reply.send({ slug: '', suggested: '', valid: false, available: false });
    return reply.send({ slug: await availableSlug(db, suggested, exceptId), suggested, valid: true, available: true });
  });

  app.get('/newsroom/tags.json', { onRequest: staffOnly(c, 'reporter', 'data') }, async (req, reply) => {
    return reply.send({ tags: await suggestTags(taxonomy.store, str(queryOf(req).q).slice(0, 100)), canCreate: policies.createTags(req.staff!) });
  });

  app.get('/newsroom/stories.json', { onRequest: staffOnly(c, 'reporter', 'data') }, async (req, reply) => {
    const q = cleanText(str(queryOf(req).q)).slice(0, 200);
    return reply.send({ stories: q ? await findPublishedByHeadline(c.store, q, 10) : [] });
  });
}
