import type { ColumnType, Generated, Selectable } from 'kysely';

/** The newsroom's tables (migration 0003_newsroom), added to the shared Database type by augmentation. */
export interface RevisionTable {
  id: Generated<number>;
  article_id: number;
  /** The story's version this snapshot is (applied), or was based on (kept aside). */
  version: number;
  kind: string;
  applied: number;
  author_id: number | null;
  /** The whole story as JSON (StorySnapshot). */
  snapshot: string;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  subject_type: string;
  subject_id: number | null;
  details: string;
  ip: string;
  created_at: string;
}

export interface PasswordResetTable {
  token_hash: string;
  person_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  key: string;
  created_at: string;
}

declare module '../storage/schema.js' {
  interface Database {
    revisions: RevisionTable;
    audit_log: AuditLogTable;
    password_resets: PasswordResetTable;
    login_attempts: LoginAttemptTable;
  }
  interface ArticleTable {
    /** The staff member who created the story in the newsroom (null for imports and the demo). */
    created_by: ColumnType<number | null, number | null | undefined, number | null>;
  }
}

export type RevisionRow = Selectable<RevisionTable>;
export type AuditRow = Selectable<AuditLogTable>;
