/** A clock port so that publishing rules and schedules can be tested at a fixed time. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export function fixedClock(at: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(at).getTime();
  return {
    now: () => new Date(t),
    set: (d) => { t = new Date(d).getTime(); },
    advance: (ms) => { t += ms; },
  };
}
/** Timestamps are stored as ISO 8601 UTC strings of fixed width, which sort correctly as text on both dialects. */
export const iso = (d: Date) => d.toISOString();
