import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * What this preview last wrote to each generated file (feeds, search files, sitemap) of one
 * generation folder, as a digest: an update then compares a file's new bytes with the digest
 * instead of reading the file back (6 000 files, 36 MB at 1000 posts, on every edit). A file not
 * known yet (the full build wrote it) is read back once.
 */
export class WrittenFiles {
  readonly #digests = new Map<string, string>();
  /** The body last written, when it is the very same string the next update makes (a feed kept whole), needs no hashing. */
  readonly #bodies = new Map<string, string | Uint8Array>();

  /** Writes `body` to `file` (a path inside the generation folder) unless it holds those bytes already; true when written. */
  async write(file: string, body: string | Uint8Array): Promise<boolean> {
    if (this.#bodies.get(file) === body && this.#digests.has(file)) return false;
    const digest = createHash('sha1').update(body).digest('base64');
    const known = this.#digests.get(file);
    this.#bodies.set(file, body);
    if (known === digest) return false;
    // Forgotten first: a write that fails half-way must not leave the new digest behind.
    this.#digests.delete(file);
    // A file not known yet is read back once; a known one with another digest is surely different.
    const written = known === undefined ? await writeIfChanged(file, body) : await writeBytes(file, body);
    this.#digests.set(file, digest);
    return written;
  }

  /**
   * Reads what the full build wrote to `file` and keeps its digest, unless an update already knows
   * it: done in the background after serve starts, so the first edit compares digests instead of
   * reading back thousands of feeds and search files. Known first by an update, the file keeps the
   * update's digest; read before an update wrote it, the digest is the old bytes' and the update
   * writes the file again, as it should.
   */
  async learn(file: string): Promise<void> {
    if (this.#digests.has(file)) return;
    const bytes = await readFile(file).catch(() => null);
    if (bytes && !this.#digests.has(file)) this.#digests.set(file, createHash('sha1').update(bytes).digest('base64'));
  }

  /** The file was removed, or written by other means. */
  forget(file: string): void {
    this.#digests.delete(file);
    this.#bodies.delete(file);
  }
}

/** Writes `body` to `file` unless the file holds those bytes already; true when written. */
export async function writeIfChanged(file: string, body: string | Uint8Array): Promise<boolean> {
  const current = await readFile(file).catch(() => null);
  if (current && current.equals(bytesOf(body))) return false;
  return writeBytes(file, body);
}

let temporaries = 0;

/**
 * The new bytes go to a file of our own beside `file` and are renamed over it: the dev server (or a
 * feed reader polling it) reading `file` meanwhile gets the old bytes or the new, never half of them.
 * Written in place, a feed.json fetched during an update came back cut off mid-string.
 */
async function writeBytes(file: string, body: string | Uint8Array): Promise<true> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.weeklog-${process.pid}-${++temporaries}.tmp`;
  try {
    await writeFile(temporary, bytesOf(body), { flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    // `wx` opens only a file it creates: unless it found one there, what is left is ours to remove.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') await rm(temporary, { force: true });
    throw error;
  }
  return true;
}

const bytesOf = (body: string | Uint8Array): Buffer =>
  typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
