import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { HtmlValidate } from 'html-validate';
import { browseSampleSite, seriousAxeViolations } from '../helpers/browser.ts';
import { buildSampleSite } from '../helpers/sample-site.ts';

const run = promisify(execFile);

async function htmlFiles(dir: string): Promise<string[]> {
  const files = await readdir(dir, { recursive: true });
  return files.filter((file) => file.endsWith('.html')).map((file) => path.join(dir, file)).sort();
}

/** Java runs the Nu Html Checker; without it the check is skipped locally but fails in CI. */
async function hasJava(t: TestContext): Promise<boolean> {
  try {
    await run('java', ['-version']);
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error('java is missing; CI must install it (apt-get install -y default-jre-headless).');
    t.skip('java not found (apt-get install -y default-jre-headless)');
    return false;
  }
}

test('every page of the sample site passes the validators', async (t) => {
  const { outputDir } = await buildSampleSite();
  const files = await htmlFiles(outputDir);

  await t.test('should build a page for every sitemap entry and the 404 page', async () => {
    const sitemap = await readFile(path.join(outputDir, 'sitemap.xml'), 'utf8');
    const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)];
    assert.equal(files.length, urls.length + 1, 'every page but 404.html is in the sitemap');
  });

  await t.test('should have no Nu Html Checker (vnu) errors', async (t) => {
    if (!(await hasJava(t))) return;
    const jar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
    // vnu exits 1 when it finds errors; the JSON report on stderr is what counts.
    const result = await run('java', ['-jar', jar, '--errors-only', '--format', 'json', '--skip-non-html', outputDir], { maxBuffer: 64 << 20 }).catch(
      (error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }),
    );
    const messages = (JSON.parse(result.stderr || '{"messages":[]}') as { messages: { url: string; lastLine?: number; message: string }[] }).messages;
    assert.deepEqual(
      messages.map((m) => `${path.relative(outputDir, m.url.replace(/^file:/, ''))}:${m.lastLine ?? 0} ${m.message}`),
      [],
    );
  });

  await t.test('should have no html-validate errors with the recommended rules', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const problems: string[] = [];
    for (const file of files) {
      const report = await validator.validateFile(file);
      for (const result of report.results) {
        for (const m of result.messages) problems.push(`${path.relative(outputDir, file)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
      }
    }
    assert.deepEqual(problems, []);
  });
});

/**
 * axe takes seconds a page on a busy machine, so by default one page of each kind is checked
 * (every post, and the first of each listing kind); CI and `WEEKLOG_AXE_SWEEP=all` check every page.
 */
function pagesToCheck(paths: string[]): string[] {
  if (process.env.CI === 'true' || process.env.WEEKLOG_AXE_SWEEP === 'all') return paths;
  const kinds = new Map<string, string>();
  for (const pagePath of paths) {
    const isPost = /^\/\d{4}\/\d{2}\/\d{2}\//.test(pagePath);
    const [first = '', ...rest] = pagePath.split('/').filter(Boolean);
    // `/tags/a/` and `/tags/b/` are one kind; `/tags/`, `/links/` and `/` are each their own.
    const kind = isPost ? pagePath : `${first.replace(/\d+/g, 'N')}/${rest.map(() => '*').join('/')}`;
    if (!kinds.has(kind)) kinds.set(kind, pagePath);
  }
  return [...kinds.values()];
}

test('axe finds nothing serious on the pages, light and dark, wide and narrow', async (t) => {
  const site = await browseSampleSite(t);
  if (!site) return;
  const { outputDir } = await buildSampleSite();
  const sitemap = await readFile(path.join(outputDir, 'sitemap.xml'), 'utf8');
  // The sample's site URL has no path, so a page's path is its URL's.
  const all = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  all.push('/404.html');
  const paths = pagesToCheck(all);
  assert.ok(paths.length >= 25, `${paths.length} pages`);

  for (const [width, height] of [[1280, 800], [375, 812]] as const) {
    await t.test(`should pass axe at ${width} px in both schemes on ${paths.length} of ${all.length} pages`, async () => {
      const context = await site.browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      const failures: string[] = [];
      for (const pagePath of paths) {
        await page.goto(new URL(pagePath, site.url).href);
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          for (const violation of await seriousAxeViolations(page)) failures.push(`${decodeURI(pagePath)} ${colorScheme} ${violation}`);
        }
      }
      await context.close();
      assert.deepEqual(failures, []);
    });
  }
});
