import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { WeeklogError } from '../errors.ts';
import { checkReplaceable, hasOutputMarker, writeOutputMarker } from './output-folder.ts';
import { acquireOutputLock, isRunning, type LockOptions } from './output-lock.ts';

/** The new site was built but the final rename into the output folder failed. */
export class OutputError extends WeeklogError {}

/** The output path names something other than a folder; nothing was built. */
export class OutputNotFolderError extends WeeklogError {}

export interface AtomicOptions extends LockOptions {
  /** The output as the user wrote it, for messages (default: the path given). */
  shown?: string;
}

/**
 * Runs `build` into a staging sibling of `outputDir` (same file system, so renames are
 * atomic) and swaps it into place only when `build` resolved. When `build` throws, or
 * SIGINT/SIGTERM arrives, the previous output is left as it was and the staging folder goes.
 * Builds into one folder take turns (a lock file beside it); a folder weeklog did not
 * write is never replaced (see output-folder.ts).
 */
export async function buildAtomically<T>(outputDir: string, build: (stagingDir: string) => Promise<T>, options: AtomicOptions = {}): Promise<T> {
  const output = path.resolve(outputDir);
  const shown = options.shown ?? outputDir;
  if (existsSync(output) && !statSync(output).isDirectory()) {
    throw new OutputNotFolderError(`${shown} exists and is not a folder.`);
  }
  checkReplaceable(output, shown);
  const parent = path.dirname(output);
  const base = path.basename(output);
  await mkdir(parent, { recursive: true });
  const lock = await acquireOutputLock(output, options);
  const state: SwapState = { output, staging: undefined, backup: undefined };
  const stopOnSignal = cleanUpOnSignal(state, lock.release);
  try {
    // Another build may have written the folder while this one waited for the lock.
    checkReplaceable(output, shown);
    await removeAbandoned(parent, base);
    const staging = await makeStaging(state, parent, base);
    const result = await build(staging);
    await swapInto(state);
    return result;
  } finally {
    if (state.staging) await rm(state.staging, { recursive: true, force: true });
    stopOnSignal();
    lock.release();
  }
}

interface SwapState {
  output: string;
  /** Set while the new site is being written; gone once it is the output. */
  staging: string | undefined;
  /** Set while the previous site is moved aside. */
  backup: string | undefined;
}

/**
 * A fresh folder made with `mkdir`, so it gets the umask's permissions (0755), not
 * mkdtemp's 0700 that would make the site unreadable to a web server. It carries the
 * marker from the start, so a build killed past any cleanup leaves a folder the next
 * build can prove is weeklog's. The name is in `state` before the folder exists: a
 * signal arriving as it is made still finds it.
 */
async function makeStaging(state: SwapState, parent: string, base: string): Promise<string> {
  for (;;) {
    const staging = path.join(parent, `.${base}.building-${process.pid}-${randomBytes(6).toString('hex')}`);
    state.staging = staging;
    try {
      await mkdir(staging);
    } catch (error) {
      state.staging = undefined;
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    writeOutputMarker(staging);
    return staging;
  }
}

/**
 * On SIGINT/SIGTERM the staging folder goes and a site moved aside mid-swap is put
 * back, synchronously, before the signal is raised again to end the process as it would have.
 */
function cleanUpOnSignal(state: SwapState, release: () => void): () => void {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    if (state.backup && existsSync(state.backup) && !existsSync(state.output)) renameSync(state.backup, state.output);
    if (state.staging) rmSync(state.staging, { recursive: true, force: true });
    if (state.backup && existsSync(state.backup)) rmSync(state.backup, { recursive: true, force: true });
    release();
    process.kill(process.pid, signal);
  };
  const stop = () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
  for (const signal of signals) process.on(signal, onSignal);
  return stop;
}

/**
 * Cleans up after a build that was killed: its staging folder goes, and its
 * backup goes too unless the kill came mid-swap, when the backup is the site
 * and is put back. A live build's folders, and any folder without weeklog's
 * marker, are left alone.
 */
async function removeAbandoned(parent: string, base: string): Promise<void> {
  const pattern = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(building|previous)-(\\d+)-`);
  const output = path.join(parent, base);
  for (const name of await readdir(parent)) {
    const match = pattern.exec(name);
    const folder = path.join(parent, name);
    if (!match || isRunning(Number(match[2]))) continue;
    if (match[1] === 'previous' && !existsSync(output)) await rename(folder, output);
    else if (hasOutputMarker(folder)) await rm(folder, { recursive: true, force: true });
  }
}

async function swapInto(state: SwapState): Promise<void> {
  const { output } = state;
  const staging = state.staging!;
  if (!existsSync(output)) {
    await rename(staging, output);
    state.staging = undefined;
    return;
  }
  const backup = `${path.join(path.dirname(output), `.${path.basename(output)}.previous-`)}${process.pid}-${Date.now()}`;
  // Named before each rename, so a signal between a rename and its callback still knows where everything is.
  state.backup = backup;
  await rename(output, backup);
  try {
    await rename(staging, output);
    state.staging = undefined;
  } catch (cause) {
    // Put the old site back so a failed swap never leaves no site at all.
    await rename(backup, output);
    state.backup = undefined;
    throw new OutputError(`could not move the new site into ${output}`, { cause });
  }
  // The backup was the output this build proved replaceable before starting.
  await rm(backup, { recursive: true, force: true });
  state.backup = undefined;
}

/** Counts files under `dir` for progress display; a folder vanishing mid-count is not an error. */
export async function countFiles(dir: string): Promise<number> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}
