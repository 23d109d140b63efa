import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { browseSampleSite } from '../helpers/browser.ts';

const REST = '/2023/05/20/rest-api-design-guide/';
const box = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
  });

test('a reader on the default theme', async (t) => {
  const site = await browseSampleSite(t);
  if (!site) return;
  const url = (path: string) => new URL(path, site.url).href;

  await t.test('should centre the listing column at 1280 px, with no empty gutter on one side', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url('/'));
    const column = await box(page, '.post-summary');
    assert.ok(Math.abs(column.left - (1280 - column.right)) < 24, `left ${column.left}, right gap ${1280 - column.right}`);
    // Date, category and tags share one line.
    const meta = await box(page, '.post-summary .post-meta');
    const lineHeight = await page.locator('.post-summary .post-meta').first().evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    assert.ok(meta.height < lineHeight * 1.5, `meta is ${meta.height}px high`);
    await page.close();
  });

  await t.test('should keep the phone header under 120 px and fold the contents list', async () => {
    const page = await site.browser.newPage({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });
    await page.goto(url(REST));
    const header = await box(page, '.site-header');
    assert.ok(header.height < 120, `header is ${header.height}px high`);
    const list = page.locator('.post-toc-list');
    assert.equal(await list.isVisible(), false);
    await page.locator('.post-toc-toggle').click();
    await list.waitFor({ state: 'visible' });
    assert.equal(await page.locator('.post-toc-toggle').getAttribute('aria-expanded'), 'true');
    await page.close();
  });

  await t.test('should put the copy button beside the code, never over it, on phones', async () => {
    const page = await site.browser.newPage({ viewport: { width: 375, height: 812 } });
    await page.goto(url('/2017/04/11/systemtap-quickstart/'));
    const blocks = page.locator('.code-block');
    assert.ok((await blocks.count()) >= 2);
    for (let i = 0; i < (await blocks.count()); i++) {
      const block = blocks.nth(i);
      const button = await block.locator('.copy-code').evaluate((el) => el.getBoundingClientRect().toJSON());
      const pre = await block.locator('pre').evaluate((el) => el.getBoundingClientRect().toJSON());
      assert.ok(button.bottom <= pre.top + 0.5, `block ${i}: button ends at ${button.bottom}, code starts at ${pre.top}`);
    }
    await page.close();
  });

  await t.test('should scroll tables with the keyboard, keep Chinese columns readable and centre align=center cells', async () => {
    const page = await site.browser.newPage({ viewport: { width: 375, height: 812 } });
    await page.goto(url(REST));
    const wrapper = page.locator('.table-scroll').first();
    assert.equal(await wrapper.getAttribute('tabindex'), '0');
    const cellWidths = await page.locator('.table-scroll td').evaluateAll((cells) =>
      cells.map((cell) => cell.getBoundingClientRect().width / parseFloat(getComputedStyle(cell).fontSize)),
    );
    assert.ok(Math.min(...cellWidths) >= 5, `narrowest cell is ${Math.min(...cellWidths).toFixed(1)}em`);
    const overflow = await wrapper.evaluate((el) => el.scrollWidth - el.clientWidth);
    if (overflow > 0) {
      await wrapper.focus();
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.querySelector('.table-scroll')!.scrollLeft > 0);
    }
    const align = await page.locator('.table-scroll .align-center').first().evaluate((el) => getComputedStyle(el).textAlign);
    assert.equal(align, 'center');
    await page.close();
  });

  await t.test('should mark the section being read in the sticky contents list', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url(REST));
    const links = page.locator('.post-toc a');
    const href = (await links.nth(2).getAttribute('href'))!;
    await page.evaluate((id) => document.getElementById(decodeURIComponent(id))!.scrollIntoView(), href.slice(1));
    await page.waitForFunction((h) => document.querySelector('.post-toc a[aria-current="location"]')?.getAttribute('href') === h, href);
    const toc = await box(page, '.post-toc');
    assert.ok(toc.top >= 0 && toc.top < 100, `the contents list stays in view (top ${toc.top})`);
    await page.close();
  });

  await t.test('should remember the chosen scheme and apply it before the first paint', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(url('/'));
    const toggle = page.locator('[data-theme-toggle]');
    await toggle.click(); // auto → light
    await toggle.click(); // light → dark
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    // A new page reads the choice in <head>: the body's first computed colours are already dark.
    const second = await context.newPage();
    await second.goto(url('/tags/'), { waitUntil: 'commit' });
    await second.waitForSelector('body');
    const bg = await second.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, 'rgb(13, 17, 23)');
    assert.match((await second.locator('[data-theme-toggle]').getAttribute('aria-label')) ?? '', /深色/);
    await second.locator('[data-theme-toggle]').click(); // dark → auto
    assert.equal(await second.evaluate(() => localStorage.getItem('weeklog-theme')), null);
    await context.close();
  });

  await t.test('should give transparent images a light backdrop in the dark scheme', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    await page.goto(url('/2024/06/03/weekly-reading-2024-06/'));
    const img = page.locator('.post-content img').first();
    assert.notEqual(await img.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgba(0, 0, 0, 0)');
    assert.equal(await img.getAttribute('loading'), 'lazy');
    assert.ok(Number(await img.getAttribute('width')) > 0 && Number(await img.getAttribute('height')) > 0);
    await page.close();
  });

  await t.test('should offer back-to-top after a screen of scrolling', async () => {
    const page = await site.browser.newPage({ viewport: { width: 375, height: 812 } });
    await page.goto(url(REST));
    const top = page.locator('[data-back-to-top]');
    assert.equal(await top.isVisible(), false);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await top.waitFor({ state: 'visible' });
    await top.click();
    await page.waitForFunction(() => window.scrollY === 0);
    await page.close();
  });

  await t.test('should print the text without header, contents, buttons or related posts', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url(REST));
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.site-header', '.post-toc', '.copy-code', '.related-posts', '.post-nav', '.site-footer']) {
      if ((await page.locator(selector).count()) === 0) continue;
      assert.equal(await page.locator(selector).first().evaluate((el) => getComputedStyle(el).display), 'none', selector);
    }
    assert.equal(await page.locator('.post-content').isVisible(), true);
    await page.close();
  });
});
