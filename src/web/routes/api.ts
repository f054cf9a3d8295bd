import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Container } from '../../container.js';
import { getArticle, getDeskBySlug, getPersonBySlug, getTagBySlug, listPublished, type ListFilter } from '../../content/index.js';
import { AppError, validationError, type FieldIssue } from '../../shared/errors.js';
import { presentArticle, presentCard } from '../presenters.js';
import { visibleBody } from './site.js';
import { authorCounts, deskCounts, tagCounts } from '../../partners/index.js';

export interface ListQuery {
  page: number;
  limit: number;
  desk?: string;
  tag?: string;
  author?: string;
}

const SLUGISH = /^[a-z0-9-]{1,120}$/;

/** Validates query parameters of list endpoints, reporting every problem at once. */
export function parseListQuery(q: Record<string, unknown>, maxLimit = 100): ListQuery {
  const issues: FieldIssue[] = [];
  const int = (name: string, dflt: number, min: number, max: number) => {
    const v = q[name];
    if (v === undefined || v === '') return dflt;
    const n = Number(v);
    if (typeof v !== 'string' || !Number.isInteger(n) || n < min || n > max) {
      issues.push({ field: name, message: `${name} must be a whole number from ${min} to ${max}` });
      return dflt;
    }
    return n;
  };
  const out: ListQuery = { page: int('page', 1, 1, 10_000), limit: int('limit', 20, 1, maxLimit) };
  for (const k of ['desk', 'tag', 'author'] as const) {
    const v = q[k];
    if (v === undefined || v === '') continue;
    if (typeof v !== 'string' || !SLUGISH.test(v)) issues.push({ field: k, message: `${k} must be a slug (lowercase a–z, 0–9 and hyphens)` });
    else out[k] = v;
  }
  if (issues.length) throw validationError(issues, 'The query parameters are not valid');
  return out;
}

export function apiHeaders(reply: { header(k: string, v: string): unknown }) {
  reply.header('Access-Control-Allow-Origin', '*');
}

export function apiRoutes(app: FastifyInstance, c: Container): void {
  const db = c.store.db;
  const base = c.config.baseUrl;

  app.get('/api/v1/articles', async (req: FastifyRequest, reply) => {
    const q = parseListQuery(req.query as Record<string, unknown>);
    const f: ListFilter = {};
    if (q.desk) {
      const d = await getDeskBySlug(db, q.desk);
      if (!d) throw new AppError('NOT_FOUND', `desk "${q.desk}" does not exist`);
      f.deskId = d.id;
    }
    if (q.tag) {
      const t = await getTagBySlug(db, q.tag);
      if (!t) throw new AppError('NOT_FOUND', `tag "${q.tag}" does not exist`);
      f.tagId = t.id;
    }
    if (q.author) {
      const p = await getPersonBySlug(db, q.author);
      if (!p) throw new AppError('NOT_FOUND', `author "${q.author}" does not exist`);
      f.personId = p.id;
    }
    const list = await listPublished(db, f, q.page, q.limit);
    apiHeaders(reply);
    return { articles: list.items.map((a) => presentCard(base, a)), page: list.page, limit: list.limit, total: list.total };
  });

  app.get<{ Params: { id: string } }>('/api/v1/articles/:id', async (req, reply) => {
    const id = Number(req.params.id);
    if (!/^\d{1,12}$/.test(req.params.id) || !Number.isSafeInteger(id) || id < 1) throw validationError([{ field: 'id', message: 'id must be a positive whole number' }]);
    const a = await getArticle(db, id);
    if (!a || a.status !== 'published') throw new AppError('NOT_FOUND', `article ${id} does not exist`);
    // A partner key reads premium text only when an admin granted it full-text rights; otherwise the paywall rule decides.
    const { lock, bodyHtml } = req.apiKey?.fullText ? { lock: null, bodyHtml: a.bodyHtml } : visibleBody(c, a, req.reader);
    apiHeaders(reply);
    if (lock || req.apiKey?.fullText) reply.header('Cache-Control', 'private, no-store');
    return presentArticle(base, a, bodyHtml, lock !== null);
  });

  app.get('/api/v1/desks', async (_req, reply) => {
    const desks = await deskCounts(db);
    apiHeaders(reply);
    return { desks: desks.map((d) => ({ slug: d.slug, name: d.name, nameEn: d.nameEn, url: `${base}/${d.slug}`, stories: d.stories, feeds: { rss: `${base}/${d.slug}/rss.xml`, atom: `${base}/${d.slug}/atom.xml` } })) };
  });

  app.get('/api/v1/tags', async (req, reply) => {
    const q = parseListQuery(req.query as Record<string, unknown>, 500);
    const { items, total } = await tagCounts(db, q.page, q.limit);
    apiHeaders(reply);
    return { tags: items.map((t) => ({ slug: t.slug, name: t.name, url: `${base}/tag/${t.slug}`, stories: t.stories, feeds: { rss: `${base}/tag/${t.slug}/rss.xml`, atom: `${base}/tag/${t.slug}/atom.xml` } })), page: q.page, limit: q.limit, total };
  });

  app.get('/api/v1/authors', async (req, reply) => {
    const q = parseListQuery(req.query as Record<string, unknown>, 500);
    const { items, total } = await authorCounts(db, q.page, q.limit);
    apiHeaders(reply);
    return { authors: items.map((p) => ({ slug: p.slug, name: p.name, nameEn: p.nameEn, bio: p.bio, url: `${base}/author/${p.slug}`, stories: p.stories, feeds: { rss: `${base}/author/${p.slug}/rss.xml`, atom: `${base}/author/${p.slug}/atom.xml` } })), page: q.page, limit: q.limit, total };
  });
}
