import http from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyFormbody from '@fastify/formbody';
import fastifyCookie from '@fastify/cookie';
import type { Container } from './container.js';
import { PUBLIC_DIR } from './container.js';
import { ANONYMOUS } from './members/index.js';
import { securityHeaders } from './web/plugins/security.js';
import { errorHandling } from './web/plugins/errors.js';
import { csrfProtection } from './web/plugins/csrf.js';
import { PageCache, createCacheFastPath, pageCachePlugin } from './web/plugins/page-cache.js';
import { SiteData } from './web/page.js';
import { cdnPurger } from './web/cdn-purge.js';
import { siteRoutes } from './web/routes/site.js';
import { apiRoutes } from './web/routes/api.js';
import { mediaRoutes } from './web/routes/media.js';
import { healthRoutes } from './web/routes/health.js';
import { newsroomRoutes } from './web/routes/newsroom/index.js';
import { distributionRoutes } from './web/routes/distribution.js';
import { readerIdentity } from './web/plugins/reader-auth.js';
import { accountRoutes } from './web/routes/account.js';
import { premiumRoutes } from './web/routes/premium.js';
import { webhookRoutes } from './web/routes/webhooks.js';
import { plansAdminRoutes } from './web/routes/plans-admin.js';
import { searchRoutes } from './web/routes/search.js';

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
  // Page-cache hits are answered by the HTTP server itself (createCacheFastPath), before the framework
  // builds a request; everything else goes to Fastify. inject() (tests) always takes the framework path.
  let fastPath: ((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | null = null;
  const app = Fastify({
    serverFactory: (handler, o) => {
      const server = http.createServer((req, res) => {
        if (fastPath?.(req, res)) return;
        handler(req, res);
      });
      // What Fastify sets on a server it makes itself.
      server.keepAliveTimeout = Number(o.keepAliveTimeout ?? 72_000);
      server.requestTimeout = Number(o.requestTimeout ?? 0);
      server.setTimeout(Number(o.connectionTimeout ?? 0));
      return server;
    },
    loggerInstance: (opts.logger === false ? undefined : c.logger) as FastifyBaseLogger | undefined,
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
    // A client must finish sending its request within this time (responses such as SSE streams are not limited).
    requestTimeout: 30_000,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 300 },
    requestIdHeader: 'x-request-id',
    logController: new LogController({ disableRequestLogging: true }),
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
  readerIdentity(app, c);
  errorHandling(app, c, site);
  const pageCache = new PageCache({ maxEntries: c.config.cacheMaxEntries, maxAge: 60, staleWhileRevalidate: 600 });
  app.decorate('pageCache', pageCache);
  pageCachePlugin(app, pageCache, c.bus, { cdnPurge: cdnPurger(c) });
  fastPath = createCacheFastPath(pageCache);
  csrfProtection(app, { secure: c.config.baseUrl.startsWith('https:'), origin: new URL(c.config.baseUrl).origin });

  await app.register(fastifyStatic, {
    root: opts.assetsDir ?? PUBLIC_DIR,
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    // The build writes brotli and gzip copies of stylesheets and scripts beside them.
    preCompressed: true,
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
  distributionRoutes(app, c);
  searchRoutes(app, c, site);
  siteRoutes(app, c, site);
  (await import('./web/routes/live.js')).liveRoutes(app, c, site);
  await newsroomRoutes(app, c);
  await accountRoutes(app, c, site);
  await premiumRoutes(app, c, site);
  await webhookRoutes(app, c);
  await plansAdminRoutes(app, c, site);
  return app;
}
