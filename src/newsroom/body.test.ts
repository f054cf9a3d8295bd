import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { docToEditorHtml, editorHtmlToDoc, editorJsonToDoc } from './body.js';
import type { Doc } from '../content/index.js';

describe('the no-JavaScript body editor', () => {
  const doc: Doc = {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'पहला ' }, { type: 'text', text: 'मोटा', marks: [{ type: 'bold' }] }] },
      { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'उपशीर्षक' }] },
      { type: 'figure', attrs: { imageId: 7, src: null, width: 800, height: 600, key: 'abcdef0123', alt: 'वैकल्पिक "पाठ"', title: 'शीर्षक', caption: 'कैप्शन <b>', credit: 'फ़ोटो: ए & बी' } },
      { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'उद्धरण' }] }] },
      { type: 'relatedLink', attrs: { href: '/sports/news/match-12', text: 'मैच की ख़बर' } },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'एक' }] }] }] },
    ],
  };

  it('round-trips a document through the textarea HTML, keeping images and related links', () => {
    const back = editorHtmlToDoc(docToEditorHtml(doc));
    assert.equal(back.content.length, doc.content.length);
    assert.deepEqual(back.content.map((b) => b.type), doc.content.map((b) => b.type));
    const fig = back.content[2]!;
    assert.ok(fig.type === 'figure');
    assert.equal(fig.attrs.imageId, 7);
    assert.equal(fig.attrs.key, 'abcdef0123');
    assert.equal(fig.attrs.alt, 'वैकल्पिक "पाठ"');
    assert.equal(fig.attrs.caption, 'कैप्शन <b>');
    assert.equal(fig.attrs.credit, 'फ़ोटो: ए & बी');
    assert.deepEqual(back.content[4], doc.content[4]);
    assert.deepEqual(back.content[0], doc.content[0]);
  });

  it('leaves an image from elsewhere without a library id, so that saving asks for a stored image', () => {
    const d = editorHtmlToDoc('<p><img src="https://elsewhere.example/x.jpg" alt="x"></p>');
    assert.ok(d.content[0]?.type === 'figure' && d.content[0].attrs.imageId === null);
  });

  it('drops scripts, unsafe links and unknown blocks', () => {
    const d = editorHtmlToDoc('<script>alert(1)</script><p onclick="x()">पाठ <a href="javascript:alert(1)">लिंक</a></p><aside data-related><a href="javascript:x">बुरा</a></aside>');
    assert.deepEqual(d, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'पाठ लिंक' }] }] });
  });

  it('refuses editor JSON that is not JSON with a clear message', () => {
    assert.throws(() => editorJsonToDoc('{oops'), /not valid JSON/);
    assert.deepEqual(editorJsonToDoc('{"type":"doc","content":[{"type":"video"}]}'), { type: 'doc', content: [] });
  });
});
