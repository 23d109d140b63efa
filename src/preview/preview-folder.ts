import { mkdirSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { checkReplaceable, hasOutputMarker, writeOutputMarker } from '../cli/output-folder.ts';

/**
 * The preview lives in `<project>/.cache/serve/` (never the real output). Each
 * full rebuild writes a new generation folder beside the one being served and
 * the server switches over when it is complete, so a page is never served
 * half-written and a deleted post leaves no stale page behind. Every folder
 * here carries weeklog's marker, and nothing without it is ever deleted.
 */
export class PreviewFolder {
  readonly dir: string;
  #next = 0;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
    // Refuses a folder of the author's own that happens to sit at this path.
    checkReplaceable(this.dir, this.dir);
    mkdirSync(this.dir, { recursive: true });
    writeOutputMarker(this.dir);
  }

  /** A new, empty, marked generation folder. */
  create(): string {
    for (;;) {
      const dir = path.join(this.dir, `site-${process.pid}-${++this.#next}`);
      try {
        mkdirSync(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw error;
      }
      writeOutputMarker(dir);
      return dir;
    }
  }

  /**
   * Removes every marked generation but `keep` (leftovers of an earlier session included). The
   * folders are chosen now and deleted in the background: a thousand-post site is thousands of
   * files, and deleting them synchronously kept the server from answering for seconds.
   */
  prune(keep: string | null): Promise<void> {
    const doomed: string[] = [];
    for (const name of readdirSync(this.dir)) {
      const dir = path.join(this.dir, name);
      const pid = Number(/^site-(\d+)-/u.exec(name)?.[1]);
      // Another `serve` of the same project is still showing its own generation.
      if (pid !== process.pid && isRunning(pid)) continue;
      if (dir === keep || !Number.isInteger(pid) || !hasOutputMarker(dir)) continue;
      doomed.push(dir);
    }
    return Promise.all(doomed.map((dir) => rm(dir, { recursive: true, force: true }))).then(() => {});
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
