import { startWorker } from '../compiled.ts';
import type { Post } from '../content/post.ts';
import type { RelatedSource } from './related.ts';

/** Short-lived strings by the megabyte (tokens, trees): V8's default 16 MB young generation spent a quarter of the thread in GC. */
const YOUNG_GENERATION_MB = 32;

/**
 * Every post's related posts (related.ts: ~1 s of the main thread at 1000 posts, tokenizing every
 * post's text again), worked out in a thread of its own while the main thread writes the search
 * index. The same function on copies of the same fields, so the lists are the same; null when
 * the thread fails, and the site model then works them out itself when a page first asks.
 */
export function relatedInThread(posts: readonly Post[]): Promise<Map<Post, Post[]> | null> {
  const sources: RelatedSource[] = posts.map(({ file, title, text, tags, date, url }) => ({ file, title, text, tags, date, url }));
  return new Promise((resolve) => {
    let worker;
    try {
      worker = startWorker(new URL('./related.worker.ts', import.meta.url), { workerData: sources, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    } catch {
      return resolve(null);
    }
    // Never what keeps a finished build's process alive.
    worker.unref();
    worker.once('message', (lists: number[][]) => resolve(new Map(posts.map((post, index) => [post, lists[index]!.map((other) => posts[other]!)]))));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
}
