import path from 'node:path';
import { BuildContext } from '../build/context.ts';
import type { ContentMemo } from '../content/load-posts.ts';
import { SettingsError } from '../errors.ts';
import { displayPath, type Problem } from '../problems.ts';
import { renderEditedPost } from './fast-page.ts';
import { writeGeneratedFiles, type Superseded } from './generated-update.ts';
import { updatePages } from './incremental.ts';
import { indexPages, pageUrls, type PageIndex } from './page-index.ts';
import { PostDigests, Signatures } from './signatures.ts';
import { errorPage } from './error-page.ts';
import { isMarkdownFile } from '../content/find-files.ts';
import { withoutEditorLeftovers } from './editor-leftovers.ts';
import { fullBuild, type FullBuild } from './full-build.ts';
import { PreviewFolder } from './preview-folder.ts';
import { WrittenFiles } from './written-files.ts';
import { forgetStale, mayHaveNewCommits } from './stale-memo.ts';
import { StepTimes, type StepTime } from './step-times.ts';
import { warmRenderer } from './warm-renderer.ts';
import { watchedPaths, type WatchedPaths } from './watched-paths.ts';

export interface SessionOptions {
  projectDir: string;
  contentDir?: string | undefined;
  configFile?: string | undefined;
  /** default: `<project>/.cache/serve` */
  previewDir?: string | undefined;
  /** Called when a rebuild changes what is served (the generation folder, the path prefix, the error page), before the old folder goes (default: none). */
  onSwitch?: (() => void) | undefined;
}

/** What one update did, for the terminal and the open pages. */
export interface UpdateResult {
  /** `pages`: only what the change touched was rendered again; `full`: the whole site was rebuilt. */
  kind: 'pages' | 'full';
  /** Site-relative page URLs that changed, or `all`. */
  changed: string[] | 'all';
  problems: Problem[];
  /** When one post was edited and its page written ahead of the rest: ms from the start of the update (else null). */
  editedPageMs: number | null;
  /** The rebuild threw: every page shows this until a rebuild succeeds. */
  error: Error | null;
  ms: number;
  /** Where an incremental update's time went, step by step (empty for a full rebuild). */
  steps: StepTime[];
}

/**
 * One `serve` run: builds the site into the preview folder, and after each
 * change brings it up to date. Holds the built site between changes.
 */
export class PreviewSession {
  readonly projectDir: string;
  readonly folder: PreviewFolder;
  /** The context of the generation being served; incremental updates keep using it. */
  context: BuildContext;
  #options: SessionOptions;
  #built: FullBuild | null = null;
  #index: PageIndex | null = null;
  #failure: string | null = null;
  #pathPrefix = '/';
  /**
   * Pages written outside the index: by the edited-post path, or by an update that newer
   * changes interrupted. The next update renders them whatever their signatures say.
   */
  #dirty = new Set<string>();
  /** Work a rebuild left to run after it returned: removing old generations, listing generated files. */
  #background: Promise<unknown>[] = [];
  /** The content folder's file list and git history, kept between updates (see stale-memo.ts). */
  #memo: ContentMemo = {};
  /** Digests of the posts' parts, so indexing the pages after an edit hashes the edited post alone. */
  #digests = new PostDigests();

  constructor(options: SessionOptions) {
    this.#options = options;
    this.projectDir = path.resolve(options.projectDir);
    this.folder = new PreviewFolder(path.resolve(this.projectDir, options.previewDir ?? '.cache/serve'));
    // Reads the settings: a SettingsError here stops `serve` before it listens.
    this.context = this.#newContext(this.folder.dir);
  }

  /**
   * A context per generation: Eleventy takes its output folder from the settings the
   * context holds. Posts rendered before come back from the render cache on disk.
   */
  #newContext(outputDir: string): BuildContext {
    const context = new BuildContext({
      projectDir: this.projectDir,
      contentDir: this.#options.contentDir,
      configFile: this.#options.configFile,
      outputDir,
      mode: 'serve',
      problemsPrintedBy: 'caller',
    });
    context.caches.content = this.#memo;
    return context;
  }

  /** The generation being served (an empty new one before the first build finishes). */
  root(): string {
    return this.#built?.outputDir ?? this.folder.dir;
  }

  pathPrefix(): string {
    return this.#pathPrefix;
  }

  /** The error page of the last failed rebuild, shown instead of every page until one succeeds. */
  errorPage(): string | null {
    return this.#failure;
  }

  /** Resolves when the work a rebuild left running in the background is done. */
  async settled(): Promise<void> {
    while (this.#background.length > 0) await Promise.all(this.#background.splice(0));
  }

  /** Readies the renderer for the first edit (see warmRenderer): its loading would otherwise fall on the first edited page. */
  async warm(): Promise<void> {
    const newest = this.#built?.site.posts[0];
    await warmRenderer(this.context, newest ? path.resolve(this.projectDir, newest.file) : null, this.#memo);
  }

  /** Folders and files whose changes matter, resolved against the project (never the working directory). */
  watched(): WatchedPaths {
    return watchedPaths(this.context, this.#options.configFile, this.folder.dir);
  }

  /** Rebuilds everything into a new generation and switches to it; a failure keeps the old pages but shows the error. */
  async rebuild(): Promise<UpdateResult> {
    const started = performance.now();
    const outputDir = this.folder.create();
    // A full rebuild trusts nothing it remembers: it runs on changes this session cannot follow.
    this.#memo = {};
    try {
      const context = this.#newContext(outputDir);
      // What the build writes besides pages, and each file's digest: the first update then need not
      // make them all to list them, nor read them back to compare (2 s of CPU at 1000 posts, which
      // ran in the background after start and slowed the first edits).
      const generated = new WrittenFiles();
      const generatedPaths = new Set<string>();
      context.caches.onGeneratedFile = (file, body) => {
        generatedPaths.add(file);
        generated.know(path.join(outputDir, file), body);
      };
      const built = await fullBuild(context, outputDir, generated);
      context.caches.onGeneratedFile = null;
      this.context = context;
      this.#built = built;
      this.#digests = new PostDigests();
      const planned = await indexPages(built, built.site, null, this.#digests);
      const index = planned === 'superseded' ? null : planned;
      if (index) index.generated = generatedPaths;
      this.#index = index;
      this.#dirty.clear();
      this.#failure = null;
      this.#pathPrefix = new URL(built.site.settings.url).pathname;
      this.#options.onSwitch?.();
      this.#background.push(this.folder.prune(outputDir).catch(() => {}));
      return { kind: 'full', changed: 'all', problems: built.site.problems, editedPageMs: null, error: null, ms: performance.now() - started, steps: [] };
    } catch (error) {
      this.#background.push(this.folder.prune(this.#built?.outputDir ?? null).catch(() => {}));
      // Nothing to serve yet and the settings are wrong: the command cannot start.
      if (!this.#built && error instanceof SettingsError) throw error;
      const failure = error instanceof Error ? error : new Error(String(error));
      this.#failure = errorPage(failure, this.projectDir);
      this.#options.onSwitch?.();
      return { kind: 'full', changed: 'all', problems: [], editedPageMs: null, error: failure, ms: performance.now() - started, steps: [] };
    }
  }

  /**
   * Brings the preview up to date with the files in `changed`. Posts added,
   * edited, renamed or deleted update only the pages, feeds and indexes that
   * show them, the edited post's page first (`announce` hears of it at once);
   * anything else (settings, templates, public files, a change to what every
   * page shows such as the problem list) rebuilds the whole site.
   */
  async update(
    changed: Set<string>,
    announce: (urls: string[]) => void = () => {},
    /** True when newer changes wait: the update then stops between batches of pages and leaves the rest to the next one. */
    superseded: Superseded = () => false,
  ): Promise<UpdateResult> {
    const started = performance.now();
    const built = this.#built;
    const before = this.#index;
    const contentDir = this.context.paths.contentDir;
    if (built && before && !this.#failure) {
      const assetSources = new Set([...built.site.posts, ...built.site.pages].flatMap((post) => post.assetFiles.map((asset) => asset.source)));
      changed = withoutEditorLeftovers(changed, contentDir, assetSources);
      if (changed.size === 0) return { kind: 'pages', changed: [], problems: built.site.problems, editedPageMs: null, error: null, ms: performance.now() - started, steps: [] };
    }
    const postsOnly = [...changed].every((file) => file.startsWith(contentDir + path.sep) && isMarkdownFile(file));
    if (!built || !before || this.#failure || !postsOnly) return this.rebuild();
    const times = new StepTimes();
    try {
      // One post edited: its page first, from the model already in memory (the 150 ms path).
      let editedPageMs: number | null = null;
      forgetStale(this.#memo, changed, contentDir);
      const history = this.#memo.history;
      // The full update below asks git again (a commit may have come with the edit); the edited page need not wait for it.
      this.#memo.history = undefined;
      if (changed.size === 1) {
        const url = await renderEditedPost(built, this.context, [...changed][0]!, { files: this.#memo.files, history }).catch(() => null);
        if (url) {
          this.#dirty.add(url);
          editedPageMs = performance.now() - started;
          announce([url]);
        }
        times.mark('edited page');
      }
      // Without a repository there is nothing new to ask git about.
      if (!(await mayHaveNewCommits(history))) this.#memo.history = history;
      this.context.invalidate();
      const site = await this.context.site();
      times.mark('load site');
      // Another save came while the site was read: the next update reads it again anyway.
      if (superseded('site')) return { kind: 'pages', changed: [], problems: built.site.problems, editedPageMs, error: null, ms: performance.now() - started, steps: times.steps };
      const urls = pageUrls(built, site, before);
      if (!urls || Signatures.global(site) !== before.global) return this.rebuild();
      // Feeds, search and sitemap come from the model alone: written before any page is compared.
      const generated = await writeGeneratedFiles(this.context, site, built.outputDir, urls, built.generatedFiles, announce, superseded);
      times.mark('generated files');
      const generatedUrls = generated.written.map((file) => `/${file}`);
      // A newer save came after the feeds were out: the search files (a second of CPU at 1000
      // posts) and the pages are made by its update, from its model. What this one wrote is
      // kept in mind, so a file no longer made is removed later.
      const stop = async (): Promise<UpdateResult> => {
        await this.settled();
        this.#index = { ...before, generated: before.generated && new Set([...before.generated, ...generated.written]) };
        return { kind: 'pages', changed: generatedUrls, problems: site.problems, editedPageMs, error: null, ms: performance.now() - started, steps: times.steps };
      };
      if (!generated.complete || superseded('generated files')) return stop();
      const after = await indexPages(built, site, before, this.#digests, () => superseded('page index'));
      times.mark('index pages');
      if (after === 'superseded') return stop();
      if (!after) return this.rebuild();
      const edited = new Set([...changed].map((file) => displayPath(this.projectDir, file)));
      const first = new Set([...site.posts, ...site.pages].filter((post) => edited.has(post.file)).map((post) => post.url));
      await this.settled();
      const result = await updatePages(built, this.context, site, before, after, announce, { first, force: this.#dirty, superseded, generated });
      times.mark('pages');
      result.changed.unshift(...generatedUrls);
      this.#index = result.index;
      if (result.complete) {
        built.site = site;
        this.#dirty = new Set();
      } else {
        for (const url of result.touched) this.#dirty.add(url);
      }
      return { kind: 'pages', changed: result.changed, problems: site.problems, editedPageMs, error: null, ms: performance.now() - started, steps: times.steps };
    } catch {
      // Whatever went wrong, a full rebuild either recovers or shows the error page.
      return this.rebuild();
    }
  }
}
