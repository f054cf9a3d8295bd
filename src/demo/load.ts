import type { Container } from '../container.js';
import { countArticles, ensureTag, htmlToDoc, saveArticle } from '../content/index.js';
import { demoArticles, demoDesks, demoPeople } from './content.js';
import { renderDemoImage } from './images.js';
import type { MatchView } from '../live/index.js';
import { demoBlogUpdates, demoLiveMatch, demoMatches, postDemoBlog, scoreDemoMatch } from './cricket.js';

/** The story that carries the live match's live blog, and the reporter who scores and writes it. */
const LIVE_MATCH_STORY = 'demo-047';
const SPORTS_REPORTER = 'rohit-chauhan';

/**
 * Loads the demo newsroom into an empty store: desks, people, tags, generated images, original Hindi
 * stories, a finished and a live cricket match (fictional teams, seeded balls entered through the
 * scorer's operations) and a live blog on the live match's story. Story and match times are shifted so
 * that the newest demo story is an hour old whenever the site is first started, so that a new user opens
 * a living site (and the news sitemap has recent stories, the score widget a match in play).
 * Returns false when the store already has stories.
 */
export async function loadDemo(c: Container): Promise<boolean> {
  const db = c.store.db;
  if ((await countArticles(db)) > 0) return false;
  const started = Date.now();
  const now = c.clock.now();
  const nowIso = now.toISOString();
  const newest = Math.max(...demoArticles.map((a) => Date.parse(a.publishedAt)));
  const shift = now.getTime() - 60 * 60 * 1000 - newest;
  const at = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();

  // Images are rendered before the transaction: sharp work should not hold the store.
  const images = new Map<string, Buffer>();
  await Promise.all(demoArticles.filter((a) => a.image).map(async (a) => images.set(a.externalId, await renderDemoImage(a.image!))));

  const personIds = new Map<string, number>();
  await c.store.transaction(async (trx) => {
    const deskIds = new Map<string, number>();
    for (const d of demoDesks) {
      const row = await trx.insertInto('desks').values({ slug: d.slug, name_hi: d.nameHi, name_en: d.nameEn, dateline_label: d.datelineLabel, position: d.order, created_at: nowIso }).returning('id').executeTakeFirstOrThrow();
      deskIds.set(d.slug, row.id);
    }
    for (const p of demoPeople) {
      const row = await trx.insertInto('people').values({ slug: p.slug, name: p.nameHi, name_en: p.nameEn, role: p.role, email: p.email, password_hash: null, bio: p.bio, photo_image_id: null, created_at: nowIso }).returning('id').executeTakeFirstOrThrow();
      personIds.set(p.slug, row.id);
    }
    for (const a of [...demoArticles].sort((x, y) => Date.parse(x.publishedAt) - Date.parse(y.publishedAt))) {
      const tagIds: number[] = [];
      for (const t of a.tags) tagIds.push(await ensureTag(trx, t.name, nowIso, t.slug));
      let imageId: number | null = null;
      const bytes = images.get(a.externalId);
      if (bytes && a.image) imageId = (await c.media.ingest(trx, bytes, a.image, nowIso)).id;
      const desk = demoDesks.find((d) => d.slug === a.desk)!;
      await saveArticle(
        c.content,
        {
          headline: a.headline,
          slug: a.slug,
          summary: a.summary,
          doc: htmlToDoc(a.body),
          deskId: deskIds.get(a.desk)!,
          tagIds,
          authorIds: a.authors.map((s) => personIds.get(s)!).filter(Boolean),
          editorId: personIds.get(a.editor) ?? null,
          dateline: desk.datelineLabel,
          imageId,
          access: a.access,
          status: 'published',
          lang: 'hi',
          externalId: a.externalId,
          correction: '',
          publishedAt: at(a.publishedAt),
          updatedAt: at(a.updatedAt),
        },
        { trx },
      );
    }
  });

  // Matches are scored ball by ball, each ball its own journal entry, as at the scorer's desk.
  const reporter = personIds.get(SPORTS_REPORTER) ?? null;
  let live: MatchView | null = null;
  for (const m of demoMatches) {
    const view = await scoreDemoMatch(c, m, at, reporter);
    if (m === demoLiveMatch) live = view;
  }
  const story = await db.selectFrom('articles').select('id').where('external_id', '=', LIVE_MATCH_STORY).executeTakeFirst();
  if (story && live) await postDemoBlog(c, story.id, demoBlogUpdates(demoLiveMatch, live), at, reporter);

  c.bus.publish('site.changed', { what: 'demo' });
  c.logger.info({ stories: demoArticles.length, matches: demoMatches.length, ms: Date.now() - started }, 'demo newsroom loaded');
  return true;
}
