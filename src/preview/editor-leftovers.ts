import { existsSync } from 'node:fs';
import path from 'node:path';
import { isMarkdownFile } from '../content/find-files.ts';

/**
 * `changed` without the content folder's files that no build reads: what an editor leaves beside a post
 * while it saves it. `sed -i`, JetBrains' safe write and vim (its `4913` probe) write a new file and rename
 * it over the post, so the new file is gone by the time an update runs; vim's swap file (`.a.md.swp`), an
 * Emacs lock (`.#a.md`) or autosave (`#a.md#`) and backups (`a.md~`) are hidden or backups, which no post
 * is and none references. Each such path made the save a whole rebuild instead of the one post's update.
 * A file a post uses as an image or attachment (`assetSources`, absolute) is always kept, gone or not.
 */
export function withoutEditorLeftovers(changed: ReadonlySet<string>, contentDir: string, assetSources: ReadonlySet<string>): Set<string> {
  return new Set([...changed].filter((file) => !isEditorLeftover(file, contentDir, assetSources)));
}

function isEditorLeftover(file: string, contentDir: string, assetSources: ReadonlySet<string>): boolean {
  if (!file.startsWith(contentDir + path.sep) || isMarkdownFile(file) || assetSources.has(file)) return false;
  const name = path.basename(file);
  return !existsSync(file) || name.startsWith('.') || name.endsWith('~') || (name.startsWith('#') && name.endsWith('#'));
}
