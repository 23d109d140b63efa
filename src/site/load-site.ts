import path from 'node:path';
import { loadSettings, type Settings } from '../config/settings.ts';
import type { RuntimeOptions } from '../config/runtime.ts';
import { loadPosts } from '../content/load-posts.ts';
import { splitStandalonePages } from '../content/standalone-pages.ts';
import { ContentError } from '../errors.ts';
import { formatProblems, type Problem } from '../problems.ts';
import { buildTaxonomy } from '../taxonomy/build-taxonomy.ts';
import { SiteModel } from './model.ts';
import { stringsFor } from './strings.ts';

/** Settings with the run's overrides (CLI flags) applied. */
export function resolveSettings(runtime: RuntimeOptions): Settings {
  const settings = loadSettings(runtime.projectDir, runtime.configFile);
  if (runtime.contentDir) settings.contentDir = path.resolve(runtime.contentDir);
  if (runtime.outputDir) settings.outputDir = path.resolve(runtime.outputDir);
  if (runtime.baseUrl) settings.url = runtime.baseUrl.endsWith('/') ? runtime.baseUrl : `${runtime.baseUrl}/`;
  return settings;
}

/**
 * Reads every post once and assembles the model the templates render. In build
 * mode any content error stops the run (with all problems listed); in serve mode
 * the site is built from the good posts and the problems are shown in the page.
 */
export async function loadSite(runtime: RuntimeOptions, settings = resolveSettings(runtime)): Promise<SiteModel> {
  const loaded = await loadPosts(settings, {
    projectDir: runtime.projectDir,
    contentDir: settings.contentDir,
    mode: runtime.mode,
  });
  const { problems } = loaded;
  const { posts, pages } = splitStandalonePages(loaded.posts);
  const taxonomy = buildTaxonomy(posts, settings, { projectDir: runtime.projectDir });
  const allProblems: Problem[] = [...problems, ...taxonomy.problems];
  const errors = allProblems.filter((p) => p.severity === 'error');
  if (errors.length > 0 && runtime.mode === 'build') {
    throw new ContentError(
      `${errors.length} content ${errors.length === 1 ? 'error' : 'errors'}; nothing was written.\n${formatProblems(allProblems)}`,
      allProblems,
    );
  }
  const strings = stringsFor(settings.language);
  return new SiteModel(settings, posts, taxonomy, strings, runtime.mode, allProblems, pages);
}
