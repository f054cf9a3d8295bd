import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { highlight, makeSnippet, QueryMatcher, SNIPPET_LENGTH } from './snippet.js';
import { findMatchRanges } from './text/index.js';

const text = (segs: { text: string; match: boolean }[]) => segs.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');

describe('snippets', () => {
  it('marks whole words as written, through stems, nukta and romanized queries', () => {
    assert.equal(text(highlight('सेना के सैनिकों ने ज़िले में मदद की', 'सैनिक जिला')), 'सेना के [सैनिकों] ने [ज़िले] में मदद की');
    assert.equal(text(highlight('पुतिन ने कहा', 'putin')), '[पुतिन] ने कहा');
    assert.equal(text(highlight('कोई मेल नहीं', 'putin')), 'कोई मेल नहीं');
  });

  it('matches exactly the words that the text pipeline’s findMatchRanges matches', () => {
    const t = 'हिन्दी दिवस पर सैनिकों, किसानों और ज़िला अधिकारियों ने 3.5 किमी दौड़ लगाई; putin भी';
    for (const q of ['हिंदी', 'sainik', 'किसान जिले', 'putin', '3.5', 'की']) assert.deepEqual(new QueryMatcher(q).ranges(t), findMatchRanges(t, q), q);
  });

  it('picks the passage with the most query words and cuts around the first match at word boundaries', () => {
    const long = `${'शुरुआत में लंबी भूमिका है। '.repeat(12)}यहाँ पुतिन ने सैनिकों से बात की। ${'फिर लंबा विवरण आता है। '.repeat(12)}`;
    const s = makeSnippet(['पुतिन का नाम भर', long], 'पुतिन सैनिक');
    const t = text(s.segments);
    assert.ok(s.matched);
    assert.ok(t.startsWith('… '), t);
    assert.ok(t.endsWith(' …'), t);
    assert.ok(t.includes('[पुतिन] ने [सैनिकों]'), t);
    assert.ok(t.length <= SNIPPET_LENGTH + 10, `${t.length}`);
  });

  it('falls back to the first passage, unmarked, when nothing matches', () => {
    const s = makeSnippet(['सारांश यहाँ है।', 'दूसरा हिस्सा।'], 'क्रिकेट');
    assert.equal(s.matched, false);
    assert.equal(text(s.segments), 'सारांश यहाँ है।');
    assert.deepEqual(makeSnippet([], 'x').segments, []);
  });

  it('never shows text it was not given: a snippet is cut only from the passages passed in', () => {
    const s = makeSnippet(['प्रीमियम ख़बर का सारांश।', 'खुला पहला पैराग्राफ़।'], 'गुप्तशब्द');
    assert.ok(!text(s.segments).includes('गुप्तशब्द'));
  });
});
