import { createHash } from 'node:crypto';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Store } from '../../src/storage/index.js';

/**
 * Shared setup of the security suite (test/security): the route list of the real app, a fingerprint of
 * the whole store, and the HTML/XML/JSON checks that decide whether a response carries markup that came
 * from an attacker's input.
 */

export interface RouteEntry { method: string; url: string }

/**
 * Every route of an app, read from Fastify's own route tree (printRoutes): the app is built by buildApp,
 * so an onRoute hook cannot be added before its routes are; the printed tree is the public listing.
 */
export function routesOf(app: FastifyInstance): RouteEntry[] {
  const text = app.printRoutes({ commonPrefix: false });
  const out: RouteEntry[] = [];
  const stack: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^(.*?)(?:└── |├── )(.*) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = Math.round(m[1]!.length / 4);
    stack.length = depth;
    stack[depth] = m[2]!;
    const url = stack.join('');
    for (const method of m[3]!.split(',').map((s) => s.trim())) if (method !== 'HEAD') out.push({ method, url });
  }
  return out;
}

export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Names of the tables of a store (SQLite or PostgreSQL), the migration bookkeeping left out. */
export async function tableNames(store: Store): Promise<string[]> {
  const db = store.db;
  if (store.dialect === 'sqlite') {
    const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%_fts%' and name not like 'kysely_%'`.execute(db);
    return r.rows.map((x) => x.name).sort();
  }
  const r = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`.execute(db);
  return r.rows.map((x) => x.name).sort();
}

/** Row counts of every table: the store is "intact" when these do not move. */
export async function rowCounts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await tableNames(store)) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(store.db);
    out[t] = Number(r.rows[0]!.n);
  }
  return out;
}

/**
 * A hash of every row of every table except `skip` (session bookkeeping that a mere request may touch):
 * "nothing changed" means this hash is the same before and after.
 */
export async function storeFingerprint(store: Store, skip: string[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await tableNames(store)) {
    if (skip.includes(t)) continue;
    const r = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(store.db);
    const rows = r.rows.map((x) => JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? v.toString('base64') : v))).sort();
    out[t] = createHash('sha1').update(rows.join('\n')).digest('hex');
  }
  return out;
}

// ------------------------------------------------------------------------------------------- markup checks

const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'poster', 'data', 'xlink:href', 'background', 'cite', 'longdesc', 'manifest', 'ping']);
/** Elements no page of ours carries and every one of which an attacker would love to plant. */
const FORBIDDEN_ELEMENTS = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'svg', 'math', 'style', 'xml', 'import', 'portal']);

function* elements(nodes: ChildNode[]): Generator<Element> {
  for (const n of nodes) {
    if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
      yield n as Element;
      yield* elements((n as Element).children);
    }
  }
}

function textOf(el: Element): string {
  return el.children.map((c) => ('data' in c ? String((c as { data: string }).data) : '')).join('');
}

/** A URL an attribute may carry: no script or data scheme, whatever the case, spaces or control characters. */
export function dangerousUrl(v: string): boolean {
  const compact = v.replace(/[\u0000-\u0020\u007f-\u00a0\u200b-\u200f\u2028\u2029\ufeff]/g, '').toLowerCase();
  return /^(javascript|vbscript|data|livescript|mocha):/.test(compact) || /^&#|^%6a/.test(compact);
}

/** The nonce of a response's Content-Security-Policy script-src. */
export function cspNonce(headers: Record<string, unknown>): string | null {
  const csp = String(headers['content-security-policy'] ?? '');
  return /'nonce-([^']+)'/.exec(csp)?.[1] ?? null;
}

/**
 * Problems of an HTML document: a script that is neither one of our assets, nor carries the response's
 * nonce, nor is a JSON data block (which must parse and cannot close its element); an on* attribute; a
 * javascript:/data: URL; srcdoc; a style attribute or element; a meta refresh; an element from the
 * forbidden list. Each problem names what was found, so a failure shows the payload that got through.
 */
export function htmlProblems(body: string, nonce: string | null, where: string): string[] {
  const dom = parseDocument(body, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const problems: string[] = [];
  for (const el of elements(dom.children)) {
    const name = el.name.toLowerCase();
    const attrs = el.attribs ?? {};
    if (FORBIDDEN_ELEMENTS.has(name)) problems.push(`${where}: <${name}> element`);
    if (name === 'script') {
      const type = (attrs.type ?? '').toLowerCase();
      if (type === 'application/ld+json' || type === 'application/json') {
        const text = textOf(el);
        if (/<\/script/i.test(text)) problems.push(`${where}: a JSON script block contains </script`);
        try { JSON.parse(text); } catch (e) { problems.push(`${where}: a ${type} block is not JSON (${(e as Error).message}): ${text.slice(0, 120)}`); }
      } else if (attrs.src !== undefined && attrs.src.startsWith('/assets/') && textOf(el).trim() === '') {
        // one of our own bundles, allowed by script-src 'self'
      } else if (!nonce || attrs.nonce !== nonce) {
        problems.push(`${where}: <script${attrs.src ? ` src="${attrs.src}"` : ''}> without this response's nonce: ${textOf(el).slice(0, 80)}`);
      }
    }
    if (name === 'meta' && /refresh/i.test(attrs['http-equiv'] ?? '')) problems.push(`${where}: <meta http-equiv=refresh>`);
    if (name === 'link' && /import|preload|stylesheet/i.test(attrs.rel ?? '') && attrs.href && !attrs.href.startsWith('/') && !attrs.href.startsWith('https://')) problems.push(`${where}: <link rel=${attrs.rel} href=${attrs.href}>`);
    for (const [k, v] of Object.entries(attrs)) {
      if (/^on/i.test(k)) problems.push(`${where}: <${name} ${k}="${v.slice(0, 60)}">`);
      if (k === 'srcdoc') problems.push(`${where}: <${name} srcdoc>`);
      if (k === 'style') problems.push(`${where}: <${name} style="${v.slice(0, 60)}">`);
      if ((URL_ATTRS.has(k) || k === 'srcset') && dangerousUrl(v)) problems.push(`${where}: <${name} ${k}="${v.slice(0, 60)}">`);
    }
  }
  return problems;
}

/**
 * Problems of an XML document (feed, sitemap): it must parse to the expected root with no element from
 * the HTML forbidden list, and every piece of text that a reader renders as HTML (description,
 * content:encoded, Atom content/summary) must pass htmlProblems.
 */
export function xmlProblems(body: string, where: string): string[] {
  const dom = parseDocument(body, { xmlMode: true, decodeEntities: true });
  const problems: string[] = [];
  const roots = dom.children.filter((c) => c.type === 'tag') as Element[];
  if (roots.length !== 1) problems.push(`${where}: ${roots.length} root elements`);
  for (const el of elements(dom.children)) {
    const name = el.name.toLowerCase();
    if (name === 'script' || FORBIDDEN_ELEMENTS.has(name) && name !== 'style' || name === 'img' || name === 'a') problems.push(`${where}: <${name}> element in the XML itself`);
    for (const k of Object.keys(el.attribs ?? {})) if (/^on/i.test(k)) problems.push(`${where}: <${name} ${k}> in the XML itself`);
    if (['description', 'content:encoded', 'content', 'summary', 'title', 'media:title', 'media:description', 'news:title'].includes(name)) {
      const text = el.children.map((c) => ('data' in c ? String((c as { data: string }).data) : c.type === 'cdata' ? ((c as unknown as { children: Array<{ data: string }> }).children.map((x) => x.data).join('')) : '')).join('');
      const type = (el.attribs?.type ?? '').toLowerCase();
      const isAtom = name === 'content' || name === 'summary' || (name === 'title' && type !== '');
      if (isAtom && (type === '' || type === 'text' || type === 'plain')) {
        // Atom text constructs of type text are shown as text by every reader: nothing to parse.
        if (el.children.some((c) => c.type === 'tag')) problems.push(`${where}: markup inside <${name} type=text>`);
      } else if (name === 'title' || name === 'news:title' || name === 'media:title' || (name === 'media:description' && type === 'plain')) {
        // A title is text; a feed reader that renders it as HTML would meet the escaped text only.
        if (el.children.some((c) => c.type === 'tag')) problems.push(`${where}: markup inside <${name}>`);
      } else {
        problems.push(...htmlProblems(text, null, `${where} <${name}>`));
      }
    }
  }
  return problems;
}

/** Problems of a JSON answer: it parses, and every field that carries HTML passes htmlProblems. */
export function jsonProblems(body: string, where: string, htmlFields = ['snippet', 'body', 'bodyHtml', 'html', 'teaser', 'contentHtml', 'summaryHtml']): string[] {
  // `htmlFields`: the fields a client puts into a page as HTML (the article API's body, search snippets);
  // other strings are text that clients insert as text.
  let v: unknown;
  try { v = JSON.parse(body); } catch (e) { return [`${where}: not JSON (${(e as Error).message})`]; }
  const problems: string[] = [];
  const walk = (x: unknown, path: string) => {
    if (Array.isArray(x)) x.forEach((y, i) => walk(y, `${path}[${i}]`));
    else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) {
      if (typeof y === 'string' && htmlFields.includes(k)) problems.push(...htmlProblems(y, null, `${where} ${path}.${k}`));
      else if (typeof y === 'string' && /url$|^href$|^image$/i.test(k) && dangerousUrl(y)) problems.push(`${where} ${path}.${k} = ${y.slice(0, 60)}`);
      else walk(y, `${path}.${k}`);
    }
  };
  walk(v, '$');
  return problems;
}

/** The JSON-LD blocks of a page, parsed (a block that does not parse is a problem reported by htmlProblems). */
export function jsonLdOf(body: string): unknown[] {
  const dom = parseDocument(body, { decodeEntities: false });
  const out: unknown[] = [];
  for (const el of elements(dom.children)) {
    if (el.name === 'script' && el.attribs.type === 'application/ld+json') {
      try { out.push(JSON.parse(textOf(el))); } catch { /* reported elsewhere */ }
    }
  }
  return out;
}

/** The content of <meta property|name=key>, decoded. */
export function metaContent(body: string, key: string): string | null {
  const dom = parseDocument(body, { decodeEntities: true });
  for (const el of elements(dom.children)) if (el.name === 'meta' && (el.attribs.property === key || el.attribs.name === key)) return el.attribs.content ?? null;
  return null;
}

/** A small tally that each file prints at its end ("cases tried and passed"). */
export class Tally {
  tried = 0;
  passed = 0;
  readonly failures: string[] = [];
  check(ok: boolean, what: string): boolean {
    this.tried++;
    if (ok) this.passed++;
    else this.failures.push(what);
    return ok;
  }
  line(name: string, shape = ''): string {
    return `${name}: ${shape}${shape ? ' = ' : ''}${this.tried} checks, ${this.passed} passed`;
  }
}

/** application/x-www-form-urlencoded of a form with repeated keys. */
export function formBody(form: Record<string, string | string[] | number>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) p.append(k, String(one));
  return p.toString();
}
