import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSkip } from '../helpers/browser.js';
import { startBrowserApp, type BrowserApp } from '../helpers/browser-app.js';
import { seedBasics } from '../helpers/fixtures.js';
import { PASSWORD } from '../helpers/newsroom.js';
import { addStaff } from '../../src/newsroom/index.js';
import { screenshots, signInToNewsroom, textOf } from './journey-helpers.js';

const skip = browserSkip;
const SANJAY = { email: 'sanjay@news.example', name: 'संजय संपादक' };
const MEERA = { email: 'meera@news.example', name: 'मीरा उप-संपादक' };
const HEADLINE = 'दिल्ली में पहली बर्फ़ीली सुबह, पारा चार डिग्री';
const FIRST = 'राजधानी में आज सुबह घना कोहरा छाया रहा।';
const SECOND = 'मौसम विभाग ने अगले तीन दिन ठंड बढ़ने की चेतावनी दी।';
const REVISED = 'दोपहर तक धूप निकलने से कुछ राहत मिली।';

/**
 * An editor's day in the newsroom, in Chromium: sign in, write a story in the rich-text editor by
 * typing Devanagari, schedule it, publish it, revise it, restore an earlier revision, and meet a
 * colleague's save on the conflict screen instead of overwriting it. Each step is checked where the
 * reader would see it too.
 */
describe('journey: the newsroom', { skip }, () => {
  let h: BrowserApp;
  let sanjay: BrowserContext;
  let page: Page;
  let storyUrl = '';
  let livePath = '';
  const shots = screenshots('newsroom');

  before(async () => {
    h = await startBrowserApp({
      seed: async (c) => {
        await seedBasics(c.content);
        c.bus.publish('site.changed', { what: 'test' });
        for (const who of [SANJAY, MEERA]) await addStaff(c.content, { ...who, role: 'editor', password: PASSWORD });
      },
    });
    sanjay = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hi-IN' });
    sanjay.setDefaultTimeout(10_000);
    page = h.watch(await sanjay.newPage());
  });
  after(async () => {
    await sanjay?.close();
    await h?.close();
    shots.report();
  });

  /** What a reader gets at the story's address, in a browser of their own. */
  async function readerSees(path: string): Promise<{ status: number; text: string }> {
    const reader = await h.browser.newPage();
    try {
      const res = await reader.goto(`${h.base}${path}`);
      return { status: res?.status() ?? 0, text: (await reader.locator('main').innerText()).replace(/\s+/g, ' ') };
    } finally {
      await reader.close();
      // Back to the newsroom tab, as the editor would.
      await page.bringToFront();
    }
  }

  const body = () => page.getByRole('textbox', { name: 'ख़बर' });

  /** Clicks at the end of the body's last paragraph and types a new paragraph after it. */
  async function typeNewParagraph(p: Page, text: string): Promise<void> {
    await p.getByRole('textbox', { name: 'ख़बर' }).locator('p').last().click();
    await p.keyboard.press('End');
    // The editor takes the caret from the DOM asynchronously: wait until it is at the end of the text,
    // as a person would see the caret blink there before typing on.
    await p.waitForFunction(() => {
      const e = (window as unknown as { samacharEditor?: { state: { selection: { from: number }; doc: { content: { size: number } } } } }).samacharEditor;
      return e !== undefined && e.state.selection.from === e.state.doc.content.size - 1;
    });
    await p.keyboard.press('Enter');
    await p.keyboard.type(text);
  }

  it('signs in through the login form and lands on the story list', async () => {
    await signInToNewsroom(page, h.base, SANJAY.email, PASSWORD);
    await page.getByRole('link', { name: 'नई ख़बर' }).first().waitFor();
    await shots.take(page, 'dashboard');
  });

  it('writes a story in the rich-text editor, typing Devanagari, and saves the draft', async () => {
    await Promise.all([page.waitForURL(`${h.base}/newsroom/stories/new`), page.getByRole('link', { name: 'नई ख़बर' }).first().click()]);
    await body().waitFor();
    await page.getByLabel('शीर्षक', { exact: true }).pressSequentially(HEADLINE);
    // The slug is suggested from the Hindi headline, transliterated.
    await page.waitForFunction(() => (document.getElementById('f-slug') as HTMLInputElement | null)?.value.startsWith('dilli'));
    await page.getByLabel('सारांश', { exact: true }).pressSequentially('ठंड ने दस्तक दी।');
    await body().click();
    await page.keyboard.type(FIRST);
    await page.keyboard.press('Enter');
    await page.keyboard.type(SECOND);
    assert.deepEqual(await body().locator('p').allInnerTexts(), [FIRST, SECOND], 'two paragraphs, as typed');
    await shots.take(page, 'editor');

    // Whichever comes first, the autosave or this click, creates the story; the click then saves it.
    await Promise.all([page.waitForURL(/\/newsroom\/stories\/\d+\?done=(created|saved)$/), page.getByRole('button', { name: 'ड्राफ़्ट सेव करें' }).or(page.getByRole('button', { name: 'सेव करें', exact: true })).first().click()]);
    storyUrl = page.url().replace(/\?.*$/, '');
    assert.equal(await page.getByLabel('शीर्षक', { exact: true }).inputValue(), HEADLINE);
    assert.deepEqual(await body().locator('p').allInnerTexts(), [FIRST, SECOND], 'the body came back from the server as typed');
  });

  it('schedules the story for tomorrow morning, and readers do not see it yet', async () => {
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000 + 5.5 * 3600 * 1000).toISOString().slice(0, 11) + '07:30';
    await page.getByLabel('इस समय प्रकाशित करें (भारतीय समय)').fill(tomorrow);
    await Promise.all([page.waitForURL(/\?done=schedule$/), page.getByRole('button', { name: 'समय तय करें' }).click()]);
    await page.getByText('ख़बर तय समय पर प्रकाशित होगी।').waitFor();
    assert.equal(await page.getByLabel('इस समय प्रकाशित करें (भारतीय समय)').inputValue(), tomorrow);
    await page.getByRole('button', { name: 'समय बदलें' }).waitFor();
    const search = await readerSees(`/search?q=${encodeURIComponent('बर्फ़ीली')}`);
    assert.doesNotMatch(search.text, new RegExp(HEADLINE), 'not findable before its time');
  });

  it('publishes it now, and the reader finds it on the desk page', async () => {
    await Promise.all([page.waitForURL(/\?done=publish$/), page.getByRole('button', { name: 'अभी प्रकाशित करें' }).click()]);
    await page.getByText('ख़बर प्रकाशित हो गई।').waitFor();
    livePath = (await page.getByRole('link', { name: /साइट पर देखें/ }).getAttribute('href'))!;
    assert.match(livePath, /^\/international\/news\/dilli-[a-z0-9-]+-\d+$/);
    const seen = await readerSees(livePath);
    assert.equal(seen.status, 200);
    assert.match(seen.text, new RegExp(`${HEADLINE}.*${FIRST}.*${SECOND}`));
  });

  it('revises the published story; readers get the new text at once', async () => {
    await typeNewParagraph(page, REVISED);
    await Promise.all([page.waitForURL(/\?done=saved$/), page.getByRole('button', { name: 'अपडेट करें (तुरंत लाइव)' }).click()]);
    assert.deepEqual(await body().locator('p').allInnerTexts(), [FIRST, SECOND, REVISED]);
    assert.match((await readerSees(livePath)).text, new RegExp(REVISED));
  });

  it('compares revisions word by word and restores the one that was published first', async () => {
    await Promise.all([page.waitForURL(`${storyUrl}/revisions`), page.getByRole('link', { name: 'संस्करण और बदलाव' }).click()]);
    await shots.take(page, 'revisions');
    await Promise.all([page.waitForURL(/\/revisions\/diff\?/), page.getByRole('button', { name: 'बदलाव देखें' }).click()]);
    await page.locator('ins', { hasText: REVISED.split(' ')[0]! }).first().waitFor();
    await page.goBack();

    const published = page.getByRole('row').filter({ hasText: /प्रकाशित · v\d+ · प्रकाशित/ });
    assert.equal(await published.count(), 1);
    await Promise.all([page.waitForURL(/\/revisions\/\d+$/), published.getByRole('link', { name: 'देखें' }).click()]);
    assert.doesNotMatch(await textOf(page.locator('main')), new RegExp(REVISED));
    await Promise.all([page.waitForURL(`${storyUrl}?done=restore`), page.getByRole('button', { name: 'यह संस्करण वापस लाएँ' }).click()]);
    await page.getByText('पुराना संस्करण वापस लाया गया').waitFor();
    assert.deepEqual(await body().locator('p').allInnerTexts(), [FIRST, SECOND], 'the editor shows the restored text');
    assert.doesNotMatch((await readerSees(livePath)).text, new RegExp(REVISED), 'and so does the live story');
  });

  it('shows the conflict screen when a colleague saved the story after it was opened', async () => {
    const meeraCtx = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hi-IN' });
    meeraCtx.setDefaultTimeout(10_000);
    const meera = h.watch(await meeraCtx.newPage());
    await signInToNewsroom(meera, h.base, MEERA.email, PASSWORD);
    // Both open the same story.
    await page.goto(storyUrl);
    await meera.goto(storyUrl);
    await body().waitFor();
    await meera.getByRole('textbox', { name: 'ख़बर' }).waitFor();

    // Sanjay corrects the headline and saves first.
    const sanjayHeadline = `${HEADLINE} — ताज़ा`;
    await page.getByLabel('शीर्षक', { exact: true }).fill(sanjayHeadline);
    await Promise.all([page.waitForURL(/\?done=saved$/), page.getByRole('button', { name: 'अपडेट करें (तुरंत लाइव)' }).click()]);

    // Meera, on the page she opened before, adds a line and saves: she gets both versions, not an overwrite.
    const meeraLine = 'स्कूलों का समय बदला गया।';
    await typeNewParagraph(meera, meeraLine);
    const saved = meera.waitForResponse((r) => r.request().method() === 'POST' && r.url() === storyUrl);
    await meera.getByRole('button', { name: 'अपडेट करें (तुरंत लाइव)' }).click();
    assert.equal((await saved).status(), 409);
    await meera.getByRole('heading', { level: 1, name: 'दो लोगों ने एक ही ख़बर बदली' }).waitFor();
    const screen = await textOf(meera.locator('main'));
    assert.match(screen, new RegExp(SANJAY.name), 'names who saved in between');
    assert.match(screen, new RegExp(meeraLine), 'her version is on the screen');
    assert.match(screen, new RegExp(sanjayHeadline), 'and so is the stored one');
    await shots.take(meera, 'conflict');

    // Nothing was overwritten: the story keeps Sanjay's save.
    const live = await readerSees(livePath);
    assert.match(live.text, new RegExp(sanjayHeadline));
    assert.doesNotMatch(live.text, new RegExp(meeraLine));
    await meeraCtx.close();
  });

  it('saw no script error and no Content-Security-Policy violation on the way', () => {
    assert.deepEqual(h.problems, []);
  });
});
