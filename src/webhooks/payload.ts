import { getArticle, type Article } from '../content/index.js';
import { ANONYMOUS, lockFor } from '../members/index.js';
import { cropSizes, cropUrl, mediaUrl } from '../media/index.js';
import type { Executor } from '../storage/index.js';

/**
 * What a webhook receives about a story: the public card and, only for a story an anonymous reader
 * may read whole (free), its body. Premium and members-only bodies never leave through a webhook;
 * partners with full-text rights fetch them from the API with their key.
 */
export function articleData(a: Article, baseUrl: string, now: Date) {
  const open = lockFor(a.access, ANONYMOUS, now) === null;
  const crop = a.image ? cropSizes(a.image.width, a.image.height)[0] : undefined;
  return {
    id: a.id,
    slug: a.slug,
    url: baseUrl + a.path,
    api: `${baseUrl}/api/v1/articles/${a.id}`,
    headline: a.headline,
    summary: a.summary,
    desk: { slug: a.desk.slug, name: a.desk.name },
    tags: a.tags.map((t) => ({ slug: t.slug, name: t.name })),
    authors: a.authors.map((p) => ({ slug: p.slug, name: p.name })),
    access: a.access,
    lang: a.lang,
    publishedAt: a.publishedAt,
    updatedAt: a.updatedAt,
    image: a.image
      ? { url: baseUrl + (crop ? cropUrl(a.image, crop.width, crop.height) : mediaUrl(a.image, Math.min(1280, a.image.width), 'jpg')), width: crop?.width ?? Math.min(1280, a.image.width), height: crop?.height ?? Math.round((Math.min(1280, a.image.width) / a.image.width) * a.image.height), alt: a.image.alt, credit: a.image.credit }
      : null,
    locked: !open,
    ...(open ? { body: a.bodyHtml.replace(/(\s(?:href|src|srcset)=")\/(?!\/)/g, `$1${baseUrl}/`).replace(/(,\s*)\/media\//g, `$1${baseUrl}/media/`) } : {}),
  };
}

export async function articleEventData(db: Executor, articleId: number, baseUrl: string, now: Date): Promise<Record<string, unknown> | null> {
  const a = await getArticle(db, articleId);
  if (!a) return null;
  return { article: articleData(a, baseUrl, now) };
}
