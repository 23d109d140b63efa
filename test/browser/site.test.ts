import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browseSampleSite, seriousAxeViolations } from '../helpers/browser.ts';

test('a reader browses the sample site in Chromium', async (t) => {
  const site = await browseSampleSite(t);
  if (!site) return;
  const { browser } = site;

  for (const viewport of [
    { name: 'desktop', width: 1280, height: 900 },
    { name: 'phone', width: 375, height: 740 },
  ]) {
    await t.test(`should show the home page without accessibility failures (${viewport.name})`, async () => {
      const page = await browser.newPage({ viewport });
      await page.goto(site.url);
      assert.ok((await page.locator('.post-summary').count()) >= 5);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      assert.deepEqual(await seriousAxeViolations(page), []);
      await page.close();
    });
  }

  await t.test('should open a post and follow a Chinese TOC link to its heading', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(new URL('/2023/05/20/rest-api-design-guide/', site.url).href);
    // The sidebar lists the sections; the post's own [TOC] box is hidden beside it.
    assert.equal(await page.locator('.post-content nav.toc').count(), 1);
    assert.equal(await page.locator('.post-content nav.toc').isVisible(), false);
    const tocLinks = page.locator('.post-toc a');
    assert.ok((await tocLinks.count()) >= 4);
    const chineseLink = tocLinks.filter({ hasText: /\p{Script=Han}/u }).last();
    const href = (await chineseLink.getAttribute('href'))!;
    await chineseLink.click();
    // The browser percent-encodes a Chinese fragment in location.hash; compare decoded forms.
    await page.waitForFunction((h) => decodeURIComponent(location.hash) === decodeURIComponent(h), href);
    const id = decodeURIComponent(href.slice(1));
    const inView = await page.evaluate((target) => {
      const heading = document.getElementById(target);
      if (!heading) return false;
      const box = heading.getBoundingClientRect();
      return box.top >= -1 && box.top < window.innerHeight;
    }, id);
    assert.ok(inView, `heading #${id} is scrolled into view`);
    // GFM footnotes: the reference jumps to the note; the section's heading is for screen readers only.
    await page.locator('.post-content sup a[data-footnote-ref]').first().click();
    await page.waitForFunction(() => location.hash.startsWith('#user-content-fn-'));
    const footnotesHeading = page.locator('.post-content .footnotes h2');
    assert.equal(await footnotesHeading.count(), 1);
    const box = (await footnotesHeading.boundingBox())!;
    assert.ok(box.width <= 1 && box.height <= 1, `the footnotes heading is visible (${box.width}×${box.height})`);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await page.close();
  });

  await t.test('should show highlighted code with a copy button on a SystemTap post (phone width)', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(new URL('/2017/04/11/systemtap-quickstart/', site.url).href);
    assert.ok((await page.locator('.code-block .copy-code').count()) >= 1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await page.close();
  });

  await t.test('should show a feed opened in the browser as a page that explains how to subscribe', async () => {
    const page = await browser.newPage();
    for (const feed of ['/atom.xml', '/tags/kubernetes/rss.xml']) {
      await page.goto(new URL(feed, site.url).href);
      await page.locator('.notice').waitFor({ timeout: 30_000 });
      assert.match(await page.locator('.notice').innerText(), /这是一个订阅源.*阅读器/su, feed);
      const titles = await page.locator('li a').allInnerTexts();
      assert.ok(titles.length >= 1 && titles.every((title) => title.trim() !== ''), `${feed}: ${titles.join(' | ')}`);
      assert.ok((await page.locator('li a').first().getAttribute('href'))?.startsWith('http'), feed);
    }
    await page.close();
  });

  await t.test('should answer an unknown URL with the 404 page', async () => {
    const page = await browser.newPage();
    const response = await page.goto(new URL('/no/such/page/', site.url).href);
    assert.equal(response?.status(), 404);
    assert.match(await page.locator('h1').innerText(), /页面不存在/);
    await page.close();
  });
});
