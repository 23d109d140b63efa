import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ProjectPaths } from './project-paths.ts';

/** Hexo's `source/_posts` and `source/_drafts` are content even though they start with `_`. */
export const POSTS_FOLDERS = new Set(['_posts', '_drafts']);
export const DRAFTS_FOLDER = '_drafts';

/** Extensions of the Markdown files weeklog reads as posts; anything else under the content folder is ignored. */
export const MARKDOWN_EXTENSIONS: readonly string[] = ['md', 'markdown'];

const markdownExtension = new RegExp(`\\.(${MARKDOWN_EXTENSIONS.join('|')})$`, 'i');

/** Whether weeklog reads `fileName` as a post (`.md`, `.markdown`, any case). */
export const isMarkdownFile = (fileName: string): boolean => markdownExtension.test(fileName);

export interface FindHandlers {
  /** A subfolder that cannot be listed. */
  onUnreadableFolder?: (relativeDir: string, cause: unknown) => void;
  /** A symbolic link leading outside the project, which is not followed (once per link). */
  onLinkLeaving?: (relativePath: string, target: string) => void;
}

/**
 * Every Markdown file under `contentDir`, as posix paths relative to it,
 * sorted. Skips names starting with `_` or `.` (but not `_posts`/`_drafts`)
 * and `node_modules`. Symbolic links are followed only when `paths` says they
 * stay inside the project; a linked folder already listed is not listed again.
 */
export async function findContentFiles(contentDir: string, paths: ProjectPaths, handlers: FindHandlers = {}): Promise<string[]> {
  const found: string[] = [];
  const listed = new Set<string>();
  async function walk(relativeDir: string): Promise<void> {
    const dir = path.join(contentDir, relativeDir);
    let entries;
    try {
      // Two links to one folder (or a link to its own parent) would list it forever.
      const real = await realpath(dir);
      if (listed.has(real)) return;
      listed.add(real);
      entries = await readdir(dir, { withFileTypes: true });
    } catch (cause) {
      // The content folder itself must be readable; one bad subfolder should not hide the rest.
      if (relativeDir === '') throw cause;
      handlers.onUnreadableFolder?.(relativeDir, cause);
      return;
    }
    for (const entry of entries) {
      const name = entry.name;
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const relative = relativeDir ? `${relativeDir}/${name}` : name;
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        const resolved = paths.resolve(path.join(contentDir, relative));
        if (resolved.kind === 'outside') {
          if (isDirectory || markdownExtension.test(name) || (await isFolder(path.join(contentDir, relative)))) handlers.onLinkLeaving?.(relative, resolved.path);
          continue;
        }
        isDirectory = resolved.kind === 'inside' && (await isFolder(resolved.path));
      }
      if (name.startsWith('_') && !(isDirectory && POSTS_FOLDERS.has(name))) continue;
      if (isDirectory) await walk(relative);
      else if ((entry.isFile() || entry.isSymbolicLink()) && markdownExtension.test(name)) found.push(relative);
    }
  }
  await walk('');
  return found.sort();
}

async function isFolder(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

/** Folder names that only say "posts live here"; they are neither categories nor part of `:title`. */
const containerFolders = new Set(['_posts', 'posts', '_drafts']);

/**
 * Splits `source/_posts/k8s/a b.md` into the folders that may name a category
 * (`['k8s']`) and the path under the posts folder without extension (`k8s/a b`).
 */
export function splitContentPath(relativePath: string): { folders: string[]; pathInPostsFolder: string; isDraft: boolean } {
  const segments = relativePath.split('/');
  const fileName = segments.pop() ?? '';
  const lastContainer = segments.findLastIndex((segment) => containerFolders.has(segment));
  const below = segments.slice(lastContainer + 1);
  return {
    folders: below,
    pathInPostsFolder: [...below, fileName.replace(markdownExtension, '')].join('/'),
    isDraft: segments.includes(DRAFTS_FOLDER),
  };
}
