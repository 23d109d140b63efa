import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ProblemList } from '../problems.ts';
import { readPostSource, type PostSource } from './read-post-source.ts';

/**
 * Content files as read by an earlier load of the same folder, each with the size and modification
 * time it had and the problems reading it found: `serve` loads every post again after each edit,
 * and reading, hashing and parsing the front matter of a thousand unchanged files cost more than
 * the rest of the load. A file whose size or time changed (or that `serve` was told changed) is read again.
 */
export interface KeptSources {
  contentDir: string;
  byPath: Map<string, { key: string; source: PostSource | null; problems: ProblemList['items'] }>;
}

/** readPostSource, through `kept` when given (see KeptSources). */
export async function readKeptSource(
  kept: KeptSources | undefined,
  contentDir: string,
  relativePath: string,
  file: string,
  zone: string,
  problems: ProblemList,
): Promise<PostSource | null> {
  if (!kept) return readPostSource(contentDir, relativePath, file, zone, problems);
  const stats = await stat(path.join(contentDir, ...relativePath.split('/')), { bigint: true }).catch(() => null);
  // Nanosecond times: two saves of one size within a millisecond must not look alike.
  const key = stats ? `${stats.size}\0${stats.mtimeNs}\0${stats.ino}\0${zone}\0${file}` : null;
  const known = kept.byPath.get(relativePath);
  if (key !== null && known?.key === key) {
    // The awaited stat gives the event loop its turn per file, as reading it would: the edited page
    // `serve` has just announced is requested during the load, and a load that never waits held it back.
    for (const problem of known.problems) problems.add(problem);
    return known.source;
  }
  const own = new ProblemList();
  const source = await readPostSource(contentDir, relativePath, file, zone, own);
  for (const problem of own.items) problems.add(problem);
  if (key === null) kept.byPath.delete(relativePath);
  else kept.byPath.set(relativePath, { key, source, problems: own.items });
  return source;
}
