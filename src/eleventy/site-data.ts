import path from 'node:path';
import type UserConfig from '@11ty/eleventy/UserConfig';
import type { BuildContext } from '../build/context.ts';
import { SETTINGS_FILE } from '../config/settings.ts';
import { formatProblems } from '../problems.ts';

/**
 * Exposes the site model as global data `site` and the UI strings as `t`.
 * Posts are read by weeklog, not by Eleventy: Eleventy would run Markdown
 * through a template engine, and `{{ .Values.x }}` in a post must survive.
 */
export default function siteData(eleventyConfig: UserConfig, context: BuildContext): void {
  const { runtime, settings } = context;

  // A dev-server rebuild starts from the files (settings included) as they are now; unchanged posts come from the render cache.
  eleventyConfig.on('eleventy.beforeWatch', () => context.invalidate({ settings: true }));
  // Resolved against the project, like the loader does: the working directory may be elsewhere.
  const contentDir = path.resolve(runtime.projectDir, settings.contentDir);
  eleventyConfig.addWatchTarget(`${contentDir.split(path.sep).join('/')}/**/*.{md,markdown}`);
  eleventyConfig.addWatchTarget(path.resolve(runtime.projectDir, runtime.configFile ?? SETTINGS_FILE));

  eleventyConfig.addGlobalData('site', () => context.site());
  // A build's related posts are worked out in a thread started with the site (load-site.ts); the pages wait for
  // them, while the search index is written meanwhile (Eleventy runs its `eleventy.before` listeners together).
  eleventyConfig.on('eleventy.before', async () => {
    await (await context.site()).relatedThreadSettled();
  });
  eleventyConfig.addGlobalData('t', async () => (await context.site()).strings);

  // Warnings are printed here only when no CLI is there to print them.
  if (context.problemsPrintedBy === 'eleventy') {
    eleventyConfig.on('eleventy.after', async () => {
      const site = await context.site();
      if (site.problems.length > 0) console.warn(formatProblems(site.problems));
      for (const line of site.taxonomy.merges) console.warn(line);
    });
  }
}
