import type { Article, ArticleCard } from '../content/index.js';
import { mediaUrl } from '../media/index.js';

/** Shapes of the public JSON API v1 (DESIGN.md section 5). Extend with new fields; never rename. */
export function presentImage(baseUrl: string, img: ArticleCard['image']) {
  if (!img) return null;
  return {
    url: baseUrl + mediaUrl(img, Math.min(1280, img.width), 'jpg'),
    width: Math.min(1280, img.width),
    height: Math.round((Math.min(1280, img.width) / img.width) * img.height),
    title: img.title,
    alt: img.alt,
    credit: img.credit,
    caption: img.caption,
  };
}

export function presentCard(baseUrl: string, a: ArticleCard) {
  return {
    id: a.id,
    slug: a.slug,
    url: baseUrl + a.path,
    headline: a.headline,
    summary: a.summary,
    desk: { slug: a.desk.slug, name: a.desk.name, nameEn: a.desk.nameEn },
    tags: a.tags.map((t) => ({ slug: t.slug, name: t.name })),
    authors: a.authors.map((p) => ({ slug: p.slug, name: p.name })),
    editor: a.editor ? { slug: a.editor.slug, name: a.editor.name } : null,
    access: a.access,
    lang: a.lang,
    publishedAt: a.publishedAt,
    updatedAt: a.updatedAt,
    image: presentImage(baseUrl, a.image),
  };
}

/** One story with its body; `body` is whatever the reader may see (the teaser when locked). */
export function presentArticle(baseUrl: string, a: Article, body: string, locked: boolean) {
  return {
    ...presentCard(baseUrl, a),
    dateline: a.dateline,
    correction: a.correction || null,
    body,
    locked,
  };
}
