/**
 * Events the live module publishes on c.bus. With PostgreSQL they reach every instance over
 * LISTEN/NOTIFY; each instance's hub then reads the new journal entries from the store, so the
 * notification itself stays a few bytes however large the update.
 */
declare module '../shared/events.js' {
  interface DomainEvents {
    /** A match's journal grew to `seq` (a ball, an undo, a correction, a new match). */
    'match.updated': { matchId: number; seq: number; status: string; previousStatus: string | null };
    /** A live blog's journal grew to `seq` (an update added, edited, pinned or removed; live mode on or off). */
    'liveblog.updated': { articleId: number; seq: number };
  }
}

export const MATCH_UPDATED = 'match.updated';
export const LIVEBLOG_UPDATED = 'liveblog.updated';
