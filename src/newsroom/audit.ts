import { sql } from 'kysely';
import type { Executor } from '../storage/index.js';
import './schema.js';

/** Who did what and when: every newsroom change writes one row, in the same transaction as the change. */
export interface AuditEntry {
  actorId: number | null;
  action: string;
  subjectType?: string;
  subjectId?: number | null;
  details?: Record<string, unknown>;
  ip?: string;
}

export async function recordAudit(db: Executor, now: string, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ actor_id: e.actorId, action: e.action, subject_type: e.subjectType ?? '', subject_id: e.subjectId ?? null, details: JSON.stringify(e.details ?? {}), ip: (e.ip ?? '').slice(0, 64), created_at: now })
    .execute();
}

export interface AuditView {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: number | null;
  details: Record<string, unknown>;
  ip: string;
}

export interface AuditFilter {
  actorId?: number;
  action?: string;
  subjectType?: string;
  subjectId?: number;
}

export async function listAudit(db: Executor, f: AuditFilter, page = 1, limit = 100): Promise<{ items: AuditView[]; total: number }> {
  let q = db.selectFrom('audit_log as l').leftJoin('people as p', 'p.id', 'l.actor_id');
  if (f.actorId !== undefined) q = q.where('l.actor_id', '=', f.actorId);
  if (f.action) q = q.where('l.action', '=', f.action);
  if (f.subjectType) q = q.where('l.subject_type', '=', f.subjectType);
  if (f.subjectId !== undefined) q = q.where('l.subject_id', '=', f.subjectId);
  const rows = await q
    .select(['l.id', 'l.created_at', 'l.actor_id', 'p.name as actor_name', 'l.action', 'l.subject_type', 'l.subject_id', 'l.details', 'l.ip'])
    .orderBy('l.id', 'desc')
    .limit(limit)
    .offset((page - 1) * limit)
    .execute();
  const count = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return {
    items: rows.map((r) => ({
      id: r.id, at: r.created_at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, subjectType: r.subject_type, subjectId: r.subject_id,
      details: safeJson(r.details), ip: r.ip,
    })),
    total: Number(count?.n ?? 0),
  };
}

function safeJson(s: string): Record<string, unknown> {
  try {
    const v = JSON.parse(s) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
