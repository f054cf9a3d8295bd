import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyFormbody from '@fastify/formbody';
import fastifyCookie from '@fastify/cookie';
import type { Container } from './container.js';
import { PUBLIC_DIR } from './container.js';
import { ANONYMOUS } from './members/index.js';
import { securityHeaders } from './web/plugins/security.js';
import { errorHandling } from './web/plugins/errors.js';
import { csrfProtection } from './web/plugins/csrf.js';
import { PageCache, pageCachePlugin } from './web/plugins/page-cache.js';
import { SiteData } from './web/page.js';
import { siteRoutes } from './web/routes/site.js';
import { apiRoutes } from './web/routes/api.js';
import { mediaRoutes } from './web/routes/media.js';
import { healthRoutes } from './web/routes/health.js';

declare module 'fastify' {
  interface FastifyInstance {
    pageCache: PageCache;
  }
}

export interface BuildOptions {
  /** Folder of built assets (defaults to dist/public). */
  assetsDir?: string;
  logger?: boolean;
}

/**
 * Builds the HTTP application around a container, without listening (STYLE.md, example 1): the process
 * entry listens, tests call inject().
 */
export async function buildApp(c: Container, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: (opts.logger === false ? undefined : c.logger) as FastifyBaseLogger | undefined,
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 300 },
    requestIdHeader: 'x-request-id',
    disableRequestLogging: true,
  }) as unknown as FastifyInstance;
  const site = new SiteData(c);

  await app.register(fastifyCookie, c.config.sessionSecret ? { secret: c.config.sessionSecret } : {});
  await app.register(fastifyFormbody, { bodyLimit: 1024 * 1024 });
  securityHeaders(app, { https: c.config.baseUrl.startsWith('https:') });
  app.decorateRequest('reader', null as never);
  app.decorateRequest('staff', null);
  app.decorateRequest('staffSession', null);
  app.addHook('onRequest', async (req) => {
    req.reader = ANONYMOUS;
  });
  errorHandling(app, c, site);
  const pageCache = new PageCache({ maxEntries: c.config.cacheMaxEntries, maxAge: 60, staleWhileRevalidate: 600 });
  app.decorate('pageCache', pageCache);
  pageCachePlugin(app, pageCache, c.bus);
  csrfProtection(app, { secure: c.config.baseUrl.startsWith('https:'), origin: new URL(c.config.baseUrl).origin });

  await app.register(fastifyStatic, {
    root: opts.assetsDir ?? PUBLIC_DIR,
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    cacheControl: true,
    etag: false,
    lastModified: false,
    index: false,
    wildcard: true,
    decorateReply: false,
  });

  healthRoutes(app, c);
  mediaRoutes(app, c);
  apiRoutes(app, c);
  siteRoutes(app, c, site);
  return app;
}
