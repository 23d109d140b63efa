import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Hexo's `source/_posts` and `source/_drafts` are content even though they start with `_`. */
export const POSTS_FOLDERS = new Set(['_posts', '_drafts']);
export const DRAFTS_FOLDER = '_drafts';

/** Extensions of the Markdown files weeklog reads as posts; anything else under the content folder is ignored. */
export const MARKDOWN_EXTENSIONS: readonly string[] = ['md', 'markdown'];

const markdownExtension = new RegExp(`\\.(${MARKDOWN_EXTENSIONS.join('|')})$`, 'i');

/** Whether weeklog reads `fileName` as a post (`.md`, `.markdown`, any case). */
export const isMarkdownFile = (fileName: string): boolean => markdownExtension.test(fileName);

/**
 * Every Markdown file under `contentDir`, as posix paths relative to it,
 * sorted. Skips names starting with `_` or `.` (but not `_posts`/`_drafts`)
 * and `node_modules`. A subfolder that cannot be listed goes to `onUnreadableFolder`.
 */
export async function findContentFiles(
  contentDir: string,
  onUnreadableFolder: (relativeDir: string, cause: unknown) => void = () => {},
): Promise<string[]> {
  const found: string[] = [];
  async function walk(relativeDir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(path.join(contentDir, relativeDir), { withFileTypes: true });
    } catch (cause) {
      // The content folder itself must be readable; one bad subfolder should not hide the rest.
      if (relativeDir === '') throw cause;
      onUnreadableFolder(relativeDir, cause);
      return;
    }
    for (const entry of entries) {
      const name = entry.name;
      if (name === 'node_modules' || name.startsWith('.')) continue;
      if (name.startsWith('_') && !(entry.isDirectory() && POSTS_FOLDERS.has(name))) continue;
      const relative = relativeDir ? `${relativeDir}/${name}` : name;
      if (entry.isDirectory()) await walk(relative);
      else if ((entry.isFile() || entry.isSymbolicLink()) && markdownExtension.test(name)) found.push(relative);
    }
  }
  await walk('');
  return found.sort();
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
