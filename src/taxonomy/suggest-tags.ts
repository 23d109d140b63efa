import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Post } from '../content/post.ts';
import type { Problem } from '../problems.ts';

/**
 * Where the author would add tags: the `tags:` line of the front matter, else
 * the first line. The post is read again only in `suggest` mode, which is a
 * report, so the cost stays out of ordinary builds.
 */
function tagsPlace(projectDir: string, post: Post): { line: number; column: number } {
  let source: string;
  try {
    source = readFileSync(path.resolve(projectDir, post.file), 'utf8');
  } catch {
    return { line: 1, column: 1 };
  }
  const lines = source.split(/\r?\n/u);
  if (lines[0]?.trim() !== '---') return { line: 1, column: 1 };
  for (let index = 1; index < lines.length && lines[index].trim() !== '---'; index++) {
    const match = /^(tags[ \t]*:[ \t]*)/u.exec(lines[index]);
    if (match) return { line: index + 1, column: match[1].length + 1 };
  }
  return { line: 1, column: 1 };
}

/** The `suggest-tags` warning for a post the vocabulary would tag. */
export function suggestTagsProblem(projectDir: string, post: Post, tags: string[]): Problem {
  const { line, column } = tagsPlace(projectDir, post);
  return {
    file: post.file,
    line,
    column,
    severity: 'warning',
    ruleId: 'suggest-tags',
    message: `could be tagged: ${tags.join(', ')}. Add them to \`tags:\` in the front matter, or set \`autoTag: add\` to tag posts automatically.`,
  };
}
