import { closeSync, lstatSync, openSync, readdirSync, readSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveTheme } from '../config/runtime.ts';
import { isWithin, realPathOf } from '../content/project-paths.ts';
import { WeeklogError } from '../errors.ts';

/**
 * The file every folder weeklog builds carries. A build replaces a folder only when it
 * holds this file (or is recognisably an older weeklog site), so a mistyped `--output`
 * can never delete the author's own files.
 */
export const OUTPUT_MARKER = '.weeklog-output';

const MARKER_TEXT =
  'This folder was written by `weeklog build` and is replaced on every build.\n' +
  'Delete this file to stop weeklog from replacing the folder.\n';

/** The output path would delete or overwrite something weeklog does not own; nothing was built. */
export class UnsafeOutputError extends WeeklogError {}

/** Folders the output may never be, hold, or (except the project root and home) lie inside. */
export interface ProtectedFolders {
  projectDir: string;
  contentDir: string;
  publicDir: string;
  /** The project's own templates and the theme's templates and assets. */
  themeDirs?: readonly string[];
  /** default: `os.homedir()` */
  homeDir?: string;
}

/** The folders a project's output must keep clear of, from its settings. */
export function protectedFoldersOf(
  projectDir: string,
  settings: { contentDir: string; publicDir: string },
  contentDir?: string,
): ProtectedFolders {
  const theme = resolveTheme(projectDir);
  return {
    projectDir,
    contentDir: contentDir ?? path.resolve(projectDir, settings.contentDir),
    publicDir: path.resolve(projectDir, settings.publicDir),
    themeDirs: [path.join(projectDir, 'templates'), theme.templatesDir, theme.publicDir],
  };
}

/** Both checks a build makes before it starts, as one message, or undefined when the folder is fine. */
export function outputFolderProblem(outputDir: string, shown: string, folders: ProtectedFolders): string | undefined {
  try {
    checkOutputLocation(outputDir, shown, folders);
    checkReplaceable(outputDir, shown);
    return undefined;
  } catch (error) {
    if (error instanceof UnsafeOutputError) return error.message;
    throw error;
  }
}

/**
 * Refuses an output folder that is, holds, or lies inside a folder of the project's
 * sources, or that is `/` or the home folder: a build replaces the whole output folder.
 * `shown` is the path as the user wrote it.
 */
export function checkOutputLocation(outputDir: string, shown: string, folders: ProtectedFolders): void {
  const output = realPathOf(outputDir);
  const named = (label: string, dir: string, mayBeInside: boolean) => ({ label, dir: realPathOf(dir), mayBeInside });
  const home = folders.homeDir ?? os.homedir();
  const guarded = [
    named('the project folder', folders.projectDir, true),
    named('the content folder', folders.contentDir, false),
    named('the public folder', folders.publicDir, false),
    named('the git repository', path.join(folders.projectDir, '.git'), false),
    ...(folders.themeDirs ?? []).map((dir) => named('a templates folder', dir, false)),
    ...(home ? [named('your home folder', home, true)] : []),
  ];
  if (path.dirname(output) === output) {
    throw new UnsafeOutputError(`The output folder ${shown} is the root of the file system; a build replaces its output folder. ${howToFix}`);
  }
  for (const { label, dir, mayBeInside } of guarded) {
    const relation =
      output === dir ? 'is'
      : isWithin(dir, output) ? 'contains'
      : !mayBeInside && isWithin(output, dir) ? 'is inside'
      : undefined;
    if (relation === undefined) continue;
    throw new UnsafeOutputError(
      `The output folder ${shown} ${relation} ${label} (${dir}); a build replaces its whole output folder, so it would delete your files. ${howToFix}`,
    );
  }
}

const howToFix = 'Use a folder of its own, such as _site (`outputDir` in weeklog.config.yml, or --output).';

/**
 * Refuses to replace an existing folder that weeklog did not write: it must be empty,
 * hold the marker file, or be an older weeklog site (before the marker existed).
 */
export function checkReplaceable(outputDir: string, shown: string): void {
  let link: string | undefined;
  try {
    link = lstatSync(outputDir).isSymbolicLink() ? realPathOf(outputDir) : undefined;
  } catch {
    link = undefined;
  }
  if (link !== undefined) {
    // The swap renames folders: it would put a folder where the link was and leave its target stale.
    throw new UnsafeOutputError(
      `${shown} is a symbolic link (to ${link}); a build puts a new folder in its place, so the link would be lost. Pass the folder itself: --output ${link}.`,
    );
  }
  let names: string[];
  try {
    names = readdirSync(outputDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (names.length === 0 || names.includes(OUTPUT_MARKER) || isOlderWeeklogSite(outputDir)) return;
  throw new UnsafeOutputError(
    `${shown} already holds files that weeklog did not write (it has no ${OUTPUT_MARKER} file), so a build will not replace it. ` +
      `Pass a new or empty folder with --output, or, if everything in ${shown} may be deleted on every build, create the file ${path.join(shown, OUTPUT_MARKER)}.`,
  );
}

/**
 * A site built before the marker existed: the home page plus a feed whose generator is
 * weeklog. Only weeklog writes `<generator>weeklog</generator>`.
 */
function isOlderWeeklogSite(dir: string): boolean {
  if (!isPlainFile(path.join(dir, 'index.html'))) return false;
  return ['atom.xml', 'rss.xml'].some((name) => startOf(path.join(dir, name)).includes('<generator>weeklog</generator>'));
}

function isPlainFile(file: string): boolean {
  try {
    return lstatSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first 4 KB of a regular file (a symlink or folder gives ''). */
function startOf(file: string): string {
  if (!isPlainFile(file)) return '';
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
}

export function writeOutputMarker(dir: string): void {
  writeFileSync(path.join(dir, OUTPUT_MARKER), MARKER_TEXT);
}

/** Whether `dir` carries weeklog's marker: the proof needed before deleting a leftover folder. */
export function hasOutputMarker(dir: string): boolean {
  return isPlainFile(path.join(dir, OUTPUT_MARKER));
}
