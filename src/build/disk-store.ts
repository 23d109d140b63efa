import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The file names this store writes: a hex key and `.json`; nothing else in the folder is touched. */
const ENTRY_NAME = /^[0-9a-f]{64}\.json$/u;

export interface DiskStoreOptions {
  /** Told once per unreadable entry; the entry is then treated as missing (default: none). */
  onCorrupt?: ((file: string, cause: unknown) => void) | null | undefined;
}

/**
 * JSON values on disk, one file per 64-hex key, in one folder weeklog owns
 * (`.cache/weeklog/<kind>/`). Entries are written to a temporary name and renamed, so a
 * reader sees a whole entry or none; one that cannot be read or parsed counts as a miss.
 */
export class DiskStore<T> {
  readonly dir: string;
  readonly #onCorrupt: ((file: string, cause: unknown) => void) | undefined;
  #created = false;

  constructor(dir: string, options: DiskStoreOptions = {}) {
    this.dir = dir;
    this.#onCorrupt = options.onCorrupt ?? undefined;
  }

  /** The value stored under `key`, or undefined when there is none or it is unreadable. */
  async get(key: string, isValid: (value: unknown) => value is T): Promise<T | undefined> {
    const file = this.#file(key);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') this.#onCorrupt?.(file, cause);
      return undefined;
    }
    try {
      const value: unknown = JSON.parse(text);
      if (isValid(value)) return value;
      this.#onCorrupt?.(file, new Error('unexpected content'));
    } catch (cause) {
      this.#onCorrupt?.(file, cause);
    }
    return undefined;
  }

  /** Stores `value`; a failure (full disk, read-only folder) only costs the next run a render. */
  async set(key: string, value: T): Promise<boolean> {
    const { file, temporary } = this.#target(key);
    try {
      this.#makeFolder();
      await writeFile(temporary, JSON.stringify(value), { mode: 0o644 });
      await rename(temporary, file);
      return true;
    } catch {
      // Where the folder cannot be made (a file in its place), removing fails too: nothing was written.
      await rm(temporary, { force: true }).catch(() => undefined);
      return false;
    }
  }

  /**
   * `set` without yielding, for a thread that has nothing else to do meanwhile: a render thread
   * that awaited its writes took the next post while they were pending and kept both in its heap.
   */
  setSync(key: string, value: T): boolean {
    const { file, temporary } = this.#target(key);
    try {
      this.#makeFolder();
      writeFileSync(temporary, JSON.stringify(value), { mode: 0o644 });
      renameSync(temporary, file);
      return true;
    } catch {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // As in `set`: no folder, so nothing was written.
      }
      return false;
    }
  }

  /** The entry's file, and a temporary file of this writer's own beside it to rename over it. */
  #target(key: string): { file: string; temporary: string } {
    const file = this.#file(key);
    return { file, temporary: `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp` };
  }

  #makeFolder(): void {
    if (this.#created) return;
    mkdirSync(this.dir, { recursive: true, mode: 0o755 });
    this.#created = true;
  }

  /** How many entries the folder holds (0 when there is no folder yet). */
  async count(): Promise<number> {
    return (await this.#entryNames()).length;
  }

  /** Removes the entries (files this store names) whose key is not in `keep`; returns how many went. */
  async prune(keep: ReadonlySet<string>): Promise<number> {
    const stale = (await this.#entryNames()).filter((name) => !keep.has(name.slice(0, -'.json'.length)));
    await Promise.all(stale.map((name) => unlink(path.join(this.dir, name)).catch(() => undefined)));
    return stale.length;
  }

  /** The files of the folder this store names (none when there is no folder yet). */
  async #entryNames(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((name) => ENTRY_NAME.test(name));
    } catch {
      return [];
    }
  }

  #file(key: string): string {
    if (!/^[0-9a-f]{64}$/u.test(key)) throw new TypeError(`Cache keys are 64 hex digits, not ${JSON.stringify(key)}.`);
    return path.join(this.dir, `${key}.json`);
  }
}
