import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.js';
import { AppError } from '../../shared/errors.js';
import { imageKey } from '../../content/index.js';
import { VARIANT_FORMATS, type VariantFormat } from '../../media/index.js';

const TYPES: Record<VariantFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg' };

/** Image variants: /media/{id}-{key}-{width}.{format}, made on first request and cached forever. */
export function mediaRoutes(app: FastifyInstance, c: Container): void {
  app.get<{ Params: { file: string } }>('/media/:file', async (req, reply) => {
    const crop = /^(\d{1,12})-([a-f0-9]{10})-(\d{1,4})x(\d{1,4})\.(avif|webp|jpg)$/.exec(req.params.file);
    if (crop) {
      // Cropped variants (16:9, 4:3, 1:1) for structured data and social cards: /media/{id}-{key}-{w}x{h}.{format}.
      const [, cid, ckey, cw, ch, cformat] = crop;
      const img = await c.store.db.selectFrom('images').select(['id', 'sha256', 'path', 'width', 'height']).where('id', '=', Number(cid)).executeTakeFirst();
      if (!img || imageKey(img.sha256) !== ckey) throw new AppError('NOT_FOUND', 'no such image');
      const file = await c.media.crop(img, Number(cw), Number(ch), cformat as VariantFormat);
      reply.header('Cache-Control', 'public, max-age=31536000, immutable');
      reply.type(TYPES[cformat as VariantFormat]);
      return reply.send(createReadStream(file));
    }
    const m = /^(\d{1,12})-([a-f0-9]{10})-(\d{2,4})\.(avif|webp|jpg)$/.exec(req.params.file);
    if (!m) throw new AppError('NOT_FOUND', 'no such image');
    const [, id, key, width, format] = m;
    const img = await c.store.db.selectFrom('images').select(['id', 'sha256', 'path', 'width']).where('id', '=', Number(id)).executeTakeFirst();
    if (!img || imageKey(img.sha256) !== key || !(VARIANT_FORMATS as readonly string[]).includes(format!)) throw new AppError('NOT_FOUND', 'no such image');
    const file = await c.media.variant(img, Number(width), format as VariantFormat);
    reply.header('Cache-Control', 'public, max-age=31536000, immutable');
    reply.type(TYPES[format as VariantFormat]);
    return reply.send(createReadStream(file));
  });
}
