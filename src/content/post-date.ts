import path from 'node:path';
import type { ProblemList } from '../problems.ts';
import { dateFromFileName } from './dates.ts';
import type { Post } from './post.ts';
import type { PostSource } from './read-post-source.ts';

/**
 * When a post was written: front matter, else a `YYYY-MM-DD-` file-name prefix,
 * else the commit that added the file, else its mtime (with a warning, since
 * a fresh clone changes it).
 */
export function postDate(
  source: PostSource,
  isDraft: boolean,
  zone: string,
  gitDates: Map<string, Date>,
  problems: ProblemList,
): { date: Date; source: Post['dateSource'] } {
  if (source.fields.date) return { date: source.fields.date, source: 'front-matter' };
  const fromName = dateFromFileName(path.posix.basename(source.relativePath), zone);
  if (fromName) return { date: fromName, source: 'file-name' };
  const fromGit = gitDates.get(source.relativePath);
  if (fromGit) return { date: fromGit, source: 'git' };
  // Hexo's draft scaffold has no date: a draft gets one when it is published.
  if (isDraft) return { date: source.mtime, source: 'mtime' };
  problems.warn(
    source.file,
    1,
    1,
    'no-date',
    'The post has no date; using its modification time, which changes on every clone. Add `date:` to its front matter, or start the file name with `YYYY-MM-DD-`.',
  );
  return { date: source.mtime, source: 'mtime' };
}
