import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { liveModule, type ScorecardJson } from '../live/index.js';
import { loadDemo } from './load.js';
import { demoArticles, demoDesks } from './content.js';
import { demoFinishedMatch, demoLiveMatch, scoreDemoMatch } from './cricket.js';

/** The batters' runs plus extras make the total, the bowlers' figures agree, and every wicket has its fall. */
function assertConsistent(card: ScorecardJson): void {
  for (const i of card.innings) {
    const batted = i.batting.reduce((n, b) => n + b.runs, 0);
    assert.equal(batted + i.extras.total, i.runs, `${i.team}: batters ${batted} + extras ${i.extras.total} ≠ ${i.runs}`);
    assert.equal(i.extras.total, i.extras.byes + i.extras.legByes + i.extras.wides + i.extras.noBalls + i.extras.penalty);
    const conceded = i.bowling.reduce((n, b) => n + b.runs, 0);
    assert.equal(conceded + i.extras.byes + i.extras.legByes + i.extras.penalty, i.runs, `${i.team}: bowling figures do not add up`);
    assert.equal(i.fallOfWickets.length, i.wickets);
    assert.equal(i.batting.filter((b) => b.howOut !== 'not out').length, i.wickets);
    const credited = i.bowling.reduce((n, b) => n + b.wickets, 0);
    assert.ok(credited <= i.wickets);
  }
}

describe('demo newsroom', () => {
  let h: TestApp;
  before(async () => { h = await createTestApp(); });
  after(async () => { await h?.close(); });

  it('loads into an empty store and opens a living site', async () => {
    assert.equal(await loadDemo(h.c), true);
    const home = await h.app.inject('/');
    assert.equal(home.statusCode, 200);
    for (const d of demoDesks) assert.match(home.body, new RegExp(`href="/${d.slug}"`));
    const api = (await h.app.inject('/api/v1/articles?limit=100')).json();
    assert.equal(api.total, demoArticles.length);
    const first = api.articles[0];
    assert.ok(Date.parse(first.publishedAt) <= h.clock.now().getTime(), 'stories are not in the future');
    const page = await h.app.inject(new URL(first.url).pathname);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Edited By/);
  });

  it('has a live match with the score of its seeded balls, an hour old at most', async () => {
    const live = liveModule(h.c);
    const [id] = await live.matches.findByExternalId(demoLiveMatch.externalId);
    assert.ok(id, 'the live match exists');
    const view = (await live.matches.view(id))!;
    assert.equal(view.record.status, 'live');
    assert.equal(view.record.title, 'जयपुर जगुआर्स बनाम भोपाल बाइसन्स');
    assert.deepEqual(view.record.summary.innings.map((i) => [i.short, i.runs, i.wickets, i.overs, i.runRate]), [['JAI', 85, 2, '10.2', '8.23']]);
    assert.deepEqual(view.record.setup.toss, { winner: 'Jaipur Jaguars', decision: 'bat' });
    const current = view.state.current!;
    assert.deepEqual([current.striker, current.nonStriker].sort(), ['यश मीणा', 'रणवीर चौधरी'].sort());
    // A boundary or two, an extra and the wickets went through the scorer's entry codes.
    const card = (await live.matches.scorecard(id))!;
    const innings = card.innings[0]!;
    assert.ok(innings.batting.reduce((n, b) => n + b.fours + b.sixes, 0) >= 5);
    assert.ok(innings.extras.total > 0);
    assert.deepEqual(innings.fallOfWickets.map((f) => [f.runs, f.wicket, f.over]), [[48, 1, '5.6'], [84, 2, '9.6']]);
    assertConsistent(card);
    assert.ok(view.lines.filter(Boolean).length > 62, 'every ball has its commentary line');
    const now = h.clock.now().getTime();
    const started = Date.parse(view.record.startTime);
    assert.ok(started < now && now - started < 60 * 60 * 1000, `started ${view.record.startTime}`);
    assert.ok(Date.parse(view.record.updatedAt) <= now, 'the last ball is not in the future');
  });

  it('has a finished match with its result', async () => {
    const live = liveModule(h.c);
    const [id] = await live.matches.findByExternalId(demoFinishedMatch.externalId);
    const view = (await live.matches.view(id!))!;
    assert.equal(view.record.status, 'complete');
    assert.equal(view.record.summary.result, 'Pune Panthers won by 3 wickets (5 balls left)');
    assert.deepEqual(view.record.summary.innings.map((i) => `${i.short} ${i.runs}/${i.wickets} (${i.overs})`), ['BHO 176/5 (20.0)', 'PUN 178/7 (19.1)']);
    assertConsistent((await live.matches.scorecard(id!))!);
    const list = await h.app.inject('/live/cricket');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /जयपुर जगुआर्स बनाम भोपाल बाइसन्स/);
    assert.match(list.body, /भोपाल बाइसन्स बनाम पुणे पैंथर्स/);
  });

  it('shows the live score on the match story, with its live blog, and on other sports stories', async () => {
    const [id] = await liveModule(h.c).matches.findByExternalId(demoLiveMatch.externalId);
    const api = (await h.app.inject('/api/v1/articles?limit=100')).json() as { articles: { url: string; headline: string; publishedAt: string }[] };
    const storyOf = (externalId: string) => api.articles.find((a) => a.headline === demoArticles.find((d) => d.externalId === externalId)!.headline)!;
    const pathOf = (externalId: string) => new URL(storyOf(externalId).url).pathname;
    const story = await h.app.inject(pathOf('demo-047'));
    assert.equal(story.statusCode, 200);
    assert.match(story.body, new RegExp(`class="widget live-widget"[^>]*data-live-match="${id}"`));
    assert.match(story.body, /JAI 85\/2 \(10\.2\) · RR 8\.23/);
    assert.match(story.body, /पावरप्ले ख़त्म: जयपुर जगुआर्स ने छह ओवर में 1 विकेट पर 48 रन बनाए/);
    assert.match(story.body, /आधी पारी का खेल पूरा: दस ओवर के बाद जयपुर जगुआर्स का स्कोर 2 विकेट पर 84 रन/);
    const row = await h.c.store.db.selectFrom('articles').select('id').where('external_id', '=', 'demo-047').executeTakeFirstOrThrow();
    const blog = await h.app.inject(`/api/v1/liveblogs/${row.id}`);
    assert.equal(blog.statusCode, 200);
    assert.equal(blog.json().live, true);
    const updates = blog.json().updates as { at: string; keyEvent: boolean; pinned: boolean }[];
    assert.equal(updates.length, 5);
    assert.equal(updates.filter((u) => u.keyEvent).length, 2);
    assert.ok(updates[0]!.pinned, 'the latest summary is pinned');
    for (const u of updates) {
      assert.ok(Date.parse(u.at) <= h.clock.now().getTime(), 'no update from the future');
      assert.ok(Date.parse(u.at) >= Date.parse(storyOf('demo-047').publishedAt), 'no update before the story');
    }
    const other = await h.app.inject(pathOf('demo-017'));
    assert.match(other.body, new RegExp(`data-live-match="${id}"`));
    const centre = await h.app.inject(`/live/cricket/${id}`);
    assert.equal(centre.statusCode, 200);
    assert.match(centre.body, /यश मीणा/);
    assert.match(centre.body, /चौका!/);
    const scorecard = await h.app.inject(`/live/cricket/${id}/scorecard`);
    assert.equal(scorecard.statusCode, 200);
    assert.match(scorecard.body, /Jaipur Jaguars 85\/2 \(10\.2\)/);
  });

  it('does nothing on a store that already has stories', async () => {
    const live = liveModule(h.c);
    const before = await live.matches.list();
    assert.equal(await loadDemo(h.c), false);
    const after = await live.matches.list();
    assert.equal(after.total, 2);
    assert.deepEqual(after.items.map((m) => m.lastSeq), before.items.map((m) => m.lastSeq));
    assert.equal((await live.blogs.list()).length, 1);
  });

  it('scores the same balls on every start', async () => {
    const other = await createTestApp();
    try {
      const at = (iso: string) => iso;
      const again = await scoreDemoMatch(other.c, demoLiveMatch, at, null);
      const [id] = await liveModule(h.c).matches.findByExternalId(demoLiveMatch.externalId);
      const first = (await liveModule(h.c).matches.view(id!))!;
      assert.deepEqual(again.events, first.events);
    } finally {
      await other.close();
    }
  });
});
