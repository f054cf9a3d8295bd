import type { FastifyInstance } from 'fastify';
import type { Container } from '../../../container.js';
import { AppError, isAppError } from '../../../shared/errors.js';
import { getLibraryImage, searchImages, updateImageMeta, uploadImage, type LibraryImage } from '../../../newsroom/index.js';
import { mediaUrl } from '../../../media/index.js';
import { mediaEditPage, mediaPage } from '../../views/newsroom/media.js';
import { bodyOf, idParam, nrContext, queryOf, sendHtml, str, wantsJson } from './context.js';
import { staffOnly } from './guard.js';

const LIMIT = 40;

function presentImage(i: LibraryImage) {
  return { ...i, thumb: mediaUrl(i, 320, 'jpg'), src: mediaUrl(i, Math.min(640, i.width) < 640 ? 320 : 640, 'jpg') };
}

function fileOf(v: unknown): { filename: string; data: Buffer } | null {
  if (v && typeof v === 'object' && Buffer.isBuffer((v as { data?: unknown }).data)) return v as { filename: string; data: Buffer };
  return null;
}

/** The media library: upload (JPEG, PNG, WebP, AVIF, GIF, identified by content), search by title, alt text and credits. */
export function mediaLibraryRoutes(app: FastifyInstance, c: Container): void {
  const deps = { store: c.store, clock: c.clock, media: c.media };

  app.get('/newsroom/media', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    const q = str(queryOf(req).q).slice(0, 200);
    const pageRaw = Number(str(queryOf(req).page) || '1');
    const page = Number.isInteger(pageRaw) && pageRaw >= 1 && pageRaw <= 10_000 ? pageRaw : 1;
    const list = await searchImages(c.store, q, page, LIMIT);
    return sendHtml(reply, mediaPage(nrContext(c, req, reply), { ...list, q, page, limit: LIMIT, maxBytes: c.config.maxImageBytes }));
  });

  app.get('/newsroom/media.json', { onRequest: staffOnly(c, 'reporter', 'data') }, async (req, reply) => {
    const list = await searchImages(c.store, str(queryOf(req).q).slice(0, 200), 1, 24);
    return reply.send({ images: list.items.map(presentImage), total: list.total });
  });

  app.post('/newsroom/media', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    const body = bodyOf(req);
    const file = fileOf(body.file);
    const json = wantsJson(req);
    const fallbackTitle = file?.filename ? file.filename.replace(/\.[a-z0-9]{2,5}$/i, '').replace(/[_-]+/g, ' ').slice(0, 200) : '';
    try {
      if (!file || file.data.length === 0) throw new AppError('VALIDATION', 'Choose an image file to upload', { issues: [{ field: 'file', message: 'no file was chosen' }] });
      const { image } = await uploadImage(deps, req.staff!, file.data, { title: str(body.title) || fallbackTitle, alt: str(body.alt), caption: str(body.caption), credit: str(body.credit) }, req.ip);
      if (json) return reply.code(201).send({ image: presentImage(image) });
      return reply.redirect(`/newsroom/media/${image.id}?done=uploaded`, 303);
    } catch (e) {
      if (json || !isAppError(e) || e.status >= 500) throw e;
      const list = await searchImages(c.store, '', 1, LIMIT);
      const issues = e.issues.length ? e.issues : [{ field: 'file', message: e.message }];
      return sendHtml(reply, mediaPage(nrContext(c, req, reply), { ...list, q: '', page: 1, limit: LIMIT, maxBytes: c.config.maxImageBytes, issues, error: e.message }), e.status);
    }
  });

  app.get<{ Params: { id: string } }>('/newsroom/media/:id', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    const image = await getLibraryImage(c.store, idParam(req.params.id));
    if (!image) throw new AppError('NOT_FOUND', 'no such image');
    return sendHtml(reply, mediaEditPage(nrContext(c, req, reply), { image }));
  });

  app.post<{ Params: { id: string } }>('/newsroom/media/:id', { onRequest: staffOnly(c, 'reporter') }, async (req, reply) => {
    const id = idParam(req.params.id);
    const body = bodyOf(req);
    try {
      const image = await updateImageMeta(deps, req.staff!, id, { title: str(body.title), alt: str(body.alt), caption: str(body.caption), credit: str(body.credit) }, req.ip);
      if (wantsJson(req)) return reply.send({ image: presentImage(image) });
      return reply.redirect(`/newsroom/media/${id}?done=saved`, 303);
    } catch (e) {
      if (wantsJson(req) || !isAppError(e) || e.code !== 'VALIDATION') throw e;
      const image = await getLibraryImage(c.store, id);
      if (!image) throw e;
      return sendHtml(reply, mediaEditPage(nrContext(c, req, reply), { image, issues: e.issues }), 400);
    }
  });
}
