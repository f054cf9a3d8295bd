import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { demoArticles, demoDesks, demoPeople, demoTags } from './content.js';
import type { DemoArticle } from './content.js';
import { demoMotifs } from './images.js';

const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DEVANAGARI_RE = /[\u0900-\u097F]/;
const ALLOWED_TAGS = new Set(['p', 'h2', 'h3', 'blockquote', 'ul', 'ol', 'li', 'strong', 'em', 'a']);
const CUTOFF = Date.parse('2026-11-27T00:00:00+05:30');

function paragraphs(body: string): number {
  return (body.match(/<p>/g) ?? []).length;
}

/** Every string reachable from a value, with a path for error messages. */
function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}.${k}`);
}

function allText(a: DemoArticle): string {
  return [a.headline, a.summary, a.body, a.image?.caption ?? ''].join('\n');
}

describe('demo desks and people', () => {
  it('has the six desks in the agreed order', () => {
    assert.deepEqual(
      demoDesks.map((d) => d.slug),
      ['international', 'national', 'sports', 'business', 'entertainment', 'tech'],
    );
    assert.deepEqual(
      demoDesks.map((d) => d.nameHi),
      ['अंतरराष्ट्रीय', 'राष्ट्रीय', 'खेल', 'व्यापार', 'मनोरंजन', 'टेक'],
    );
    assert.deepEqual(
      demoDesks.map((d) => d.datelineLabel),
      ['International Desk', 'National Desk', 'Sports Desk', 'Business Desk', 'Entertainment Desk', 'Tech Desk'],
    );
    assert.deepEqual(
      demoDesks.map((d) => d.order),
      [1, 2, 3, 4, 5, 6],
    );
  });

  it('has 8 people with reporters, editors and exactly one admin', () => {
    assert.equal(demoPeople.length, 8);
    const roles = demoPeople.map((p) => p.role);
    assert.equal(roles.filter((r) => r === 'admin').length, 1);
    assert.ok(roles.filter((r) => r === 'editor').length >= 2);
    assert.ok(roles.filter((r) => r === 'reporter').length >= 4);
    for (const p of demoPeople) {
      assert.match(p.slug, SLUG_RE);
      assert.match(p.email, /^[a-z0-9.]+@samachar\.example$/);
      assert.match(p.nameHi, DEVANAGARI_RE);
      assert.match(p.bio, DEVANAGARI_RE);
      assert.match(p.nameEn, /^[A-Za-z .]+$/);
    }
    assert.equal(new Set(demoPeople.map((p) => p.slug)).size, demoPeople.length);
    assert.equal(new Set(demoPeople.map((p) => p.email)).size, demoPeople.length);
  });
});

describe('demo articles', () => {
  it('has at least 44 articles and at least 6 per desk', () => {
    assert.ok(demoArticles.length >= 44, `only ${demoArticles.length} articles`);
    for (const desk of demoDesks) {
      const n = demoArticles.filter((a) => a.desk === desk.slug).length;
      assert.ok(n >= 6, `desk ${desk.slug} has only ${n} articles`);
    }
  });

  it('uses unique, well-formed slugs and external ids', () => {
    const slugs = demoArticles.map((a) => a.slug);
    for (const s of slugs) assert.match(s, SLUG_RE);
    assert.equal(new Set(slugs).size, slugs.length, 'duplicate article slug');
    const ids = demoArticles.map((a) => a.externalId);
    for (const id of ids) assert.match(id, /^demo-\d{3}$/);
    assert.equal(new Set(ids).size, ids.length, 'duplicate externalId');
  });

  it('has well-formed tags that are shared across stories', () => {
    const bySlug = new Map<string, string>();
    const uses = new Map<string, number>();
    for (const a of demoArticles) {
      assert.ok(a.tags.length >= 2 && a.tags.length <= 4, `${a.externalId} has ${a.tags.length} tags`);
      assert.equal(new Set(a.tags.map((t) => t.slug)).size, a.tags.length, `${a.externalId} repeats a tag`);
      for (const t of a.tags) {
        assert.match(t.slug, SLUG_RE);
        assert.match(t.name, DEVANAGARI_RE);
        const prev = bySlug.get(t.slug);
        if (prev !== undefined) assert.equal(t.name, prev, `tag ${t.slug} has two names`);
        bySlug.set(t.slug, t.name);
        uses.set(t.slug, (uses.get(t.slug) ?? 0) + 1);
      }
    }
    // Tag names are unique too, and every tag used is listed in demoTags.
    assert.equal(new Set(bySlug.values()).size, bySlug.size, 'two tag slugs share a name');
    const listed = new Set(demoTags.map((t) => t.slug));
    for (const slug of bySlug.keys()) assert.ok(listed.has(slug), `tag ${slug} missing from demoTags`);
    // Every tag page lists at least two stories, and demoTags lists no unused tag.
    for (const [slug, n] of uses) assert.ok(n >= 2, `tag ${slug} is used only once`);
    assert.equal(demoTags.length, uses.size, 'demoTags lists a tag no article uses');
  });

  it('keeps every string in NFC', () => {
    for (const [path, s] of strings({ demoDesks, demoPeople, demoArticles, demoTags }, '')) {
      assert.equal(s, s.normalize('NFC'), `not NFC at ${path}`);
    }
  });

  it('writes headlines, summaries and bodies in Hindi', () => {
    for (const a of demoArticles) {
      assert.match(a.headline, DEVANAGARI_RE, `${a.externalId} headline`);
      assert.match(a.summary, DEVANAGARI_RE, `${a.externalId} summary`);
      assert.match(a.body, DEVANAGARI_RE, `${a.externalId} body`);
      assert.ok(a.headline.length <= 140, `${a.externalId} headline is too long`);
    }
  });

  it('uses only the allowed HTML tags, balanced, with 4–8 paragraphs', () => {
    for (const a of demoArticles) {
      const stack: string[] = [];
      for (const m of a.body.matchAll(/<\/?([a-zA-Z0-9]+)(\s[^>]*)?>/g)) {
        const name = m[1].toLowerCase();
        assert.ok(ALLOWED_TAGS.has(name), `${a.externalId} uses <${name}>`);
        if (m[0].startsWith('</')) assert.equal(stack.pop(), name, `${a.externalId} has unbalanced </${name}>`);
        else stack.push(name);
      }
      assert.deepEqual(stack, [], `${a.externalId} leaves tags open`);
      const n = paragraphs(a.body);
      assert.ok(n >= 4 && n <= 8, `${a.externalId} has ${n} paragraphs`);
      assert.ok(!/Desk:/.test(a.body), `${a.externalId} body contains a dateline`);
    }
  });

  it('has at least 5 premium stories with 6+ paragraphs and 2 members-only stories', () => {
    const premium = demoArticles.filter((a) => a.access === 'premium');
    assert.ok(premium.length >= 5, `only ${premium.length} premium`);
    for (const a of premium) assert.ok(paragraphs(a.body) >= 6, `${a.externalId} premium with ${paragraphs(a.body)} paragraphs`);
    assert.equal(demoArticles.filter((a) => a.access === 'members').length, 2);
    assert.ok(demoArticles.filter((a) => a.access === 'free').length > demoArticles.length / 2);
  });

  it('resolves every desk, author and editor reference', () => {
    const desks = new Set(demoDesks.map((d) => d.slug));
    const people = new Map(demoPeople.map((p) => [p.slug, p]));
    for (const a of demoArticles) {
      assert.ok(desks.has(a.desk), `${a.externalId} desk ${a.desk}`);
      assert.ok(a.authors.length >= 1, `${a.externalId} has no author`);
      for (const slug of a.authors) assert.ok(people.has(slug), `${a.externalId} author ${slug}`);
      const editor = people.get(a.editor);
      assert.ok(editor, `${a.externalId} editor ${a.editor}`);
      assert.equal(editor.role, 'editor', `${a.externalId} editor ${a.editor} is not an editor`);
    }
  });

  it('has parseable dates with +05:30 offset before 2026-11-27, spread over several days', () => {
    const days = new Set<string>();
    for (const a of demoArticles) {
      for (const d of [a.publishedAt, a.updatedAt]) {
        assert.match(d, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$/, `${a.externalId} date ${d}`);
        const t = Date.parse(d);
        assert.ok(Number.isFinite(t), `${a.externalId} unparseable ${d}`);
        assert.ok(t < CUTOFF, `${a.externalId} date ${d} is after the cutoff`);
      }
      assert.ok(Date.parse(a.updatedAt) >= Date.parse(a.publishedAt), `${a.externalId} updated before published`);
      days.add(a.publishedAt.slice(0, 10));
    }
    assert.ok(days.size >= 8, `only ${days.size} distinct days`);
  });

  it('gives about three quarters of the stories a complete image spec', () => {
    const withImage = demoArticles.filter((a) => a.image);
    const share = withImage.length / demoArticles.length;
    assert.ok(share >= 0.65 && share <= 0.85, `image share ${share.toFixed(2)}`);
    for (const a of withImage) {
      const img = a.image!;
      for (const k of ['title', 'alt', 'caption', 'credit'] as const) assert.match(img[k], DEVANAGARI_RE, `${a.externalId} image.${k}`);
      assert.equal(img.palette.length, 2);
      for (const c of img.palette) assert.match(c, /^#[0-9a-f]{6}$/i, `${a.externalId} palette ${c}`);
      assert.ok((demoMotifs as readonly string[]).includes(img.motif), `${a.externalId} motif ${img.motif}`);
    }
  });

  it('contains the word variants the search demo relies on', () => {
    const corpus = demoArticles.map(allText).join('\n');
    const words = [
      'सैनिक', 'सैनिकों', 'रिश्ता', 'रिश्तों', 'चुनाव', 'चुनावों', 'किसान', 'किसानों',
      'ज़रूरी', 'जरूरी', 'फ़िल्म', 'फिल्म', 'बाज़ार', 'बाजार', 'हिंदी', 'हिन्दी', 'चाँद', 'चांद',
      'पुतिन', 'मोदी', 'कोहली',
    ].map((w) => w.normalize('NFC'));
    for (const w of words) {
      // Whole-word match: not preceded or followed by another Devanagari letter or sign.
      const re = new RegExp(`(^|[^\\u0900-\\u097F])${w}(?=$|[^\\u0900-\\u097F])`, 'u');
      assert.match(corpus, re, `missing word ${w}`);
    }
    const mentions = (w: string): string[] => demoArticles.filter((a) => allText(a).includes(w)).map((a) => a.desk);
    assert.deepEqual([...new Set(mentions('पुतिन'))], ['international']);
    assert.deepEqual([...new Set(mentions('मोदी'))], ['national']);
    assert.deepEqual([...new Set(mentions('कोहली'))], ['sports']);
  });

  it('includes a live-style T20 league match night', () => {
    const live = demoArticles.filter(
      (a) => a.desk === 'sports' && a.tags.some((t) => t.slug === 'leagues') && a.headline.startsWith('लाइव'),
    );
    assert.equal(live.length, 1);
    assert.ok((live[0].body.match(/<strong>(?:रात|शाम) \d{1,2}:\d{2}<\/strong>/g) ?? []).length >= 4);
  });
});
