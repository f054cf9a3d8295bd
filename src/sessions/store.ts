import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../storage/index.js';
import type { Clock } from '../shared/clock.js';

/** Staff sign in to the newsroom, readers to their account; the two kinds of session never mix. */
export type SessionKind = 'staff' | 'reader';

export interface Session {
  idHash: string;
  kind: SessionKind;
  subjectId: number;
  csrfToken: string;
  expiresAt: string;
}

export const SESSION_TTL_MS: Record<SessionKind, number> = { staff: 12 * 60 * 60 * 1000, reader: 30 * 24 * 60 * 60 * 1000 };

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Sessions live in the store, so that any instance can serve any request. The cookie carries a random
 * token; only its hash is stored.
 */
export class SessionStore {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  /** Creates a new session (a fresh id on every sign-in: no session fixation). Returns the cookie value. */
  async create(kind: SessionKind, subjectId: number, userAgent = ''): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const session: Session = { idHash: hashToken(token), kind, subjectId, csrfToken: randomBytes(24).toString('base64url'), expiresAt: new Date(now.getTime() + SESSION_TTL_MS[kind]).toISOString() };
    await this.db
      .insertInto('sessions')
      .values({ id_hash: session.idHash, kind, subject_id: subjectId, csrf_token: session.csrfToken, created_at: now.toISOString(), expires_at: session.expiresAt, last_seen_at: now.toISOString(), user_agent: userAgent.slice(0, 300) })
      .execute();
    return { token, session };
  }

  async get(kind: SessionKind, token: string | undefined): Promise<Session | null> {
    if (!token || token.length > 100) return null;
    const row = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', hashToken(token)).where('kind', '=', kind).executeTakeFirst();
    if (!row) return null;
    if (row.expires_at <= this.clock.now().toISOString()) {
      await this.db.deleteFrom('sessions').where('id_hash', '=', row.id_hash).execute();
      return null;
    }
    return { idHash: row.id_hash, kind, subjectId: row.subject_id, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  async destroy(token: string | undefined): Promise<void> {
    if (token) await this.db.deleteFrom('sessions').where('id_hash', '=', hashToken(token)).execute();
  }

  /** Ends every session of a person (password changed or reset, account deleted). */
  async destroyAll(kind: SessionKind, subjectId: number, exceptIdHash?: string): Promise<void> {
    let q = this.db.deleteFrom('sessions').where('kind', '=', kind).where('subject_id', '=', subjectId);
    if (exceptIdHash) q = q.where('id_hash', '!=', exceptIdHash);
    await q.execute();
  }

  async purgeExpired(): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', this.clock.now().toISOString()).execute();
  }
}
