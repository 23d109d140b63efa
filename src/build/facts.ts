import type { Post } from '../content/post.ts';

/** What one post was in the last build: enough to tell an edit that moves it from one that does not. */
export interface PostFacts {
  hash: string;
  url: string;
}

/**
 * What the last build of a context was made from, per source file. Rebuilds compare against it to
 * tell which posts changed; it is replaced, never merged, after every load so deleted posts drop out.
 */
export class BuildFacts {
  #posts = new Map<string, PostFacts>();
  #nextFuture: Date | null = null;

  /** Replaces the facts with those of the posts just loaded. */
  recordPosts(posts: readonly Post[], nextFuture: Date | null = null): void {
    this.#posts = new Map(posts.map((post) => [post.file, { hash: post.hash, url: post.url }]));
    this.#nextFuture = nextFuture;
  }

  /** The earliest date of a post the last load left out for being in the future: from then on the site differs. */
  get nextFuture(): Date | null {
    return this.#nextFuture;
  }

  /** The post loaded from `file` (project-relative, as `Post.file`) in the last build. */
  post(file: string): PostFacts | undefined {
    return this.#posts.get(file);
  }

  get postFiles(): string[] {
    return [...this.#posts.keys()];
  }
}
