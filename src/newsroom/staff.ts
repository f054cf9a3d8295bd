import { AppError } from '../shared/errors.js';
import { cleanText } from '../shared/text.js';
import { slugify } from '../shared/translit/index.js';
import type { ContentDeps } from '../content/index.js';
import type { Executor } from '../storage/index.js';
import { hashPassword, passwordProblem } from './passwords.js';

export const STAFF_ROLES = ['reporter', 'editor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Adds a staff member (or updates the one with that email): a person who appears in bylines and, with a
 * password, signs in to the newsroom.
 */
export async function addStaff(deps: ContentDeps, input: { email: string; name: string; role: StaffRole; password: string | null; nameEn?: string }): Promise<{ id: number; created: boolean; hasPassword: boolean }> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL_RE.test(email)) throw new AppError('VALIDATION', `"${input.email}" is not an email address`);
  if (!STAFF_ROLES.includes(input.role)) throw new AppError('VALIDATION', `role must be one of ${STAFF_ROLES.join(', ')}`);
  const name = cleanText(input.name);
  if (!name) throw new AppError('VALIDATION', 'name is required');
  if (input.password !== null) {
    const p = passwordProblem(input.password);
    if (p) throw new AppError('VALIDATION', p);
  }
  const hash = input.password !== null ? await hashPassword(input.password) : null;
  const now = deps.clock.now().toISOString();
  return deps.store.transaction(async (trx) => {
    const existing = await trx.selectFrom('people').select(['id', 'password_hash']).where('email', '=', email).executeTakeFirst();
    if (existing) {
      await trx.updateTable('people').set({ name, role: input.role, ...(hash ? { password_hash: hash } : {}) }).where('id', '=', existing.id).execute();
      return { id: existing.id, created: false, hasPassword: Boolean(hash ?? existing.password_hash) };
    }
    let slug = slugify(input.nameEn || name) || slugify(email.split('@')[0]!) || 'staff';
    for (let i = 2; await trx.selectFrom('people').select('id').where('slug', '=', slug).executeTakeFirst(); i++) slug = `${slug.replace(/-\d+$/, '')}-${i}`;
    const row = await trx
      .insertInto('people')
      .values({ slug, name, name_en: input.nameEn ?? '', role: input.role, email, password_hash: hash, bio: '', photo_image_id: null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, created: true, hasPassword: hash !== null };
  });
}

// ------------------------------------------------------------ staff management (newsroom screens)

export interface StaffListItem {
  id: number;
  slug: string;
  name: string;
  nameEn: string;
  email: string;
  role: StaffRole;
  active: boolean;
  hasPassword: boolean;
  createdAt: string;
}

/** Everyone who can sign in (people with an email), newest role holders first by name. */
export async function listStaff(deps: Pick<ContentDeps, 'store'>): Promise<StaffListItem[]> {
  const rows = await deps.store.db.selectFrom('people').select(['id', 'slug', 'name', 'name_en', 'email', 'role', 'active', 'password_hash', 'created_at']).where('email', 'is not', null).orderBy('name').execute();
  return rows
    .filter((r) => STAFF_ROLES.includes(r.role as StaffRole))
    .map((r) => ({ id: r.id, slug: r.slug, name: r.name, nameEn: r.name_en, email: r.email ?? '', role: r.role as StaffRole, active: r.active === 1, hasPassword: r.password_hash !== null, createdAt: r.created_at }));
}

export async function findStaffByEmail(deps: Pick<ContentDeps, 'store'>, email: string) {
  const e = email.trim().toLowerCase();
  if (!EMAIL_RE.test(e)) return null;
  const r = await deps.store.db.selectFrom('people').select(['id', 'name', 'email', 'role', 'active', 'password_hash']).where('email', '=', e).executeTakeFirst();
  if (!r || !STAFF_ROLES.includes(r.role as StaffRole)) return null;
  return { id: r.id, name: r.name, email: r.email ?? e, role: r.role as StaffRole, active: r.active === 1, passwordHash: r.password_hash };
}

export function isEmail(s: string): boolean {
  return EMAIL_RE.test(s.trim().toLowerCase());
}

/** Changes a staff member's name, role or whether they may sign in. */
export async function updateStaff(
  deps: ContentDeps,
  id: number,
  patch: { name?: string; nameEn?: string; role?: StaffRole; active?: boolean },
): Promise<{ before: { role: string; active: boolean; name: string } }> {
  if (patch.role !== undefined && !STAFF_ROLES.includes(patch.role)) throw new AppError('VALIDATION', `role must be one of ${STAFF_ROLES.join(', ')}`);
  const name = patch.name !== undefined ? cleanText(patch.name) : undefined;
  if (name !== undefined && !name) throw new AppError('VALIDATION', 'name is required');
  return deps.store.transaction(async (trx) => {
    const before = await trx.selectFrom('people').select(['id', 'role', 'active', 'name', 'email']).where('id', '=', id).executeTakeFirst();
    if (!before || before.email === null) throw new AppError('NOT_FOUND', `staff member ${id} does not exist`);
    await trx
      .updateTable('people')
      .set({
        ...(name !== undefined ? { name } : {}),
        ...(patch.nameEn !== undefined ? { name_en: cleanText(patch.nameEn) } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      })
      .where('id', '=', id)
      .execute();
    return { before: { role: before.role, active: before.active === 1, name: before.name } };
  });
}

/** Sets a new password (already checked by passwordProblem) for a staff member. */
export async function setStaffPassword(deps: Pick<ContentDeps, 'store'>, id: number, password: string, trx?: Executor): Promise<void> {
  const p = passwordProblem(password);
  if (p) throw new AppError('VALIDATION', p, { issues: [{ field: 'password', message: p }] });
  const hash = await hashPassword(password);
  await (trx ?? deps.store.db).updateTable('people').set({ password_hash: hash }).where('id', '=', id).execute();
}
