import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { loadPosts } from '../../src/content/load-posts.ts';
import { assertMatchesFile, settingsWith } from './helpers.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures', 'sites');

/**
 * Whole fixture sites read by loadPosts; `expected.json` holds what each post
 * became (and every problem). Regenerate with UPDATE=1 and review the diff.
 */
test('loadPosts on fixture sites', async (t) => {
  for (const name of (await readdir(fixtures)).sort()) {
    await t.test(`site ${name}`, async () => {
      // A copy, so that the project path (and nothing of the repository's git history) is the test's own.
      const projectDir = await mkdtemp(path.join(os.tmpdir(), `weeklog-site-${name}-`));
      await cp(path.join(fixtures, name), projectDir, { recursive: true });
      const settings = settingsWith(JSON.parse(await readFile(path.join(projectDir, 'settings.json'), 'utf8')));
      for (const mode of ['build', 'serve'] as const) {
        const result = await loadPosts(settings, { projectDir, mode, now: new Date('2026-01-01T00:00:00Z') });
        const actual = {
          posts: result.posts.map((post) => ({
            file: post.file,
            title: post.title,
            url: post.url,
            date: post.date.toISOString(),
            dateSource: post.dateSource,
            categories: post.categories,
            categoryPaths: post.categoryPaths,
            tags: post.frontMatterTags,
            draft: post.draft,
            excerptHtml: post.excerptHtml,
            summary: post.summary,
            readingTime: post.readingTime,
            assetFiles: post.assetFiles.map((a) => ({ source: path.relative(projectDir, a.source), output: a.output })),
          })),
          problems: result.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.ruleId}: ${p.message}`),
          skipped: result.skipped,
        };
        await assertMatchesFile(actual, path.join(fixtures, name, `expected-${mode}.json`));
      }
    });
  }
});
