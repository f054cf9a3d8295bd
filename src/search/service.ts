import { articlePath, docText, parseStoredDoc, teaserBlocks, type Access, type ArticleStatus } from '../content/index.js';
import type { Executor } from '../storage/index.js';
import type { Clock } from '../shared/clock.js';
import type { Store } from '../storage/index.js';
import { sortKeyRange, TermMemo } from './document.js';
import type { Candidate, SearchIndex, TermGroup, WindowFilter } from './indexes/index.js';
import { DF_SAMPLE, idf, rank, type Scored } from './ranking.js';
import { highlight, makeSnippet, QueryMatcher } from './snippet.js';
import { isLatinWord, normalizeText, queryTokens, romanKey, ROMAN_KEY_PREFIX, stem, wordSpans, type TextSegment } from './text/index.js';
import './schema.js';

/**
 * Searching: the engine finds the newest stories that match (every query word, each through any of
 * its alternatives), in two windows (anywhere, and in the headline or summary, so that an older story
 * about the subject is not crowded out by newer ones that merely mention it); ranking.ts orders the
 * union; the page's stories are loaded and given snippets. Results are the ranked window: `total`
 * counts what can be paged through.
 */

/** The newest this many matches anywhere, and this many in headline or summary, are ranked. */
export const WINDOW_ALL = 200;
export const WINDOW_HEAD_SUMMARY = 100;
export const MAX_LIMIT = 50;
export const SUGGESTIONS = 6;

export interface SearchQuery {
  q: string;
  page: number;
  limit: number;
  deskId?: number;
  authorId?: number;
  /** Stories published from this instant on, and up to this instant. */
  from?: Date;
  to?: Date;
  /** The newsroom's search: drafts and withdrawn stories too, snippets from the whole text. */
  staff?: boolean;
  /**
   * The newsroom's search for a reporter, who may open only their own stories: of the stories not
   * published, only those this person started or wrote; nothing else of them is shown, not even a headline.
   */
  unpublishedOf?: number;
}

/** What a result shows of a story. */
export interface SearchCard {
  id: number;
  path: string;
  headline: string;
  summary: string;
  access: Access;
  status: ArticleStatus;
  publishedAt: string | null;
  updatedAt: string | null;
  desk: { id: number; slug: string; name: string };
}

export interface SearchHit {
  card: SearchCard;
  score: number;
  headline: TextSegment[];
  snippet: TextSegment[];
}

export interface SearchResults {
  hits: SearchHit[];
  total: number;
  page: number;
  limit: number;
  /** The query had no word to search for (empty, or stop words only). */
  empty: boolean;
}

export interface Suggestion {
  id: number;
  path: string;
  headline: string;
}

/**
 * Document frequencies only weigh query words against each other; a few minutes old they are as good
 * as fresh, and counting again on every save would make a busy newsroom's searches pay all the time.
 */
const STATS_TTL_MS = 5 * 60_000;

export class SearchService {
  /** Per query word: how many of the sampled stories hold it. */
  private readonly df = new Map<string, { count: number; sample: number; at: number }>();

  constructor(
    private readonly store: Store,
    private readonly index: SearchIndex,
    private readonly clock: Clock,
    private readonly teaserParagraphs: number,
    private readonly memo: TermMemo = new TermMemo(),
  ) {}

  /** Forgets cached statistics (tests, benchmarks, a rebuilt index). */
  statsChanged(): void {
    this.df.clear();
  }

  /**
   * Idf per query word, computed over the newest DF_SAMPLE stories (all of them when there are fewer):
   * how common a word is in the news now, at the cost of one bounded look, cached per word for a few
   * minutes. With one word every story gets the same idf, so nothing is looked at.
   */
  private async idfs(groups: readonly TermGroup[]): Promise<number[]> {
    if (groups.length < 2) return groups.map(() => 1);
    const now = Date.now();
    const keys = groups.map((g) => g.join('\u0001'));
    const missing = groups.filter((_, i) => {
      const hit = this.df.get(keys[i]!);
      return !hit || now - hit.at >= STATS_TTL_MS;
    });
    if (missing.length) {
      const sampled = await this.index.sampleCounts(this.store.db, missing, DF_SAMPLE);
      if (this.df.size > 10_000) this.df.clear();
      missing.forEach((g, i) => this.df.set(g.join('\u0001'), { count: sampled.counts[i]!, sample: sampled.sample, at: now }));
    }
    return keys.map((k) => {
      const hit = this.df.get(k);
      return hit ? idf(hit.count, hit.sample) : 1;
    });
  }

  private filterOf(q: SearchQuery): WindowFilter {
    return {
      publicOnly: !q.staff,
      ...(q.staff && q.unpublishedOf !== undefined ? { unpublishedOf: q.unpublishedOf } : {}),
      ...(q.deskId !== undefined ? { deskId: q.deskId } : {}),
      ...(q.authorId !== undefined ? { authorId: q.authorId } : {}),
      ...sortKeyRange(q.from, q.to),
    };
  }

  /** The matching stories in rank order (ids only): the part of a search that both engines must agree on. */
  async rankedIds(q: Pick<SearchQuery, 'q' | 'deskId' | 'authorId' | 'from' | 'to' | 'staff' | 'unpublishedOf'>): Promise<number[]> {
    return (await this.ranked(q)).map((s) => s.item.articleId);
  }

  private async ranked(q: Pick<SearchQuery, 'q' | 'deskId' | 'authorId' | 'from' | 'to' | 'staff' | 'unpublishedOf'>): Promise<Scored<Candidate>[]> {
    const groups = queryTokens(q.q);
    if (groups.length === 0) return [];
    const db = this.store.db;
    const filter = this.filterOf(q as SearchQuery);
    const [all, headSummary, idfs] = await Promise.all([
      this.index.newest(db, groups, 'all', filter, WINDOW_ALL),
      this.index.newest(db, groups, 'headSummary', filter, WINDOW_HEAD_SUMMARY),
      this.idfs(groups),
    ]);
    const byId = new Map<number, Candidate>();
    for (const c of [...all, ...headSummary]) byId.set(c.articleId, c);
    const candidates = [...byId.values()];
    let phraseIn = new Set<Candidate>();
    if (groups.length > 1 && all.length) {
      // Body phrases are looked for over the span of the newest matches (a bounded amount of work);
      // older candidates from the headline window get their phrase boost from headline and summary.
      const ids = await this.index.bodyPhrase(db, all[all.length - 1]!.sortKey, all[0]!.sortKey, groups.map((g) => g[0]!));
      phraseIn = new Set(candidates.filter((c) => ids.has(c.articleId)));
    }
    return rank(candidates, groups, idfs, this.clock.now().getTime(), phraseIn);
  }

  async search(q: SearchQuery): Promise<SearchResults> {
    const limit = Math.min(Math.max(1, q.limit), MAX_LIMIT);
    const page = Math.max(1, q.page);
    if (queryTokens(q.q).length === 0) return { hits: [], total: 0, page, limit, empty: true };
    const ranked = await this.ranked(q);
    const pageItems = ranked.slice((page - 1) * limit, page * limit);
    const scores = new Map(pageItems.map((s) => [s.item.articleId, s.score]));
    const hits = (await this.hydrate(pageItems.map((s) => s.item.articleId), q.q, q.staff === true)).map((h) => ({ ...h, score: scores.get(h.card.id) ?? 0 }));
    return { hits, total: ranked.length, page, limit, empty: false };
  }

  /** Cards and snippets for the page's stories, in rank order (one query). */
  private async hydrate(ids: number[], query: string, staff: boolean): Promise<SearchHit[]> {
    const rows = await storyRows(this.store.db, ids, true);
    const matcher = new QueryMatcher(query, this.memo);
    return rows.map(({ card, bodyDoc }) => {
      const doc = parseStoredDoc(bodyDoc);
      // What a reader who is not entitled may see of a members or premium story: the summary and the teaser.
      const visible = staff || card.access === 'free' ? doc.content : teaserBlocks(doc, this.teaserParagraphs);
      const snippet = makeSnippet([card.summary, ...docText(visible).split('\n')], matcher);
      return { card, score: 0, headline: highlight(card.headline, matcher), snippet: snippet.segments };
    });
  }

  /**
   * Headlines for a query being typed: the words before the last must match, the last is a prefix
   * (of the word as typed, of its stem, and for Latin letters of its roman key). Published stories only.
   */
  async suggest(text: string, limit = SUGGESTIONS): Promise<Suggestion[]> {
    const trimmed = text.trimStart();
    const words = wordSpans(trimmed);
    if (words.length === 0) return [];
    const endsWord = /[\p{L}\p{M}\p{N}]$/u.test(trimmed);
    const last = endsWord ? words[words.length - 1]! : null;
    const groups = queryTokens(last ? trimmed.slice(0, last.start) : trimmed);
    const prefixes: string[] = [];
    if (last) {
      const normalized = normalizeText(last.text);
      if ([...normalized].length >= 2) {
        prefixes.push(normalized);
        const st = stem(normalized);
        if (st !== normalized && [...st].length >= 2) prefixes.push(st);
        if (isLatinWord(normalized)) {
          const key = romanKey(normalized);
          if (key.length >= 2) prefixes.push(ROMAN_KEY_PREFIX + key);
        }
      }
    }
    if (prefixes.length === 0 && groups.length === 0) return [];
    const filter: WindowFilter = { publicOnly: true };
    const candidates = prefixes.length
      ? await this.index.newestWithPrefix(this.store.db, groups, prefixes, filter, 40)
      : await this.index.newest(this.store.db, groups, 'headSummary', filter, 40);
    // Headline matches first, then the newest.
    const inHead = (c: Candidate) => c.headTerms.split(/[ |]/).some((t) => prefixes.some((p) => t.startsWith(p)) || groups.some((g) => g.includes(t)));
    const ordered = [...candidates.filter(inHead), ...candidates.filter((c) => !inHead(c))].slice(0, limit);
    const rows = await storyRows(this.store.db, ordered.map((c) => c.articleId), false);
    return rows.map(({ card }) => ({ id: card.id, path: card.path, headline: card.headline }));
  }
}

/** The stories of `ids` as result cards, in the order of `ids`, with their body document when asked. */
async function storyRows(db: Executor, ids: number[], withBody: boolean): Promise<{ card: SearchCard; bodyDoc: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('articles as a')
    .innerJoin('desks as d', 'd.id', 'a.desk_id')
    .select(['a.id', 'a.slug', 'a.headline', 'a.summary', 'a.access', 'a.status', 'a.published_at', 'a.updated_at', 'a.desk_id', 'd.slug as desk_slug', 'd.name_hi as desk_name'])
    .$if(withBody, (q) => q.select('a.body_doc'))
    .where('a.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id) as (typeof rows)[number] & { body_doc?: string } | undefined;
    if (!r) return [];
    const card: SearchCard = {
      id: r.id, path: articlePath(r.desk_slug, r.slug, r.id), headline: r.headline, summary: r.summary, access: r.access as Access, status: r.status as ArticleStatus,
      publishedAt: r.published_at, updatedAt: r.updated_at, desk: { id: r.desk_id, slug: r.desk_slug, name: r.desk_name },
    };
    return [{ card, bodyDoc: r.body_doc ?? '' }];
  });
}
