import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ProblemList } from '../problems.ts';

/**
 * The one answer to "may weeklog read this file?". Every file a post references (images,
 * downloads, `<img src>` in raw HTML) and every symbolic link met while listing content
 * or public files goes through `resolve`, which follows symlinks to the real path and
 * refuses anything outside the project, so a reference to `../../etc/passwd` or a link to
 * it can never be read, copied or served, whichever way it was written.
 */
export type Resolution =
  /** An existing file or folder inside the project; `path` is its real path. */
  | { kind: 'inside'; path: string }
  /** Outside the project, as written or through a symlink; `path` is where it leads. */
  | { kind: 'outside'; path: string }
  /** Would be inside the project, but nothing is there. */
  | { kind: 'missing'; path: string };

export interface ProjectRoots {
  /** The folder with weeklog.config.yml. */
  projectDir: string;
  /** May lie outside the project (`--content ../old-blog/source`): it is the author's choice. */
  contentDir: string;
  publicDir: string;
  /** The project's own layouts, when it has them. */
  templatesDir?: string | undefined;
}

export class ProjectPaths {
  /** Real paths of the folders weeklog may read. */
  readonly roots: readonly string[];
  /** Inside a root but never read: the repository's history is no part of the site. */
  readonly excluded: readonly string[];

  constructor(roots: ProjectRoots) {
    const dirs = [roots.projectDir, roots.contentDir, roots.publicDir, roots.templatesDir].filter((dir): dir is string => dir !== undefined);
    this.roots = [...new Set(dirs.map(realPathOf))];
    this.excluded = [realPathOf(path.join(roots.projectDir, '.git'))];
  }

  /** Whether the real path `real` may be read. */
  allows(real: string): boolean {
    return this.roots.some((root) => isWithin(real, root)) && !this.excluded.some((dir) => isWithin(real, dir));
  }

  /** Where `file` (absolute, as written) leads, and whether weeklog may read it. */
  resolve(file: string): Resolution {
    const absolute = path.resolve(file);
    // Judged as written first, so a missing `../../x` outside is still reported as outside.
    if (!this.allows(realPathOf(absolute))) return { kind: 'outside', path: realPathOf(absolute) };
    let real: string;
    try {
      real = realpathSync.native(absolute);
    } catch {
      return { kind: 'missing', path: absolute };
    }
    return this.allows(real) ? { kind: 'inside', path: real } : { kind: 'outside', path: real };
  }

  /** The real path of an existing regular file inside the project, else the reason it is none. */
  resolveFile(file: string): Resolution {
    const resolved = this.resolve(file);
    if (resolved.kind !== 'inside') return resolved;
    return isFile(resolved.path) ? resolved : { kind: 'missing', path: path.resolve(file) };
  }

  /**
   * Symbolic links below `dir` that lead outside the project, relative to `dir` (posix).
   * Folders are not descended through links, so a link loop cannot trap the walk.
   */
  linksLeaving(dir: string): { link: string; target: string }[] {
    const found: { link: string; target: string }[] = [];
    const walk = (relative: string) => {
      let entries;
      try {
        entries = readdirSync(path.join(dir, relative), { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const child = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(child);
        else if (entry.isSymbolicLink()) {
          const resolved = this.resolve(path.join(dir, child));
          if (resolved.kind === 'outside') found.push({ link: child, target: resolved.path });
        }
      }
    };
    walk('');
    return found;
  }

  /** Whether `file` is a symbolic link leading outside the project (false for anything else). */
  isLinkLeaving(file: string): boolean {
    try {
      if (!lstatSync(file).isSymbolicLink()) return false;
    } catch {
      return false;
    }
    return this.resolve(file).kind === 'outside';
  }
}

/**
 * The real path of `file` even when it does not exist yet: the nearest existing
 * folder above it is resolved (symlinks and all) and the rest appended, so
 * `out -> .` and `/tmp/x/../proj` compare as what they are.
 */
export function realPathOf(file: string): string {
  const absolute = path.resolve(file);
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(realpathSync.native(current), ...rest);
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      rest.unshift(path.basename(current));
      current = parent;
    }
  }
}

/** Whether `inner` is `outer` or lies below it (both absolute). */
export function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The one wording for a link that was not followed, wherever it was met. */
export function reportLinkLeaving(problems: ProblemList, shownLink: string, target: string): void {
  problems.warn(
    shownLink,
    0,
    0,
    'link-outside-project',
    `This symbolic link leads outside the project (to ${target}), so weeklog did not follow it and nothing behind it is published. ` +
      'Copy the file into the project if it belongs to the site.',
  );
}
