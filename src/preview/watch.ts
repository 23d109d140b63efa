import { readdirSync, realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { WeeklogError } from '../errors.ts';

export interface Options {
  /** Folders watched with everything below them; missing ones are skipped. */
  folders: string[];
  /** Single files (the settings file); their folder is watched without recursion. */
  files: string[];
  /** Paths under these folders are never reported (the preview folder, the output, `.git`). */
  ignore: string[];
  /**
   * Quiet time after the last event before `onChange` runs (default: `10` ms): editors save in
   * several steps, microseconds apart; a step that comes later starts a new update, which
   * stops the one before it.
   */
  settleMs?: number | null | undefined;
  /** Called with the absolute paths that changed since the last call. */
  onChange: (paths: Set<string>) => void;
}

/** The system would watch no more folders (Linux's `fs.inotify.max_user_watches`, or open files). */
export class WatchLimitError extends WeeklogError {}

/**
 * Watches the project's own folders, each folder with an `fs.watch` of its own (inotify on Linux), and
 * folders made later as they appear. Not `fs.watch(dir, { recursive: true })`: on Linux, Node 20's
 * recursive watch (a layer over inotify in JavaScript) stops reporting a file once an editor saves it
 * by renaming a new file over it (vim, `sed -i`, an IDE's safe write): `serve` missed every later edit
 * of that post. Paths are absolute and resolved against the project, never the working directory, so
 * `serve` works from anywhere.
 */
export function watchProject(options: Options): { pending(): boolean; close(): void } {
  const pending = new Set<string>();
  const settleMs = options.settleMs ?? 10;
  let timer: NodeJS.Timeout | null = null;
  const ignored = (file: string) => options.ignore.some((dir) => file === dir || file.startsWith(dir + path.sep));

  const note = (file: string) => {
    if (ignored(file)) return;
    pending.add(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const batch = new Set(pending);
      pending.clear();
      options.onChange(batch);
    }, settleMs);
  };

  const watchers = new Map<string, FSWatcher>();
  const add = (dir: string, accept: (file: string) => boolean, onEvent?: (file: string) => void): boolean => {
    try {
      const watcher = watch(dir, (_event, name) => {
        if (name === null) return;
        const file = path.join(dir, name.toString());
        if (accept(file)) note(file);
        onEvent?.(file);
      });
      // A watched folder deleted while serving: stop watching it rather than crash.
      watcher.on('error', () => forget(dir));
      watchers.set(dir, watcher);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return false;
      if (code === 'ENOSPC' || code === 'EMFILE') {
        throw new WatchLimitError(
          `serve cannot watch ${dir}: the system's limit of watched folders is reached (${watchers.size} watched). Raise it (on Linux: sudo sysctl fs.inotify.max_user_watches=524288), or move folders serve need not watch out of the content and public folders.`,
          { cause: error },
        );
      }
      throw error;
    }
  };
  const forget = (dir: string) => {
    for (const [watched, watcher] of watchers) {
      if (watched !== dir && !watched.startsWith(dir + path.sep)) continue;
      watcher.close();
      watchers.delete(watched);
      realPaths.delete(realOf.get(watched)!);
      realOf.delete(watched);
    }
  };
  // Real paths of the folders watched, so a link back up the tree is not followed for ever.
  const realOf = new Map<string, string>();
  const realPaths = new Set<string>();
  /** `dir` and every folder below it; `announce`: a folder made while serving, whose files may have come before its watch. */
  const addTree = (dir: string, announce: boolean) => {
    if (ignored(dir) || watchers.has(dir)) return;
    const real = realPathOf(dir);
    if (real === null || realPaths.has(real)) return;
    if (!add(dir, () => true, (file) => (isFolder(file) ? addTree(file, true) : watchers.has(file) && forget(file)))) return;
    realOf.set(dir, real);
    realPaths.add(real);
    for (const name of namesIn(dir)) {
      const entry = path.join(dir, name);
      if (isFolder(entry)) addTree(entry, announce);
      else if (announce) note(entry);
    }
  };

  const folders = [...new Set(options.folders.map((dir) => path.resolve(dir)))];
  // A folder inside another watched folder would report each change twice.
  for (const dir of folders) {
    if (!folders.some((other) => other !== dir && dir.startsWith(other + path.sep))) addTree(dir, false);
  }
  const files = new Set(options.files.map((file) => path.resolve(file)));
  for (const dir of new Set([...files].map((file) => path.dirname(file)))) {
    if (folders.some((folder) => dir === folder || dir.startsWith(folder + path.sep))) continue;
    add(dir, (file) => files.has(file));
  }

  return {
    /** True from a change's first event until `onChange` hears of it: an update in progress can stop for it at once. */
    pending: () => pending.size > 0,
    close() {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

function isFolder(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

function realPathOf(dir: string): string | null {
  try {
    return realpathSync(dir);
  } catch {
    return null;
  }
}

function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
