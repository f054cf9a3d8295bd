import cluster from 'node:cluster';
import { loadConfig, type Flags } from '../config/index.js';
import { createContainer, type Container } from '../container.js';
import { buildApp } from '../app.js';
import { startModules } from '../modules.js';

/**
 * `samachar serve`: migrate, load the demo newsroom into an empty store (unless --no-demo), listen, and
 * close cleanly on SIGTERM/SIGINT: stop accepting, finish requests in flight, close the store.
 * With --workers N the primary forks N workers that share the port (node:cluster).
 */
export async function serveCommand(_pos: string[], flags: Flags): Promise<number> {
  const config = loadConfig(flags);
  if (config.workers > 1 && cluster.isPrimary) {
    // Prepare the store once (migrations, demo) before the workers start answering.
    const c = await createContainer(config);
    if (config.demo) await loadDemoIfEmpty(c);
    await c.close();
    for (let i = 0; i < config.workers; i++) cluster.fork();
    cluster.on('exit', (w, code, signal) => {
      if (!shuttingDown) {
        c.logger.warn({ pid: w.process.pid, code, signal }, 'worker died; starting another');
        cluster.fork();
      }
    });
    let shuttingDown = false;
    const stop = () => {
      shuttingDown = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      setTimeout(() => process.exit(0), 10_000).unref();
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return -1;
  }
  const started = performance.now();
  const c = await createContainer(config);
  if (config.demo && cluster.isPrimary) await loadDemoIfEmpty(c);
  const app = await buildApp(c);
  await startModules(c, app);
  await app.listen({ port: config.port, host: config.host });
  c.logger.info({ url: `http://${config.host}:${config.port}`, store: c.store.description, startMs: Math.round(performance.now() - started) }, 'samachar is serving');
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    c.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await c.close();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return -1;
}

/** The demo newsroom goes into an empty store only; its module (stories, image drawing) is loaded only then. */
async function loadDemoIfEmpty(c: Container): Promise<void> {
  const any = await c.store.db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
  if (any) return;
  await (await import('../demo/load.js')).loadDemo(c);
}
