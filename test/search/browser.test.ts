import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import test from 'node:test';
import type { Page } from 'playwright-core';
import { bundleEntry } from '../../src/search/bundle-client.ts';
import { parseQuery, tokenize } from '../../src/search/tokenize.ts';
import { launchChromium, seriousAxeViolations } from '../helpers/browser.ts';
import { serveStatic } from '../helpers/static-server.ts';
import { assembleSearchSite } from './browser-page.ts';
import { fixturePosts, makePost } from './helpers.ts';


async function firstResult(page: Page) {
  const first = page.locator('.search-listbox li').first();
  await first.waitFor();
  return {
    href: await first.getAttribute('data-href'),
    marks: await first.locator('.search-result-snippet mark').allTextContents(),
  };
}

test('search in Chromium', async (t) => {
  const browser = await launchChromium(t);
  if (!browser) return;
  const server = await serveStatic(await assembleSearchSite(fixturePosts()));
  t.after(async () => {
    await browser.close();
    await server.close();
  });
  const open = async (url: string, width = 1280): Promise<{ page: Page; requests: string[] }> => {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(new URL(url, server.url).href);
    return { page, requests };
  };

  await t.test('should load no index before the box gets focus', async () => {
    const { page, requests } = await open('/');
    await page.waitForLoadState('networkidle');
    assert.deepEqual(requests.filter((p) => p.startsWith('/search/')), []);
    const metaLoaded = page.waitForResponse((response) => response.url().endsWith('/search/meta.json'));
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-input');
    await metaLoaded;
    await page.close();
  });

  await t.test('should not steal `/` while the reader types in another field', async () => {
    const { page } = await open('/');
    await page.locator('#other-field').click();
    await page.keyboard.type('a/b');
    assert.equal(await page.locator('#other-field').inputValue(), 'a/b');
    await page.close();
  });

  await t.test('should find a Chinese word, highlight it, and land on its section with Enter', async () => {
    const { page } = await open('/restful/');
    await page.keyboard.press('/');
    await page.keyboard.type('服务发现');
    const first = await firstResult(page);
    assert.equal(first.href, `/msec/#${encodeURIComponent('分布式后台毫秒服务引擎')}`);
    assert.deepEqual(first.marks, ['服务发现']);
    assert.equal(await page.locator('.search-listbox li').count(), 1);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('.search-listbox li[aria-selected="true"]').count(), 1);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/msec\/#/);
    assert.equal(await page.evaluate(() => decodeURIComponent(location.hash.slice(1))), '分布式后台毫秒服务引擎');
    // The heading sits at the top of the viewport, below the stylesheet's scroll-margin-top.
    const { top, margin } = await page.evaluate(() => {
      const heading = document.getElementById('分布式后台毫秒服务引擎')!;
      return { top: heading.getBoundingClientRect().top, margin: parseFloat(getComputedStyle(heading).scrollMarginTop) || 0 };
    });
    assert.ok(Math.abs(top - margin) < 5, `the section heading is ${top}px from the top (scroll-margin-top ${margin}px)`);
    await page.close();
  });

  await t.test('should find an English term with a Chinese one and open the section on click', async () => {
    const { page } = await open('/');
    await page.locator('#search-input').fill('SystemTap 探针');
    const first = await firstResult(page);
    assert.equal(first.href, `/systemtap/#${encodeURIComponent('探针')}`);
    assert.deepEqual(first.marks.map((m) => m.toLowerCase()), ['systemtap', '探针']);
    await page.locator('.search-listbox li').first().click();
    await page.waitForURL(/\/systemtap\/#/);
    await page.close();
  });

  await t.test('should pass axe with the results open', async () => {
    const { page } = await open('/');
    await page.locator('#search-input').fill('服务');
    await page.locator('.search-listbox li').nth(1).waitFor();
    await page.keyboard.press('ArrowDown');
    const violations = await seriousAxeViolations(page, 'header');
    assert.deepEqual(violations, []);
    await page.close();
  });

  await t.test('should say so when nothing matches, close with the first Esc and clear with the second', async () => {
    const { page } = await open('/');
    await page.locator('#search-input').fill('没有的词');
    await page.locator('.search-popup .search-status').filter({ hasText: '没有找到结果' }).waitFor();
    assert.equal(await page.locator('.search-listbox li').count(), 0);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.search-popup').isHidden(), true);
    assert.equal(await page.locator('#search-input').inputValue(), '没有的词', 'the first Esc keeps the words');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#search-input').inputValue(), '');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-input');
    await page.close();
  });

  await t.test('should keep the results on screen at a 375 px phone width', async () => {
    const { page } = await open('/', 375);
    await page.locator('#search-input').fill('用户名');
    await firstResult(page);
    const box = (await page.locator('.search-popup').boundingBox())!;
    assert.ok(box.x >= 0 && box.x + box.width <= 375, `popup spans ${box.x}..${box.x + box.width}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await page.close();
  });

  await t.test('should show full results on the search page from ?q=', async () => {
    const { page } = await open(`/search/?q=${encodeURIComponent('"RESTful API" 版本号')}`);
    const item = page.locator('.search-results li').first();
    await item.waitFor();
    assert.equal(await item.locator('a').getAttribute('href'), `/restful/#${encodeURIComponent('版本号')}`);
    assert.ok((await item.locator('.search-result-meta').textContent())!.includes('API'));
    assert.deepEqual(await item.locator('.search-result-snippet mark').allTextContents(), ['RESTful API', '版本号']);
    assert.equal(await page.locator('#search-page-input').inputValue(), '"RESTful API" 版本号');
    await page.close();
  });

  await t.test('should tokenize identically in Chromium', async () => {
    const entry = fileURLToPath(new URL('../../src/search/tokenize.ts', import.meta.url));
    const code = await bundleEntry(entry, 'weeklogTokenizer');
    const { page } = await open('/');
    await page.addScriptTag({ content: code });
    const texts = ['early.分布式事务 Node.js ＳｙｓｔｅｍＴａｐ 探针', 'user_u:role_r 腾讯QQ团队 １２３ café', '"RESTful API" 版本号 sys 探'];
    const inBrowser = await page.evaluate((list) => {
      const tk = (window as unknown as { weeklogTokenizer: { tokenize(s: string): string[]; parseQuery(s: string): unknown } }).weeklogTokenizer;
      return list.map((text) => ({ tokens: tk.tokenize(text), query: tk.parseQuery(text) }));
    }, texts);
    assert.deepEqual(inBrowser, texts.map((text) => ({ tokens: tokenize(text), query: parseQuery(text) })));
    await page.close();
  });
});

test('search results page in Chromium', async (t) => {
  const browser = await launchChromium(t);
  if (!browser) return;
  const posts = Array.from({ length: 45 }, (_, i) =>
    makePost({ slug: `p${i + 1}`, title: `第 ${i + 1} 篇`, sections: [{ anchor: null, heading: '', text: `开源项目的第 ${i + 1} 次发布。` }] }),
  );
  const server = await serveStatic(await assembleSearchSite(posts));
  t.after(async () => {
    await browser.close();
    await server.close();
  });

  await t.test('should count every match and reach all of them page by page', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
    await page.goto(new URL(`/search/?q=${encodeURIComponent('开源')}`, server.url).href);
    await page.locator('.search-results li').first().waitFor();
    assert.equal(await page.locator('.search-page .search-status').textContent(), '找到 45 篇文章');
    const seen: string[] = [];
    for (const expected of [20, 20, 5]) {
      await page.locator('.search-results li').first().waitFor();
      assert.equal(await page.locator('.search-results li').count(), expected);
      seen.push(...(await page.locator('.search-results a.search-result').evaluateAll((links) => links.map((a) => a.getAttribute('href')!))));
      const next = page.locator('.search-pager a[rel="next"]');
      if (expected === 5) assert.equal(await next.count(), 0);
      else await Promise.all([page.waitForURL(/page=\d/), next.click()]);
    }
    assert.equal(new Set(seen).size, 45);
    await page.close();
  });

  await t.test('should give the search field at least 16 px text, so phones do not zoom', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
    await page.goto(new URL('/search/', server.url).href);
    const size = await page.locator('#search-page-input').evaluate((input) => parseFloat(getComputedStyle(input).fontSize));
    assert.ok(size >= 16, `font-size ${size}px`);
    await page.close();
  });
});

test('search without JavaScript', async (t) => {
  const browser = await launchChromium(t);
  if (!browser) return;
  const server = await serveStatic(await assembleSearchSite(fixturePosts(), 'en'));
  t.after(async () => {
    await browser.close();
    await server.close();
  });
  await t.test('should submit the header box to the search page, which says search needs JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('#search-input').fill('systemtap');
    await page.locator('#search-input').press('Enter');
    await page.waitForURL(/\/search\/\?q=systemtap/);
    assert.match((await page.locator('main').textContent())!, /Search needs JavaScript/);
    assert.equal(await page.locator('main a[href="/archives/"]').count(), 1);
    await context.close();
  });
});
