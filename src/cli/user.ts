import { AppError, validationError, type FieldIssue } from '../shared/errors.js';
import type { Flags } from '../config/index.js';
import { cleanText } from '../shared/text.js';
import { commandContainer } from './context.js';
import { addStaff, STAFF_ROLES, type StaffRole } from '../newsroom/staff.js';

/** `samachar user add --email E --name N --role reporter|editor|admin [--password P]`. */
export async function userCommand(pos: string[], flags: Flags): Promise<number> {
  if (pos[0] !== 'add') throw new AppError('VALIDATION', 'usage: samachar user add --email E --name N --role reporter|editor|admin [--password P]');
  const issues: FieldIssue[] = [];
  const email = typeof flags.email === 'string' ? flags.email.trim().toLowerCase() : '';
  const name = typeof flags.name === 'string' ? cleanText(flags.name) : '';
  const role = typeof flags.role === 'string' ? flags.role : '';
  if (!email) issues.push({ field: '--email', message: 'is required' });
  if (!name) issues.push({ field: '--name', message: 'is required' });
  if (!STAFF_ROLES.includes(role as StaffRole)) issues.push({ field: '--role', message: `must be one of ${STAFF_ROLES.join(', ')}` });
  if (issues.length) throw validationError(issues, 'cannot add the user');
  const c = await commandContainer(flags);
  try {
    const r = await addStaff(c.content, { email, name, role: role as StaffRole, password: typeof flags.password === 'string' ? flags.password : null });
    process.stdout.write(`${r.created ? 'added' : 'updated'} ${role} ${name} <${email}> (id ${r.id}${r.hasPassword ? ', can sign in at /newsroom/login' : ', no password yet'})\n`);
    return 0;
  } finally {
    await c.close();
  }
}
