import { answerInThread } from '../build/answer-in-thread.ts';
import type { Post } from '../content/post.ts';
import type { RelatedSource } from './related.ts';

/**
 * Every post's related posts (related.ts: ~1 s of the main thread at 1000 posts, tokenizing every
 * post's text again), worked out in a thread of its own while the main thread writes the search
 * index. The same function on copies of the same fields, so the lists are the same; null when
 * the thread fails, and the site model then works them out itself when a page first asks.
 */
export async function relatedInThread(posts: readonly Post[]): Promise<Map<Post, Post[]> | null> {
  const sources: RelatedSource[] = posts.map(({ file, title, text, tags, date, url }) => ({ file, title, text, tags, date, url }));
  const lists = await answerInThread<number[][]>(new URL('./related.worker.ts', import.meta.url), sources);
  return lists && new Map(posts.map((post, index) => [post, lists[index]!.map((other) => posts[other]!)]));
}
