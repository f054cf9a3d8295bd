import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { BusMessage, EventBus } from './events.js';
import type { Logger } from './logger.js';

/**
 * Carries bus messages between instances over PostgreSQL LISTEN/NOTIFY, so that no extra broker is
 * needed to scale out. Each instance forwards what it publishes and delivers what others publish to
 * its local handlers; its own messages are recognised by origin and not delivered twice. The listening
 * connection reconnects after a database restart.
 */
export interface BridgeHandle {
  close(): Promise<void>;
  /** Resolves once the listener is connected (tests wait on it). */
  ready: Promise<void>;
}

export function channelName(schema?: string): string {
  return `samachar_events${schema ? `_${schema.replace(/[^a-z0-9_]/gi, '')}` : ''}`.slice(0, 63).toLowerCase();
}

export function startPgBridge(bus: EventBus, url: string, logger: Logger, opts: { schema?: string } = {}): BridgeHandle {
  const origin = randomBytes(8).toString('hex');
  const channel = channelName(opts.schema);
  const notifier = new pg.Pool({ connectionString: url, max: 2 });
  notifier.on('error', () => {});
  let listener: pg.Client | null = null;
  let closed = false;
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));

  const connect = async (): Promise<void> => {
    while (!closed) {
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
        client.on('notification', (n) => {
          if (!n.payload) return;
          try {
            const msg = JSON.parse(n.payload) as BusMessage;
            if (msg.origin !== origin) bus.deliverLocal(msg);
          } catch (err) {
            logger.warn({ err }, 'bad event notification');
          }
        });
        client.on('error', (err) => {
          logger.warn({ err: err.message }, 'event listener lost its connection; reconnecting');
          listener = null;
          client.end().catch(() => {});
          if (!closed) setTimeout(() => void connect(), 500);
        });
        await client.query(`LISTEN ${channel}`);
        listener = client;
        resolveReady();
        return;
      } catch (err) {
        await client.end().catch(() => {});
        logger.warn({ err: (err as Error).message }, 'event listener cannot connect; retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };
  void connect();

  const off = bus.onLocalPublish((msg) => {
    const payload = JSON.stringify({ ...msg, origin });
    if (Buffer.byteLength(payload) > 7900) {
      logger.warn({ type: msg.type }, 'event too large for NOTIFY; not forwarded');
      return;
    }
    notifier.query('SELECT pg_notify($1, $2)', [channel, payload]).catch((err) => logger.warn({ err: err.message }, 'event not forwarded'));
  });

  return {
    ready,
    async close() {
      closed = true;
      off();
      await listener?.end().catch(() => {});
      await notifier.end().catch(() => {});
    },
  };
}
