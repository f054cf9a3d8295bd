/**
 * Live blogs: a story in live mode takes timestamped updates from editors (text, an image from the
 * media library, a key-event flag, one pinned update). Every change is a journal entry with the
 * next seq (the SSE event id) carrying the updates it touched, so a reader who reconnects gets each
 * change once, in order. Ending live mode keeps the updates as the story's timeline.
 */
import type { Kysely } from 'kysely';
import { AppError, notFound, validationError } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import type { Executor } from '../storage/index.js';
import { cleanText } from '../shared/text.js';
import { imageKey } from '../content/index.js';
import type { LiveDeps } from './matches.js';
import type { LiveBlogRow, LiveBlogUpdateRow } from './schema.js';
import { LIVEBLOG_UPDATED } from './bus.js';

type Db = Kysely<Database>;

export const UPDATE_MAX_CHARS = 5000;

export interface LiveBlogImage {
  id: number;
  key: string;
  width: number;
  height: number;
  alt: string;
  title: string;
  credit: string;
  caption: string;
}

export interface LiveBlogUpdate {
  id: number;
  body: string;
  image: LiveBlogImage | null;
  keyEvent: boolean;
  pinned: boolean;
  deleted: boolean;
  author: string | null;
  /** When it was posted (the timestamp readers see). */
  at: string;
  editedAt: string | null;
  seq: number;
}

export interface LiveBlog {
  articleId: number;
  live: boolean;
  lastSeq: number;
  startedAt: string;
  endedAt: string | null;
}

/** One journal entry as readers receive it: the blog's mode and the updates this change touched. */
export interface LiveBlogMessage {
  seq: number;
  live: boolean;
  updates: LiveBlogUpdate[];
  at: string;
}

export interface UpdateInput {
  body: string;
  imageId?: number | null;
  keyEvent?: boolean;
  pinned?: boolean;
}

const toBlog = (r: LiveBlogRow): LiveBlog => ({ articleId: r.article_id, live: r.live === 1, lastSeq: r.last_seq, startedAt: r.started_at, endedAt: r.ended_at });

export class LiveBlogService {
  constructor(private readonly deps: LiveDeps) {}

  private get db(): Db {
    return this.deps.store.db;
  }

  async get(articleId: number, db: Executor = this.db): Promise<LiveBlog | null> {
    const row = await db.selectFrom('live_blogs').selectAll().where('article_id', '=', articleId).executeTakeFirst();
    return row ? toBlog(row) : null;
  }

  async list(): Promise<(LiveBlog & { headline: string; status: string; access: string })[]> {
    const rows = await this.db
      .selectFrom('live_blogs as l')
      .innerJoin('articles as a', 'a.id', 'l.article_id')
      .select(['l.article_id', 'l.live', 'l.last_seq', 'l.started_at', 'l.ended_at', 'l.created_by', 'a.headline', 'a.status', 'a.access'])
      .orderBy('l.live', 'desc')
      .orderBy('l.started_at', 'desc')
      .limit(100)
      .execute();
    return rows.map((r) => ({ ...toBlog(r), headline: r.headline, status: r.status, access: r.access }));
  }

  /** Every update not removed: pinned first, then newest first. */
  async updates(articleId: number, db: Executor = this.db): Promise<LiveBlogUpdate[]> {
    const rows = await this.updateQuery(db).where('u.article_id', '=', articleId).where('u.deleted', '=', 0).orderBy('u.created_at', 'desc').orderBy('u.id', 'desc').execute();
    const list = rows.map(toUpdate);
    return [...list.filter((u) => u.pinned), ...list.filter((u) => !u.pinned)];
  }

  /** Puts a story in live mode (again, if it had ended). */
  async start(articleId: number, by: number | null): Promise<LiveBlog> {
    return this.change(articleId, by, async (trx, now, blog) => {
      const article = await trx.selectFrom('articles').select('id').where('id', '=', articleId).executeTakeFirst();
      if (!article) throw notFound(`story ${articleId} does not exist`);
      if (!blog) {
        await trx.insertInto('live_blogs').values({ article_id: articleId, live: 1, last_seq: 0, started_at: now, ended_at: null, created_by: by }).execute();
      } else {
        await trx.updateTable('live_blogs').set({ live: 1, ended_at: null }).where('article_id', '=', articleId).execute();
      }
      return [];
    }, { allowMissing: true });
  }

  /** Ends live mode: the story becomes a normal article and its updates stay as a timeline. */
  async end(articleId: number, by: number | null): Promise<LiveBlog> {
    return this.change(articleId, by, async (trx, now, blog) => {
      if (!blog!.live) throw validationError([{ field: 'live', message: 'this story is not live' }], 'This story is not live');
      await trx.updateTable('live_blogs').set({ live: 0, ended_at: now }).where('article_id', '=', articleId).execute();
      return [];
    });
  }

  async addUpdate(articleId: number, input: UpdateInput, by: number | null): Promise<{ blog: LiveBlog; update: LiveBlogUpdate }> {
    let id = 0;
    const blog = await this.change(articleId, by, async (trx, now, current, seq) => {
      if (!current!.live) throw validationError([{ field: 'live', message: 'start live mode before posting updates' }], 'This story is not live: start live mode first');
      const clean = await this.checkInput(trx, input);
      if (clean.pinned) await trx.updateTable('live_blog_updates').set({ pinned: 0, seq }).where('article_id', '=', articleId).where('pinned', '=', 1).execute();
      const row = await trx
        .insertInto('live_blog_updates')
        .values({ article_id: articleId, body: clean.body, image_id: clean.imageId, key_event: clean.keyEvent ? 1 : 0, pinned: clean.pinned ? 1 : 0, deleted: 0, author_id: by, seq, created_at: now, edited_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
      return this.touched(trx, articleId, seq);
    });
    const update = (await this.updateQuery(this.db).where('u.id', '=', id).execute()).map(toUpdate)[0]!;
    return { blog, update };
  }

  async editUpdate(articleId: number, updateId: number, input: UpdateInput, by: number | null): Promise<LiveBlog> {
    return this.change(articleId, by, async (trx, now, _blog, seq) => {
      const existing = await trx.selectFrom('live_blog_updates').select(['id', 'deleted']).where('id', '=', updateId).where('article_id', '=', articleId).executeTakeFirst();
      if (!existing || existing.deleted) throw notFound(`update ${updateId} does not exist`);
      const clean = await this.checkInput(trx, input);
      if (clean.pinned) await trx.updateTable('live_blog_updates').set({ pinned: 0, seq }).where('article_id', '=', articleId).where('pinned', '=', 1).where('id', '!=', updateId).execute();
      await trx
        .updateTable('live_blog_updates')
        .set({ body: clean.body, image_id: clean.imageId, key_event: clean.keyEvent ? 1 : 0, pinned: clean.pinned ? 1 : 0, seq, edited_at: now })
        .where('id', '=', updateId)
        .execute();
      return this.touched(trx, articleId, seq);
    });
  }

  async setPinned(articleId: number, updateId: number, pinned: boolean, by: number | null): Promise<LiveBlog> {
    return this.change(articleId, by, async (trx, _now, _blog, seq) => {
      const existing = await trx.selectFrom('live_blog_updates').select(['id', 'deleted']).where('id', '=', updateId).where('article_id', '=', articleId).executeTakeFirst();
      if (!existing || existing.deleted) throw notFound(`update ${updateId} does not exist`);
      if (pinned) await trx.updateTable('live_blog_updates').set({ pinned: 0, seq }).where('article_id', '=', articleId).where('pinned', '=', 1).execute();
      await trx.updateTable('live_blog_updates').set({ pinned: pinned ? 1 : 0, seq }).where('id', '=', updateId).execute();
      return this.touched(trx, articleId, seq);
    });
  }

  async removeUpdate(articleId: number, updateId: number, by: number | null): Promise<LiveBlog> {
    return this.change(articleId, by, async (trx, _now, _blog, seq) => {
      const existing = await trx.selectFrom('live_blog_updates').select(['id', 'deleted']).where('id', '=', updateId).where('article_id', '=', articleId).executeTakeFirst();
      if (!existing || existing.deleted) throw notFound(`update ${updateId} does not exist`);
      await trx.updateTable('live_blog_updates').set({ deleted: 1, pinned: 0, seq }).where('id', '=', updateId).execute();
      return this.touched(trx, articleId, seq);
    });
  }

  async since(articleId: number, after: number, limit: number): Promise<{ seq: number; payload: string }[]> {
    return this.db.selectFrom('live_blog_events').select(['seq', 'payload']).where('article_id', '=', articleId).where('seq', '>', after).orderBy('seq').limit(limit).execute();
  }

  async latest(articleId: number, count: number): Promise<{ seq: number; payload: string }[]> {
    const rows = await this.db.selectFrom('live_blog_events').select(['seq', 'payload']).where('article_id', '=', articleId).orderBy('seq', 'desc').limit(count).execute();
    return rows.reverse();
  }

  // -- internals -----------------------------------------------------------------------------------

  private updateQuery(db: Executor) {
    return db
      .selectFrom('live_blog_updates as u')
      .leftJoin('images as i', 'i.id', 'u.image_id')
      .leftJoin('people as p', 'p.id', 'u.author_id')
      .select([
        'u.id', 'u.article_id', 'u.body', 'u.image_id', 'u.key_event', 'u.pinned', 'u.deleted', 'u.author_id', 'u.seq', 'u.created_at', 'u.edited_at',
        'i.sha256 as i_sha256', 'i.width as i_width', 'i.height as i_height', 'i.alt as i_alt', 'i.title as i_title', 'i.credit as i_credit', 'i.caption as i_caption',
        'p.name as p_name',
      ]);
  }

  private async touched(db: Executor, articleId: number, seq: number): Promise<LiveBlogUpdate[]> {
    const rows = await this.updateQuery(db).where('u.article_id', '=', articleId).where('u.seq', '=', seq).orderBy('u.id').execute();
    return rows.map(toUpdate);
  }

  private async checkInput(db: Executor, input: UpdateInput): Promise<{ body: string; imageId: number | null; keyEvent: boolean; pinned: boolean }> {
    // Forms send CRLF; each line is trimmed and runs of blank lines become one paragraph break.
    const text = typeof input.body === 'string' ? input.body.replace(/\r\n?/g, '\n') : '';
    const body = cleanText(text, { multiline: true }).split('\n').map((line) => line.trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
    const imageId = input.imageId ?? null;
    const issues = [];
    if (!body && imageId === null) issues.push({ field: 'body', message: 'write the update (or choose an image)' });
    if (body.length > UPDATE_MAX_CHARS) issues.push({ field: 'body', message: `an update is at most ${UPDATE_MAX_CHARS} characters` });
    if (imageId !== null) {
      if (!Number.isSafeInteger(imageId) || imageId < 1) issues.push({ field: 'imageId', message: 'image must be the id of an image in the media library' });
      else if (!(await db.selectFrom('images').select('id').where('id', '=', imageId).executeTakeFirst())) issues.push({ field: 'imageId', message: `image ${imageId} is not in the media library` });
    }
    if (issues.length) throw validationError(issues, 'The update was not posted');
    return { body, imageId, keyEvent: input.keyEvent === true, pinned: input.pinned === true };
  }

  /**
   * Runs one change in a transaction: takes the next seq first (bumping the counter locks the blog's
   * row, so concurrent editors are serialized and each gets a seq of their own), lets `apply` write
   * and return the updates it touched, and journals them.
   */
  private async change(
    articleId: number,
    by: number | null,
    apply: (trx: Executor, now: string, blog: LiveBlog | null, seq: number) => Promise<LiveBlogUpdate[]>,
    opts: { allowMissing?: boolean } = {},
  ): Promise<LiveBlog> {
    void by;
    const now = this.deps.clock.now().toISOString();
    const bump = async (trx: Executor): Promise<number> => {
      const row = await trx
        .updateTable('live_blogs')
        .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
        .where('article_id', '=', articleId)
        .returning('last_seq')
        .executeTakeFirst();
      if (!row) throw new AppError('INTERNAL', `live blog ${articleId} vanished`);
      return row.last_seq;
    };
    const blog = await this.deps.store.transaction(async (trx) => {
      const existing = await this.get(articleId, trx);
      if (!existing && !opts.allowMissing) throw notFound(`story ${articleId} is not a live blog`);
      let touched: LiveBlogUpdate[];
      let seq: number;
      if (existing) {
        seq = await bump(trx);
        touched = await apply(trx, now, { ...existing, lastSeq: seq }, seq);
      } else {
        touched = await apply(trx, now, null, 1);
        seq = await bump(trx);
      }
      const current = (await this.get(articleId, trx))!;
      const message: LiveBlogMessage = { seq, live: current.live, updates: touched, at: now };
      await trx.insertInto('live_blog_events').values({ article_id: articleId, seq, payload: JSON.stringify(message), created_at: now }).execute();
      return current;
    });
    this.deps.bus.publish(LIVEBLOG_UPDATED, { articleId, seq: blog.lastSeq });
    return blog;
  }
}

type UpdateRow = Pick<LiveBlogUpdateRow, 'id' | 'body' | 'image_id' | 'key_event' | 'pinned' | 'deleted' | 'seq' | 'created_at' | 'edited_at'> & {
  i_sha256: string | null; i_width: number | null; i_height: number | null; i_alt: string | null; i_title: string | null; i_credit: string | null; i_caption: string | null; p_name: string | null;
};

function toUpdate(r: UpdateRow): LiveBlogUpdate {
  return {
    id: r.id,
    body: r.body,
    image: r.image_id !== null && r.i_sha256
      ? { id: r.image_id, key: imageKey(r.i_sha256), width: r.i_width ?? 0, height: r.i_height ?? 0, alt: r.i_alt ?? '', title: r.i_title ?? '', credit: r.i_credit ?? '', caption: r.i_caption ?? '' }
      : null,
    keyEvent: r.key_event === 1,
    pinned: r.pinned === 1,
    deleted: r.deleted === 1,
    author: r.p_name,
    at: r.created_at,
    editedAt: r.edited_at,
    seq: r.seq,
  };
}
