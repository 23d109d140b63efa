import path from 'node:path';
import { readRuntimeOptions, resolveTheme, type RuntimeOptions, type Theme } from '../config/runtime.ts';
import { loadSettings, type Settings } from '../config/settings.ts';
import { HtmlSpool } from '../content/html-spool.ts';
import { RenderCache } from '../content/render-cache.ts';
import type { RenderPoolOptions } from '../content/render-pool.ts';
import type { MarkdownProcessor } from '../markdown/processor.ts';
import type { SiteModel } from '../site/model.ts';
import { BuildCaches } from './caches.ts';
import { BuildFacts } from './facts.ts';

export interface BuildContextOptions {
  /** Folder with weeklog.config.yml, content and public/; its own .eleventy.ts and templates/ replace weeklog's. */
  projectDir: string;
  /** Settings file relative to projectDir (default: `weeklog.config.yml`). */
  configFile?: string | undefined;
  /** Markdown folder (default: the settings' `contentDir`). */
  contentDir?: string | undefined;
  /** Where the site is written (default: the settings' `outputDir`). */
  outputDir?: string | undefined;
  /** Overrides the settings' `url`. */
  baseUrl?: string | undefined;
  /** `serve` includes drafts and keeps going on content errors (default: `'build'`). */
  mode?: 'build' | 'serve' | undefined;
  /**
   * Who prints the run's problems: `'caller'` (the CLI sorts and prints them once) or
   * `'eleventy'` (Eleventy's own command, where nobody else would) (default: `'eleventy'`).
   */
  problemsPrintedBy?: 'caller' | 'eleventy' | undefined;
  /**
   * Folder for the render cache kept between runs; `null` keeps it in memory only
   * (default: `.cache/weeklog` in the project).
   */
  cacheDir?: string | null | undefined;
  /**
   * Worker threads that render the posts of a build with many to render (see RenderPoolOptions);
   * `null` renders every post in this thread (default: `{}`, threads as the machine has cores).
   */
  renderThreads?: RenderPoolOptions | null | undefined;
  /**
   * A build keeps its posts' HTML in a file instead of the heap until `releasePostHtml` (see HtmlSpool);
   * only for a build that reads the site once and then ends (default: `false`).
   */
  postHtmlOnDisk?: boolean | undefined;
}

/** Resolved folders of one build, all absolute. */
export interface BuildPaths {
  projectDir: string;
  contentDir: string;
  outputDir: string;
  /** Persistent cache, or null when the cache lives in memory only. */
  cacheDir: string | null;
}

/**
 * Everything one build (or one `serve` session of rebuilds) owns: its settings and folders, the
 * caches of rendered posts, search and feed work, the Markdown processor, the site model of the
 * build in progress and the facts about what each output depends on. Created by the CLI (or by
 * `.eleventy.ts` when Eleventy runs on its own) and handed to every Eleventy plugin; nothing of it
 * lives in `process.env` or in module variables, so two builds in one process cannot mix.
 */
export class BuildContext {
  readonly runtime: RuntimeOptions;
  readonly theme: Theme;
  readonly problemsPrintedBy: 'caller' | 'eleventy';
  readonly caches: BuildCaches;
  readonly renderCache: RenderCache;
  readonly facts = new BuildFacts();
  #settings: Settings;
  #paths: BuildPaths;
  #site: Promise<SiteModel> | null = null;
  #settingsStale = false;
  readonly #postHtmlOnDisk: boolean;
  /** Opened when the site is loaded (see `postHtml`). */
  #postHtml: HtmlSpool | null = null;

  constructor(options: BuildContextOptions) {
    const projectDir = path.resolve(options.projectDir);
    this.runtime = {
      projectDir,
      configFile: options.configFile,
      contentDir: options.contentDir === undefined ? undefined : path.resolve(options.contentDir),
      outputDir: options.outputDir === undefined ? undefined : path.resolve(options.outputDir),
      baseUrl: options.baseUrl,
      mode: options.mode ?? 'build',
    };
    this.theme = resolveTheme(projectDir);
    this.problemsPrintedBy = options.problemsPrintedBy ?? 'eleventy';
    this.#settings = resolveSettings(this.runtime);
    const cacheDir = options.cacheDir === undefined ? path.join(projectDir, '.cache', 'weeklog') : options.cacheDir;
    this.#paths = this.#resolvePaths(cacheDir === null ? null : path.resolve(projectDir, cacheDir));
    this.caches = new BuildCaches(this.runtime.mode);
    this.#postHtmlOnDisk = options.postHtmlOnDisk === true && this.runtime.mode === 'build';
    this.renderCache = new RenderCache({
      processor: () => this.processor(),
      dir: this.#paths.cacheDir === null ? null : path.join(this.#paths.cacheDir, 'render'),
      // The threads render with the standard processor, which is what processor() gives.
      threads: options.renderThreads === undefined ? {} : options.renderThreads,
      inMemory: this.runtime.mode === 'serve',
    });
  }

  /** The settings file with this run's overrides applied. */
  get settings(): Settings {
    return this.#settings;
  }

  get paths(): BuildPaths {
    return this.#paths;
  }

  get mode(): 'build' | 'serve' {
    return this.runtime.mode;
  }

  /** Reads the settings file again (the author edited it during `serve`); throws SettingsError. */
  reloadSettings(): Settings {
    this.#settings = resolveSettings(this.runtime);
    this.#paths = this.#resolvePaths(this.#paths.cacheDir);
    this.#site = null;
    return this.#settings;
  }

  /**
   * The site model of the build in progress. Eleventy asks for global data and runs its
   * after-build hooks separately; all of them share this one promise so posts are read once.
   */
  site(): Promise<SiteModel> {
    this.#site ??= (async () => {
      if (this.#settingsStale) {
        this.#settingsStale = false;
        this.reloadSettings();
      }
      const { loadSite } = await import('../site/load-site.ts');
      const site = await loadSite(this.runtime, this.#settings, this);
      // A build has seen every post: entries it did not use belong to deleted or edited files. Never reached after a
      // build stopped before rendering (loadSite throws the errors that stop it), which has used no entry at all.
      if (this.mode === 'build') await this.renderCache.prune();
      return site;
    })();
    return this.#site;
  }

  /** Where the loaded posts' HTML is kept; `null`: in memory (`serve`, or no spool could be made). */
  get postHtml(): HtmlSpool | null {
    if (this.#postHtmlOnDisk) this.#postHtml ??= HtmlSpool.open();
    return this.#postHtml;
  }

  /** The build is over: its posts' HTML is let go (read after this, it throws SpoolClosedError); a next load opens another. */
  releasePostHtml(): void {
    this.#postHtml?.close();
    this.#postHtml = null;
  }

  /**
   * The next `site()` reads the files again, and the settings file too when `settings` is true;
   * unchanged posts still come from the render cache.
   */
  invalidate(options: { settings?: boolean } = {}): void {
    this.#site = null;
    if (options.settings) this.#settingsStale = true;
  }

  /** The Markdown processor posts are rendered with (stateless once frozen, so it may be shared). */
  async processor(): Promise<MarkdownProcessor> {
    // Loaded when first needed: a build with nothing to render never loads unified or shiki.
    const { getMarkdownProcessor } = await import('../markdown/processor.ts');
    return getMarkdownProcessor();
  }

  #resolvePaths(cacheDir: string | null): BuildPaths {
    const { projectDir } = this.runtime;
    return {
      projectDir,
      contentDir: path.resolve(projectDir, this.#settings.contentDir),
      outputDir: path.resolve(projectDir, this.#settings.outputDir),
      cacheDir,
    };
  }
}

/** Settings with the run's overrides (CLI flags) applied; throws SettingsError. */
export function resolveSettings(runtime: RuntimeOptions): Settings {
  const settings = loadSettings(runtime.projectDir, runtime.configFile);
  if (runtime.contentDir) settings.contentDir = path.resolve(runtime.contentDir);
  if (runtime.outputDir) settings.outputDir = path.resolve(runtime.outputDir);
  if (runtime.baseUrl) settings.url = runtime.baseUrl.endsWith('/') ? runtime.baseUrl : `${runtime.baseUrl}/`;
  return settings;
}

// A symbol shared across module copies: `.eleventy.ts` may be loaded apart from the CLI's modules.
const CONTEXT_KEY = Symbol.for('weeklog.buildContext');

/** Hands `context` to the `.eleventy.ts` that Eleventy is about to load (Eleventy's `config` option). */
export function attachBuildContext(eleventyConfig: object, context: BuildContext): void {
  (eleventyConfig as Record<symbol, unknown>)[CONTEXT_KEY] = context;
}

/**
 * The context the CLI attached, or, when Eleventy runs on its own
 * (`tsx node_modules/@11ty/eleventy/cmd.cjs --config=.eleventy.ts`), one made from the working
 * directory and the `WEEKLOG_*` variables the caller may have set (read, never written).
 */
export function buildContextOf(eleventyConfig: object): BuildContext {
  const record = eleventyConfig as Record<symbol, unknown>;
  const attached = record[CONTEXT_KEY];
  if (attached) return attached as BuildContext;
  const context = new BuildContext(readRuntimeOptions());
  record[CONTEXT_KEY] = context;
  return context;
}
