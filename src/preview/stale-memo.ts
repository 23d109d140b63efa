import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ContentMemo } from '../content/load-posts.ts';

/**
 * Forgets what `memo` remembers of the files in `changed`: their kept sources always (read again
 * whatever their size and time say: the watcher saw them change), and the content folder's file
 * list when `changed` added, deleted or renamed a post (a path that is not in it, or no longer
 * exists): only then can the list be wrong. Editing a post keeps it, so an edit does not walk the
 * content folder again.
 */
export function forgetStale(memo: ContentMemo, changed: Set<string>, contentDir: string): void {
  const relative = (file: string) => path.relative(contentDir, file).split(path.sep).join('/');
  for (const file of changed) memo.sources?.byPath.delete(relative(file));
  const files = memo.files;
  if (!files) return;
  const known = new Set(files.relativePaths);
  const same = [...changed].every((file) => known.has(relative(file)) && existsSync(file));
  if (!same) memo.files = undefined;
}

/**
 * False when git found no repository for the content folder and there is still none: no `.git`
 * in it or any folder above it, where git looks. Every update asked git again, to see commits made
 * while serving, and starting git from a process this size blocks it for 10-60 ms at 1000 posts.
 */
export async function mayHaveNewCommits(history: ContentMemo['history']): Promise<boolean> {
  if (!history || (await history.history).state !== 'none') return true;
  for (let dir = path.resolve(history.contentDir); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}
