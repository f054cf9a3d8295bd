import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { seedBasics, storyInput } from '../../test/helpers/fixtures.js';
import { getArticle, normalizeDoc, saveArticle, type Doc } from '../content/index.js';
import { openSqlite, type Executor } from '../storage/index.js';
import { importContext } from './index.js';
import { importWxr } from './wxr.js';
import { importGhost } from './ghost.js';
import { legacyPathsOf } from './legacy.js';

const run = promisify(execFile);
const offline: typeof fetch = async () => new Response('', { status: 404 });
const cli = (args: string[]) => run(process.execPath, ['--import', 'tsx', resolve('src/cli/main.ts'), ...args], { env: { ...process.env, DATABASE_URL: '', NODE_ENV: 'test' }, cwd: process.cwd() });

/** Everything a reader or editor sees of a story, with store-specific ids replaced by what identifies the thing. */
async function snapshot(db: Executor, id: number) {
  const a = (await getArticle(db, id))!;
  const doc: Doc = { type: 'doc', content: a.doc.content.map((b) => (b.type === 'figure' ? { type: 'figure', attrs: { ...b.attrs, imageId: b.attrs.key as unknown as number } } : b)) };
  const oldSlugs = (await db.selectFrom('article_slugs').select('slug').where('article_id', '=', id).orderBy('slug').execute()).map((r) => r.slug);
  return {
    headline: a.headline, slug: a.slug, summary: a.summary, doc, bodyHtml: a.bodyHtml.replace(/\/media\/\d+-/g, '/media/N-'),
    desk: a.desk.slug, tags: a.tags.map((t) => t.name), authors: a.authors.map((p) => p.name), editor: a.editor?.name ?? null,
    access: a.access, status: a.status, lang: a.lang, publishedAt: a.publishedAt, updatedAt: a.updatedAt, dateline: a.dateline, correction: a.correction,
    image: a.image ? { key: a.image.key, width: a.image.width, height: a.image.height, alt: a.image.alt, title: a.image.title, credit: a.image.credit, caption: a.image.caption } : null,
    oldSlugs, legacyPaths: await legacyPathsOf(db, id),
  };
}

describe('export → import round trip', () => {
  let h: TestApp;
  let dirB: string;
  let file: string;
  before(async () => {
    h = await createTestApp();
    const wxr = resolve('test/fixtures/importers/wordpress/export.xml');
    const ghost = resolve('test/fixtures/importers/ghost/export.json');
    await importWxr({ ...importContext(h.c, wxr), fetchImpl: offline }, wxr);
    await importGhost({ ...importContext(h.c, ghost, resolve('test/fixtures/importers/ghost/content/images')), fetchImpl: offline }, ghost);
    // A story written in the newsroom: nested marks, a line break, a list, a quote, a related link, a correction,
    // its own dateline, a renamed slug and no externalId.
    const b = await seedBasics(h.c.content);
    const doc = normalizeDoc({ type: 'doc', content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'मोटा और तिरछा', marks: [{ type: 'bold' }, { type: 'italic' }] }, { type: 'text', text: ' फिर ' }, { type: 'text', text: 'कड़ी', marks: [{ type: 'link', attrs: { href: 'https://example.org/x?a=1&b=2' } }, { type: 'bold' }] }, { type: 'hardBreak' }, { type: 'text', text: 'नई पंक्ति' }] },
      { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'उपशीर्षक' }] },
      { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'पहला' }] }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'दूसरा' }] }] }] },
      { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: '“उद्धरण”' }] }] },
      { type: 'relatedLink', attrs: { href: '/sports/news/other-story-9', text: 'दूसरी ख़बर' } },
    ] });
    const s = await saveArticle(h.c.content, { ...storyInput(b, { slug: 'newsroom-story-old' }), doc, correction: 'पहले संस्करण में तारीख़ ग़लत थी।', dateline: 'नई दिल्ली', publishedAt: '2025-01-02T03:04:05.000Z' });
    await saveArticle(h.c.content, { ...storyInput(b, { slug: 'newsroom-story' }), doc, correction: 'पहले संस्करण में तारीख़ ग़लत थी।', dateline: 'नई दिल्ली' }, { id: s.id });
    dirB = mkdtempSync(join(tmpdir(), 'samachar-roundtrip-'));
    file = join(dirB, 'export.ndjson');
  });
  after(async () => {
    await h?.close();
    rmSync(dirB, { recursive: true, force: true });
  });

  it('writes every story with `samachar export` and imports them into a second store unchanged, field by field', async () => {
    const out = await cli(['export', file, '--data', h.t.dataDir]);
    const ids = (await h.c.store.db.selectFrom('articles').select(['id', 'external_id']).orderBy('id').execute());
    assert.match(out.stdout, new RegExp(`exported ${ids.length} stories`));
    const imported = await cli(['import', file, '--data', join(dirB, 'store')]);
    assert.match(imported.stdout, new RegExp(`created ${ids.length}, updated 0, rejected 0`));

    const B = openSqlite(join(dirB, 'store', 'samachar.db'));
    try {
      for (const { id, external_id } of ids) {
        const ext = external_id ?? `samachar-${id}`;
        const other = await B.db.selectFrom('articles').select('id').where('external_id', '=', ext).executeTakeFirstOrThrow();
        const before = await snapshot(h.c.store.db, id);
        const after = await snapshot(B.db, other.id);
        for (const k of Object.keys(before) as (keyof typeof before)[]) assert.deepEqual(after[k], before[k], `${ext}: ${k}`);
      }
      // The same image bytes are the same image: the originals came along.
      const imgsA = (await h.c.store.db.selectFrom('images').select('sha256').execute()).map((r) => r.sha256).sort();
      const imgsB = (await B.db.selectFrom('images').select('sha256').execute()).map((r) => r.sha256).sort();
      assert.deepEqual(imgsB, imgsA);
    } finally {
      await B.close();
    }
  });

  it('exports the second store to the same file, and importing it again changes nothing but versions', async () => {
    const second = join(dirB, 'again.ndjson');
    await cli(['export', second, '--data', join(dirB, 'store')]);
    // Only the folder of the stored originals differs between the two stores.
    const norm = (f: string) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => {
      const o = JSON.parse(l);
      if (o.image?.path) o.image.path = o.image.path.replace(/^.*\/media\/originals\//, 'ORIG/');
      o.body = String(o.body ?? '').replace(/src="[^"]*\/media\/originals\//g, 'src="ORIG/');
      return o;
    });
    assert.deepEqual(norm(second), norm(file));
    const again = await cli(['import', file, '--data', join(dirB, 'store')]);
    const n = norm(file).length;
    assert.match(again.stdout, new RegExp(`created 0, updated ${n}, rejected 0`));
  });
});
