import type { MessagePort } from 'node:worker_threads';
import { threadLimits } from '../build/answer-in-thread.ts';
import { startWorker } from '../compiled.ts';
import type { Settings } from '../config/settings.ts';
import { WeeklogError } from '../errors.ts';
import type { LinkItem } from '../markdown/types.ts';
import type { SiteModel } from '../site/model.ts';
import type { SearchSource } from './build-index.ts';

/** What a search-index thread is given: copies of the posts' fields the index reads, and where to write. */
export interface SearchThreadInput {
  posts: SearchSource[];
  /** The taxonomy's link items, each with its post's index in `posts`. */
  links: (LinkItem & { post: number })[];
  settings: Pick<Settings, 'url' | 'timezone'>;
  outputDir: string;
  /** The author's public/: a file of theirs at the same path wins (generated-files.ts). */
  publicDir: string;
  /** Told once every file is written, so the next thread starts without waiting for this one's message to be read. */
  done: MessagePort;
}

/**
 * Text, in characters, up to which a build's search index is made in a thread while the pages render. The thread's
 * heap adds to the main thread's then, at ~15 bytes per character of text: at 4000 posts (12.5 M characters) the
 * build's peak RSS went from 653 MiB (the end of the render phase) to 831 MiB. Up to this many (~60 MB, ~1250
 * posts like the bench's) the pages' peak stays under the render phase's, which is the build's peak anyway (1000
 * posts: 470 -> 463 MiB); past it, the main thread makes the index before the pages and lets go of its work space.
 */
const THREAD_TEXT_CHARS = 4_000_000;

/** Whether the search index of these posts is small enough to be made in a thread while the pages render. */
export function searchThreadFits(posts: readonly Pick<SearchSource, 'text'>[]): boolean {
  let chars = 0;
  for (const post of posts) chars += post.text.length;
  return chars <= THREAD_TEXT_CHARS;
}

/** The search index thread failed after it had taken the posts (the main thread let go of their text). */
export class SearchThreadError extends WeeklogError {}

/**
 * Writes the search index of a build (`search/`, `assets/search.js`: ~1 s of the main thread at
 * 1000 posts, tokenizing every post) from a thread of its own, while the main thread renders the
 * pages: the same files, made by the same function from copies of the same fields. The thread
 * holds its own copy of the posts' text from the start, so the main thread needs it no more.
 * Null when no thread could be started (the caller writes the files itself); otherwise settles
 * once every file is written, or rejects with the thread's error.
 */
export function startSearchThread(site: SiteModel, outputDir: string, publicDir: string, done: MessagePort): Promise<void> | null {
  const index = new Map(site.posts.map((post, at) => [post, at]));
  const input: SearchThreadInput = {
    posts: site.posts.map(({ url, title, date, categories, tags, text, sections, hash }) => ({ url, title, date, categories, tags, text, sections, hash })),
    links: site.taxonomy.links.flatMap(({ post, tags: _tags, tagSlugs: _tagSlugs, ...item }) => {
      const at = index.get(post);
      return at === undefined ? [] : [{ ...item, post: at }];
    }),
    settings: { url: site.settings.url, timezone: site.settings.timezone },
    outputDir,
    publicDir,
    done,
  };
  let worker: ReturnType<typeof startWorker>;
  try {
    worker = startWorker(new URL('./search.worker.ts', import.meta.url), { workerData: input, transferList: [done], resourceLimits: threadLimits });
  } catch {
    return null;
  }
  return new Promise((resolve, reject) => {
    const failed = (cause: unknown) => reject(new SearchThreadError(`The search index could not be written: ${String((cause as Error)?.message ?? cause)}`, { cause }));
    worker.once('message', () => resolve());
    worker.once('error', failed);
    worker.once('exit', (code) => failed(new Error(`its thread ended (exit code ${code}) before writing every file`)));
  });
}
