import type { FastifyError, FastifyInstance } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import type { Container } from '../../../container.js';
import { AppError, isAppError } from '../../../shared/errors.js';
import { registerNewsroomJobs, type NewsroomDeps } from '../../../newsroom/index.js';
import { SiteData } from '../../page.js';
import { nrErrorPage } from '../../views/newsroom/layout.js';
import { nrContext, sendHtml, wantsJson } from './context.js';
import { authRoutes } from './auth.js';
import { storyRoutes } from './stories.js';
import { revisionRoutes } from './revisions.js';
import { mediaLibraryRoutes } from './media.js';
import { adminRoutes } from './admin.js';

export function newsroomDeps(c: Container): NewsroomDeps {
  return { store: c.store, bus: c.bus, clock: c.clock, jobs: c.jobs, logger: c.logger };
}

/** Errors of multipart parsing, in the catalogue's words. */
function multipartError(err: FastifyError, maxBytes: number): AppError | null {
  switch (err.code) {
    case 'FST_REQ_FILE_TOO_LARGE': return new AppError('PAYLOAD_TOO_LARGE', `The image is larger than ${Math.round(maxBytes / 1024 / 1024 * 10) / 10} MB`);
    case 'FST_FILES_LIMIT_REACHED': case 'FST_PARTS_LIMIT_REACHED': case 'FST_FIELDS_LIMIT_REACHED': return new AppError('PAYLOAD_TOO_LARGE', 'Upload one image at a time');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE': return new AppError('UNSUPPORTED_MEDIA', 'Send the image as a form upload (multipart/form-data)');
    default: return null;
  }
}

/** JSON-only newsroom endpoints (the editor script's), which answer errors in JSON whatever the Accept header. */
function isDataUrl(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path.endsWith('.json') || path.endsWith('/autosave') || path === '/newsroom/slug';
}

const registered = new WeakMap<FastifyInstance, string[]>();
/** Every newsroom route of an app as "METHOD /path" (the role matrix test checks that none is missed). */
export function newsroomRouteList(app: FastifyInstance): string[] {
  return [...(registered.get(app) ?? [])];
}

/**
 * The newsroom: every route under /newsroom, in a plugin scope of its own so that multipart uploads, the
 * no-store/noindex headers and the newsroom's error pages apply only here.
 */
export async function newsroomRoutes(app: FastifyInstance, c: Container): Promise<void> {
  const deps = newsroomDeps(c);
  registerNewsroomJobs(deps);
  const site = new SiteData(c);
  const list: string[] = [];
  registered.set(app, list);
  await app.register(async (nr) => {
    nr.addHook('onRoute', (r) => {
      for (const m of Array.isArray(r.method) ? r.method : [r.method]) if (m !== 'HEAD') list.push(`${m} ${r.url}`);
    });
    await nr.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: c.config.maxImageBytes, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 25 },
      async onFile(part) {
        const data = await part.toBuffer();
        (part as unknown as { value: unknown }).value = { filename: part.filename, data };
      },
    });
    nr.addHook('onSend', async (_req, reply, payload) => {
      reply.header('Cache-Control', 'no-store');
      reply.header('X-Robots-Tag', 'noindex, nofollow');
      return payload;
    });
    nr.setErrorHandler(async (error, req, reply) => {
      const err = isAppError(error) ? error : multipartError(error as FastifyError, c.config.maxImageBytes) ?? error;
      if (!isAppError(err) || err.status >= 500) throw err;
      reply.code(err.status);
      const retry = err.details?.retryAfterSeconds;
      if (typeof retry === 'number') reply.header('Retry-After', String(retry));
      if (wantsJson(req) || isDataUrl(req.url)) {
        return reply.type('application/json; charset=utf-8').send({ error: { code: err.code, message: err.message, ...(err.issues.length ? { issues: err.issues } : {}), ...(err.details ? { details: err.details } : {}), requestId: req.id } });
      }
      return sendHtml(reply, nrErrorPage(nrContext(c, req, reply), err.status, err.message), err.status);
    });
    authRoutes(nr, c);
    storyRoutes(nr, c, deps, site);
    revisionRoutes(nr, c, deps);
    mediaLibraryRoutes(nr, c);
    adminRoutes(nr, c);
  });
}
