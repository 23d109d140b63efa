import { startAnswerThread, type AnswerThread } from '../build/answer-in-thread.ts';
import type { Post } from '../content/post.ts';
import type { RelatedSource } from './related.ts';

/**
 * Every post's related posts (related.ts: ~1 s of the main thread at 1000 posts, tokenizing every
 * post's text again), worked out in a thread of its own. The thread starts as soon as the posts are
 * read (`start`): tokenizing their titles and text, most of its work, needs nothing the taxonomy
 * adds, so it runs while the main thread files the posts under their terms, a time the other core
 * was idle. Once the taxonomy has given the posts their tags, `answer` sends them and the thread
 * ranks. The same functions on copies of the same fields, so the lists are those of relatedPosts.
 */
export class RelatedThread {
  readonly #posts: readonly Post[];
  readonly #thread: AnswerThread<number[][]>;

  private constructor(posts: readonly Post[]) {
    this.#posts = posts;
    const texts: Pick<RelatedSource, 'title' | 'text'>[] = posts.map(({ title, text }) => ({ title, text }));
    this.#thread = startAnswerThread<number[][]>(new URL('./related.worker.ts', import.meta.url), texts);
  }

  /** Starts on the posts' titles and text, which must not change before `answer`. */
  static start(posts: readonly Post[]): RelatedThread {
    return new RelatedThread(posts);
  }

  /**
   * The related posts of `posts`, which now have their tags; null when the thread fails. Posts
   * other than those the thread started on (the URL check left some out) get a thread of their own.
   */
  async answer(posts: readonly Post[]): Promise<Map<Post, Post[]> | null> {
    if (posts.length !== this.#posts.length || posts.some((post, index) => post !== this.#posts[index])) {
      this.stop();
      return relatedInThread(posts);
    }
    this.#thread.send(posts.map(({ file, tags, date, url }) => ({ file, tags, date, url })));
    const lists = await this.#thread.answer;
    return lists && new Map(posts.map((post, index) => [post, lists[index]!.map((other) => posts[other]!)]));
  }

  /** Its answer is no longer wanted (the build stopped). */
  stop(): void {
    this.#thread.stop();
  }
}

/** Every post's related posts, worked out in a thread from posts that already have their tags; null when the thread fails. */
export function relatedInThread(posts: readonly Post[]): Promise<Map<Post, Post[]> | null> {
  return RelatedThread.start(posts).answer(posts);
}
