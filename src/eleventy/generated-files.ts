import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type UserConfig from '@11ty/eleventy/UserConfig';
import type { BuildContext } from '../build/context.ts';
import { collectNow } from '../build/heap-growth.ts';
import { withoutFilesOf, writeAll } from '../build/write-output.ts';
import { feedFiles, feedItemPosts } from '../feeds/build-feeds.ts';
import { feedHtmlInThread } from '../feeds/feed-html-thread.ts';
import type { FeedHtmlCache } from '../feeds/feed-items.ts';
import { mapLimited } from '../map-limited.ts';
import { buildLinkFeeds } from '../feeds/link-feeds.ts';
import { buildLinksJson } from '../feeds/links-json.ts';
import { buildSitemap } from '../feeds/sitemap.ts';
import { codeThemeCss } from '../markdown/code-theme.ts';
import { eachSearchFile } from '../search/build-index.ts';
import { searchThreadFits, startSearchThread } from '../search/search-thread.ts';
import type { Post } from '../content/post.ts';
import type { SiteModel } from '../site/model.ts';
import type { OutputFile } from '../taxonomy/types.ts';
import { safeDecodeURI } from '../urls.ts';

export interface RenderedPage {
  url: string | false;
  outputPath: string | false;
}

/**
 * Files that are not templates: feeds, the search index, links.json, the
 * sitemap, the code colours (css/code.css), and the images and files posts reference relatively (copied next
 * to the post so `img/a.png` resolves from the post's URL).
 */
export default function generatedFiles(eleventyConfig: UserConfig, context: BuildContext): void {
  // A build's feed HTML is made in a thread while the main thread renders the pages (see feedHtmlInThread), and so is
  // a small site's search index, before it (see startSearchThread); `serve` keeps its own caches and makes them here.
  let feedHtml: Promise<FeedHtmlCache> | null = null;
  let searchThread: Promise<void> | null = null;
  eleventyConfig.on('eleventy.before', async ({ directories }: { directories: { output: string } }) => {
    const site = await context.site();
    const output = path.resolve(directories.output);
    // weeklog's templates never print a post's plain text; a project's own may, so it keeps it.
    const searchWritten = () => context.theme.projectTemplates || site.doneReadingText('search');
    const writeSearchHere = () => writeAll(withoutAuthorFiles(context, site, searchFiles(context, site)), output, context.caches.onGeneratedFile);
    const startFeedHtml = (after?: MessagePort) =>
      feedHtmlInThread(feedItemPosts(site.posts, site.taxonomy, site.settings), site.settings, { after, spool: context.postHtml });
    const spareCore = availableParallelism() > 1;
    const threads = !keepsCaches(context) && spareCore;
    if (!threads || !searchThreadFits(site.posts)) {
      // Made before the pages, the search index's work space is free again when Eleventy's peak comes.
      await writeSearchHere();
      searchWritten();
      // The index's slabs are garbage now, but the heap is not full enough for V8 to collect them until the pages are
      // well under way: by then the feed HTML thread and Eleventy's own peak stood beside them.
      if (!keepsCaches(context)) collectNow();
      // Once the related posts are worked out (the pages wait for them anyway): one thread's heap at a time.
      if (threads) {
        await site.relatedThreadSettled();
        feedHtml = startFeedHtml();
      } else if (spareCore && keepsCaches(context) && context.caches.feeds.size === 0) {
        // `serve`'s first build of a context: every post's feed HTML is new (~0.5 s at 1000 posts), and made in a
        // thread while the pages render it does not hold the site back; the updates after it find it in the cache.
        feedHtml = startFeedHtml();
      }
      return;
    }
    await site.relatedThreadSettled();
    const { port1: searchDone, port2: afterSearch } = new MessageChannel();
    searchThread = startSearchThread(site, output, publicDirOf(context, site), searchDone);
    if (searchThread) void searchThread.catch(() => {}); // awaited after the pages
    else await writeSearchHere();
    searchWritten();
    feedHtml = startFeedHtml(searchThread ? afterSearch : undefined);
  });
  eleventyConfig.on('eleventy.after', async ({ directories, results }: { directories: { output: string }; results: RenderedPage[] }) => {
    const site = await context.site();
    const output = directories.output;
    // The search thread first: the feed thread starts after it, and a failed one stops the build.
    await searchThread;
    searchThread = null;
    const prepared = await feedHtml;
    feedHtml = null;
    if (prepared && keepsCaches(context)) for (const [file, entry] of prepared) context.caches.feeds.set(file, entry);
    // Each file is written as soon as it is made and then let go: feeds hold whole posts and there is one per term.
    await writeAll(withoutAuthorFiles(context, site, generatedOutputFiles(context, site, results, { search: false }, prepared)), output, context.caches.onGeneratedFile);
    // Pages have files beside them too (a Hexo page's `diagnose.png`).
    const assets = [...site.posts, ...site.pages].flatMap((post) => post.assetFiles);
    await mapLimited(assets, maxOpenFiles, async (asset) => {
      const target = path.join(output, asset.output);
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(asset.source, target);
    });
  });
}

/**
 * Everything but pages and post assets, from the model and the list of pages written (`serve` updates them too).
 * A file of the author's `public/` at the same path (their own robots.txt or css/code.css) wins, as it wins over the
 * theme's: it is copied, and weeklog's is not written over it.
 */
export async function nonTemplateFiles(context: BuildContext, site: SiteModel, pages: RenderedPage[]): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  for await (const file of eachNonTemplateFile(context, site, pages)) files.push(file);
  return files;
}

/** The files of `nonTemplateFiles`, in the same order, each made when asked for. */
export function eachNonTemplateFile(context: BuildContext, site: SiteModel, pages: RenderedPage[]): AsyncGenerator<OutputFile> {
  return withoutAuthorFiles(context, site, generatedOutputFiles(context, site, pages, { search: true }));
}

function withoutAuthorFiles(context: BuildContext, site: SiteModel, files: AsyncIterable<OutputFile>): AsyncGenerator<OutputFile> {
  return withoutFilesOf(publicDirOf(context, site), files);
}

function publicDirOf(context: BuildContext, site: SiteModel): string {
  return path.resolve(context.paths.projectDir, site.settings.publicDir);
}

async function* generatedOutputFiles(
  context: BuildContext,
  site: SiteModel,
  pages: RenderedPage[],
  include: { search: boolean },
  preparedFeedHtml: FeedHtmlCache | null = null,
): AsyncGenerator<OutputFile> {
  yield* feedFiles({ settings: site.settings, posts: site.posts, taxonomy: site.taxonomy, options: { cache: keepsCaches(context) ? context.caches.feeds : preparedFeedHtml } });
  yield buildLinksJson(site.taxonomy, site.settings);
  yield* buildLinkFeeds(site.taxonomy, site.settings);
  if (include.search) yield* searchFiles(context, site);
  yield* buildSitemap(sitemapPages(site, pages), site.settings);
  yield { path: 'css/code.css', body: codeThemeCss() };
}

/** The search index and client (`search/`, `assets/search.js`). */
function searchFiles(context: BuildContext, site: SiteModel): AsyncGenerator<OutputFile> {
  // Each file is made when the writer asks for the next one, and let go once handed on.
  return eachSearchFile(site.posts, site.settings, { cache: keepsCaches(context) ? context.caches.search : null, links: site.taxonomy.links });
}

/** The caches serve the next rebuild of `serve`; a build has none, and they would keep every post's tokens and feed HTML alive. */
function keepsCaches(context: BuildContext): boolean {
  return context.mode === 'serve';
}

const maxOpenFiles = 64;

/**
 * Every HTML page but the 404. A post is dated by its last change; a listing
 * page by the newest change among the posts it shows (a tag page last changed
 * when one of its posts did); other pages by the newest post.
 */
function sitemapPages(site: SiteModel, results: RenderedPage[]): { url: string; lastmod: Date | null }[] {
  const changed = (post: Post): number => (post.updated ?? post.date).getTime();
  const lastmods = new Map<string, Date>(site.posts.map((post) => [post.url, new Date(changed(post))]));
  const listings: { url: string; posts: Post[] }[] = [
    ...[...site.homePages, ...site.termPages, ...site.archivePages].map((page) => ({ url: page.url, posts: page.items })),
    ...site.linkPages.map((page) => ({ url: page.url, posts: page.items.map((link) => link.post) })),
  ];
  for (const { url, posts } of listings) {
    if (posts.length > 0) lastmods.set(url, new Date(Math.max(...posts.map(changed))));
  }
  const newest = site.posts.length > 0 ? new Date(Math.max(...site.posts.map(changed))) : null;
  return results
    .filter((page): page is { url: string; outputPath: string } => typeof page.url === 'string' && typeof page.outputPath === 'string')
    .filter((page) => page.outputPath.endsWith('.html') && !page.url.startsWith('/404'))
    .map((page) => {
      const url = safeDecodeURI(page.url);
      return { url, lastmod: lastmods.get(url) ?? newest };
    })
    // Eleventy lists its results in the order its templates finish, which varies from run to run.
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}
