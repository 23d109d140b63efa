import path from 'node:path';
import type UserConfig from '@11ty/eleventy/UserConfig';
import type { RuntimeOptions } from '../config/runtime.ts';
import { SETTINGS_FILE, type Settings } from '../config/settings.ts';
import { formatProblems } from '../problems.ts';
import { currentSite, resetCurrentSite } from '../site/current.ts';

/**
 * Exposes the site model as global data `site` and the UI strings as `t`.
 * Posts are read by weeklog, not by Eleventy: Eleventy would run Markdown
 * through a template engine, and `{{ .Values.x }}` in a post must survive.
 */
export default function siteData(eleventyConfig: UserConfig, options: { settings: Settings; runtime: RuntimeOptions }): void {
  const { settings, runtime } = options;

  // A dev-server rebuild starts from the files as they are now; unchanged posts come from the loader's cache.
  eleventyConfig.on('eleventy.beforeWatch', () => resetCurrentSite());
  // Resolved against the project, like the loader does: the working directory may be elsewhere.
  const contentDir = path.resolve(runtime.projectDir, settings.contentDir);
  eleventyConfig.addWatchTarget(`${contentDir.split(path.sep).join('/')}/**/*.{md,markdown}`);
  eleventyConfig.addWatchTarget(path.resolve(runtime.projectDir, runtime.configFile ?? SETTINGS_FILE));

  eleventyConfig.addGlobalData('site', () => currentSite());
  eleventyConfig.addGlobalData('t', async () => (await currentSite()).strings);

  // Warnings are printed here only when no CLI is there to print them.
  if (process.env.WEEKLOG_CLI !== '1') {
    eleventyConfig.on('eleventy.after', async () => {
      const site = await currentSite();
      if (site.problems.length > 0) console.warn(formatProblems(site.problems));
      for (const line of site.taxonomy.merges) console.warn(line);
    });
  }
}
