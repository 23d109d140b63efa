import type { Settings } from '../config/settings.ts';
import type { MessagePort } from 'node:worker_threads';
import { answerInThread } from '../build/answer-in-thread.ts';
import type { HtmlSpool, SpooledText } from '../content/html-spool.ts';
import type { Post } from '../content/post.ts';
import { absoluteUrl } from '../urls.ts';
import { makeFeedHtml, type FeedHtmlCache, type FeedHtmlSource } from './feed-items.ts';

/**
 * The feed HTML of `posts` (parsing, sanitising and serialising each post's HTML again, ~1.4 s at
 * 1000 posts), made in a thread of its own while the main thread renders the pages, as a
 * FeedHtmlCache for `feedFiles`: the render threads are done by then and a core is free, and the
 * feeds are written after the pages. The entries are what `feedItem` would make; a post the thread
 * could not make is left out, and `feedItem` then makes it (and reports its error) itself, as it
 * does when the thread fails or the machine has one core. With `after`, the thread starts working once a
 * message comes through that port: another thread's work comes first, and the two heaps are not alive at
 * once (the main thread, busy with the pages, would pass the word on late). That thread must tell it even
 * when it fails (search.worker.ts does), or this one waits for ever.
 */
export async function feedHtmlInThread(
  posts: readonly Post[],
  settings: Settings,
  options: { after?: MessagePort | undefined; spool?: HtmlSpool | null | undefined } = {},
): Promise<FeedHtmlCache> {
  const siteUrl = new URL(settings.url).href;
  const sources: SpooledFeedHtmlSource[] = posts.map((post) => {
    // A spooled post's HTML is read by the thread itself, and never comes onto this thread's heap.
    const htmlAt = options.spool?.sliceOf(post);
    return { html: htmlAt ? '' : post.html, htmlAt, excerptHtml: post.excerptHtml, url: absoluteUrl(settings, post.url), siteUrl };
  });
  const cache: FeedHtmlCache = new Map();
  const input: FeedHtmlThreadInput = { sources, spoolFd: options.spool?.fd, after: options.after };
  const made = await answerInThread<(ReturnType<typeof makeFeedHtml> | null)[]>(new URL('./feed-html.worker.ts', import.meta.url), input, options.after ? [options.after] : []);
  posts.forEach((post, index) => {
    const html = made?.[index];
    const { url, htmlAt } = sources[index]!;
    if (!html) return;
    // A spooled post's HTML would come back onto the heap to be compared: the entry names the post, which a build
    // never changes. Any other post's entry holds its very strings (no copies), which `serve`'s next model compares
    // with its own posts' HTML; holding the post would keep each old model alive.
    if (htmlAt) cache.set(post.file, { url, siteUrl, html: '', excerptHtml: '', madeFor: post, ...html });
    else cache.set(post.file, { url, siteUrl, html: post.html, excerptHtml: post.excerptHtml, ...html });
  });
  return cache;
}

/** A FeedHtmlSource whose HTML may be in the build's spool (`htmlAt`, in the file open as FeedHtmlThreadInput's `spoolFd`). */
export interface SpooledFeedHtmlSource extends FeedHtmlSource {
  htmlAt?: SpooledText | undefined;
}

/** What a feed HTML thread is given. */
export interface FeedHtmlThreadInput {
  sources: SpooledFeedHtmlSource[];
  /** The HtmlSpool's file, open in this process (default: no source is spooled). */
  spoolFd?: number | undefined;
  /** Work starts once this port gives a message (default: at once). */
  after?: MessagePort | undefined;
}
