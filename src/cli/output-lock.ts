import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';

/** A held lock; `release` removes the lock file only while it is still this holder's. */
export interface OutputLock {
  readonly file: string;
  release(): void;
}

export interface LockOptions {
  /** Called once when another live build holds the lock, before waiting for it. */
  onWait?: (holderPid: number, lockFile: string) => void;
  /** Between two looks at a held lock (default: `200` ms). */
  pollMs?: number;
}

/** `<parent>/.<name>.lock`: beside the output, since the output folder itself is swapped. */
export const lockFileFor = (outputDir: string): string =>
  path.join(path.dirname(outputDir), `.${path.basename(outputDir)}.lock`);

export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock on one output folder, waiting while another live build holds it, so
 * builds into one folder run one after the other. A lock left by a process that no
 * longer runs is taken over. The lock file holds `pid token`; the token tells this
 * holder's lock from a later one with a reused pid.
 */
export async function acquireOutputLock(outputDir: string, options: LockOptions = {}): Promise<OutputLock> {
  const file = lockFileFor(path.resolve(outputDir));
  const token = randomBytes(8).toString('hex');
  const content = `${process.pid} ${token}\n`;
  let waited = false;
  for (;;) {
    if (tryCreate(file, content)) return { file, release: () => releaseIfOurs(file, content) };
    const holder = readHolder(file);
    if (holder === undefined) continue; // released between our two looks
    if (!isRunning(holder.pid)) {
      takeOverStale(file, holder.text);
      continue;
    }
    if (!waited) options.onWait?.(holder.pid, file);
    waited = true;
    await sleep(options.pollMs ?? 200);
  }
}

/** Creates `file` with `content` only if it does not exist: write aside, then hard-link (atomic, fails on EEXIST). */
function tryCreate(file: string, content: string): boolean {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, content);
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

function readHolder(file: string): { pid: number; text: string } | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    return { pid: Number.parseInt(text, 10), text };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Moves the stale lock aside (one rename: of two builds taking it over, only one wins),
 * and puts it back if what was moved turns out not to be the stale lock seen.
 */
function takeOverStale(file: string, staleText: string): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readFileSync(aside, 'utf8') !== staleText) {
    try {
      linkSync(aside, file);
    } catch {
      // Someone else holds a fresh lock already; theirs stands.
    }
  }
  rmSync(aside, { force: true });
}

function releaseIfOurs(file: string, content: string): void {
  try {
    if (readFileSync(file, 'utf8') === content) rmSync(file, { force: true });
  } catch {
    // Already gone: nothing to release.
  }
}
