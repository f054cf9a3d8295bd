import type { Response as InjectResponse } from 'light-my-request';
import type { TestApp } from './app.js';
import { addStaff, type StaffRole } from '../../src/newsroom/staff.js';

/** A signed-in staff member for inject() tests: session and CSRF cookies plus the form token. */
export interface StaffClient {
  cookie: string;
  csrf: string;
  get(url: string): Promise<InjectResponse>;
  post(url: string, form: Record<string, string | string[]>, opts?: { csrf?: boolean }): Promise<InjectResponse>;
}

export async function staffClient(h: TestApp, role: StaffRole, email = `${role}-${Math.random().toString(36).slice(2, 8)}@news.example`): Promise<StaffClient> {
  const { id } = await addStaff(h.c.content, { email, name: `${role} सदस्य`, role, password: 'a-long-enough-password-1' });
  const { token } = await h.c.sessions.create('staff', id);
  const csrf = 'c'.repeat(40);
  const cookie = `sm_staff=${token}; sm_csrf=${csrf}`;
  const encode = (form: Record<string, string | string[]>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
    return p.toString();
  };
  return {
    cookie,
    csrf,
    get: (url) => h.app.inject({ url, headers: { cookie } }),
    post: (url, form, opts = {}) => h.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: encode(opts.csrf === false ? form : { ...form, _csrf: csrf }) }),
  };
}
