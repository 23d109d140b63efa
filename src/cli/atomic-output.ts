import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { WeeklogError } from '../errors.ts';

/** The new site was built but the final rename into the output folder failed. */
export class OutputError extends WeeklogError {}

/** The output path names something other than a folder; nothing was built. */
export class OutputNotFolderError extends WeeklogError {}

/**
 * Runs `build` into a temporary sibling of `outputDir` (same file system, so
 * renames are atomic) and swaps it into place only when `build` resolved.
 * When `build` throws, the previous output is not touched at all.
 */
export async function buildAtomically<T>(outputDir: string, build: (stagingDir: string) => Promise<T>): Promise<T> {
  const output = path.resolve(outputDir);
  if (existsSync(output) && !statSync(output).isDirectory()) {
    throw new OutputNotFolderError(`${outputDir} exists and is not a folder.`);
  }
  const parent = path.dirname(output);
  const base = path.basename(output);
  await mkdir(parent, { recursive: true });
  await removeAbandoned(parent, base);
  const staging = await mkdtemp(path.join(parent, `.${base}.building-${process.pid}-`));
  let result: T;
  try {
    result = await build(staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await swapInto(staging, output);
  return result;
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Cleans up after a build that was killed: its staging folder goes, and its
 * backup goes too unless the kill came mid-swap, when the backup is the site
 * and is put back. A live build's folders are left alone.
 */
async function removeAbandoned(parent: string, base: string): Promise<void> {
  const pattern = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(building|previous)-(\\d+)-`);
  const output = path.join(parent, base);
  for (const name of await readdir(parent)) {
    const match = pattern.exec(name);
    if (!match || isRunning(Number(match[2]))) continue;
    if (match[1] === 'previous' && !existsSync(output)) await rename(path.join(parent, name), output);
    else await rm(path.join(parent, name), { recursive: true, force: true });
  }
}

async function swapInto(staging: string, output: string): Promise<void> {
  if (!existsSync(output)) {
    await rename(staging, output);
    return;
  }
  const backup = `${path.join(path.dirname(output), `.${path.basename(output)}.previous-`)}${process.pid}-${Date.now()}`;
  await rename(output, backup);
  try {
    await rename(staging, output);
  } catch (cause) {
    // Put the old site back so a failed swap never leaves no site at all.
    await rename(backup, output);
    await rm(staging, { recursive: true, force: true });
    throw new OutputError(`could not move the new site into ${output}`, { cause });
  }
  await rm(backup, { recursive: true, force: true });
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
