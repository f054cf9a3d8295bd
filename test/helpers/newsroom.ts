import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../src/config/index.js';
import { addStaff, type StaffRole } from '../../src/newsroom/index.js';
import { createTestApp, type TestApp } from './app.js';
import { seedBasics, type Basics } from './fixtures.js';

/** Test helpers for the newsroom: staff accounts and a small cookie-keeping client over inject(). */
export const PASSWORD = 'सही-पासवर्ड-123';

export interface NewsroomTestApp extends TestApp {
  b: Basics;
  staff: Record<'reporter' | 'reporter2' | 'editor' | 'admin', { id: number; email: string }>;
}

export async function createNewsroomApp(dialect: 'sqlite' | 'postgres' = 'sqlite', config: Partial<Config> = {}): Promise<NewsroomTestApp> {
  const h = await createTestApp(dialect, config);
  const b = await seedBasics(h.c.content);
  h.c.bus.publish('site.changed', { what: 'test' });
  const make = async (key: string, role: StaffRole, name: string) => {
    const email = `${key}@news.example`;
    const r = await addStaff(h.c.content, { email, name, role, password: PASSWORD, nameEn: key });
    return { id: r.id, email };
  };
  const staff = {
    reporter: await make('reporter', 'reporter', 'रीना रिपोर्टर'),
    reporter2: await make('reporter2', 'reporter', 'दूसरा रिपोर्टर'),
    editor: await make('editor', 'editor', 'संजय संपादक'),
    admin: await make('admin', 'admin', 'अनीता एडमिन'),
  };
  return { ...h, b, staff };
}

export interface Res {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  json<T = any>(): T;
}

/** A browser-like client: keeps cookies, sends the CSRF token with every form and JSON request. */
export class Client {
  readonly cookies = new Map<string, string>();
  readonly csrf = randomBytes(24).toString('base64url');
  constructor(readonly app: FastifyInstance) {
    this.cookies.set('sm_csrf', this.csrf);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: { cookies: Array<{ name: string; value: string; maxAge?: number; expires?: Date }> }) {
    for (const ck of res.cookies) {
      if (ck.value === '' || ck.maxAge === 0 || (ck.expires && ck.expires.getTime() < Date.now())) this.cookies.delete(ck.name);
      else this.cookies.set(ck.name, ck.value);
    }
  }

  async request(method: 'GET' | 'POST', url: string, opts: { form?: Record<string, string | string[] | number>; json?: unknown; headers?: Record<string, string>; payload?: Buffer | string } = {}): Promise<Res> {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), ...(opts.headers ?? {}) };
    let payload: string | Buffer | undefined = opts.payload;
    if (opts.form) {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries({ _csrf: this.csrf, ...opts.form })) {
        for (const one of Array.isArray(v) ? v : [v]) p.append(k, String(one));
      }
      payload = p.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (opts.json !== undefined) {
      payload = JSON.stringify(opts.json);
      headers['content-type'] = 'application/json';
      headers.accept = 'application/json';
      headers['x-csrf-token'] = this.csrf;
    } else if (method === 'POST' && !headers['x-csrf-token']) {
      headers['x-csrf-token'] = this.csrf;
    }
    const res = await this.app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
    this.keep(res as never);
    return { statusCode: res.statusCode, headers: res.headers as Res['headers'], body: res.body, json: () => JSON.parse(res.body) };
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request('GET', url, { headers });
  }
  post(url: string, form: Record<string, string | string[] | number> = {}) {
    return this.request('POST', url, { form });
  }
  postJson(url: string, json: unknown) {
    return this.request('POST', url, { json });
  }

  async signIn(email: string, password = PASSWORD): Promise<Res> {
    return this.post('/newsroom/login', { email, password });
  }
}

export async function signedIn(h: NewsroomTestApp, who: keyof NewsroomTestApp['staff']): Promise<Client> {
  const cl = new Client(h.app);
  const res = await cl.signIn(h.staff[who].email);
  if (res.statusCode !== 303) throw new Error(`sign-in of ${who} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  return cl;
}

/** A multipart/form-data body with one file and some fields. */
export function multipart(fields: Record<string, string>, file: { name: string; filename: string; type: string; data: Buffer } | null): { payload: Buffer; contentType: string } {
  const boundary = `----samachar${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The form fields of a story for the writing screen (no-JavaScript path). */
export function storyForm(h: NewsroomTestApp, over: Record<string, string | string[] | number> = {}): Record<string, string | string[] | number> {
  return {
    headline: 'मानसून केरल पहुँचा',
    slug: '',
    summary: 'मौसम विभाग ने कहा कि मानसून समय पर आया।',
    body_format: 'html',
    body_html: '<p>पहला पैराग्राफ।</p><p>दूसरा पैराग्राफ।</p>',
    deskId: h.b.desks.intl,
    tags: 'रूस',
    authorIds: [String(h.staff.reporter.id)],
    editorId: '',
    dateline: 'International Desk',
    imageId: '',
    access: 'free',
    lang: 'hi',
    correction: '',
    ...over,
  };
}
