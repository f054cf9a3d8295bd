import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { publishStory, seedBasics, type Basics } from '../../../test/helpers/fixtures.js';
import { signInStaff, T20, type StaffLogin } from '../../../test/helpers/live.js';
import { importCricsheet, liveModule, type MatchView } from '../../live/index.js';

const FINAL = '1473511_ipl2025_final_RCB_v_PBKS.json';
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../test/fixtures/cricsheet/${name}`, import.meta.url), 'utf8')) as unknown;
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();

describe('live cricket on the web', () => {
  let t: TestApp;
  let basics: Basics;
  let editor: StaffLogin;
  let final: MatchView;
  let storyPath: string;
  before(async () => {
    t = await createTestApp();
    basics = await seedBasics(t.c.content);
    t.c.bus.publish('site.changed', { what: 'desks' });
    const story = await publishStory(t.c.content, basics, { slug: 'kohli-century', deskId: basics.desks.sports });
    storyPath = `/sports/news/kohli-century-${story.id}`;
    editor = await signInStaff(t.c, 'editor');
  });
  after(async () => t?.close());

  it('lists no matches and shows no widget before there is a match', async () => {
    const r = await t.app.inject('/api/v1/matches');
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.json(), { matches: [], page: 1, limit: 20, total: 0 });
    assert.doesNotMatch((await t.app.inject('/')).body, /live-widget/);
  });

  it('lists an imported match with its short score, result and start time', async () => {
    final = (await importCricsheet(liveModule(t.c).matches, fixture(FINAL), { fileName: FINAL })).view;
    const r = await t.app.inject('/api/v1/matches');
    const [m] = r.json().matches;
    assert.deepEqual(m, {
      id: String(final.record.id),
      title: 'RCB vs PBKS, Indian Premier League 2025, Final',
      teams: ['Royal Challengers Bengaluru', 'Punjab Kings'],
      status: 'complete',
      score: 'RCB 190/9 (20.0) · PBKS 184/7 (20.0)',
      innings: [
        { team: 'Royal Challengers Bengaluru', runs: 190, wickets: 9, overs: '20.0', runRate: '9.50' },
        { team: 'Punjab Kings', runs: 184, wickets: 7, overs: '20.0', runRate: '9.20' },
      ],
      result: 'Royal Challengers Bengaluru won by 6 runs',
      startTime: '2025-06-03',
      url: `https://news.example/live/cricket/${final.record.id}`,
    });
    assert.equal((await t.app.inject('/api/v1/matches?status=live')).json().total, 0);
    assert.equal((await t.app.inject('/api/v1/matches?status=bogus')).statusCode, 400);
  });

  it('answers the scorecard contract: numbers as numbers, overs and run rate as strings', async () => {
    const r = await t.app.inject(`/api/v1/matches/${final.record.id}`);
    assert.equal(r.statusCode, 200);
    const s = r.json();
    assert.equal(s.id, String(final.record.id));
    assert.deepEqual(s.teams, ['Royal Challengers Bengaluru', 'Punjab Kings']);
    assert.equal(s.status, 'complete');
    assert.equal(s.result, 'Royal Challengers Bengaluru won by 6 runs');
    const [rcb] = s.innings;
    assert.deepEqual([rcb.team, rcb.runs, rcb.wickets, rcb.overs, rcb.runRate], ['Royal Challengers Bengaluru', 190, 9, '20.0', '9.50']);
    assert.deepEqual(Object.keys(rcb.extras).sort(), ['byes', 'legByes', 'noBalls', 'penalty', 'total', 'wides']);
    for (const v of Object.values(rcb.extras)) assert.equal(typeof v, 'number');
    const kohli = rcb.batting.find((b: { name: string }) => b.name === 'V Kohli');
    assert.deepEqual([kohli.runs, kohli.balls, kohli.fours, kohli.sixes, kohli.howOut], [43, 35, 3, 0, 'c & b Azmatullah Omarzai']);
    const bowler = rcb.bowling[0];
    assert.deepEqual([typeof bowler.name, typeof bowler.overs, typeof bowler.maidens, typeof bowler.runs, typeof bowler.wickets], ['string', 'string', 'number', 'number', 'number']);
    const fow = rcb.fallOfWickets[0];
    assert.deepEqual([typeof fow.wicket, typeof fow.runs, typeof fow.batter, typeof fow.over], ['number', 'number', 'string', 'string']);
  });

  it('answers 404 for a match that does not exist and 400 for a bad stream view, before any stream opens', async () => {
    for (const url of ['/api/v1/matches/999', '/api/v1/matches/abc', '/api/v1/matches/999/events']) {
      const r = await t.app.inject(url);
      assert.equal(r.statusCode, 404, url);
      assert.equal(r.json().error.code, 'NOT_FOUND');
    }
    const bad = await t.app.inject(`/api/v1/matches/${final.record.id}/events?view=everything`);
    assert.equal(bad.statusCode, 400);
  });

  it('shows the score widget on the home, article and sports pages, not on other desks', async () => {
    for (const url of ['/', storyPath, '/sports']) {
      const body = (await t.app.inject(url)).body;
      assert.match(body, /class="widget live-widget"/, url);
      assert.match(body, /RCB 190\/9 \(20\.0\) · RR 9\.50/, url);
      assert.match(body, /PBKS 184\/7 \(20\.0\) · RR 9\.20/, url);
      assert.match(body, /Royal Challengers Bengaluru won by 6 runs/, url);
      assert.match(body, new RegExp(`href="/live/cricket/${final.record.id}"`), url);
      assert.match(body, new RegExp(`data-live-seq="${final.record.lastSeq}"`), url);
    }
    assert.doesNotMatch((await t.app.inject('/international')).body, /live-widget/);
  });

  it('serves the match centre with Hindi commentary, the scorecard and the full commentary', async () => {
    const centre = await t.app.inject(`/live/cricket/${final.record.id}`);
    assert.equal(centre.statusCode, 200);
    assert.match(centre.body, /data-live-view="full"/);
    assert.match(centre.body, /ओवर समाप्त — पंजाब किंग्स 184\/7 \(20\.0 ओवर\)/);
    assert.match(centre.body, /Data from Cricsheet|Cricsheet \(cricsheet\.org\)/);
    assert.equal((centre.body.match(/<li data-seq=/g) ?? []).length, 40);
    const full = await t.app.inject(`/live/cricket/${final.record.id}/commentary`);
    assert.ok((full.body.match(/<li data-seq=/g) ?? []).length > 250);
    assert.match(full.body, /0\.1: Arshdeep Singh से PD Salt — वाइड/);
    const card = await t.app.inject(`/live/cricket/${final.record.id}/scorecard`);
    assert.match(card.body, /c &amp; b Azmatullah Omarzai/);
    assert.match(card.body, /Arshdeep Singh<\/th><td>4\.0<\/td><td>0<\/td><td>40<\/td><td>3<\/td>/);
    assert.equal((await t.app.inject('/live/cricket')).statusCode, 200);
    assert.equal((await t.app.inject('/live/cricket/424242')).statusCode, 404);
  });

  it('keeps the scorer’s desk to signed-in editors', async () => {
    const anon = await t.app.inject('/newsroom/matches');
    assert.equal(anon.statusCode, 303);
    assert.match(String(anon.headers.location), /^\/newsroom\/login\?return=/);
    const reporter = await signInStaff(t.c, 'reporter');
    assert.equal((await t.app.inject({ url: '/newsroom/matches', headers: { cookie: reporter.cookie } })).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'POST', url: `/newsroom/matches/${final.record.id}/entry`, headers: { ...reporter.json }, payload: { code: '1', expectedSeq: 1 } })).statusCode, 403);
    const anonJson = { 'content-type': 'application/json', cookie: `sm_csrf=${editor.csrf}`, 'x-csrf-token': editor.csrf };
    assert.equal((await t.app.inject({ method: 'POST', url: `/newsroom/matches/${final.record.id}/entry`, headers: anonJson, payload: { code: '1', expectedSeq: 1 } })).statusCode, 401);
    const ok = await t.app.inject({ url: '/newsroom/matches', headers: { cookie: editor.cookie } });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /RCB vs PBKS/);
    assert.match(String(ok.headers['cache-control']), /no-store/);
  });

  it('creates a match from the plain form and re-shows the form with the problem when it is wrong', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/newsroom/matches', headers: editor.form, payload: form({ _csrf: editor.csrf, teamA: 'India', teamB: 'India' }) });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /must differ/);
    assert.match(bad.body, /value="India"/);
    const r = await t.app.inject({
      method: 'POST', url: '/newsroom/matches', headers: editor.form,
      payload: form({ _csrf: editor.csrf, teamA: 'India', teamB: 'Australia', squadA: 'Rohit Sharma\r\nShubman Gill\r\nVirat Kohli', squadB: 'Mitchell Starc\nPat Cummins', overs: '20', ballsPerOver: '6', matchType: 'T20', tossWinner: 'Australia', tossDecision: 'field', startTime: '2026-11-26T19:30', venue: 'Wankhede' }),
    });
    assert.equal(r.statusCode, 303);
    const id = Number(/\/newsroom\/matches\/(\d+)$/.exec(String(r.headers.location))![1]);
    const view = (await liveModule(t.c).matches.view(id))!;
    assert.deepEqual(view.record.setup.players?.India, ['Rohit Sharma', 'Shubman Gill', 'Virat Kohli']);
    assert.equal(view.record.startTime, '2026-11-26T14:00:00.000Z');
    assert.equal(view.record.meta.venue, 'Wankhede');
    const page = await t.app.inject({ url: `/newsroom/matches/${id}`, headers: { cookie: editor.cookie } });
    assert.match(page.body, /data-scorer=/);
    assert.match(page.body, /data-prompt="innings"/);
  });

  it('records each ball as one JSON POST with the CSRF header, and refuses one without it', async () => {
    const m = await liveModule(t.c).matches.create({ setup: T20, startTime: '2026-11-28T14:00:00.000Z' });
    const url = `/newsroom/matches/${m.record.id}`;
    const start = await t.app.inject({ method: 'POST', url: `${url}/action`, headers: editor.json, payload: { action: 'startInnings', battingTeam: 'India', expectedSeq: 1 } });
    assert.equal(start.statusCode, 200, start.body);
    assert.equal(start.json().seq, 2);
    const noToken = await t.app.inject({ method: 'POST', url: `${url}/entry`, headers: { ...editor.json, 'x-csrf-token': 'wrong' }, payload: { code: '4', expectedSeq: 2 } });
    assert.equal(noToken.statusCode, 403);
    const ball = await t.app.inject({ method: 'POST', url: `${url}/entry`, headers: editor.json, payload: { code: '4', expectedSeq: 2, striker: 'Rohit Sharma', nonStriker: 'Shubman Gill', bowler: 'Mitchell Starc' } });
    assert.equal(ball.statusCode, 200, ball.body);
    const json = ball.json();
    assert.equal(json.seq, 3);
    assert.equal(json.summary.innings[0].runs, 4);
    assert.match(json.panels.state, /IND 4\/0 \(0\.1\)/);
    assert.match(json.panels.log, /0\.1: Mitchell Starc से Rohit Sharma — चौका!/);
    assert.match(json.panels.crease, /value="Rohit Sharma"/);
  });

  it('answers a second scorer who missed a ball with 409 and the latest state, recording nothing', async () => {
    let v = await liveModule(t.c).matches.create({ setup: T20, startTime: '2026-11-28T14:00:00.000Z' });
    const url = `/newsroom/matches/${v.record.id}`;
    await t.app.inject({ method: 'POST', url: `${url}/action`, headers: editor.json, payload: { action: 'startInnings', battingTeam: 'India', expectedSeq: 1 } });
    const crease = { striker: 'Rohit Sharma', nonStriker: 'Shubman Gill', bowler: 'Mitchell Starc' };
    const first = await t.app.inject({ method: 'POST', url: `${url}/entry`, headers: editor.json, payload: { code: '1', expectedSeq: 2, ...crease } });
    assert.equal(first.statusCode, 200);
    const second = await t.app.inject({ method: 'POST', url: `${url}/entry`, headers: editor.json, payload: { code: '6', expectedSeq: 2, ...crease } });
    assert.equal(second.statusCode, 409);
    const body = second.json();
    assert.equal(body.error.code, 'CONFLICT');
    assert.equal(body.seq, 3);
    assert.match(body.panels.state, /IND 1\/0 \(0\.1\)/);
    v = (await liveModule(t.c).matches.view(v.record.id))!;
    assert.equal(v.state.current!.runs, 1);
  });

  it('works without JavaScript: a form post redirects back, and a refused one shows why with the code kept', async () => {
    const m = await liveModule(t.c).matches.create({ setup: T20, startTime: '2026-11-28T14:00:00.000Z' });
    const url = `/newsroom/matches/${m.record.id}`;
    const start = await t.app.inject({ method: 'POST', url: `${url}/action`, headers: editor.form, payload: form({ _csrf: editor.csrf, action: 'startInnings', battingTeam: 'India', expectedSeq: '1' }) });
    assert.equal(start.statusCode, 303);
    const missing = await t.app.inject({ method: 'POST', url: `${url}/entry`, headers: editor.form, payload: form({ _csrf: editor.csrf, expectedSeq: '2', typed: 'nb4', submit: 'record' }) });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /choose the batter on strike/);
    assert.match(missing.body, /value="nb4"/);
    const quick = await t.app.inject({ method: 'POST', url: `${url}/entry`, headers: editor.form, payload: form({ _csrf: editor.csrf, expectedSeq: '2', typed: '', code: '6', striker: 'Rohit Sharma', nonStriker: 'Shubman Gill', bowler: 'Mitchell Starc' }) });
    assert.equal(quick.statusCode, 303);
    const typed = await t.app.inject({ method: 'POST', url: `${url}/entry`, headers: editor.form, payload: form({ _csrf: editor.csrf, expectedSeq: '3', typed: 'w', submit: 'record', wicketKind: 'caught', fielder: 'Steve Smith' }) });
    assert.equal(typed.statusCode, 303);
    const page = await t.app.inject({ url, headers: { cookie: editor.cookie } });
    assert.match(page.body, /data-prompt="batter"/);
    assert.match(page.body, /IND 6\/1 \(0\.2\)/);
    const undo = await t.app.inject({ method: 'POST', url: `${url}/entry`, headers: editor.form, payload: form({ _csrf: editor.csrf, expectedSeq: '4', code: 'u' }) });
    assert.equal(undo.statusCode, 303);
    const fix = await t.app.inject({ method: 'POST', url: `${url}/events/1`, headers: editor.form, payload: form({ _csrf: editor.csrf, expectedSeq: '5', typed: 'r6' }) });
    assert.equal(fix.statusCode, 303);
    const v = (await liveModule(t.c).matches.view(m.record.id))!;
    assert.deepEqual([v.state.current!.runs, v.state.current!.batting[0]!.sixes], [6, 0]);
    const stale = await t.app.inject({ method: 'POST', url: `${url}/entry`, headers: editor.form, payload: form({ _csrf: editor.csrf, expectedSeq: '2', code: '1' }) });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Another scorer|किसी और स्कोरर/);
  });

  it('features a match in play over a finished one, and purges the cached home page as it changes', async () => {
    await t.app.inject('/');
    assert.equal((await t.app.inject('/')).headers['x-cache'], 'HIT', 'the home page is cached before the match starts');
    const m = await liveModule(t.c).matches.create({ setup: T20, startTime: '2026-11-29T14:00:00.000Z', title: 'भारत बनाम ऑस्ट्रेलिया' });
    const live = liveModule(t.c).matches;
    let v = await live.apply(m.record.id, 1, { op: 'event', event: { type: 'inningsStart', innings: 0, battingTeam: 'India' } });
    v = await live.apply(m.record.id, v.record.lastSeq, { op: 'event', event: { type: 'delivery', innings: 0, batter: 'Rohit Sharma', nonStriker: 'Shubman Gill', bowler: 'Mitchell Starc', runs: { batter: 6, extras: 0, total: 6 }, boundary: 'six' } });
    const home = await t.app.inject('/');
    assert.match(home.body, /भारत बनाम ऑस्ट्रेलिया/);
    assert.match(home.body, /IND 6\/0 \(0\.1\) · RR 36\.00/);
    assert.match(home.body, /class="live-badge on"/);
  });
});

describe('live blogs on the web', () => {
  let t: TestApp;
  let basics: Basics;
  let editor: StaffLogin;
  before(async () => {
    t = await createTestApp();
    basics = await seedBasics(t.c.content);
    editor = await signInStaff(t.c, 'editor');
  });
  after(async () => t?.close());

  it('runs a live blog from the desk: the story shows the timeline and LiveBlogPosting while live', async () => {
    const story = await publishStory(t.c.content, basics, { slug: 'election-day-live', headline: 'मतगणना लाइव' });
    const path = `/international/news/election-day-live-${story.id}`;
    const start = await t.app.inject({ method: 'POST', url: '/newsroom/liveblogs', headers: editor.form, payload: form({ _csrf: editor.csrf, articleId: String(story.id) }) });
    assert.equal(start.statusCode, 303);
    const post = await t.app.inject({ method: 'POST', url: `/newsroom/liveblogs/${story.id}/updates`, headers: editor.form, payload: form({ _csrf: editor.csrf, body: 'मतगणना शुरू हो गई है।\r\n\r\nपहले रुझान दस बजे तक।', keyEvent: '1' }) });
    assert.equal(post.statusCode, 303);
    const empty = await t.app.inject({ method: 'POST', url: `/newsroom/liveblogs/${story.id}/updates`, headers: editor.form, payload: form({ _csrf: editor.csrf, body: '   ', imageId: '' }) });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /write the update/);
    const page = await t.app.inject(path);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-liveblog="\d+"/);
    assert.match(page.body, /<p>मतगणना शुरू हो गई है।<\/p><p>पहले रुझान दस बजे तक।<\/p>/);
    const ld = [...page.body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
    const blog = ld.find((x) => x['@type'] === 'LiveBlogPosting') as { liveBlogUpdate: { articleBody: string }[]; coverageStartTime: string } | undefined;
    assert.ok(blog, 'LiveBlogPosting is in the structured data');
    assert.equal(blog.liveBlogUpdate[0]!.articleBody, 'मतगणना शुरू हो गई है।\n\nपहले रुझान दस बजे तक।');
    assert.ok(ld.some((x) => x['@type'] === 'NewsArticle'));

    const again = await t.app.inject({ method: 'POST', url: `/newsroom/liveblogs/${story.id}/updates`, headers: editor.json, payload: { body: 'दूसरा अपडेट', pinned: true } });
    assert.equal(again.statusCode, 201);
    assert.match((await t.app.inject(path)).body, /दूसरा अपडेट/, 'the cached page was purged');

    const end = await t.app.inject({ method: 'POST', url: `/newsroom/liveblogs/${story.id}/end`, headers: editor.form, payload: form({ _csrf: editor.csrf }) });
    assert.equal(end.statusCode, 303);
    const after = await t.app.inject(path);
    assert.doesNotMatch(after.body, /LiveBlogPosting/);
    assert.match(after.body, /दूसरा अपडेट/);
    assert.match(after.body, /data-live-state="ended"/);
    const api = await t.app.inject(`/api/v1/liveblogs/${story.id}`);
    assert.deepEqual([api.json().live, api.json().updates.length], [false, 2]);
  });

  it('keeps a premium live blog’s updates from readers who are not entitled, on the page and in the stream', async () => {
    const story = await publishStory(t.c.content, basics, { slug: 'budget-live', headline: 'बजट लाइव', access: 'premium' });
    await liveModule(t.c).blogs.start(story.id, editor.id);
    await liveModule(t.c).blogs.addUpdate(story.id, { body: 'केवल सदस्यों के लिए विश्लेषण' }, editor.id);
    const page = await t.app.inject(`/international/news/budget-live-${story.id}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /केवल सदस्यों के लिए विश्लेषण/);
    assert.doesNotMatch(page.body, /LiveBlogPosting/);
    const stream = await t.app.inject(`/api/v1/liveblogs/${story.id}/events`);
    assert.equal(stream.statusCode, 402);
    assert.equal((await t.app.inject(`/api/v1/liveblogs/${story.id}`)).statusCode, 402);
  });

  it('answers 404 for the stream of a story that is not a live blog', async () => {
    const story = await publishStory(t.c.content, basics, { slug: 'plain-story', headline: 'साधारण ख़बर' });
    assert.equal((await t.app.inject(`/api/v1/liveblogs/${story.id}/events`)).statusCode, 404);
    assert.equal((await t.app.inject('/api/v1/liveblogs/99999/events')).statusCode, 404);
  });
});
