import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { browserSkip } from '../helpers/browser.js';
import { startBrowserApp, type BrowserApp } from '../helpers/browser-app.js';
import { publishStory, seedBasics } from '../helpers/fixtures.js';
import { T20 } from '../helpers/live.js';
import { PASSWORD } from '../helpers/newsroom.js';
import { addStaff } from '../../src/newsroom/index.js';
import { liveModule } from '../../src/live/index.js';
import { markDocument, sameDocument, screenshots, signInToNewsroom, textOf } from './journey-helpers.js';

const skip = browserSkip;
const SCORER = { email: 'scorer@news.example', name: 'राहुल स्कोरर' };

/**
 * The scorer at the desk and a reader at the same time, in two browsers: the scorer signs in, creates
 * the match from the desk's form, opens the innings and enters a whole over from the keyboard (runs, a
 * wide, a wicket with the new batter, a six taken back with undo and entered again, and the end of the over); the reader's score widget and
 * the match centre follow every ball without a reload, and the scorecard shows the over.
 */
describe('journey: the scorer and a reader', { skip }, () => {
  let h: BrowserApp;
  let scorerCtx: BrowserContext;
  let readerCtx: BrowserContext;
  let scorer: Page;
  let reader: Page;
  let centre: Page;
  let matchId = 0;
  let storyPath = '';
  const shots = screenshots('scorer');

  before(async () => {
    h = await startBrowserApp({
      seed: async (c) => {
        const b = await seedBasics(c.content);
        const r = await publishStory(c.content, b, { slug: 'india-australia-preview', headline: 'भारत-ऑस्ट्रेलिया: आज रात पहला टी20', deskId: b.desks.sports, tagIds: [b.tags.cricket], dateline: 'Sports Desk' });
        storyPath = `/sports/news/india-australia-preview-${r.id}`;
        c.bus.publish('site.changed', { what: 'test' });
        await addStaff(c.content, { ...SCORER, role: 'editor', password: PASSWORD });
      },
    });
    scorerCtx = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hi-IN' });
    readerCtx = await h.browser.newContext({ viewport: { width: 412, height: 900 }, locale: 'hi-IN' });
    for (const ctx of [scorerCtx, readerCtx]) ctx.setDefaultTimeout(10_000);
    scorer = h.watch(await scorerCtx.newPage(), { strict: true });
    reader = h.watch(await readerCtx.newPage(), { strict: true });
    centre = h.watch(await readerCtx.newPage(), { strict: true });
  });
  after(async () => {
    await scorerCtx?.close();
    await readerCtx?.close();
    await h?.close();
    shots.report();
  });

  const state = () => scorer.locator('[data-panel="state"]');
  /** Waits until both the scorer's screen and the reader's widget show `score` (e.g. "IND 4/0 (0.1)"). */
  async function bothShow(score: string, widget: Locator): Promise<void> {
    await state().getByText(score).first().waitFor();
    await widget.getByText(score).waitFor();
  }

  it('signs in, creates the match from the desk form and opens the first innings', async () => {
    await signInToNewsroom(scorer, h.base, SCORER.email, PASSWORD, '/newsroom/matches');
    await scorer.getByLabel('पहली टीम').fill('India');
    await scorer.getByLabel('दूसरी टीम').fill('Australia');
    const squads = scorer.getByLabel('खिलाड़ी (हर पंक्ति में एक)');
    await squads.nth(0).fill(T20.players!.India!.join('\n'));
    await squads.nth(1).fill(T20.players!.Australia!.join('\n'));
    await scorer.getByLabel('शीर्षक (वैकल्पिक)').fill('भारत बनाम ऑस्ट्रेलिया, पहला टी20');
    await scorer.getByLabel('टॉस विजेता').fill('Australia');
    await scorer.getByLabel('टॉस का फ़ैसला').selectOption('field');
    await Promise.all([scorer.waitForURL(/\/newsroom\/matches\/\d+$/), scorer.getByRole('button', { name: 'मैच बनाएँ' }).click()]);
    matchId = Number(/matches\/(\d+)$/.exec(scorer.url())![1]);

    await scorer.locator('[data-prompt="innings"]').waitFor();
    await scorer.getByRole('button', { name: 'पारी शुरू करें' }).click();
    await scorer.locator('[data-prompt="batter"]').waitFor();
  });

  it('enters an over from the keyboard while a reader watches the widget and the match centre', async () => {
    await reader.goto(`${h.base}${storyPath}`);
    const widget = reader.getByRole('region', { name: 'लाइव स्कोर' });
    await widget.getByText('IND 0/0 (0.0) · RR 0.00').waitFor();
    await markDocument(reader);
    await centre.goto(`${h.base}/live/cricket/${matchId}`);
    await markDocument(centre);
    const commentary = centre.locator('[data-live-commentary] li');

    const crease = scorer.locator('[data-panel="crease"]');
    await crease.getByLabel(/^स्ट्राइकर/).fill('Rohit Sharma');
    await crease.getByLabel(/^नॉन-स्ट्राइकर/).fill('Shubman Gill');
    await crease.getByLabel(/^गेंदबाज़/).fill('Mitchell Starc');
    const code = scorer.getByLabel('गेंद (कोड)');
    await code.focus();

    // Ball 1, a single: a digit is sent the moment it is typed.
    await scorer.keyboard.type('1');
    await bothShow('IND 1/0 (0.1)', widget);
    assert.equal(await code.inputValue(), '', 'the box is cleared for the next ball');
    // Balls 2 and 3, typed one after the other as a quick scorer does.
    await scorer.keyboard.type('04');
    await bothShow('IND 5/0 (0.3)', widget);
    // A wide needs Enter (wd1 would not); it is not one of the six balls.
    await scorer.keyboard.type('wd');
    await scorer.keyboard.press('Enter');
    await bothShow('IND 6/0 (0.3)', widget);
    // Ball 4, a wicket: w opens the dismissal fields; bowled, then Enter; the new batter is asked for.
    await scorer.keyboard.type('w');
    await scorer.getByLabel('कैसे आउट').selectOption('bowled');
    await code.focus();
    await scorer.keyboard.press('Enter');
    await bothShow('IND 6/1 (0.4)', widget);
    await scorer.locator('[data-prompt="batter"]').waitFor();
    assert.equal(await scorer.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name), 'striker', 'the cursor waits in the new batter’s box');
    await scorer.keyboard.type('Virat Kohli');
    await scorer.keyboard.press('Enter');
    // Balls 5 and 6: a two and a six.
    await scorer.keyboard.type('2');
    await bothShow('IND 8/1 (0.5)', widget);
    await scorer.keyboard.type('6');
    await bothShow('IND 14/1 (1.0)', widget);
    // Undo takes the last ball back, for the reader too; then it is entered again.
    await scorer.keyboard.type('u');
    await scorer.keyboard.press('Enter');
    await bothShow('IND 8/1 (0.5)', widget);
    await scorer.keyboard.type('6');
    await bothShow('IND 14/1 (1.0)', widget);
    await scorer.locator('[data-prompt="over"]').waitFor();
    await shots.take(scorer, 'scorer-ui');

    // End of the over: the scorer is asked for the next bowler.
    await scorer.keyboard.type('o');
    await scorer.keyboard.press('Enter');
    await scorer.locator('[data-prompt="bowler"]').waitFor();

    // The reader's widget and the match centre followed every ball on the pages they first opened.
    assert.match(await textOf(widget), /IND 14\/1 \(1\.0\) · RR 14\.00/);
    await commentary.filter({ hasText: 'छक्का' }).first().waitFor();
    assert.equal(await commentary.filter({ hasText: 'Mitchell Starc से' }).count(), 7, 'seven deliveries in the commentary, the wide among them');
    assert.equal(await sameDocument(reader), true, 'the story page was never reloaded');
    assert.equal(await sameDocument(centre), true, 'the match centre was never reloaded');
    await shots.take(reader, 'article-widget');
    await shots.take(centre, 'match-centre');
  });

  it('shows the over on the scorecard and in the scorecard JSON', async () => {
    await Promise.all([centre.waitForURL(`${h.base}/live/cricket/${matchId}/scorecard`), centre.getByRole('link', { name: 'स्कोरकार्ड' }).first().click()]);
    const main = await textOf(centre.locator('main'));
    for (const line of [/Rohit Sharma/, /Shubman Gill/, /b Mitchell Starc/, /Virat Kohli/]) assert.match(main, line);
    await shots.take(centre, 'scorecard');
    const card = (await (await fetch(`${h.base}/api/v1/matches/${matchId}`)).json()) as { innings: Array<{ runs: number; wickets: number; overs: string; extras: { wides: number }; bowling: Array<{ name: string; overs: string; runs: number; wickets: number }> }> };
    assert.deepEqual({ runs: card.innings[0]!.runs, wickets: card.innings[0]!.wickets, overs: card.innings[0]!.overs, wides: card.innings[0]!.extras.wides }, { runs: 14, wickets: 1, overs: '1.0', wides: 1 });
    assert.deepEqual(card.innings[0]!.bowling.map((b) => [b.name, b.overs, b.runs, b.wickets]), [['Mitchell Starc', '1.0', 14, 1]]);
    const v = (await liveModule(h.c).matches.view(matchId))!;
    assert.equal(v.state.current!.batting.find((b) => b.name === 'Shubman Gill')?.howOut, 'b Mitchell Starc');
  });

  it('saw no script error, failed request or Content-Security-Policy violation on the way', () => {
    assert.deepEqual(h.problems, []);
  });
});
