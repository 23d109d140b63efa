import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WeeklogError } from '../errors.ts';
import type { Post } from './post.ts';

/** Where one text is in a spool's file: its UTF-8 bytes from `offset`. */
export interface SpooledText {
  offset: number;
  length: number;
}

/** Thrown when a post's HTML is read from a spool that was closed (the build it belonged to has ended). */
export class SpoolClosedError extends WeeklogError {
  constructor(file: string) {
    super(`The HTML of ${file} was read after its build ended and let go of it. Read a post's HTML while the build runs, or load the site again.`);
  }
}

/**
 * Every post's HTML kept in a file of its own instead of the heap while a build writes the pages (at 4000 posts
 * ~80 MB of strings, alive through the whole page phase, when the build's memory peaks). Each post's `html` reads
 * its bytes back when asked for, which a post's page does once and the feed HTML thread once more (`fd` is the
 * process's, so a worker thread reads it too).
 *
 * The file has no name once open (removed at once; POSIX keeps an open file alive), so nothing is left on disk
 * whatever happens to the build, and nothing but what this spool made is ever removed.
 */
export class HtmlSpool {
  readonly fd: number;
  readonly #slices = new WeakMap<Post, SpooledText>();
  /** Removals left for `close`, where an open file cannot lose its name (Windows). */
  readonly #leftovers: (() => void)[];
  #size = 0;
  #closed = false;

  private constructor(fd: number, leftovers: (() => void)[]) {
    this.fd = fd;
    this.#leftovers = leftovers;
  }

  /** A spool in a new folder of `tmpDir`, or `null` where none can be made (the posts then keep their HTML). */
  static open(tmpDir = os.tmpdir()): HtmlSpool | null {
    let folder: string;
    try {
      folder = mkdtempSync(path.join(tmpDir, 'weeklog-html-'));
    } catch {
      return null;
    }
    const file = path.join(folder, 'posts.html');
    let fd: number;
    try {
      fd = openSync(file, 'wx+', 0o600);
    } catch {
      rmdirSync(folder);
      return null;
    }
    const leftovers: (() => void)[] = [];
    for (const remove of [() => unlinkSync(file), () => rmdirSync(folder)]) {
      try {
        remove();
      } catch {
        leftovers.push(remove);
      }
    }
    return new HtmlSpool(fd, leftovers);
  }

  /** Writes `text` at the end of the file. Throws what the file system says (ENOSPC: the disk is full). */
  put(text: string): SpooledText {
    const bytes = Buffer.from(text, 'utf8');
    const at = { offset: this.#size, length: bytes.length };
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, at.offset + done);
    this.#size += bytes.length;
    return at;
  }

  /** `put`, or null where the file takes no more (a full disk): the caller keeps the text in memory then. */
  tryPut(text: string): SpooledText | null {
    try {
      return this.put(text);
    } catch {
      return null;
    }
  }

  read(at: SpooledText): string {
    return readSpooled(this.fd, at);
  }

  /** From now on `post.html` reads the text at `at` (put here), and a new value is put here too, or kept in memory if it cannot be. */
  adopt(post: Post, at: SpooledText): void {
    this.#slices.set(post, at);
    const spool = this;
    Object.defineProperty(post, 'html', {
      configurable: true,
      enumerable: true,
      get() {
        if (spool.#closed) throw new SpoolClosedError(post.file);
        return spool.read(spool.#slices.get(post)!);
      },
      set(html: string) {
        const at = spool.tryPut(html);
        if (at) return void spool.#slices.set(post, at);
        spool.#slices.delete(post);
        Object.defineProperty(post, 'html', { configurable: true, enumerable: true, writable: true, value: html });
      },
    });
  }

  /** Where `post`'s HTML is, if this spool holds it. */
  sliceOf(post: Post): SpooledText | undefined {
    return this.#slices.get(post);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.fd);
    for (const remove of this.#leftovers) {
      try {
        remove();
      } catch {
        // Gone already.
      }
    }
  }
}

/** The text at `at` of the spool open as `fd`, in whichever thread of the process. */
export function readSpooled(fd: number, at: SpooledText): string {
  const bytes = Buffer.allocUnsafe(at.length);
  for (let done = 0; done < at.length; ) {
    const read = readSync(fd, bytes, done, at.length - done, at.offset + done);
    if (read === 0) throw new RangeError(`The HTML spool ends before byte ${at.offset + at.length}.`);
    done += read;
  }
  return bytes.toString('utf8');
}
