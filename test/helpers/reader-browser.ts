import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

type InjectResponse = Awaited<ReturnType<FastifyInstance['inject']>>;

/**
 * A tiny cookie-keeping client over app.inject(), for tests that act as one reader: it keeps the cookies
 * the app sets (session, CSRF) and sends forms with the CSRF token the way a browser page would.
 */
export class ReaderBrowser {
  readonly cookies = new Map<string, string>();
  readonly csrf = randomBytes(24).toString('base64url');
  constructor(private readonly app: FastifyInstance) {
    this.cookies.set('sm_csrf', this.csrf);
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: InjectResponse): InjectResponse {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const gone = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<InjectResponse> {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader, ...headers } }));
  }

  async post(url: string, form: Record<string, string> = {}): Promise<InjectResponse> {
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: this.csrf, ...form }).toString(),
      }),
    );
  }

  /** Creates an account through the sign-up form; the browser is signed in afterwards. */
  async signUp(email: string, password = 'correct horse battery', name = 'पाठक'): Promise<InjectResponse> {
    const res = await this.post('/account/signup', { email, password, name });
    if (res.statusCode !== 303) throw new Error(`sign-up failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res;
  }

  /** Signs in with email and password (after the session expired when a test moved the clock far ahead). */
  async signIn(email: string, password = 'correct horse battery'): Promise<InjectResponse> {
    const res = await this.post('/account/signin', { email, password });
    if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res;
  }

  get signedIn(): boolean {
    return this.cookies.has('sm_reader');
  }
}
