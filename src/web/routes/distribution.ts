import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.js';
import { registerWebhooks } from '../../webhooks/index.js';
import { apiAccess } from '../plugins/api-access.js';
import { feedRoutes } from './feeds.js';
import { legacyRedirects } from './legacy.js';
import { openApiRoutes } from './openapi.js';
import { distributionNewsroomRoutes } from './distribution-newsroom.js';

/**
 * Everything of distribution that the web serves: the partner API's gate (keys, rate limits, ETags)
 * and its OpenAPI document, feeds and sitemaps, old URLs of imported sites, outgoing webhooks and
 * their newsroom screens.
 */
export function distributionRoutes(app: FastifyInstance, c: Container): void {
  apiAccess(app, c);
  openApiRoutes(app, c);
  feedRoutes(app, c);
  legacyRedirects(app, c);
  distributionNewsroomRoutes(app, c);
  const stopWebhooks = registerWebhooks(c);
  app.addHook('onClose', async () => stopWebhooks());
}
