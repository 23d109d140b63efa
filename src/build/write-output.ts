import { mkdirSync, statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { OutputFile } from '../taxonomy/types.ts';

/** Files written between two turns of the event loop: enough to keep the writes cheap, few enough that serve still answers. */
const filesPerTurn = 64;

/**
 * Each file into `outputDir` as `files` makes it, then let go. The writes are synchronous: ~20 000
 * small search and feed files went through fs/promises at ~8× the CPU (a promise, a thread-pool
 * job and a callback per call, and a race over the pending ones), while a write to the local
 * output folder takes microseconds. The event loop gets a turn every `filesPerTurn` files.
 */
export async function writeAll(
  files: AsyncIterable<OutputFile>,
  outputDir: string,
  written: ((file: string, body: string | Uint8Array) => void) | null,
): Promise<void> {
  const madeDirs = new Set<string>();
  let sinceTurn = 0;
  for await (const file of files) {
    const target = path.join(outputDir, file.path);
    const dir = path.dirname(target);
    if (!madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    }
    writeFileSync(target, file.body);
    written?.(file.path, file.body);
    if (++sinceTurn === filesPerTurn) {
      sinceTurn = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

/**
 * `files` but those the author's `publicDir` has at the same path (their own robots.txt or css/code.css):
 * theirs is copied, and weeklog's is not written over it. Each folder is looked up once: a site's
 * thousands of search shards and term feeds sit in folders an author's public/ rarely has, and a
 * lookup per file was ~40 ms of each `serve` update at 1000 posts.
 */
export async function* withoutFilesOf(publicDir: string, files: AsyncIterable<OutputFile>): AsyncGenerator<OutputFile> {
  const folders = new Map<string, boolean>();
  const hasFolder = (dir: string): boolean => {
    let known = folders.get(dir);
    if (known === undefined) folders.set(dir, (known = dir === '.' || statOf(path.join(publicDir, dir))?.isDirectory() === true));
    return known;
  };
  const authorHas = (file: OutputFile): boolean => hasFolder(path.posix.dirname(file.path)) && statOf(path.join(publicDir, file.path))?.isFile() === true;
  for await (const file of files) if (!authorHas(file)) yield file;
}

/** What is at `target`, following links; undefined where nothing is (a file on the way counts as nothing: ENOTDIR). */
function statOf(target: string): Stats | undefined {
  try {
    return statSync(target, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
