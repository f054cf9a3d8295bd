import type { FastifyInstance } from 'fastify';
import type { Container } from '../../../container.js';
import { getArticle } from '../../../content/index.js';
import { AppError, forbidden } from '../../../shared/errors.js';
import { diffSnapshots, getRevision, listRevisions, policies, restoreRevision, storyRef, type NewsroomDeps, type StaffMember } from '../../../newsroom/index.js';
import { diffPage, revisionPage, revisionsPage } from '../../views/newsroom/revisions.js';
import { bodyOf, idParam, nrContext, queryOf, sendHtml, str, wantsJson } from './context.js';
import { staffOnly } from './guard.js';
import { nameResolver } from './stories.js';

/** Revisions of a story: the list, one revision, a word diff of any two, and restoring one. */
export function revisionRoutes(app: FastifyInstance, c: Container, deps: NewsroomDeps): void {
  const db = c.store.db;

  async function visible(id: number, who: StaffMember) {
    const article = await getArticle(db, id);
    if (!article) throw new AppError('NOT_FOUND', `story ${id} does not exist`);
    const ref = await storyRef(db, article);
    if (!policies.viewStory(who, ref)) throw forbidden('This is not one of your stories');
    return { article, canRestore: policies.restoreRevision(who, ref) };
  }

  app.get<{ Params: { id: string } }>('/newsroom/stories/:id/revisions', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    const id = idParam(req.params.id);
    const { article, canRestore } = await visible(id, req.staff!);
    const revisions = await listRevisions(db, id);
    return sendHtml(reply, revisionsPage(nrContext(c, req, reply), { storyId: id, headline: article.headline, revisions, currentVersion: article.version, canRestore }));
  });

  app.get<{ Params: { id: string } }>('/newsroom/stories/:id/revisions/diff', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    const id = idParam(req.params.id);
    await visible(id, req.staff!);
    const q = queryOf(req);
    const from = await getRevision(db, id, idParam(str(q.from)));
    const to = await getRevision(db, id, idParam(str(q.to)));
    if (!from || !to) throw new AppError('NOT_FOUND', 'no such revision of this story');
    const diff = diffSnapshots(from.snapshot, to.snapshot);
    return sendHtml(reply, diffPage(nrContext(c, req, reply), { storyId: id, from, to, diff, names: await nameResolver(c, [from.snapshot, to.snapshot]) }));
  });

  app.get<{ Params: { id: string; rev: string } }>('/newsroom/stories/:id/revisions/:rev', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    const id = idParam(req.params.id);
    const { article, canRestore } = await visible(id, req.staff!);
    const revision = await getRevision(db, id, idParam(req.params.rev));
    if (!revision) throw new AppError('NOT_FOUND', 'no such revision of this story');
    return sendHtml(reply, revisionPage(nrContext(c, req, reply), { storyId: id, revision, canRestore, currentVersion: article.version }));
  });

  app.post<{ Params: { id: string; rev: string } }>('/newsroom/stories/:id/revisions/:rev/restore', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    const id = idParam(req.params.id);
    const rev = idParam(req.params.rev);
    const v = str(bodyOf(req).version).trim();
    // A stale version (someone saved meanwhile) is refused with 409 and changes nothing.
    const r = await restoreRevision(deps, req.staff!, id, rev, { ip: req.ip, ...(/^\d+$/.test(v) ? { expectedVersion: Number(v) } : {}) });
    if (wantsJson(req)) return reply.send({ id: r.id, version: r.version, revisionId: r.revisionId });
    return reply.redirect(`/newsroom/stories/${id}?done=restore`, 303);
  });
}
