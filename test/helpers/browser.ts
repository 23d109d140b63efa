import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildSampleSite } from './sample-site.ts';
import { serveStatic } from './static-server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, never a downloaded browser. Without it a browser test is
 * skipped on a developer machine but fails in CI, where it must run.
 */
export async function launchChromium(t: TestContext): Promise<Browser | null> {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI === 'true') throw new Error(`Chromium is missing at ${CHROMIUM}; CI must install it (apt-get install -y chromium).`);
    t.skip(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
    return null;
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  // Closed however the test ends: an open browser keeps the test file's process, and the whole run, alive.
  t.after(() => browser.close());
  return browser;
}

/** Chromium on the sample site, built once per process and served over HTTP; both closed after `t`. */
export async function browseSampleSite(t: TestContext): Promise<{ browser: Browser; url: string } | null> {
  const browser = await launchChromium(t);
  if (!browser) return null;
  const { outputDir } = await buildSampleSite();
  const server = await serveStatic(outputDir);
  t.after(async () => {
    await browser.close();
    await server.close();
  });
  return { browser, url: server.url };
}

let axeSource: Promise<string> | undefined;

/** axe-core's serious and critical violations on the page (or inside `selector`), one line each. */
export async function seriousAxeViolations(page: Page, selector?: string): Promise<string[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: await axeSource });
  const violations = await page.evaluate(async (context) => {
    type Result = { violations: { id: string; impact: string; nodes: { target: string[]; any: { message: string }[] }[] }[] };
    const axe = (window as unknown as { axe: { run(context?: string): Promise<Result> } }).axe;
    const result = context ? await axe.run(context) : await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => [n.target.join(' '), n.any[0]?.message ?? '']) }));
  }, selector);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${JSON.stringify(v.nodes.slice(0, 3))}`);
}
