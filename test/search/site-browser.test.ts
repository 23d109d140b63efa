import assert from 'node:assert/strict';
import test from 'node:test';
import { browseSampleSite } from '../helpers/browser.ts';

test('search on the built sample site', async (t) => {
  const site = await browseSampleSite(t);
  if (!site) return;
  const { browser } = site;

  // Words of the sample content whose best passage is under a heading, and that heading's id.
  for (const { query, anchor } of [
    { query: '注册中心', anchor: '注册中心' },
    { query: 'tapset', anchor: '常用-tapset' },
  ]) {
    await t.test(`should take the reader from the header box to the section ${anchor} that contains ${query}`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(site.url);
      await page.keyboard.press('/');
      await page.keyboard.type(query);
      const first = page.locator('.search-listbox li').first();
      await first.waitFor();
      const marks = await first.locator('mark').allTextContents();
      assert.ok(marks.some((m) => m.toLowerCase() === query.toLowerCase()), `marks: ${marks.join(', ')}`);
      const href = (await first.getAttribute('data-href'))!;
      assert.ok(href.endsWith(`#${encodeURIComponent(anchor)}`), href);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname + url.hash === href);
      assert.equal(await page.evaluate((id) => !!document.getElementById(id), anchor), true, `no element with id ${anchor}`);
      assert.ok((await page.locator('main').textContent())!.toLowerCase().includes(query.toLowerCase()));
      await page.close();
    });
  }

  await t.test('should list results on the search page', async () => {
    const page = await browser.newPage();
    await page.goto(new URL(`/search/?q=${encodeURIComponent('服务发现')}`, site.url).href);
    await page.locator('.search-results li').first().waitFor();
    assert.ok((await page.locator('.search-results li mark').count()) >= 1);
    assert.match((await page.locator('.search-page .search-status').textContent())!, /\d/);
    await page.close();
  });
});
