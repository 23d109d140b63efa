import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

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

/**
 * Watches the project's own folders with `fs.watch` (recursive, inotify on
 * Linux). Paths are absolute and resolved against the project, never the
 * working directory, so `serve` works from anywhere.
 */
export function watchProject(options: Options): { pending(): boolean; close(): void } {
  const watchers: FSWatcher[] = [];
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

  const add = (dir: string, recursive: boolean, accept: (file: string) => boolean) => {
    try {
      const watcher = watch(dir, { recursive }, (_event, name) => {
        if (name === null) return;
        const file = path.join(dir, name.toString());
        if (accept(file)) note(file);
      });
      // A watched folder deleted while serving: stop watching it rather than crash.
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  };

  const folders = [...new Set(options.folders.map((dir) => path.resolve(dir)))];
  // A folder inside another watched folder would report each change twice.
  for (const dir of folders) {
    if (!folders.some((other) => other !== dir && dir.startsWith(other + path.sep))) add(dir, true, () => true);
  }
  const files = new Set(options.files.map((file) => path.resolve(file)));
  for (const dir of new Set([...files].map((file) => path.dirname(file)))) {
    if (folders.some((folder) => dir === folder || dir.startsWith(folder + path.sep))) continue;
    add(dir, false, (file) => files.has(file));
  }

  return {
    /** True from a change's first event until `onChange` hears of it: an update in progress can stop for it at once. */
    pending: () => pending.size > 0,
    close() {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
