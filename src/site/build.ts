import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import { attachBuildContext, BuildContext } from '../build/context.ts';
import { limitHeapGrowth } from '../build/heap-growth.ts';
import { writePagesOneAtATime } from '../eleventy/write-pages-one-at-a-time.ts';
import type { Problem } from '../problems.ts';

export interface BuildOptions {
  /** Folder with weeklog.config.yml, content and public/; its own .eleventy.ts and templates/ replace weeklog's. */
  projectDir: string;
  /** Markdown folder; default: the settings' `contentDir`. */
  contentDir?: string | undefined;
  /** Where the site is written (not atomically: the CLI swaps folders). */
  outputDir: string;
  /** Overrides the settings' `url`. */
  baseUrl?: string | undefined;
  /** Settings file relative to projectDir (default: `weeklog.config.yml`). */
  configFile?: string | undefined;
  /** `serve` includes drafts and keeps going on content errors (default: `build`). */
  mode?: 'build' | 'serve';
  /** Silences Eleventy's own log lines (default: `true`). */
  quiet?: boolean;
  /** Persistent render cache folder, `null` for none (default: `.cache/weeklog` in the project). */
  cacheDir?: string | null | undefined;
  /**
   * Once the posts are rendered, bound the growth of this process's heap to this many percent
   * past its live data (build/heap-growth.ts): only for a process that builds once and exits
   * (default: `null`, V8's own sizing).
   */
  heapGrowthPercent?: number | null | undefined;
}

export interface BuildSummary {
  pages: number;
  posts: number;
  /** Warnings (errors stop the build with a ContentError instead). */
  problems: Problem[];
  /** Term merges the taxonomy made, one line each. */
  merges: string[];
  elapsedMs: number;
}

/** The context of one build run from the CLI or a test: the caller prints the problems. */
export function createBuildContext(options: BuildOptions): BuildContext {
  return new BuildContext({
    projectDir: options.projectDir,
    configFile: options.configFile,
    contentDir: options.contentDir,
    outputDir: options.outputDir,
    baseUrl: options.baseUrl,
    mode: options.mode ?? 'build',
    problemsPrintedBy: 'caller',
    cacheDir: options.cacheDir,
    postHtmlOnDisk: true,
  });
}

/**
 * Builds the whole site into `outputDir`. Content is read and checked before
 * Eleventy starts, so a content error throws `ContentError` (with every
 * problem) before a single file is written.
 */
export async function buildSite(options: BuildOptions, context = createBuildContext(options)): Promise<BuildSummary> {
  const started = performance.now();
  try {
    context.invalidate();
    const site = await context.site();
    if (options.heapGrowthPercent != null) limitHeapGrowth(options.heapGrowthPercent);

    const eleventy = new Eleventy(undefined, path.resolve(options.outputDir), {
      configPath: context.theme.configFile,
      quietMode: options.quiet ?? true,
      // Runs before `.eleventy.ts`, which takes the context from its config object.
      config: (eleventyConfig: object) => attachBuildContext(eleventyConfig, context),
    });
    // Eleventy forces its "Copied … Wrote …" line even in quiet mode; the CLI prints its own summary.
    if (options.quiet ?? true) eleventy.logger.overrideLogger({ log() {}, warn: console.warn, error: console.error } as unknown as Console);
    await eleventy.init();
    writePagesOneAtATime(eleventy);
    const [, templates] = (await eleventy.write()) as unknown as [unknown, unknown[]];
    return {
      pages: templates.length,
      posts: site.posts.length,
      problems: site.problems,
      merges: site.taxonomy.merges,
      elapsedMs: performance.now() - started,
    };
  } finally {
    context.releasePostHtml();
  }
}
