import type { FastifyRequest } from 'fastify';
import type { Container } from '../container.js';
import { listDesks, type DeskRef } from '../content/index.js';
import { translator, type Locale } from '../i18n/index.js';
import type { PageContext } from './views/layout.js';

/**
 * Site-wide data that every page needs (the desk menu) kept in memory and reloaded when a desk changes,
 * so that a page render does not query it.
 */
export class SiteData {
  private desks: DeskRef[] | null = null;
  constructor(private readonly c: Container) {
    c.bus.subscribe('site.changed', () => {
      this.desks = null;
    });
  }
  async getDesks(): Promise<DeskRef[]> {
    this.desks ??= await listDesks(this.c.store.db);
    return this.desks;
  }
}

export function localeOf(req: FastifyRequest): Locale {
  const q = req.query as Record<string, unknown> | undefined;
  return q?.lang === 'en' ? 'en' : 'hi';
}

export async function pageContext(c: Container, site: SiteData, req: FastifyRequest): Promise<PageContext> {
  const locale = localeOf(req);
  return {
    t: translator(locale),
    locale,
    siteName: c.config.siteName,
    baseUrl: c.config.baseUrl,
    assets: c.assets,
    desks: await site.getDesks(),
    nonce: req.nonce,
    path: req.url.split('?')[0] ?? '/',
    now: c.clock.now(),
  };
}
