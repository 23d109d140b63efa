import path from 'node:path';
import type { BuildContext } from '../build/context.ts';
import { eachNonTemplateFile } from '../eleventy/generated-files.ts';
import { feedFilePaths } from '../feeds/build-feeds.ts';
import type { SiteModel } from '../site/model.ts';
import { eventLoopTurns } from './event-loop-turns.ts';
import { outputPathOf } from './output-files.ts';
import { WrittenFiles } from './written-files.ts';

/**
 * Feeds, search files, sitemap (listing `urls`) and the rest, for `site`; writes those whose bytes
 * changed, each as it is made. `announce` hears of the changed feeds (with links.json and the link
 * feeds) as soon as the last of them is out, before the search index is made, and of the other
 * changed files as they come.
 */
export async function writeGeneratedFiles(
  context: BuildContext,
  site: SiteModel,
  out: string,
  urls: string[],
  /** What was written to the generation folder before (default: nothing known, every file is read back). */
  known: WrittenFiles = new WrittenFiles(),
  announce: (urls: string[]) => void = () => {},
  /**
   * Asked before each file once the feeds and link files are out: true stops there, because newer changes wait
   * and their update makes every file again from its own model (default: never). The generators
   * are then left at a yield: their caches must stay usable (the feed and search caches only add
   * entries keyed by what they were made from, and the search postings are composed in one step).
   */
  superseded: Superseded = () => false,
): Promise<GeneratedFiles> {
  const feeds = feedFilePaths(site.taxonomy);
  const paths: string[] = [];
  const written: string[] = [];
  let unannounced: string[] = [];
  const flush = () => {
    if (unannounced.length > 0) announce(unannounced.map((file) => `/${file}`));
    unannounced = [];
  };
  const pages = urls.map((url) => ({ url, outputPath: outputPathOf(out, url) }));
  let complete = true;
  const turn = eventLoopTurns();
  const files = eachNonTemplateFile(context, site, pages);
  // The feeds come first, then links.json and the link feeds: all of them are out before the update
  // may stop for a newer save, and are announced together. Stopped right after the feeds, a save made
  // as soon as the feed showed the edit waited behind links.json and the link feeds (0.05 s each at
  // 1000 posts), which were made whole before the update looked again.
  const first = (file: string) => feeds.has(file) || file === 'links.json' || file.startsWith('links/');
  let firstOut = false;
  const stop = async (): Promise<boolean> => {
    flush();
    if (!superseded('generated files')) return false;
    complete = false;
    await files.return(undefined);
    return true;
  };
  for (;;) {
    // Without it a save's watcher event waits for every file to be made: superseded() would not hear of it.
    await turn();
    // Asked before the next file is made, not after: the sitemap alone takes 0.05 s at 1000 posts.
    if (firstOut && (await stop())) break;
    const next = await files.next();
    if (next.done) break;
    const file = next.value;
    if (!firstOut && !first(file.path)) {
      firstOut = true;
      if (await stop()) break;
    }
    paths.push(file.path);
    if (await known.write(path.join(out, file.path), file.body)) {
      written.push(file.path);
      unannounced.push(file.path);
    }
  }
  flush();
  return { urls, paths, written, complete };
}

/** Whether newer changes wait, asked where an update can stop: once the site is read, after a generated file, between batches of pages. */
export type Superseded = (at: 'site' | 'generated files' | 'page index' | 'pages') => boolean;

/** What writeGeneratedFiles wrote. */
export interface GeneratedFiles {
  /** The page URLs the sitemap lists. */
  urls: string[];
  /** Every file made, relative to the output folder. */
  paths: string[];
  /** Those whose bytes changed. */
  written: string[];
  /** False when `superseded` stopped the writing after the feeds: `paths` is then not every file. */
  complete: boolean;
}
