import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { createTestStore, type TestStore } from '../helpers/stores.js';
import { seedBasics } from '../helpers/fixtures.js';
import { signInStaff, T20, type StaffLogin } from '../helpers/live.js';
import { loadConfig } from '../../src/config/index.js';
import { createContainer, type Container } from '../../src/container.js';
import { buildApp } from '../../src/app.js';
import { buildAssets } from '../../src/web/assets/pipeline.js';
import { silentLogger } from '../../src/shared/logger.js';
import { liveModule } from '../../src/live/index.js';
import { browserSkip, launchChromium } from '../helpers/browser.js';

const skip = browserSkip;

describe('the scorer and a reader in a real browser', { skip }, () => {
  let t: TestStore;
  let c: Container;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let assets: string;
  let editor: StaffLogin;
  let matchId: number;

  before(async () => {
    // This checkout's dist/ is shared: the browser bundles are built into a folder of our own.
    assets = mkdtempSync(join(tmpdir(), 'samachar-live-assets-'));
    await buildAssets(assets, { minify: false });
    t = await createTestStore('sqlite');
    const config = { ...loadConfig({ data: t.dataDir, port: '0' }, { NODE_ENV: 'test' }) };
    c = await createContainer(config, { store: t.store, logger: silentLogger, assetsDir: assets });
    app = await buildApp(c, { assetsDir: assets });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    await seedBasics(c.content);
    editor = await signInStaff(c);
    const m = await liveModule(c).matches.create({ setup: T20, startTime: '2026-11-26T14:00:00.000Z', title: 'भारत बनाम ऑस्ट्रेलिया' });
    matchId = m.record.id;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await c?.close().catch(() => {});
    await t?.cleanup();
    if (assets) rmSync(assets, { recursive: true, force: true });
  });

  it('updates the reader’s widget without a reload as the scorer enters balls from the keyboard', async () => {
    const errors: string[] = [];
    const scorerContext = await browser.newContext();
    const [name, value] = editor.cookie.split('; ')[0]!.split('=') as [string, string];
    await scorerContext.addCookies([{ name, value, url: base }]);
    const scorer = await scorerContext.newPage();
    scorer.on('pageerror', (e) => errors.push(e.message));
    await scorer.goto(`${base}/newsroom/matches/${matchId}`);
    // The screen asks for the innings first; the button posts it without a page load.
    await scorer.locator('[data-prompt="innings"]').waitFor();
    await scorer.click('form.start button');
    await scorer.locator('[data-prompt="batter"]').waitFor({ timeout: 5000 });

    const readerContext = await browser.newContext();
    const reader = await readerContext.newPage();
    reader.on('pageerror', (e) => errors.push(e.message));
    await reader.goto(`${base}/`);
    const widget = reader.locator('.live-widget');
    await widget.waitFor();
    assert.match(await widget.innerText(), /IND 0\/0 \(0\.0\) · RR 0\.00/);
    // Marks this very document: a reload would lose it.
    await reader.evaluate(() => ((window as unknown as { __same: boolean }).__same = true));

    await scorer.fill('#f-striker', 'Rohit Sharma');
    await scorer.fill('#f-nonStriker', 'Shubman Gill');
    await scorer.fill('#f-bowler', 'Mitchell Starc');
    await scorer.focus('#f-code');

    // A digit is sent the moment it is typed.
    await scorer.keyboard.type('4');
    await widget.locator('text=IND 4/0 (0.1) · RR 24.00').waitFor({ timeout: 5000 });
    await scorer.locator('[data-panel="state"]', { hasText: 'IND 4/0 (0.1)' }).waitFor();
    assert.equal(await scorer.inputValue('#f-code'), '', 'the box is cleared for the next ball');

    // wd needs Enter (wd1 would not), then a plain single.
    await scorer.keyboard.type('wd');
    await scorer.keyboard.press('Enter');
    await widget.locator('text=IND 5/0 (0.1)').waitFor({ timeout: 5000 });
    await scorer.keyboard.type('1');
    await widget.locator('text=IND 6/0 (0.2)').waitFor({ timeout: 5000 });

    // A wicket: w opens the dismissal fields; choose bowled, then Enter.
    await scorer.keyboard.type('w');
    assert.equal(await scorer.isVisible('[data-wicket]'), true);
    await scorer.selectOption('#f-wicketKind', 'bowled');
    await scorer.focus('#f-code');
    await scorer.keyboard.press('Enter');
    await widget.locator('text=IND 6/1 (0.3)').waitFor({ timeout: 5000 });
    // The scorer is prompted for the new batter, with the cursor in that box.
    await scorer.locator('[data-prompt="batter"]').waitFor();
    const focused = await scorer.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '');
    // Gill was on strike after the single, so the new batter takes strike.
    assert.equal(focused, 'striker');
    await scorer.keyboard.type('Virat Kohli');
    await scorer.keyboard.press('Enter');
    await scorer.keyboard.type('6');
    await widget.locator('text=IND 12/1 (0.4)').waitFor({ timeout: 5000 });

    // Undo takes the six back, for the reader too.
    await scorer.keyboard.type('u');
    await scorer.keyboard.press('Enter');
    await widget.locator('text=IND 6/1 (0.3)').waitFor({ timeout: 5000 });

    assert.equal(await reader.evaluate(() => (window as unknown as { __same?: boolean }).__same), true, 'the reader’s page was never reloaded');
    assert.deepEqual(errors, []);
    const v = (await liveModule(c).matches.view(matchId))!;
    assert.equal(v.state.current!.batting.find((b) => b.name === 'Shubman Gill')?.howOut, 'b Mitchell Starc');
    await readerContext.close();
    await scorerContext.close();
  });

  it('shows the match centre’s commentary growing ball by ball', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/live/cricket/${matchId}`);
    const before = await page.locator('[data-live-commentary] li').count();
    const view = (await liveModule(c).matches.view(matchId))!;
    await liveModule(c).matches.apply(matchId, view.record.lastSeq, {
      op: 'event',
      event: { type: 'delivery', innings: 0, batter: 'Virat Kohli', nonStriker: 'Rohit Sharma', bowler: 'Mitchell Starc', runs: { batter: 6, extras: 0, total: 6 }, boundary: 'six' },
    });
    await page.locator('[data-live-commentary] li', { hasText: '0.4: Mitchell Starc से Virat Kohli — छक्का!' }).waitFor({ timeout: 5000 });
    assert.equal(await page.locator('[data-live-commentary] li').count(), before + 1);
    await page.locator('[data-live-card]', { hasText: 'Rohit Sharma' }).waitFor();
    await ctx.close();
  });
});
