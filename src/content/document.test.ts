import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToDoc, normalizeDoc, renderDoc, teaserBlocks, docText, safeHref } from './document.js';

describe('article documents', () => {
  it('keeps the allowed elements of imported HTML', () => {
    const doc = htmlToDoc('<p>पहला <strong>मोटा</strong> और <em>तिरछा</em> <a href="https://example.com/x">लिंक</a></p><h2>उपशीर्षक</h2><blockquote><p>उद्धरण</p></blockquote><ul><li>एक</li><li>दो</li></ul><ol><li>क</li></ol>');
    const out = renderDoc(doc);
    assert.equal(out, '<p>पहला <strong>मोटा</strong> और <em>तिरछा</em> <a href="https://example.com/x" rel="noopener nofollow">लिंक</a></p><h2>उपशीर्षक</h2><blockquote><p>उद्धरण</p></blockquote><ul><li><p>एक</p></li><li><p>दो</p></li></ul><ol><li><p>क</p></li></ol>');
  });

  it('drops scripts, event handlers, styles and javascript: links from hostile HTML', () => {
    const hostile = '<p onclick="alert(1)">ठीक<script>alert(1)</script><img src=x onerror=alert(1)></p><style>p{}</style><iframe src="https://evil"></iframe><p><a href="javascript:alert(1)">क्लिक</a><a href=" JaVaScRiPt:alert(2)">दो</a></p><svg><script>alert(3)</script></svg><p>"><img src=x onerror=alert(4)></p>';
    const out = renderDoc(htmlToDoc(hostile));
    assert.doesNotMatch(out, /<script|onerror|onclick|javascript:|<iframe|<style|<svg/i);
    assert.match(out, /ठीक/);
    assert.match(out, /क्लिक/);
  });

  it('escapes text that looks like markup', () => {
    const out = renderDoc(htmlToDoc('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'));
    assert.equal(out, '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('unwraps unknown containers and wraps loose text in paragraphs', () => {
    const doc = htmlToDoc('ढीला पाठ<div><section><p>अंदर</p></section></div><table><tr><td>सेल</td></tr></table>');
    assert.deepEqual(doc.content.map((b) => b.type), ['paragraph', 'paragraph', 'paragraph']);
    assert.equal(docText(doc), 'ढीला पाठ\nअंदर\nसेल');
  });

  it('turns figures and image-only paragraphs into figure nodes with caption and credit', () => {
    const doc = htmlToDoc('<figure data-credit="फोटो: एजेंसी"><img src="a.jpg" alt="मैदान" title="शीर्षक"><figcaption>कैप्शन</figcaption></figure><p><img src="b.jpg" alt="दूसरा"></p>');
    assert.equal(doc.content.length, 2);
    const f = doc.content[0]!;
    assert.equal(f.type, 'figure');
    if (f.type === 'figure') {
      assert.equal(f.attrs.src, 'a.jpg');
      assert.equal(f.attrs.caption, 'कैप्शन');
      assert.equal(f.attrs.credit, 'फोटो: एजेंसी');
      assert.equal(f.attrs.alt, 'मैदान');
    }
  });

  it('stores text as NFC', () => {
    const decomposed = 'क\u093C'; // क + nukta
    const doc = htmlToDoc(`<p>${decomposed}</p>`);
    assert.equal(docText(doc), 'क़'.normalize('NFC'));
  });

  it('normalizes editor JSON and drops unknown nodes and unsafe links', () => {
    const doc = normalizeDoc({ type: 'doc', content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'ठीक', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }, { type: 'bold' }] }] },
      { type: 'rawHtml', attrs: { html: '<script>' } },
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'शीर्षक' }] },
    ] });
    assert.equal(renderDoc(doc), '<p><strong>ठीक</strong></p><h2>शीर्षक</h2>');
  });

  it('cuts a teaser after the given number of paragraphs', () => {
    const doc = htmlToDoc('<p>एक</p><h2>उप</h2><p>दो</p><p>तीन</p><p>चार</p>');
    assert.equal(renderDoc({ type: 'doc', content: teaserBlocks(doc, 2) }), '<p>एक</p><h2>उप</h2><p>दो</p>');
  });

  it('accepts only http, https, mailto and relative links', () => {
    assert.equal(safeHref('/khel/news/x-1'), '/khel/news/x-1');
    assert.equal(safeHref('https://a.example/'), 'https://a.example/');
    assert.equal(safeHref('//evil.example/'), null);
    assert.equal(safeHref('data:text/html,x'), null);
    assert.equal(safeHref('vbscript:x'), null);
  });
});
