import { readdirSync, statSync } from 'node:fs';
import { link, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { mapLimited } from '../map-limited.ts';

/** A written file as the file system describes it: any change to it changes one of these. */
export type FileStamp = [size: number, mtimeMs: number, ino: number];

/**
 * Relative path (posix) → stamp of every file under `dir`. Synchronous stats: thousands of awaited
 * ones each waited for the thread pool, and the build has nothing else to do meanwhile.
 */
export async function stampsOf(dir: string): Promise<Record<string, FileStamp>> {
  const files = await filesUnder(dir);
  const stamps: Record<string, FileStamp> = {};
  for (const relative of files) {
    const info = statSync(path.join(dir, relative));
    stamps[relative] = [info.size, info.mtimeMs, info.ino];
  }
  return stamps;
}

/** True when `dir` holds exactly the files of `stamps`, none of them touched since. */
export async function stampsMatch(dir: string, stamps: Readonly<Record<string, FileStamp>>): Promise<boolean> {
  let now: Record<string, FileStamp>;
  try {
    now = await stampsOf(dir);
  } catch {
    return false;
  }
  const names = Object.keys(stamps);
  if (Object.keys(now).length !== names.length) return false;
  return names.every((name) => {
    const a = now[name];
    const b = stamps[name]!;
    return a !== undefined && a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
  });
}

/**
 * Makes every file of the freshly built `stagingDir` whose bytes equal the same file in
 * `previousDir` (the site it is about to replace) that very file again, by a hard link: after
 * the swap an unchanged page keeps its inode and modification time, so rsync, web server caches
 * and watchers see only what really changed. The link is made beside the new file and renamed
 * over it, so the staging folder never lacks a file; a file that cannot be linked stays new.
 * Returns how many files were kept.
 */
export async function keepUnchangedFiles(stagingDir: string, previousDir: string): Promise<number> {
  const files = await filesUnder(stagingDir);
  let kept = 0;
  await mapLimited(files, 32, async (relative) => {
    const fresh = path.join(stagingDir, relative);
    const old = path.join(previousDir, relative);
    try {
      const [freshInfo, oldInfo] = await Promise.all([stat(fresh), stat(old)]);
      if (!oldInfo.isFile() || oldInfo.size !== freshInfo.size || oldInfo.ino === freshInfo.ino) return;
      const [a, b] = await Promise.all([readFile(fresh), readFile(old)]);
      if (!a.equals(b)) return;
      const temporary = `${fresh}.weeklog-keep`;
      await link(old, temporary);
      await rename(temporary, fresh).catch(async (error: unknown) => {
        await rm(temporary, { force: true });
        throw error;
      });
      kept++;
    } catch {
      // Missing before, or not linkable here (another file system): the new file stays.
    }
  });
  return kept;
}

/**
 * Paths (posix, relative) of the regular files under `dir`. Read synchronously: the promise
 * version reads one folder after another, each a round trip through the thread pool, and a
 * site has a folder per post (1000 posts: 0.48 s waiting, against 0.07 s).
 */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}
