/**
 * Editing the scorer's event list. The engine keeps no state between derivations, so undo and
 * correction are plain list edits: derive again and every total, row and result follows.
 */
import type { MatchEvent } from './types.js';

/** Adds the scorer's next event. */
export function appendEvent(events: readonly MatchEvent[], event: MatchEvent): MatchEvent[] {
  return [...events, event];
}

/** Drops the last event, e.g. a ball entered by mistake. */
export function undo(events: readonly MatchEvent[]): MatchEvent[] {
  return events.slice(0, -1);
}

/** Replaces the event at `index`, e.g. a four that was really a leg-bye four, several balls ago. */
export function correct(events: readonly MatchEvent[], index: number, event: MatchEvent): MatchEvent[] {
  if (!Number.isInteger(index) || index < 0 || index >= events.length) {
    throw new RangeError(`no event at index ${index} (the list has ${events.length})`);
  }
  return events.map((existing, i) => (i === index ? event : existing));
}
