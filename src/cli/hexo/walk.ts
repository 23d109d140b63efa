import { readdirSync } from 'node:fs';
import path from 'node:path';

const markdown = /\.(md|markdown|mdown|mkd)$/i;

/** Every file of a Hexo `source/` folder, sorted into what the importer does with it. */
export interface HexoSource {
  /** Paths below `_posts/`. */
  posts: string[];
  /** Paths below `_posts/` that are not Markdown (asset folders, images); they keep their path when imported. */
  postFiles: string[];
  drafts: string[];
  draftFiles: string[];
  /** Markdown pages elsewhere below `source/`, e.g. `about/index.md`. */
  pages: string[];
  /** Everything else below `source/`, served from the site root. */
  publicFiles: string[];
}

function listFiles(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .filter((p) => !p.split('/').some((segment) => segment.startsWith('.')))
      .sort();
  } catch {
    return [];
  }
}

export function walkHexoSource(sourceDir: string): HexoSource {
  const posts = listFiles(path.join(sourceDir, '_posts'));
  const drafts = listFiles(path.join(sourceDir, '_drafts'));
  // Hexo skips names starting with `_` outside _posts/_drafts (e.g. `_data/`).
  const rest = listFiles(sourceDir).filter((p) => !p.split('/').some((segment) => segment.startsWith('_')));
  return {
    posts: posts.filter((p) => markdown.test(p)),
    postFiles: posts.filter((p) => !markdown.test(p)),
    drafts: drafts.filter((p) => markdown.test(p)),
    draftFiles: drafts.filter((p) => !markdown.test(p)),
    pages: rest.filter((p) => markdown.test(p)),
    publicFiles: rest.filter((p) => !markdown.test(p)),
  };
}

export const isMarkdown = (file: string): boolean => markdown.test(file);
