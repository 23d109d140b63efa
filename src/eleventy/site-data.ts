import type UserConfig from '@11ty/eleventy/UserConfig';
import { readRuntimeOptions } from '../config/runtime.ts';
import { formatProblems } from '../problems.ts';
import { currentSite, resetCurrentSite } from '../site/current.ts';
import { resolveSettings } from '../site/load-site.ts';

/**
 * Exposes the site model as global data `site` and the UI strings as `t`.
 * Posts are read by weeklog, not by Eleventy: Eleventy would run Markdown
 * through a template engine, and `{{ .Values.x }}` in a post must survive.
 */
export default function siteData(eleventyConfig: UserConfig): void {
  const runtime = readRuntimeOptions();
  const settings = resolveSettings(runtime);

  // A dev-server rebuild starts from the files as they are now; unchanged posts come from the loader's cache.
  eleventyConfig.on('eleventy.beforeWatch', () => resetCurrentSite());
  eleventyConfig.addWatchTarget(`${settings.contentDir}/**/*.{md,markdown}`);
  eleventyConfig.addWatchTarget(runtime.configFile ?? 'weeklog.config.yml');

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
