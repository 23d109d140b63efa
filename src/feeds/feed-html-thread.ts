import type { Settings } from '../config/settings.ts';
import { startWorker } from '../compiled.ts';
import type { Post } from '../content/post.ts';
import { absoluteUrl } from '../urls.ts';
import { makeFeedHtml, type FeedHtmlCache, type FeedHtmlSource } from './feed-items.ts';

/** Short-lived strings by the megabyte (tokens, trees): V8's default 16 MB young generation spent a quarter of the thread in GC. */
const YOUNG_GENERATION_MB = 32;

/**
 * The feed HTML of `posts` (parsing, sanitising and serialising each post's HTML again, ~1.4 s at
 * 1000 posts), made in a thread of its own while the main thread renders the pages, as a
 * FeedHtmlCache for `feedFiles`: the render threads are done by then and a core is free, and the
 * feeds are written after the pages. The entries are what `feedItem` would make; a post the thread
 * could not make is left out, and `feedItem` then makes it (and reports its error) itself, as it
 * does when the thread fails or the machine has one core.
 */
export function feedHtmlInThread(posts: readonly Post[], settings: Settings): Promise<FeedHtmlCache> {
  const siteUrl = new URL(settings.url).href;
  const sources: FeedHtmlSource[] = posts.map((post) => ({ html: post.html, excerptHtml: post.excerptHtml, url: absoluteUrl(settings, post.url), siteUrl }));
  return new Promise((resolve) => {
    const cache: FeedHtmlCache = new Map();
    let worker;
    try {
      worker = startWorker(new URL('./feed-html.worker.ts', import.meta.url), { workerData: sources, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    } catch {
      return resolve(cache);
    }
    // Never what keeps a finished build's process alive.
    worker.unref();
    worker.once('message', (made: (ReturnType<typeof makeFeedHtml> | null)[]) => {
      posts.forEach((post, index) => {
        const html = made[index];
        // The post's own strings, not the thread's copies: feedItem compares them to tell the entry is the post's.
        if (html) cache.set(post.file, { ...sources[index]!, html: post.html, excerptHtml: post.excerptHtml, ...html });
      });
      resolve(cache);
    });
    worker.once('error', () => resolve(cache));
    worker.once('exit', () => resolve(cache));
  });
}
