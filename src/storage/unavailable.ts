/**
 * Whether an error means the store cannot be reached right now (PostgreSQL restarting, the network to it
 * gone, a SQLite file locked past the busy timeout), as opposed to a fault in the program or the data.
 * The web layer answers these with 503 and Retry-After, which tells a CDN to serve its stale copy and a
 * load balancer that the moment will pass.
 */
const PG_CONNECTION_CLASSES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT']);
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed|Connection ended unexpectedly|the database system is (starting up|shutting down)/i;

export function isStoreUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  if (err instanceof AggregateError && err.errors.some((e) => isStoreUnavailable(e, depth + 1))) return true;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (PG_CONNECTION_CLASSES.has(e.code) || NETWORK_CODES.has(e.code))) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  return isStoreUnavailable(e.cause, depth + 1);
}
