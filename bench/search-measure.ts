import type { Browser, Page } from 'playwright-core';

/** What one engine did for one query in a fresh browser context. */
export interface QueryRun {
  /** gzip body bytes of every search request for the first query, the client script included. */
  bytes: number;
  requests: number;
  /** Ranked post URLs, every match (unencoded, root-relative). */
  urls: string[];
  coldMs: number;
  warmMs: number[];
}

const WARM_REPEATS = 20;
const SHOWN = 8;

async function countBytes(page: Page, belongs: (pathname: string) => boolean): Promise<() => Promise<{ bytes: number; requests: number }>> {
  const pending: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    if (belongs(new URL(request.url()).pathname)) pending.push(request.sizes().then((sizes) => sizes.responseBodySize));
  });
  return async () => {
    const sizes = await Promise.all(pending);
    return { bytes: sizes.reduce((a, b) => a + b, 0), requests: sizes.length };
  };
}

/** weeklog: the real box on the home page, typed into, until results show; then timing with the engine bundle. */
export async function runWeeklog(browser: Browser, baseUrl: string, query: string, engineBundle: string, docUrls: string[]): Promise<QueryRun> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const total = await countBytes(page, (p) => p === '/assets/search.js' || p.startsWith('/search/'));
  await page.goto(baseUrl, { waitUntil: 'load' });
  await page.locator('#search-input').fill(query);
  await page.locator('.search-popup:not([hidden]) .search-status:not(:empty)').waitFor();
  await page.waitForTimeout(50);
  const { bytes, requests } = await total();
  await context.close();

  const timing = await browser.newContext();
  const timed = await timing.newPage();
  await timed.goto(baseUrl, { waitUntil: 'load' });
  await timed.addScriptTag({ content: engineBundle });
  const result = await timed.evaluate(
    async ({ query, repeats, shown }) => {
      const api = (window as unknown as { weeklogEngine: typeof import('../src/search/client/engine.ts') }).weeklogEngine;
      const engine = api.createSearchEngine((file) => fetch(`/search/${file}`).then((r) => r.json()));
      const started = performance.now();
      const outcome = await engine.search(query, shown);
      const coldMs = performance.now() - started;
      const warmMs: number[] = [];
      for (let i = 0; i < repeats; i++) {
        const t0 = performance.now();
        await engine.search(query, shown);
        warmMs.push(performance.now() - t0);
      }
      return { coldMs, warmMs, docs: outcome.results.map((r) => r.doc) };
    },
    { query, repeats: WARM_REPEATS, shown: SHOWN },
  );
  await timing.close();
  return { bytes, requests, urls: result.docs.map((doc) => docUrls[doc]), coldMs: result.coldMs, warmMs: result.warmMs };
}

/** Pagefind: its JS API on the same page (its UI bundle, ~20 KB more, is not counted). */
export async function runPagefind(browser: Browser, baseUrl: string, query: string): Promise<QueryRun> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const total = await countBytes(page, (p) => p.startsWith('/pagefind/'));
  await page.goto(baseUrl, { waitUntil: 'load' });
  type Pagefind = { search(q: string): Promise<{ results: { data(): Promise<{ url: string }> }[] }> };
  const coldMs = await page.evaluate(
    async ({ query, shown }) => {
      const started = performance.now();
      const pagefind = (await import('/pagefind/pagefind.js' as string)) as Pagefind;
      const first = await pagefind.search(query);
      await Promise.all(first.results.slice(0, shown).map((r) => r.data()));
      (window as unknown as { pagefind: Pagefind }).pagefind = pagefind;
      return performance.now() - started;
    },
    { query, shown: SHOWN },
  );
  await page.waitForTimeout(50);
  const { bytes, requests } = await total();
  // After the first query is counted: warm queries, then every URL for recall.
  const rest = await page.evaluate(
    async ({ query, repeats, shown }) => {
      const pagefind = (window as unknown as { pagefind: Pagefind }).pagefind;
      const warmMs: number[] = [];
      for (let i = 0; i < repeats; i++) {
        const t0 = performance.now();
        const again = await pagefind.search(query);
        await Promise.all(again.results.slice(0, shown).map((r) => r.data()));
        warmMs.push(performance.now() - t0);
      }
      const all = await pagefind.search(query);
      return { warmMs, urls: await Promise.all(all.results.map(async (r) => (await r.data()).url)) };
    },
    { query, repeats: WARM_REPEATS, shown: SHOWN },
  );
  await context.close();
  return { bytes, requests, urls: rest.urls.map((u) => decodeURI(u)), coldMs, warmMs: rest.warmMs };
}
