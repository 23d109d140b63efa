import { rm, rmdir } from 'node:fs/promises';
import path from 'node:path';

/** Removes a file this preview wrote, and the folders it leaves empty. */
export async function removeFile(out: string, file: string): Promise<void> {
  await rm(file, { force: true });
  for (let dir = path.dirname(file); dir.startsWith(out + path.sep); dir = path.dirname(dir)) {
    if (!(await rmdir(dir).then(() => true, () => false))) break;
  }
}

/** `/a/b/` → `<out>/a/b/index.html`, `/atom.xml` → `<out>/atom.xml`, as Eleventy writes them. */
export function outputPathOf(out: string, url: string): string {
  return path.join(out, ...url.split('/').filter(Boolean), ...(url.endsWith('/') ? ['index.html'] : []));
}
