import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Container } from '../../container.js';
import { cardsByIds } from '../../content/index.js';
import { findLegacyTarget } from '../../importers/legacy.js';

/**
 * Old URLs of an imported site answer 301 to the story they became. Most of them (/2024/05/12/slug/,
 * Ghost's /slug/) match no route or a desk that does not exist, so they are looked up only when the
 * answer would be 404: a hit costs one indexed query and the normal pages cost nothing. WordPress'
 * /?p=123 would be the home page, so that one shape is checked before routing.
 */
export function legacyRedirects(app: FastifyInstance, c: Container): void {
  const db = c.store.db;
  const target = async (req: FastifyRequest): Promise<string | null> => {
    const id = await findLegacyTarget(db, req.url);
    if (id === null) return null;
    const [card] = await cardsByIds(db, [id]);
    return card && card.status === 'published' ? card.path : null;
  };

  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return;
    if (!/^\/(?:index\.php)?\?(?:.*&)?(?:p|page_id)=\d/.test(req.url)) return;
    const path = await target(req);
    if (path) return reply.code(301).header('Cache-Control', 'public, max-age=86400').redirect(path, 301);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode !== 404 || (req.method !== 'GET' && req.method !== 'HEAD') || req.url.startsWith('/api/') || req.url.startsWith('/media/') || req.url.startsWith('/assets/')) return payload;
    const path = await target(req).catch(() => null);
    if (!path) return payload;
    reply.code(301);
    reply.header('Location', path);
    reply.header('Cache-Control', 'public, max-age=86400');
    reply.type('text/plain; charset=utf-8');
    return `Moved Permanently: ${path}\n`;
  });
}
