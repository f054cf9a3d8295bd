/**
 * A fixed-window limiter per client (an API key or, without one, an IP address), kept in memory: each
 * instance counts its own requests, so behind N instances a client gets at most N times its limit per
 * window — a ceiling, never a wrong refusal. Old windows are dropped as they pass.
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (Retry-After when refused). */
  resetSeconds: number;
}

export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;
  constructor(private readonly windowMs = 60_000) {}

  hit(client: string, limit: number, nowMs: number): RateDecision {
    const start = nowMs - (nowMs % this.windowMs);
    if (start !== this.lastSweep) this.sweep(start);
    let w = this.windows.get(client);
    if (!w || w.start !== start) {
      w = { start, count: 0 };
      this.windows.set(client, w);
    }
    const resetSeconds = Math.max(1, Math.ceil((start + this.windowMs - nowMs) / 1000));
    if (w.count >= limit) return { allowed: false, limit, remaining: 0, resetSeconds };
    w.count++;
    return { allowed: true, limit, remaining: limit - w.count, resetSeconds };
  }

  private sweep(currentStart: number): void {
    this.lastSweep = currentStart;
    for (const [k, w] of this.windows) if (w.start < currentStart) this.windows.delete(k);
  }
}
