import type { ProblemList } from '../problems.ts';
import type { Post } from './post.ts';

/** Keeps the first post (by file) for each URL and reports the others, naming both files. */
export function dropUrlCollisions(posts: Post[], problems: ProblemList): Post[] {
  const owners = new Map<string, Post>();
  const kept: Post[] = [];
  for (const post of [...posts].sort((a, b) => a.file.localeCompare(b.file))) {
    const owner = owners.get(post.url);
    if (!owner) {
      owners.set(post.url, post);
      kept.push(post);
      continue;
    }
    problems.error(
      post.file,
      post.urlPlace.line,
      post.urlPlace.column,
      'duplicate-url',
      `${owner.file} and ${post.file} both want the URL ${post.url}. Give one a \`permalink:\` or rename it.`,
    );
  }
  return kept;
}
