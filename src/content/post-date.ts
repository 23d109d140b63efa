import path from 'node:path';
import type { ProblemList } from '../problems.ts';
import { dateFromFileName } from './dates.ts';
import type { GitHistory } from './git-dates.ts';
import type { Post } from './post.ts';
import type { PostSource } from './read-post-source.ts';

/**
 * When a post was written: front matter, else a `YYYY-MM-DD-` file-name prefix,
 * else the commit that added the file (full history only), else its mtime.
 * Posts dated by mtime are reported together by `reportUndated`.
 */
export function postDate(source: PostSource, zone: string, history: GitHistory): { date: Date; source: Post['dateSource'] } {
  if (source.fields.date) return { date: source.fields.date, source: 'front-matter' };
  const fromName = dateFromFileName(path.posix.basename(source.relativePath), zone);
  if (fromName) return { date: fromName, source: 'file-name' };
  const fromGit = history.added.get(source.relativePath);
  if (fromGit) return { date: fromGit, source: 'git' };
  return { date: source.mtime, source: 'mtime' };
}

/**
 * The last content change, when git knows one after the commit that added the
 * file; a front-matter `updated:` always wins. Null when unknown or unchanged.
 */
export function gitUpdated(relativePath: string, date: Date, history: GitHistory): Date | null {
  const changed = history.changed.get(relativePath);
  if (!changed || (history.commits.get(relativePath) ?? 0) < 2) return null;
  return changed.getTime() > date.getTime() ? changed : null;
}

const historyNotes = (one: boolean): Record<GitHistory['state'], string> => ({
  shallow:
    'The git history is shallow (a `--depth 1` clone), so the commit that added each file is unknown and git dates are not used. ' +
    'Fetch the full history (`git fetch --unshallow`; in GitHub Actions `fetch-depth: 0`), then run `weeklog dates --write` once to write the dates into the front matter.',
  none:
    `The content folder has no git history (an archive or a copy). Add \`date:\` to ${one ? 'its' : 'their'} front matter, ` +
    'or run `weeklog dates --write` once in a clone with full history.',
  complete: one
    ? 'It is not committed yet; once it is, the commit date is used. Add `date:` to its front matter to fix the date now.'
    : 'They are not committed yet; once they are, the commit date is used. Add `date:` to their front matter to fix the date now.',
});

/**
 * One warning for every published post dated by its modification time, which
 * changes on every clone: the first such post's place, how many there are, the
 * order they get instead (see post-order.ts) and the fix for this history.
 */
export function reportUndated(undated: { file: string }[], history: GitHistory, problems: ProblemList): void {
  if (undated.length === 0) return;
  const names = undated.slice(0, 3).map((post) => post.file).join(', ') + (undated.length > 3 ? ', …' : '');
  const subject =
    undated.length === 1
      ? 'The post has no date; using its modification time, which changes on every clone.'
      : `${undated.length} posts have no date in their front matter or file name (${names}); they are dated by their modification time, which changes on every clone, and ordered by the issue number in their title or file name (第 N 期, issue-N, a trailing number), newest first.`;
  problems.warn(undated[0].file, 1, 1, 'no-date', `${subject} ${historyNotes(undated.length === 1)[history.state]}`);
}
