import { cardsByIds, relatedStories, getArticle, type ArticleCard } from '../content/index.js';
import { AppError, validationError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import type { EventBus } from '../shared/events.js';
import type { Executor, Store } from '../storage/index.js';
import './schema.js';

/**
 * Editors' say over a story's "Related Story" block: pin another story (at a position) or remove one
 * that the automatic choice (content's relatedStories: shared keywords and tags, the desk, recent
 * first) would show. A change purges the story's cached page.
 */
export const RELATED_ACTIONS = ['pin', 'remove', 'clear'] as const;
export type RelatedAction = (typeof RELATED_ACTIONS)[number];
export const MAX_PINS = 8;

export interface RelatedDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
}

export interface RelatedOverrideView {
  relatedId: number;
  action: 'pin' | 'remove';
  position: number;
  headline: string;
  path: string;
  status: string;
}

export interface RelatedView {
  articleId: number;
  /** What readers see now, in order. */
  related: { id: number; headline: string; path: string; pinned: boolean }[];
  overrides: RelatedOverrideView[];
}

export async function relatedView(db: Executor, articleId: number, limit = 4): Promise<RelatedView> {
  const article = await getArticle(db, articleId);
  if (!article) throw new AppError('NOT_FOUND', `story ${articleId} does not exist`);
  const rows = await db.selectFrom('related_overrides').select(['related_id', 'action', 'position']).where('article_id', '=', articleId).orderBy('action').orderBy('position').orderBy('related_id').execute();
  const cards = new Map((await cardsByIds(db, rows.map((r) => r.related_id))).map((c) => [c.id, c]));
  const pinned = new Set(rows.filter((r) => r.action === 'pin').map((r) => r.related_id));
  const related: ArticleCard[] = await relatedStories(db, article, limit);
  return {
    articleId,
    related: related.map((c) => ({ id: c.id, headline: c.headline, path: c.path, pinned: pinned.has(c.id) })),
    overrides: rows.flatMap((r) => {
      const c = cards.get(r.related_id);
      return c ? [{ relatedId: r.related_id, action: r.action as 'pin' | 'remove', position: r.position, headline: c.headline, path: c.path, status: c.status }] : [];
    }),
  };
}

/**
 * Pins `relatedId` to the story's related block (at `position`, 0 first), removes it from the block,
 * or clears the editor's earlier choice about it.
 */
export async function setRelated(
  deps: RelatedDeps,
  input: { articleId: number; relatedId: number; action: RelatedAction; position?: number; staffId: number | null },
): Promise<void> {
  const { articleId, relatedId, action } = input;
  if (!RELATED_ACTIONS.includes(action)) throw validationError([{ field: 'action', message: `action must be one of ${RELATED_ACTIONS.join(', ')}` }]);
  if (articleId === relatedId) throw validationError([{ field: 'relatedId', message: 'a story cannot be related to itself' }]);
  const position = input.position ?? 0;
  if (!Number.isInteger(position) || position < 0 || position >= MAX_PINS) throw validationError([{ field: 'position', message: `position must be a whole number from 0 to ${MAX_PINS - 1}` }]);
  await deps.store.transaction(async (trx) => {
    const found = await trx.selectFrom('articles').select(['id', 'status']).where('id', 'in', [articleId, relatedId]).execute();
    if (!found.some((r) => r.id === articleId)) throw new AppError('NOT_FOUND', `story ${articleId} does not exist`);
    const related = found.find((r) => r.id === relatedId);
    if (!related) throw validationError([{ field: 'relatedId', message: `story ${relatedId} does not exist` }]);
    if (action === 'clear') {
      await trx.deleteFrom('related_overrides').where('article_id', '=', articleId).where('related_id', '=', relatedId).execute();
      return;
    }
    if (action === 'pin') {
      if (related.status !== 'published') throw validationError([{ field: 'relatedId', message: `story ${relatedId} is not published; only published stories can be pinned` }]);
      const pins = await trx.selectFrom('related_overrides').select('related_id').where('article_id', '=', articleId).where('action', '=', 'pin').where('related_id', '<>', relatedId).execute();
      if (pins.length >= MAX_PINS) throw validationError([{ field: 'relatedId', message: `a story can have at most ${MAX_PINS} pinned related stories` }]);
    }
    const now = deps.clock.now().toISOString();
    await trx
      .insertInto('related_overrides')
      .values({ article_id: articleId, related_id: relatedId, action, position: action === 'pin' ? position : 0, created_by: input.staffId, created_at: now })
      .onConflict((oc) => oc.columns(['article_id', 'related_id']).doUpdateSet({ action, position: action === 'pin' ? position : 0, created_by: input.staffId, created_at: now }))
      .execute();
  });
  deps.bus.publish('cache.purge', { tags: [`article:${articleId}`] });
}
