import { AppError } from '../shared/errors.js';
import { cleanText } from '../shared/text.js';
import { slugify } from '../shared/translit/index.js';
import type { ContentDeps } from '../content/index.js';
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
