import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.js';

/**
 * The OpenAPI 3.1 description of the public API v1 (DESIGN.md section 5): every endpoint, including
 * search and the live cricket endpoints that other modules serve, with their parameters, answers and
 * the partner key. Served at /api/v1/openapi.json; tests check it against the routes the app has.
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' };
const int = { type: 'integer' };
const nullable = (schema: Record<string, unknown>) => ({ oneOf: [schema, { type: 'null' }] });

const pageParams = [
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1 }, description: 'Page number, from 1.' },
];
const limitParam = (max: number, dflt: number) => ({ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: max, default: dflt }, description: 'Items per page.' });
const slugParam = (name: string, what: string) => ({ name, in: 'query', schema: { type: 'string', pattern: '^[a-z0-9-]{1,120}$' }, description: `Only stories of this ${what} (its slug).` });
const resumeParams = [
  { name: 'Last-Event-ID', in: 'header', schema: { type: 'string' }, description: 'The id of the last event received, to resume after it.' },
  { name: 'lastEventId', in: 'query', schema: { type: 'string' }, description: 'The same, for clients that cannot set the header.' },
];
const idPath = (what: string) => ({ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: `The ${what}'s id.` });

const errors = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '401': { $ref: '#/components/responses/Unauthorized' },
  '429': { $ref: '#/components/responses/RateLimited' },
};
function ok(schema: Record<string, unknown>, description: string, extra: Record<string, unknown> = {}) {
  return {
    '200': { description, headers: { ETag: { $ref: '#/components/headers/ETag' }, 'RateLimit-Limit': { $ref: '#/components/headers/RateLimitLimit' }, 'RateLimit-Remaining': { $ref: '#/components/headers/RateLimitRemaining' } }, content: { 'application/json': { schema } } },
    '304': { description: 'Not modified: the copy named in If-None-Match is current.' },
    ...errors,
    ...extra,
  };
}
const notFound = { '404': { $ref: '#/components/responses/NotFound' } };

export function openApiDocument(baseUrl: string, siteName: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: `${siteName} content API`,
      version: '1.0.0',
      summary: 'Published stories, desks, tags, authors, search and live cricket scorecards.',
      description:
        'Read-only. Published free stories need no key. Premium and members-only stories give only their opening (teaser) with `locked: true`, unless the partner key was granted full-text rights. Every JSON answer carries an ETag (send If-None-Match for a 304). Requests are limited per key, or per IP address without one; past the limit the answer is 429 with Retry-After.',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: baseUrl }],
    security: [{}, { ApiKey: [] }, { Bearer: [] }],
    tags: [{ name: 'stories' }, { name: 'directory' }, { name: 'search' }, { name: 'live' }, { name: 'meta' }],
    paths: {
      '/api/v1/articles': {
        get: {
          operationId: 'listArticles', tags: ['stories'], summary: 'Published stories, newest first',
          parameters: [slugParam('desk', 'desk'), slugParam('tag', 'tag'), slugParam('author', 'author'), ...pageParams, limitParam(100, 20)],
          responses: ok({ type: 'object', required: ['articles', 'page', 'total'], properties: { articles: { type: 'array', items: ref('ArticleCard') }, page: int, limit: int, total: int } }, 'A page of stories.', notFound),
        },
      },
      '/api/v1/articles/{id}': {
        get: {
          operationId: 'getArticle', tags: ['stories'], summary: 'One published story with its body',
          parameters: [idPath('story')],
          responses: ok(ref('Article'), 'The story; `body` is the teaser and `locked` is true when the reader or key may not read all of it.', notFound),
        },
      },
      '/api/v1/desks': {
        get: { operationId: 'listDesks', tags: ['directory'], summary: 'Desks (sections) with their story counts and feeds', responses: ok({ type: 'object', required: ['desks'], properties: { desks: { type: 'array', items: ref('Desk') } } }, 'Every desk.') },
      },
      '/api/v1/tags': {
        get: { operationId: 'listTags', tags: ['directory'], summary: 'Tags that have published stories, most used first', parameters: [...pageParams, limitParam(500, 20)], responses: ok({ type: 'object', required: ['tags', 'page', 'total'], properties: { tags: { type: 'array', items: ref('Tag') }, page: int, limit: int, total: int } }, 'A page of tags.') },
      },
      '/api/v1/authors': {
        get: { operationId: 'listAuthors', tags: ['directory'], summary: 'Authors with published stories, most prolific first', parameters: [...pageParams, limitParam(500, 20)], responses: ok({ type: 'object', required: ['authors', 'page', 'total'], properties: { authors: { type: 'array', items: ref('Author') }, page: int, limit: int, total: int } }, 'A page of authors.') },
      },
      '/api/v1/search': {
        get: {
          operationId: 'search', tags: ['search'], summary: 'Hindi-aware full-text search over published stories',
          parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 200 }, description: 'Words to look for, in Devanagari or Latin letters.' }, slugParam('desk', 'desk'), ...pageParams],
          responses: ok({ type: 'object', required: ['results', 'total'], properties: { results: { type: 'array', items: ref('SearchResult') }, total: int } }, 'Matching stories, best first.'),
        },
      },
      '/api/v1/search/suggest': {
        get: {
          operationId: 'suggest', tags: ['search'], summary: 'Headlines that complete the words typed so far',
          parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string', maxLength: 200 }, description: 'The words typed so far.' }],
          responses: ok({ type: 'object', required: ['suggestions'], properties: { suggestions: { type: 'array', items: { type: 'object', required: ['id', 'url', 'headline'], properties: { id: int, url: { type: 'string', format: 'uri' }, path: str, headline: str } } } } }, 'Suggestions, best first.'),
        },
      },
      '/api/v1/views/{file}': {
        get: {
          operationId: 'countView', tags: ['meta'], summary: 'Read-count beacon of the reader site',
          description: '`{id}` answers 204, `{id}.gif` a transparent GIF (for pages without JavaScript). Never cached; sets no cookie; not limited.',
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{1,12}(\\.gif)?$' }, description: 'The story id, optionally with .gif.' }],
          responses: { '200': { description: 'A transparent GIF.', content: { 'image/gif': { schema: { type: 'string', contentEncoding: 'binary' } } } }, '204': { description: 'Counted.' }, ...notFound },
        },
      },
      '/api/v1/matches': {
        get: {
          operationId: 'listMatches', tags: ['live'], summary: 'Cricket matches: live, upcoming and recent',
          parameters: [{ name: 'status', in: 'query', schema: { enum: ['live', 'complete', 'scheduled'] }, description: 'Only matches in this state.' }, ...pageParams, limitParam(100, 20)],
          responses: ok({ type: 'object', required: ['matches'], properties: { matches: { type: 'array', items: ref('MatchSummary') }, page: int, limit: int, total: int } }, 'A page of matches.'),
        },
      },
      '/api/v1/matches/{id}': {
        get: { operationId: 'getScorecard', tags: ['live'], summary: 'The scorecard of a match', parameters: [idPath('match')], responses: ok(ref('Scorecard'), 'The scorecard as it stands.', notFound) },
      },
      '/api/v1/matches/{id}/events': {
        get: {
          operationId: 'matchEvents', tags: ['live'], summary: 'Live updates of a match as Server-Sent Events',
          description: 'Each event carries the new scorecard state. Reconnect with the Last-Event-ID header to resume where the stream stopped.',
          parameters: [idPath('match'), { name: 'view', in: 'query', schema: { enum: ['full', 'score'], default: 'full' }, description: 'The whole scorecard, or only the score line.' }, ...resumeParams],
          responses: { '200': { description: 'An endless stream of events.', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...notFound, '429': errors['429'] },
        },
      },
      '/api/v1/liveblogs/{id}': {
        get: {
          operationId: 'getLiveBlog', tags: ['live'], summary: 'The updates of a live blog so far',
          description: 'The id is the story\'s id. A premium live blog answers 402 and a members-only one 401 to a reader who may not follow it.',
          parameters: [idPath('story')],
          responses: ok(ref('LiveBlog'), 'The live blog.', { ...notFound, '402': { $ref: '#/components/responses/PaymentRequired' } }),
        },
      },
      '/api/v1/liveblogs/{id}/events': {
        get: {
          operationId: 'liveBlogEvents', tags: ['live'], summary: 'New live blog updates as Server-Sent Events',
          parameters: [idPath('story'), ...resumeParams],
          responses: { '200': { description: 'An endless stream of updates.', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...notFound, '401': errors['401'], '402': { $ref: '#/components/responses/PaymentRequired' }, '429': errors['429'] },
        },
      },
      '/api/v1/openapi.json': {
        get: { operationId: 'openapi', tags: ['meta'], summary: 'This document', responses: { '200': { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } } },
      },
    },
    components: {
      securitySchemes: {
        ApiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'A partner key made by an admin in the newsroom (/newsroom/api-keys).' },
        Bearer: { type: 'http', scheme: 'bearer', description: 'The same partner key as a bearer token.' },
      },
      headers: {
        ETag: { description: 'Version of the answer, for If-None-Match.', schema: str },
        RateLimitLimit: { description: 'Requests allowed per minute.', schema: int },
        RateLimitRemaining: { description: 'Requests left in this minute.', schema: int },
        RetryAfter: { description: 'Seconds to wait before trying again.', schema: int },
      },
      responses: {
        BadRequest: { description: 'A parameter is not valid; each problem is listed.', content: { 'application/json': { schema: ref('Error') } } },
        Unauthorized: { description: 'The API key is not valid or has been revoked.', content: { 'application/json': { schema: ref('Error') } } },
        NotFound: { description: 'No such item.', content: { 'application/json': { schema: ref('Error') } } },
        PaymentRequired: { description: 'Only premium members may follow this.', content: { 'application/json': { schema: ref('Error') } } },
        RateLimited: { description: 'Too many requests.', headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } }, content: { 'application/json': { schema: ref('Error') } } },
      },
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: str, message: str, issues: { type: 'array', items: { type: 'object', properties: { field: str, message: str } } }, requestId: str } } } },
        Ref: { type: 'object', required: ['slug', 'name'], properties: { slug: str, name: str } },
        Image: { type: 'object', required: ['url', 'width', 'height'], properties: { url: { type: 'string', format: 'uri' }, width: int, height: int, title: str, alt: str, credit: str, caption: str } },
        ArticleCard: {
          type: 'object',
          required: ['id', 'slug', 'url', 'headline', 'summary', 'desk', 'tags', 'authors', 'editor', 'access', 'publishedAt', 'updatedAt', 'image'],
          properties: {
            id: int, slug: str, url: { type: 'string', format: 'uri' }, headline: str, summary: str,
            desk: { type: 'object', properties: { slug: str, name: str, nameEn: str } },
            tags: { type: 'array', items: ref('Ref') }, authors: { type: 'array', items: ref('Ref') }, editor: nullable(ref('Ref')),
            access: { enum: ['free', 'members', 'premium'] }, lang: { enum: ['hi', 'en'] },
            publishedAt: nullable({ type: 'string', format: 'date-time' }), updatedAt: nullable({ type: 'string', format: 'date-time' }),
            image: nullable(ref('Image')),
          },
        },
        Article: { allOf: [ref('ArticleCard'), { type: 'object', required: ['body', 'locked'], properties: { body: { type: 'string', description: 'Sanitized HTML.' }, locked: { type: 'boolean' }, dateline: str, correction: nullable(str) } }] },
        Feeds: { type: 'object', properties: { rss: { type: 'string', format: 'uri' }, atom: { type: 'string', format: 'uri' } } },
        Desk: { type: 'object', required: ['slug', 'name', 'url'], properties: { slug: str, name: str, nameEn: str, url: { type: 'string', format: 'uri' }, stories: int, feeds: ref('Feeds') } },
        Tag: { type: 'object', required: ['slug', 'name', 'url'], properties: { slug: str, name: str, url: { type: 'string', format: 'uri' }, stories: int, feeds: ref('Feeds') } },
        Author: { type: 'object', required: ['slug', 'name', 'url'], properties: { slug: str, name: str, nameEn: str, bio: str, url: { type: 'string', format: 'uri' }, stories: int, feeds: ref('Feeds') } },
        SearchResult: { type: 'object', required: ['id', 'url', 'headline', 'snippet', 'publishedAt'], properties: { id: int, url: { type: 'string', format: 'uri' }, headline: str, snippet: str, publishedAt: nullable({ type: 'string', format: 'date-time' }) } },
        MatchSummary: { type: 'object', required: ['id', 'teams', 'status'], properties: { id: int, teams: { type: 'array', items: str, minItems: 2, maxItems: 2 }, status: str, result: nullable(str), url: { type: 'string', format: 'uri' } } },
        Extras: { type: 'object', properties: { byes: int, legByes: int, wides: int, noBalls: int, penalty: int, total: int } },
        Innings: {
          type: 'object',
          required: ['team', 'runs', 'wickets', 'overs', 'runRate'],
          properties: {
            team: str, runs: int, wickets: int, overs: { type: 'string', examples: ['20.0'] }, runRate: { type: 'string', examples: ['9.50'] }, extras: ref('Extras'),
            batting: { type: 'array', items: { type: 'object', properties: { name: str, runs: int, balls: int, fours: int, sixes: int, howOut: str } } },
            bowling: { type: 'array', items: { type: 'object', properties: { name: str, overs: str, maidens: int, runs: int, wickets: int } } },
            fallOfWickets: { type: 'array', items: { type: 'object', properties: { wicket: int, runs: int, batter: str, over: str } } },
          },
        },
        LiveBlog: { type: 'object', required: ['articleId', 'live', 'updates'], properties: { articleId: str, live: { type: 'boolean' }, seq: int, startedAt: nullable({ type: 'string', format: 'date-time' }), endedAt: nullable({ type: 'string', format: 'date-time' }), updates: { type: 'array', items: { type: 'object' } } } },
        Scorecard: { type: 'object', required: ['id', 'teams', 'status', 'innings'], properties: { id: int, teams: { type: 'array', items: str }, status: str, result: nullable(str), innings: { type: 'array', items: ref('Innings') } } },
      },
    },
  };
}

export function openApiRoutes(app: FastifyInstance, c: Container): void {
  const body = JSON.stringify(openApiDocument(c.config.baseUrl, c.config.siteName));
  app.get('/api/v1/openapi.json', async (_req, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Cache-Control', 'public, max-age=3600');
    return reply.type('application/json; charset=utf-8').send(body);
  });
}
