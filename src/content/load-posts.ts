import path from 'node:path';
import type { Settings } from '../config/settings.ts';
import { mapLimited } from '../map-limited.ts';
import { displayPath, ProblemList, sortProblems, type Problem } from '../problems.ts';
import { Slugger } from '../taxonomy/spellings.ts';
import { resolveAssets } from './assets.ts';
import { ProjectPaths } from './project-paths.ts';
import { stripDatePrefixFromPath } from './dates.ts';
import { locateKeyOrStart } from './front-matter.ts';
import { gitHistory, type GitHistory } from './git-dates.ts';
import { Boilerplate, skipBoilerplateExcerpts, type LineKeys } from './boilerplate.ts';
import { linkMarkdownSources } from './md-links.ts';
import { DEFAULT_PERMALINK, expandPermalink, normalisePermalink } from './permalink.ts';
import type { Post } from './post.ts';
import { gitUpdated, reportUndated } from './post-date.ts';
import { sortPosts } from './post-order.ts';
import { readKeptSource, type KeptSources } from './kept-sources.ts';
import { listContentFiles } from './list-content-files.ts';
import type { PostSource } from './read-post-source.ts';
import type { HtmlSpool } from './html-spool.ts';
import { RenderCache } from './render-cache.ts';
import { isHexoSource, standalonePageUrl } from './standalone-pages.ts';
import { chooseSources } from './choose-sources.ts';
import { titleFromFileName } from './slugs.ts';
import { dropUrlCollisions } from './url-collisions.ts';
import { renderRequest } from './render-request.ts';

export { ContentFolderError } from './list-content-files.ts';

export interface LoadPostsOptions {
  /** Folder of the project; problems show paths relative to it. */
  projectDir: string;
  /** Content folder, relative to projectDir or absolute (default: `settings.contentDir`). */
  contentDir?: string | undefined;
  /** `serve` includes drafts (marked `draft: true`); `build` leaves them out. */
  mode: 'build' | 'serve';
  /** What "in the future" is measured against (default: the current time). */
  now?: Date | undefined;
  /** Rendered posts kept from earlier loads (default: a new, empty cache). */
  renderCache?: RenderCache | undefined;
  /** Where the posts' HTML is kept instead of the heap (default: none, in memory). */
  htmlSpool?: HtmlSpool | null | undefined;
  /**
   * Reads only these files (absolute paths), as they would be read with all the others:
   * `serve` shows an edited post before it reloads the rest (default: every file).
   * Links to other posts' .md files and URL clashes are then not resolved.
   */
  only?: ReadonlySet<string> | undefined;
  /**
   * The file list, git history and files read of an earlier load, reused when set and filled when not
   * (default: none, all read again; a kept file is read again when its size or time changed). `serve` keeps one across edits and empties what a change
   * made stale: the list when a file is added, deleted or renamed, the history on each update.
   */
  memo?: ContentMemo | undefined;
  /** Boilerplate line keys kept from earlier loads (default: none). */
  lineKeys?: LineKeys | undefined;
  /**
   * Renders nothing when listing or reading the files met an error (default: false). A build fails on any error, so
   * rendering the other posts (~11 s at 1000) only delays the message; their own problems show on the next run.
   */
  stopAtReadingErrors?: boolean | undefined;
}

/** What one load of a content folder found that the next load of the same folder may reuse. */
export interface ContentMemo {
  /** The Markdown files of `contentDir` and the problems met listing them. */
  files?: { contentDir: string; relativePaths: string[]; problems: Problem[] } | undefined;
  /** `git log` of `contentDir`. */
  history?: { contentDir: string; history: Promise<GitHistory> } | undefined;
  /** The files read, by path relative to `contentDir`. */
  sources?: KeptSources | undefined;
  /** Post URLs made from the permalink pattern, by everything the pattern was filled with (luxon's date parts cost). */
  permalinks?: Map<string, string> | undefined;
}

export interface LoadPostsResult {
  /** Newest first. */
  posts: Post[];
  problems: Problem[];
  /** Posts left out on purpose, not because of errors. */
  skipped: { future: number; drafts: number };
  /** The earliest date of a post left out for being in the future: a build from then on differs. */
  nextFuture: Date | null;
  /** How many posts were rendered now and how many came from the render cache. */
  renders: { rendered: number; cached: number };
  /** Files read without an error but not rendered, because `stopAtReadingErrors` stopped the load. */
  unrendered: number;
}


/**
 * Reads every post under the content folder: front matter, dates, title,
 * categories, excerpt, URL, assets. All problems of the run are collected
 * (with `stopAtReadingErrors`, those met before rendering); a post with an
 * error is left out, the rest are returned.
 */
export async function loadPosts(settings: Settings, options: LoadPostsOptions): Promise<LoadPostsResult> {
  const projectDir = path.resolve(options.projectDir);
  const contentDir = path.resolve(projectDir, options.contentDir ?? settings.contentDir);
  const now = options.now ?? new Date();
  const zone = settings.timezone;
  const problems = new ProblemList();
  const paths = new ProjectPaths({ projectDir, contentDir, publicDir: path.resolve(projectDir, settings.publicDir) });
  const renderCache = options.renderCache ?? new RenderCache();
  // Every setting is part of a render's cache key, so one that shapes rendering can never be left
  // out; but the output folder (a new staging folder on every build) shapes nothing.
  const renderSettings = { ...settings, outputDir: '' };

  const memo = options.memo;
  const listed = memo?.files?.contentDir === contentDir ? memo.files : await listContentFiles(contentDir, paths, projectDir);
  if (memo) memo.files = listed;
  for (const problem of listed.problems) problems.add(problem);
  const relativePaths = listed.relativePaths;

  if (memo && memo.sources?.contentDir !== contentDir) memo.sources = { contentDir, byPath: new Map() };
  const kept = memo?.sources;
  if (kept && kept.byPath.size > relativePaths.length) {
    const listedPaths = new Set(relativePaths);
    for (const relativePath of kept.byPath.keys()) if (!listedPaths.has(relativePath)) kept.byPath.delete(relativePath);
  }
  // One `git log` for dates of undated posts and the last change of every post (the feeds' `updated`),
  // started before the files are read so that the two overlap (with a long history it takes a while).
  const remembered = memo?.history?.contentDir === contentDir ? memo.history : { contentDir, history: gitHistory(contentDir) };
  if (memo) memo.history = remembered;
  const wanted = options.only ? relativePaths.filter((relativePath) => options.only!.has(path.join(contentDir, relativePath))) : relativePaths;
  renderCache.expectPosts(wanted.length);
  const sources = (
    await mapLimited(wanted, 16, (relativePath) =>
      readKeptSource(kept, contentDir, relativePath, displayPath(projectDir, path.join(contentDir, relativePath)), zone, problems),
    )
  ).filter((source): source is PostSource => source !== null);

  const history: GitHistory = await remembered.history;

  // The taxonomy's slugs, so `:category` in a post URL matches its category page.
  const categorySlugger = new Slugger(settings.categoryMap, settings.termUrlCase);
  const renders = { rendered: 0, cached: 0 };
  const posts: Post[] = [];
  const permalinks = new Map<string, string>();
  // Judged from every file, so a post read alone is read as it is with the others.
  const hexoSource = isHexoSource(relativePaths);
  // Which files become posts is decided first, so all of them can be rendered at once (in threads).
  const { chosen, skipped, nextFuture } = chooseSources(sources, { hexoSource, mode: options.mode, now, zone, history, futurePosts: settings.futurePosts, problems });
  if (options.stopAtReadingErrors && problems.items.some((problem) => problem.severity === 'error')) {
    renderCache.forgetExpectedPosts();
    await renderCache.threadsEnded();
    return { posts: [], problems: sortProblems(problems.items), skipped, nextFuture, renders, unrendered: chosen.length };
  }
  const results = await renderCache.renderAll(
    chosen.map(({ source }) => renderRequest(source, settings, projectDir, hexoSource)),
    renderSettings,
    { htmlTo: options.htmlSpool },
  );

  for (const [index, { source, place, standalone, draft, dated }] of chosen.entries()) {
    const { fields } = source;
    const { rendered, excerptHtml, summary, readingTime, fromCache, htmlAt } = results[index]!;
    renders[fromCache ? 'cached' : 'rendered']++;
    for (const problem of rendered.problems) problems.add(problem);
    if (rendered.problems.some((p) => p.severity === 'error')) continue;

    const title = fields.title ?? rendered.title?.trim() ?? titleFromFileName(source.relativePath);
    const categories = standalone
      ? fields.categories
      : fields.categories.length > 0
        ? fields.categories
        : settings.categoryFromFolder && place.folders.length > 0
          ? place.folders
          : settings.defaultCategory
            ? [settings.defaultCategory]
            : [];
    const permalinkUrl = () => {
      const pattern = settings.permalink || DEFAULT_PERMALINK;
      const filled = {
        titlePath: stripDatePrefixFromPath(place.pathInPostsFolder),
        slug: fields.slug,
        title,
        date: dated.date,
        zone: settings.urlTimezone || zone,
        categorySlugs: categories.map((name) => categorySlugger.urlSlug(name)),
        id: fields.id,
        file: source.file,
      };
      if (!memo) return expandPermalink(pattern, filled);
      const key = JSON.stringify([pattern, filled, filled.date.getTime()]);
      const url = memo.permalinks?.get(key) ?? expandPermalink(pattern, filled);
      permalinks.set(key, url);
      return url;
    };
    const url = fields.permalink ? normalisePermalink(fields.permalink) : standalone ? standalonePageUrl(source.relativePath, hexoSource) : permalinkUrl();

    const post: Post = {
      file: source.file,
      relativePath: source.relativePath,
      hash: source.hash,
      title,
      date: dated.date,
      updated: fields.updated ?? gitUpdated(source.relativePath, dated.date, history),
      dateSource: dated.source,
      categories,
      categoryPaths: fields.categoryPaths.length > 0 ? fields.categoryPaths : categories.length > 0 ? [categories] : [],
      frontMatterTags: fields.tags ?? [],
      tags: [...(fields.tags ?? [])],
      autoTags: [],
      draft,
      standalone,
      url,
      urlPlace: locateKeyOrStart(source.frontMatter, fields.permalink ? 'permalink' : fields.slug ? 'slug' : null),
      html: rendered.html,
      excerptHtml,
      ...(excerptHtml === rendered.autoExcerptHtml && rendered.excerptsAfterLead ? { excerptsAfterLead: rendered.excerptsAfterLead } : {}),
      summary,
      toc: rendered.toc,
      headings: rendered.headings,
      text: rendered.text,
      sections: rendered.sections,
      linkItems: rendered.linkItems,
      assets: rendered.assets,
      links: rendered.links,
      ids: rendered.ids,
      tocInText: rendered.tocInText,
      assetFiles: resolveAssets(
        rendered.assets,
        { sourceFile: source.sourceFile, file: source.file, postUrl: url, projectDir, contentDir, publicDir: settings.publicDir, paths },
        problems,
      ),
      readingTime,
      data: source.frontMatter.data,
      categoryRefs: [],
      tagRefs: [],
    };
    if (htmlAt) options.htmlSpool!.adopt(post, htmlAt);
    posts.push(post);
  }

  // A load of a few files adds to what the last whole load kept; a whole load keeps only its own.
  if (memo) memo.permalinks = options.only ? new Map([...(memo.permalinks ?? []), ...permalinks]) : permalinks;
  for (const warning of renderCache.takeWarnings()) problems.add({ ...warning, file: displayPath(projectDir, warning.file) });

  const unique = dropUrlCollisions(posts, problems);
  // Only now is every URL final, so links to another post's .md file can point at its page.
  // An intro repeated on most posts says nothing about any one of them: excerpts start after it.
  skipBoilerplateExcerpts(unique, new Boilerplate(unique, { keys: options.lineKeys }));
  linkMarkdownSources(unique, projectDir);
  sortPosts(unique);
  // Hexo's draft scaffold has no date (a draft gets one when published) and a page is never listed by date.
  reportUndated(unique.filter((post) => post.dateSource === 'mtime' && !post.draft && !post.standalone), history, problems);
  // The render threads ended meanwhile; their heaps are gone before the caller starts threads of its own.
  await renderCache.threadsEnded();
  // Files are read concurrently; sorting makes the report the same on every run.
  return { posts: unique, problems: sortProblems(problems.items), skipped, nextFuture, renders, unrendered: 0 };
}
