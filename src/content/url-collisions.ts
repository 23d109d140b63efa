import type { ProblemList } from '../problems.ts';
import { locateKey } from './front-matter.ts';
import type { Post } from './post.ts';
import type { PostSource } from './read-post-source.ts';

/** Keeps the first post (by file) for each URL and reports the others, naming both files. */
export function dropUrlCollisions(posts: Post[], sources: PostSource[], problems: ProblemList): Post[] {
  const sourceByFile = new Map(sources.map((s) => [s.file, s]));
  const owners = new Map<string, Post>();
  const kept: Post[] = [];
  for (const post of [...posts].sort((a, b) => a.file.localeCompare(b.file))) {
    const owner = owners.get(post.url);
    if (!owner) {
      owners.set(post.url, post);
      kept.push(post);
      continue;
    }
    const frontMatter = sourceByFile.get(post.file)?.frontMatter;
    const where = frontMatter && 'permalink' in frontMatter.data ? locateKey(frontMatter, 'permalink') : { line: 1, column: 1 };
    problems.error(
      post.file,
      where.line,
      where.column,
      'duplicate-url',
      `${owner.file} and ${post.file} both want the URL ${post.url}. Give one a \`permalink:\` or rename it.`,
    );
  }
  return kept;
}
