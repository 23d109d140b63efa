import { availableParallelism } from 'node:os';
import path from 'node:path';
import { resolveSettings, type BuildContext } from '../build/context.ts';
import type { Settings } from '../config/settings.ts';
import type { RuntimeOptions } from '../config/runtime.ts';
import { LineKeys } from '../content/boilerplate.ts';
import { loadPosts } from '../content/load-posts.ts';
import type { Post } from '../content/post.ts';
import { splitStandalonePages } from '../content/standalone-pages.ts';
import { ContentError } from '../errors.ts';
import { displayPath, formatProblems, ProblemList, sortProblems, unrenderedNote, type Problem } from '../problems.ts';
import { ProjectPaths, reportLinkLeaving } from '../content/project-paths.ts';
import { buildTaxonomy } from '../taxonomy/build-taxonomy.ts';
import type { Taxonomy } from '../taxonomy/types.ts';
import { SiteModel } from './model.ts';
import { RelatedThread } from './related-thread.ts';
import { collectNow } from '../build/heap-growth.ts';
import { findUrlClashes } from './url-clashes.ts';
import { stringsFor } from './strings.ts';

export interface SiteContent {
  /** Listed posts, newest first. */
  posts: Post[];
  /** Standalone pages. */
  pages: Post[];
  taxonomy: Taxonomy;
  /** Every content and taxonomy problem, errors included. */
  problems: Problem[];
  /** The earliest date of a post left out for being in the future. */
  nextFuture: Date | null;
  /** Posts read but not rendered, because reading the others met errors (`stopAtReadingErrors`). */
  unrendered: number;
}

/** Reads every post once and files it under its terms; problems are collected, never thrown. */
export async function loadSiteContent(
  settings: Settings,
  options: {
    projectDir: string;
    contentDir?: string | undefined;
    mode: 'build' | 'serve';
    /** Rendered posts and the vocabulary kept from earlier loads (default: none). */
    context?: Pick<BuildContext, 'renderCache' | 'caches' | 'postHtml'> | undefined;
    /** Called with the listed posts once they are read, before the taxonomy gives them their tags (default: none). */
    onRead?: ((posts: readonly Post[]) => void) | undefined;
    /** Renders no post when reading the files met an error (default: false; see loadPosts). */
    stopAtReadingErrors?: boolean | undefined;
  },
): Promise<SiteContent> {
  // Kept between the loads of a `serve` session only: a one-off build would keep every line of every post for nothing.
  // A build's own, dropped once it is loaded, still spares the taxonomy judging every line again after the excerpts
  // did (each line's key is a Unicode normalisation: ~0.4 s at 1000 posts, on the main thread after rendering).
  const lineKeys = options.mode === 'serve' ? options.context?.caches.lineKeys : new LineKeys();
  lineKeys?.nextRound();
  const loaded = await loadPosts(settings, {
    ...options,
    renderCache: options.context?.renderCache,
    // The posts' HTML waits on disk for the pages (see HtmlSpool).
    htmlSpool: options.mode === 'build' ? options.context?.postHtml : null,
    memo: options.context?.caches.content ?? undefined,
    lineKeys,
  });
  let { posts, pages } = splitStandalonePages(loaded.posts);
  if (loaded.unrendered === 0) options.onRead?.(posts);
  const taxonomyOf = (listed: Post[]) =>
    buildTaxonomy(listed, settings, {
      projectDir: options.projectDir,
      vocabularyCache: options.context?.caches.vocabulary,
      rememberMatches: options.mode === 'serve',
      lineKeys,
      autoTags: options.mode === 'serve' ? options.context?.caches.autoTags : undefined,
    });
  let taxonomy = taxonomyOf(posts);
  // Checked before anything is written, so `check` finds them too; serve builds the rest.
  const clashes = findUrlClashes({ posts, pages, taxonomy }, settings, options.projectDir);
  if (clashes.clashing.size > 0) {
    posts = posts.filter((post) => !clashes.clashing.has(post));
    pages = pages.filter((page) => !clashes.clashing.has(page));
    taxonomy = taxonomyOf(posts);
  }
  return {
    posts,
    pages,
    taxonomy,
    problems: sortProblems([...loaded.problems, ...clashes.problems, ...linksLeavingPublic(settings, options.projectDir), ...taxonomy.problems]),
    nextFuture: loaded.nextFuture,
    unrendered: loaded.unrendered,
  };
}

/** Symlinks in public/ that lead outside the project: the copy leaves them out (eleventy/static-files.ts). */
function linksLeavingPublic(settings: Settings, projectDir: string): Problem[] {
  const publicDir = path.resolve(projectDir, settings.publicDir);
  const paths = new ProjectPaths({ projectDir, contentDir: path.resolve(projectDir, settings.contentDir), publicDir });
  const problems = new ProblemList();
  for (const { link, target } of paths.linksLeaving(publicDir)) reportLinkLeaving(problems, displayPath(projectDir, path.join(publicDir, link)), target);
  return problems.items;
}

/**
 * Assembles the model the templates render. In build mode any content error
 * stops the run, listing every problem found (an error in reading the files
 * stops it before any post is rendered); in serve mode the site is built
 * from the good posts and the problems are shown in the page.
 */
export async function loadSite(
  runtime: RuntimeOptions,
  settings = resolveSettings(runtime),
  context?: Pick<BuildContext, 'renderCache' | 'caches' | 'facts' | 'postHtml'>,
): Promise<SiteModel> {
  // A build works out related posts in a thread, started on the posts' text while this thread makes the taxonomy;
  // `serve` keeps them between edits in the site model's own cache instead.
  let related: RelatedThread | null = null;
  const startRelated = runtime.mode === 'build' && context !== undefined && availableParallelism() > 1;
  try {
    const { posts, pages, taxonomy, problems, nextFuture, unrendered } = await loadSiteContent(settings, {
      projectDir: runtime.projectDir,
      contentDir: settings.contentDir,
      mode: runtime.mode,
      context,
      // The build fails on them anyway: said at once rather than after every post is rendered.
      stopAtReadingErrors: runtime.mode === 'build',
      onRead: startRelated
        ? (read) => {
            // The render cache's entries, read back as JSON once the render threads ended (~150 MB of text at 4000
            // posts), are garbage V8 had not collected yet: collected now, the thread's heap does not come on top.
            collectNow();
            related = RelatedThread.start(read);
          }
        : undefined,
    });
    context?.facts.recordPosts([...posts, ...pages], nextFuture);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0 && runtime.mode === 'build') {
      const unchecked = unrendered > 0 ? ` ${unrenderedNote(unrendered, errors.length)}` : '';
      throw new ContentError(`${errors.length} content ${errors.length === 1 ? 'error' : 'errors'}; nothing was written.${unchecked}\n${formatProblems(problems)}`, problems, { unrendered });
    }
    const site = new SiteModel(settings, posts, taxonomy, stringsFor(settings.language), runtime.mode, problems, pages, runtime.mode === 'serve' ? context?.caches.related : null);
    // Settled through relatedThreadSettled, which Eleventy waits for before the pages (site-data.ts).
    if (related) void site.relatedInThread((related as RelatedThread).answer(posts)).catch(() => {});
    return site;
  } catch (error) {
    (related as RelatedThread | null)?.stop();
    throw error;
  }
}
