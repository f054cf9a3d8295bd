import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { loadConfig, type Config } from '../../src/config/index.js';
import { createContainer, type Container } from '../../src/container.js';
import { buildApp } from '../../src/app.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { Clock } from '../../src/shared/clock.js';
import { buildAssets } from '../../src/web/assets/pipeline.js';
import { launchChromium } from './browser.js';
import { createTestStore, type TestStore } from './stores.js';

/**
 * The whole application listening on a real port for browser tests, with Chromium launched beside it.
 * The client bundles are built from the current sources into a folder of this process (dist/ is shared
 * with other work in the checkout), and the origin is known before the container is made, so that
 * BASE_URL-derived links (canonical URLs, a provider's return URL) lead back to this very server.
 */
export interface BrowserApp {
  base: string;
  c: Container;
  t: TestStore;
  app: FastifyInstance;
  browser: Browser;
  /** Page errors, Content-Security-Policy violations and, for pages watched strictly, console errors and failed responses. */
  problems: string[];
  /** Records a page's problems into `problems`; accepts dialogs (window.confirm) as a user would. */
  watch(page: Page, opts?: { strict?: boolean; allowStatus?: number[] }): Page;
  close(): Promise<void>;
}

export interface BrowserAppOptions {
  config?: Partial<Config>;
  clock?: Clock;
  /** Runs after the container is made and before the app is built: desks, stories, staff, plans. */
  seed?: (c: Container, base: string) => Promise<void>;
  minify?: boolean;
}

/** A port that is free now; the app listens on it a moment later, so that its origin is known in advance. */
import { freePort } from './ports.js';

export async function startBrowserApp(opts: BrowserAppOptions = {}): Promise<BrowserApp> {
  const assetsDir = mkdtempSync(join(tmpdir(), 'samachar-assets-'));
  const closers: Array<() => Promise<unknown> | unknown> = [() => rmSync(assetsDir, { recursive: true, force: true })];
  const close = async () => {
    for (const f of closers.splice(0).reverse()) await Promise.resolve(f()).catch(() => {});
  };
  try {
    await buildAssets(assetsDir, { minify: opts.minify ?? true });
    const t = await createTestStore('sqlite');
    closers.push(() => t.cleanup());
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const config = { ...loadConfig({ data: t.dataDir, port: String(port) }, { NODE_ENV: 'test' }), baseUrl: base, ...opts.config };
    const c = await createContainer(config, { store: t.store, logger: silentLogger, assetsDir, ...(opts.clock ? { clock: opts.clock } : {}) });
    closers.push(() => c.close());
    await opts.seed?.(c, base);
    const app = await buildApp(c, { assetsDir, logger: false });
    closers.push(() => app.close());
    await app.listen({ port, host: '127.0.0.1' });
    const browser = await launchChromium();
    closers.push(() => browser.close());
    const problems: string[] = [];
    const watch: BrowserApp['watch'] = (page, w = {}) => {
      page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) problems.push(`CSP on ${page.url()}: ${m.text()}`);
        else if (w.strict && m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console error on ${page.url()}: ${m.text()}`);
      });
      if (w.strict) {
        page.on('response', (r) => {
          if (r.status() >= 400 && !r.url().endsWith('/favicon.ico') && !(w.allowStatus ?? []).includes(r.status())) problems.push(`${r.status()} ${r.url()}`);
        });
      }
      page.on('dialog', (d) => void d.accept());
      return page;
    };
    return { base, c, t, app, browser, problems, watch, close };
  } catch (e) {
    await close();
    throw e;
  }
}
