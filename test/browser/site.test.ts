import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { buildSampleSite } from '../helpers/sample-site.ts';
import { serveStatic } from '../helpers/static-server.ts';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.targets.slice(0, 3).join(', ')}`);
}

test('a reader browses the sample site in Chromium', async (t) => {
  const browser = await launchChromium(t);
  if (!browser) return;
  const { outputDir } = await buildSampleSite();
  const server = await serveStatic(outputDir);
  t.after(async () => {
    await browser.close();
    await server.close();
  });

  for (const viewport of [
    { name: 'desktop', width: 1280, height: 900 },
    { name: 'phone', width: 375, height: 740 },
  ]) {
    await t.test(`should show the home page without accessibility failures (${viewport.name})`, async () => {
      const page = await browser.newPage({ viewport });
      await page.goto(server.url);
      assert.ok((await page.locator('.post-summary').count()) >= 5);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      assert.deepEqual(await seriousViolations(page), []);
      await page.close();
    });
  }

  await t.test('should open a post and follow a Chinese TOC link to its heading', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(new URL('/2023/05/20/rest-api-design-guide/', server.url).href);
    const tocLinks = page.locator('.post-content nav.toc a, .post-toc a');
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
    assert.deepEqual(await seriousViolations(page), []);
    await page.close();
  });

  await t.test('should show highlighted code with a copy button on a SystemTap post (phone width)', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(new URL('/2017/04/11/systemtap-quickstart/', server.url).href);
    assert.ok((await page.locator('.code-block .copy-code').count()) >= 1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await page.close();
  });

  await t.test('should answer an unknown URL with the 404 page', async () => {
    const page = await browser.newPage();
    const response = await page.goto(new URL('/no/such/page/', server.url).href);
    assert.equal(response?.status(), 404);
    assert.match(await page.locator('h1').innerText(), /页面不存在/);
    await page.close();
  });
});
