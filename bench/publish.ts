import { randomBytes } from 'node:crypto';

/**
 * Publish-to-visible, measured the way a desk editor and readers meet it: an editor signs in to the
 * newsroom over HTTP, saves a story and presses publish; readers (anonymous, so every page is served
 * from the page cache when it can be) poll the story's article, home, desk, tag and feed pages, which
 * were all warmed into the cache beforehand. Each page's time is from the publish request being sent to
 * the first response that shows the headline. `publishOn` and `readOn` may be different instances.
 */
export interface VisibleResult {
  /** Milliseconds from sending publish to the headline appearing, per page; -1 if it never did. */
  pages: Record<string, number>;
  /** The slowest page. */
  worst: number;
  publishMs: number;
}

class Client {
  private readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {
    // 24 bytes: the server only accepts a token of 32–64 characters and replaces a shorter one.
    this.cookies.set('sm_csrf', randomBytes(24).toString('base64url'));
  }

  /** The double-submit token: whatever the sm_csrf cookie holds now, should the server have set a new one. */
  get csrf(): string {
    return this.cookies.get('sm_csrf')!;
  }

  private header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response): Response {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return res;
  }

  async form(path: string, fields: Record<string, string>): Promise<Response> {
    return this.keep(await fetch(this.base + path, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
    }));
  }

  /** POSTs JSON as the newsroom's screens do and returns the answer whatever its status (the soak's scorer counts refusals). */
  async post<T>(path: string, body: unknown, timeoutMs?: number): Promise<{ status: number; body: T & { error?: { message: string } } }> {
    const res = this.keep(await fetch(this.base + path, {
      method: 'POST',
      headers: { cookie: this.header(), 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': this.csrf },
      body: JSON.stringify(body),
      ...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
    }));
    const text = await res.text();
    let out: T & { error?: { message: string } };
    try {
      out = JSON.parse(text) as typeof out;
    } catch {
      out = { error: { message: text.slice(0, 300) } } as typeof out;
    }
    return { status: res.status, body: out };
  }

  async json<T>(path: string, body: unknown): Promise<T> {
    const { status, body: out } = await this.post<T>(path, body);
    if (status < 200 || status > 299) throw new Error(`${path}: ${status} ${out.error?.message ?? ''}`);
    return out;
  }
}

export type NewsroomClient = Client;

export async function signInEditor(base: string, email: string, password: string): Promise<Client> {
  const c = new Client(base);
  const res = await c.form('/newsroom/login', { email, password });
  if (res.status !== 303) throw new Error(`newsroom sign-in answered ${res.status}`);
  return c;
}

async function firstVisible(url: string, needle: string, t0: number, timeoutMs: number): Promise<number> {
  for (;;) {
    const res = await fetch(url);
    const body = await res.text();
    if (body.includes(needle)) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) return -1;
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function publishToVisible(editor: Client, readOn: string, opts: { deskId: number; deskSlug: string; tagName: string; tagSlug: string; headline: string; timeoutMs?: number }): Promise<VisibleResult> {
  const saved = await editor.json<{ id: number; version: number }>('/newsroom/stories', {
    headline: opts.headline,
    summary: 'बेंचमार्क के लिए लिखी गई ख़बर, जो प्रकाशित होते ही हर पन्ने पर दिखनी चाहिए।',
    body_html: '<p>यह ख़बर यह नापने के लिए है कि प्रकाशित होने के बाद पाठकों तक पहुँचने में कितना समय लगता है।</p>',
    deskId: String(opts.deskId),
    tags: opts.tagName,
    access: 'free',
  });
  // The pages that will show the story, warmed into the cache first (so that a stale copy is what
  // a reader would get if a purge were missed).
  const tagSlug = opts.tagSlug;
  const pages: Record<string, string> = {
    home: `${readOn}/`,
    desk: `${readOn}/${opts.deskSlug}`,
    tag: `${readOn}/tag/${tagSlug}`,
    'RSS feed': `${readOn}/rss.xml`,
    'desk feed': `${readOn}/${opts.deskSlug}/rss.xml`,
  };
  for (const u of Object.values(pages)) {
    await (await fetch(u)).arrayBuffer();
    await (await fetch(u)).arrayBuffer();
  }
  const t0 = performance.now();
  await editor.json<{ version: number }>(`/newsroom/stories/${saved.id}/publish`, { version: saved.version });
  const publishMs = performance.now() - t0;
  const timeout = opts.timeoutMs ?? 5000;
  const article = (async () => {
    // The story's address, as a reader's link would carry it (from the public API of the reading instance).
    const meta = (await (await fetch(`${readOn}/api/v1/articles/${saved.id}`)).json()) as { url?: string; article?: { url?: string } };
    const url = meta.url ?? meta.article?.url;
    if (!url) return -1;
    return firstVisible(`${readOn}${new URL(url).pathname}`, opts.headline, t0, timeout);
  })();
  const others = Promise.all(Object.entries(pages).map(async ([k, u]) => [k, await firstVisible(u, opts.headline, t0, timeout)] as const));
  const results = [['article', await article] as const, ...(await others)];
  const out: Record<string, number> = Object.fromEntries(results);
  const worst = Math.max(...Object.values(out).map((v) => (v < 0 ? Number.POSITIVE_INFINITY : v)));
  return { pages: out, worst, publishMs };
}
