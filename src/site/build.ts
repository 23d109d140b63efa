import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import { resolveTheme, writeRuntimeOptions, type RuntimeOptions } from '../config/runtime.ts';
import type { Problem } from '../problems.ts';
import { currentSite, resetCurrentSite } from './current.ts';

export interface BuildOptions {
  /** Folder with weeklog.config.yml, content and public/; its own .eleventy.ts and templates/ replace weeklog's. */
  projectDir: string;
  /** Markdown folder; default: the settings' `contentDir`. */
  contentDir?: string;
  /** Where the site is written (not atomically: the CLI swaps folders). */
  outputDir: string;
  /** Overrides the settings' `url`. */
  baseUrl?: string;
  /** Settings file relative to projectDir (default: `weeklog.config.yml`). */
  configFile?: string;
  /** `serve` includes drafts and keeps going on content errors (default: `build`). */
  mode?: 'build' | 'serve';
  /** Silences Eleventy's own log lines (default: `true`). */
  quiet?: boolean;
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

/** Points `.eleventy.ts` at this run's folders; it reads them from the environment. */
export function applyRuntime(options: Partial<RuntimeOptions> & { projectDir: string }): void {
  writeRuntimeOptions({
    projectDir: path.resolve(options.projectDir),
    configFile: options.configFile,
    contentDir: options.contentDir ? path.resolve(options.contentDir) : undefined,
    outputDir: options.outputDir ? path.resolve(options.outputDir) : undefined,
    baseUrl: options.baseUrl,
    mode: options.mode ?? 'build',
  });
  // The CLI prints problems itself, sorted, once.
  process.env.WEEKLOG_CLI = '1';
}

/**
 * Builds the whole site into `outputDir`. Content is read and checked before
 * Eleventy starts, so a content error throws `ContentError` (with every
 * problem) before a single file is written.
 */
export async function buildSite(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  applyRuntime(options);
  resetCurrentSite();
  const site = await currentSite();

  const eleventy = new Eleventy(undefined, path.resolve(options.outputDir), {
    configPath: resolveTheme(path.resolve(options.projectDir)).configFile,
    quietMode: options.quiet ?? true,
  });
  // Eleventy forces its "Copied … Wrote …" line even in quiet mode; the CLI prints its own summary.
  if (options.quiet ?? true) eleventy.logger.overrideLogger({ log() {}, warn: console.warn, error: console.error } as unknown as Console);
  const [, templates] = (await eleventy.write()) as unknown as [unknown, unknown[]];
  return {
    pages: templates.length,
    posts: site.posts.length,
    problems: site.problems,
    merges: site.taxonomy.merges,
    elapsedMs: performance.now() - started,
  };
}
