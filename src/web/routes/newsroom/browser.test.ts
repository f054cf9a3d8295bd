import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import type { Container } from '../../../container.js';
import { addStaff } from '../../../newsroom/index.js';
import { seedBasics } from '../../../../test/helpers/fixtures.js';
import { PASSWORD } from '../../../../test/helpers/newsroom.js';
import { browserSkip } from '../../../../test/helpers/browser.js';
import { startBrowserApp, type BrowserApp } from '../../../../test/helpers/browser-app.js';

const skip = browserSkip;

describe('the newsroom in a real browser', { skip }, () => {
  let h: BrowserApp;
  let c: Container;
  let browser: Browser;
  let base: string;

  before(async () => {
    h = await startBrowserApp({
      seed: async (c) => {
        await seedBasics(c.content);
        c.bus.publish('site.changed', { what: 'test' });
        await addStaff(c.content, { email: 'sampadak@news.example', name: 'सुनीता संपादक', role: 'editor', password: PASSWORD });
      },
    });
    ({ c, browser, base } = h);
  });
  after(async () => h?.close());

  const watch = (page: Page) => h.watch(page);

  async function signIn(page: Page) {
    await page.goto(`${base}/newsroom`);
    assert.match(page.url(), /\/newsroom\/login\?return=%2Fnewsroom$/);
    await page.fill('#f-email', 'sampadak@news.example');
    await page.fill('#f-password', PASSWORD);
    await page.click('form.nr-form button[type=submit]');
    await page.waitForURL(`${base}/newsroom`);
  }

  it('signs in, writes a Hindi story with an image, publishes it and finds it on the home and desk pages', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hi-IN' });
    const page = await context.newPage();
    watch(page);
    await signIn(page);

    await page.click('a[href="/newsroom/stories/new"]');
    await page.waitForSelector('.nr-prose');
    assert.equal(await page.isHidden('#f-body'), true, 'the HTML textarea gives way to the editor');

    const headline = 'मानसून ने केरल में दस्तक दी, IMD ने कहा समय पर';
    await page.click('#f-headline');
    await page.keyboard.type(headline);
    await page.waitForFunction(() => (document.getElementById('f-slug') as HTMLInputElement).value.startsWith('mansun'));
    assert.match(await page.inputValue('#f-slug'), /^mansun-ne-keral-mein-dastak-di-imd/);
    assert.match(await page.textContent('#f-headline-count') ?? '', /\d+ अक्षर/);
    await page.fill('#f-summary', 'तिरुवनंतपुरम में सुबह से झमाझम बारिश।');

    // The body: typed Devanagari, then text entered through an IME composition.
    await page.click('.nr-prose');
    await page.keyboard.type('तिरुवनंतपुरम में आज सुबह बारिश शुरू हुई। ');
    const cdp = await context.newCDPSession(page);
    for (const partial of ['न', 'नम', 'नमस्', 'नमस्त']) await cdp.send('Input.imeSetComposition', { text: partial, selectionStart: partial.length, selectionEnd: partial.length });
    await cdp.send('Input.insertText', { text: 'नमस्ते केरल' });
    await page.keyboard.press('Enter');
    await page.keyboard.type('दूसरा पैराग्राफ़ यहाँ है।');
    const bodyText = await page.textContent('.nr-prose');
    assert.match(bodyText ?? '', /तिरुवनंतपुरम में आज सुबह बारिश शुरू हुई। नमस्ते केरल/);
    assert.equal((bodyText ?? '').split('नमस्ते').length, 2, 'the composed word appears once');

    // An image from the media library: uploaded in the picker, given alt text, placed in the body.
    const png = await sharp({ create: { width: 1200, height: 675, channels: 3, background: '#2a6f97' } }).png().toBuffer();
    await page.click('button.nr-tb[aria-label="तस्वीर"]');
    await page.setInputFiles('dialog.nr-dialog input[type=file]', { name: 'kerala-baarish.png', mimeType: 'image/png', buffer: png });
    await page.waitForSelector('dialog.nr-dialog .nr-pick-detail:not([hidden]) input');
    await page.fill('dialog.nr-dialog .nr-pick-detail input >> nth=0', 'बारिश में भीगी तिरुवनंतपुरम की सड़क');
    await page.fill('dialog.nr-dialog .nr-pick-detail input >> nth=1', 'सुबह की बारिश');
    await page.fill('dialog.nr-dialog .nr-pick-detail input >> nth=2', 'फ़ोटो: समाचार');
    await page.click('dialog.nr-dialog .nr-pick-detail button');
    await page.waitForSelector('.nr-prose figure.nr-figure img');

    // The same image as the main image, picked from the library.
    await page.click('text=मुख्य तस्वीर चुनें');
    await page.click('dialog.nr-dialog .nr-pick >> nth=0');
    await page.click('dialog.nr-dialog .nr-pick-detail button');
    await page.waitForFunction(() => (document.getElementById('f-imageId') as HTMLInputElement).value !== '');

    // A tag from the suggestions.
    await page.click('#f-tags');
    await page.keyboard.type('रू');
    await page.click('#tags-suggest button >> text=रूस');
    assert.equal(await page.inputValue('#f-tags'), 'रूस, ');

    await page.click('button[name=action][value=save]');
    await page.waitForURL(/\/newsroom\/stories\/\d+\?done=(saved|created)/);
    const id = Number(/stories\/(\d+)/.exec(page.url())![1]);
    assert.equal(await page.inputValue('#f-headline'), headline);

    await page.click('button[name=action][value=publish]');
    await page.waitForURL(/done=publish/);
    assert.match(await page.textContent('.nr-notice') ?? '', /प्रकाशित हो गई/);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), `samachar:draft:${id}`), null, 'the local copy is gone once the server has the story');

    const reader = await browser.newPage();
    watch(reader);
    await reader.goto(`${base}/`);
    assert.ok(await reader.isVisible(`a:has-text("${headline}")`), 'on the home page');
    await reader.goto(`${base}/international`);
    await reader.click(`a:has-text("${headline}")`);
    await reader.waitForURL(new RegExp(`/international/news/mansun-ne-keral-mein-dastak-di-imd[a-z-]*-${id}$`));
    assert.equal(await reader.textContent('h1'), headline);
    assert.ok(await reader.isVisible('.article-body img[alt="बारिश में भीगी तिरुवनंतपुरम की सड़क"]'), 'the body image with its alt text');
    assert.match(await reader.textContent('.article-body figcaption') ?? '', /सुबह की बारिश\s*फ़ोटो: समाचार/);
    assert.match(await reader.textContent('.article-body') ?? '', /नमस्ते केरल/);
    assert.ok(await reader.isVisible('figure.hero img'));
    await reader.close();
    await context.close();
    assert.deepEqual(h.problems, []);
  });

  it('keeps what was typed offline and offers it back after the page is closed', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    watch(page);
    await signIn(page);
    await page.goto(`${base}/newsroom/stories/new`);
    await page.waitForSelector('.nr-prose');
    await page.fill('#f-headline', 'बिना नेटवर्क की ख़बर');
    await page.click('.nr-prose');
    await page.keyboard.type('पहली पंक्ति।');
    await page.waitForURL(/\/newsroom\/stories\/\d+$/, { timeout: 15_000 });
    await page.waitForFunction(() => /सेव हो गया/.test(document.getElementById('nr-save-state')?.textContent ?? ''));
    const url = page.url();

    await context.setOffline(true);
    await page.keyboard.type(' नेटवर्क जाने के बाद लिखा गया पाठ।');
    await page.waitForFunction(() => /नेटवर्क नहीं है/.test(document.getElementById('nr-save-state')?.textContent ?? ''), null, { timeout: 15_000 });
    await page.close();
    await context.setOffline(false);

    const again = await context.newPage();
    watch(again);
    await again.goto(url);
    await again.waitForSelector('#nr-local-draft:not([hidden])');
    assert.doesNotMatch(await again.textContent('.nr-prose') ?? '', /नेटवर्क जाने के बाद/);
    await again.click('#nr-local-draft button.nr-primary');
    assert.match(await again.textContent('.nr-prose') ?? '', /पहली पंक्ति। नेटवर्क जाने के बाद लिखा गया पाठ।/);
    await again.waitForFunction(() => /सेव हो गया/.test(document.getElementById('nr-save-state')?.textContent ?? ''), null, { timeout: 15_000 });
    const id = Number(/stories\/(\d+)/.exec(url)![1]);
    const stored = await c.store.db.selectFrom('articles').select('body_html').where('id', '=', id).executeTakeFirstOrThrow();
    assert.match(stored.body_html, /नेटवर्क जाने के बाद लिखा गया पाठ/);
    await context.close();
    assert.deepEqual(h.problems, []);
  });
});
