import path from 'node:path';
import type UserConfig from '@11ty/eleventy/UserConfig';
import { buildContextOf } from './src/build/context.ts';
import filters from './src/eleventy/filters.ts';
import fragments from './src/eleventy/fragments.ts';
import generatedFiles from './src/eleventy/generated-files.ts';
import nunjucksOnce from './src/eleventy/nunjucks-once.ts';
import siteData from './src/eleventy/site-data.ts';
import staticFiles from './src/eleventy/static-files.ts';

export default function (eleventyConfig: UserConfig): { pathPrefix: string } {
  // The build's settings, folders and caches: the CLI's, or a default one for Eleventy's own command.
  const context = buildContextOf(eleventyConfig);
  const { runtime, settings, theme } = context;
  // Eleventy resolves its folders from the working directory, which need not be the project.
  const fromProject = (dir: string) => path.relative(process.cwd(), path.resolve(runtime.projectDir, dir)) || '.';

  eleventyConfig.setInputDirectory(fromProject(theme.templatesDir)); // layouts and pages; posts are read from settings.contentDir
  // weeklog installed as a package: Eleventy skips node_modules/, by default and through the project's .gitignore.
  if (theme.templatesDir.split(path.sep).includes('node_modules')) {
    eleventyConfig.ignores.delete('**/node_modules/**');
    eleventyConfig.setUseGitIgnore(false);
  }
  eleventyConfig.setIncludesDirectory('_includes'); // default: _includes
  eleventyConfig.setOutputDirectory(fromProject(settings.outputDir)); // default: _site (weeklog.config.yml `outputDir`)
  eleventyConfig.setTemplateFormats(['njk']);
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  eleventyConfig.setQuietMode(true);
  // Each template compiled once per build, not once per page.
  eleventyConfig.addPlugin(nunjucksOnce);

  // The site model (posts, terms, listings) as global data `site`, UI strings as `t`.
  eleventyConfig.addPlugin(siteData, context);
  // Date, URL and string filters for the templates. A site URL with a path (https://example.com/blog/)
  // puts every link under that prefix through the `url` and `basePathHtml` filters: written already
  // prefixed, pages need no second pass over their HTML (HtmlBasePlugin's took ~40% of such a build).
  eleventyConfig.addPlugin(filters, settings);
  // Listing items (post summaries, links) rendered once per build, not once per listing they are on.
  eleventyConfig.addPlugin(fragments);
  // The theme's public/ and then the project's copied to the site root.
  eleventyConfig.addPlugin(staticFiles, { settings, projectDir: runtime.projectDir, themePublicDir: theme.publicDir });
  // Feeds, search index, links.json, sitemap and post assets, after the pages.
  eleventyConfig.addPlugin(generatedFiles, context);
  // Eleventy's own `url` filter is replaced above; the prefix is still declared for a project's own plugins.
  return { pathPrefix: new URL(settings.url).pathname };
}
