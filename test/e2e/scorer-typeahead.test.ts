import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { browserSkip } from '../helpers/browser.js';
import { startBrowserApp, type BrowserApp } from '../helpers/browser-app.js';
import { T20 } from '../helpers/live.js';
import { PASSWORD } from '../helpers/newsroom.js';
import { addStaff } from '../../src/newsroom/index.js';
import { changeFor, liveModule } from '../../src/live/index.js';
import { eventually, signInToNewsroom, textOf } from './journey-helpers.js';

const skip = browserSkip;
const SCORER = { email: 'quick-scorer@news.example', name: 'तेज़ स्कोरर' };
const CREASE = { striker: 'Rohit Sharma', nonStriker: 'Shubman Gill', bowler: 'Mitchell Starc' };

/**
 * A quick scorer on a slow connection: keys typed while a ball is still on its way are entered after it,
 * in order and once each, and a ball the server refuses stops the rest without losing what was typed.
 * The ball POSTs go through `page.route`, which holds them back or lets another scorer in between.
 */
describe('scorer: keys typed while a ball is on its way', { skip }, () => {
  let h: BrowserApp;
  let ctx: BrowserContext;
  let scorer: Page;
  let matchId = 0;
  /** The codes each ball POST carried, in the order the browser sent them. */
  const posted: string[] = [];
  /** Runs for each ball POST before it goes on to the server (or instead of it). */
  let onBall: (route: Route, n: number) => Promise<void> = (route) => route.continue();

  before(async () => {
    h = await startBrowserApp({
      seed: async (c) => {
        await addStaff(c.content, { ...SCORER, role: 'editor', password: PASSWORD });
        matchId = (await liveModule(c).matches.create({ setup: T20, startTime: new Date().toISOString(), title: 'भारत बनाम ऑस्ट्रेलिया' })).record.id;
      },
    });
    ctx = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hi-IN' });
    ctx.setDefaultTimeout(10_000);
    // 409 is the server's answer to the ball another scorer got in before; it is part of the test.
    scorer = h.watch(await ctx.newPage(), { strict: true, allowStatus: [409] });
    await scorer.route('**/newsroom/matches/*/entry', async (route) => {
      const body = route.request().postDataJSON() as { code?: string; typed?: string };
      posted.push(body.code || body.typed || '');
      await onBall(route, posted.length);
    });
  });
  after(async () => {
    await ctx?.close();
    await h?.close();
  });

  const code = () => scorer.getByLabel('गेंद (कोड)');
  /** Runs off the bat of every delivery in the match's journal, as the server stored them. */
  const ballsRecorded = async () => (await liveModule(h.c).matches.view(matchId))!.events.flatMap((e) => (e.type === 'delivery' ? [e.runs.batter] : []));
  const settled = () => scorer.locator('[data-scorer]:not(.busy)').waitFor();

  it('opens the innings with the batters and the bowler chosen', async () => {
    await signInToNewsroom(scorer, h.base, SCORER.email, PASSWORD, `/newsroom/matches/${matchId}`);
    await scorer.getByRole('button', { name: 'पारी शुरू करें' }).click();
    await scorer.locator('[data-prompt="batter"]').waitFor();
    const crease = scorer.locator('[data-panel="crease"]');
    await crease.getByLabel(/^स्ट्राइकर/).fill(CREASE.striker);
    await crease.getByLabel(/^नॉन-स्ट्राइकर/).fill(CREASE.nonStriker);
    await crease.getByLabel(/^गेंदबाज़/).fill(CREASE.bowler);
    await code().focus();
  });

  it('enters every key typed while the previous ball is still being sent, in order and once each', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    onBall = async (route, n) => {
      if (n === 1) await held;
      await route.continue();
    };
    await scorer.keyboard.type('0');
    await eventually(async () => posted.length, (n) => n === 1, 'the first ball to be sent');
    // Two more balls typed while the first is still on its way.
    await scorer.keyboard.type('41');
    assert.match(await textOf(scorer.locator('[data-queue]')), /4 · 1$/, 'the keys typed ahead are shown waiting, in order');
    assert.equal(await code().inputValue(), '', 'the box is free for the next ball at once');
    release();

    const balls = await eventually(ballsRecorded, (b) => b.length >= 3, 'three balls in the journal');
    await settled();
    assert.deepEqual(balls, [0, 4, 1], 'each key is one ball, in the order typed');
    assert.deepEqual(posted, ['0', '4', '1'], 'each ball was posted once');
    await scorer.locator('[data-panel="state"]').getByText('IND 5/0 (0.3)').first().waitFor();
    assert.equal(await code().inputValue(), '', 'the box is empty once everything is entered');
  });

  it('stops at a ball the server refuses, keeps it and the keys after it, and sends them on Enter', async () => {
    posted.length = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    onBall = async (route, n) => {
      if (n === 1) await held;
      if (n === 2) {
        // Another scorer records a wide just before this ball reaches the server, which then refuses it.
        const live = liveModule(h.c);
        const v = (await live.matches.view(matchId))!;
        await live.matches.apply(matchId, v.record.lastSeq, changeFor(v, { action: 'entry', code: 'wd', crease: CREASE }));
      }
      await route.continue();
    };
    await scorer.keyboard.type('6');
    await eventually(async () => posted.length, (n) => n === 1, 'the first ball to be sent');
    await scorer.keyboard.type('31');
    release();

    const alert = scorer.locator('#desk-problems [role="alert"]');
    await alert.waitFor();
    await settled();
    assert.match(await textOf(alert), /किसी और स्कोरर ने मैच बदल दिया है/, 'the scorer is told why');
    assert.deepEqual(posted, ['6', '3'], 'nothing after the refused ball was sent');
    assert.deepEqual((await ballsRecorded()).slice(3), [6, 0], 'the other scorer’s ball is kept, the refused one is not recorded');
    assert.equal(await code().inputValue(), '3', 'the refused ball is back in the box');
    assert.match(await textOf(scorer.locator('[data-queue]')), /1/, 'the key typed after it is kept, waiting');
    await scorer.locator('[data-panel="state"]').getByText('IND 12/0 (0.4)').first().waitFor();

    // The scorer has seen the other ball and sends theirs again: the refused one, then the one waiting.
    await code().focus();
    await scorer.keyboard.press('Enter');
    const balls = await eventually(ballsRecorded, (b) => b.length >= 7, 'the two balls after the refusal');
    await settled();
    assert.deepEqual(balls.slice(3), [6, 0, 3, 1]);
    assert.deepEqual(posted, ['6', '3', '3', '1']);
    await scorer.locator('[data-panel="state"]').getByText('IND 16/0 (1.0)').first().waitFor();
    assert.equal(await code().inputValue(), '');
    assert.equal(await scorer.locator('#desk-problems [role="alert"]').count(), 0, 'the message goes once all is entered');
    assert.equal(await scorer.locator('[data-queue]').isVisible(), false);
  });

  it('saw no script error, CSP violation or unexpected failed request', () => {
    assert.deepEqual(h.problems, []);
  });
});
