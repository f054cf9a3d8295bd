import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Container } from '../../container.js';
import { getArticle, getDeskBySlug, getPersonBySlug, getTagBySlug, listPublished, type ListFilter } from '../../content/index.js';
import { AppError, validationError, type FieldIssue } from '../../shared/errors.js';
import { presentArticle, presentCard } from '../presenters.js';
import { visibleBody } from './site.js';

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
    const { lock, bodyHtml } = visibleBody(c, a, req.reader);
    apiHeaders(reply);
    if (lock) reply.header('Cache-Control', 'private, no-store');
    return presentArticle(base, a, bodyHtml, lock !== null);
  });
}
