/** What the feed renderers take: plain data, already decided by the paywall rule. */
export interface FeedImage {
  url: string;
  width: number;
  height: number;
  type: string;
  alt: string;
  title: string;
  credit: string;
  caption: string;
}

export interface FeedItem {
  id: number;
  /** Stable across slug and desk changes: the item's API URL (never a page that moves). */
  guid: string;
  url: string;
  title: string;
  summary: string;
  /** The whole story as HTML with absolute URLs, only when an anonymous reader may read all of it. */
  contentHtml: string | null;
  publishedAt: string;
  updatedAt: string;
  authors: { name: string; url: string }[];
  categories: { term: string; label: string; scheme: string }[];
  image: FeedImage | null;
  lang: string;
}

export interface FeedChannel {
  title: string;
  description: string;
  /** The HTML page the feed follows (home, desk, tag or author page). */
  link: string;
  rssUrl: string;
  atomUrl: string;
  language: string;
  /** Newest change among the items (or the time of rendering when there are none). */
  updated: string;
  logoUrl: string;
  siteName: string;
  baseUrl: string;
}
