import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isMarkdownFile, MARKDOWN_EXTENSIONS } from '../../content/find-files.ts';

/**
 * What Hexo renders as Markdown: the extensions its default renderer
 * (hexo-renderer-marked) registers. weeklog reads only MARKDOWN_EXTENSIONS, so
 * the others are renamed to `.md` on import (see `weeklogFileName`).
 */
const hexoMarkdownExtensions = [...new Set([...MARKDOWN_EXTENSIONS, 'mkd', 'mkdn', 'mdwn', 'mdtxt', 'mdtext'])];
const hexoMarkdown = new RegExp(`\\.(${hexoMarkdownExtensions.join('|')})$`, 'i');

/** `a.mkd` → `a.md`: the name under which weeklog reads a Hexo Markdown file; `.md`/`.markdown` keep theirs. */
export const weeklogFileName = (file: string): string => (isMarkdownFile(file) ? file : file.replace(hexoMarkdown, '.md'));

/** The path without its Markdown extension (`k8s/a.mkd` → `k8s/a`). */
export const withoutMarkdownExtension = (file: string): string => file.replace(hexoMarkdown, '');

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
  const isMarkdown = (p: string) => hexoMarkdown.test(p);
  return {
    posts: posts.filter(isMarkdown),
    postFiles: posts.filter((p) => !isMarkdown(p)),
    drafts: drafts.filter(isMarkdown),
    draftFiles: drafts.filter((p) => !isMarkdown(p)),
    pages: rest.filter(isMarkdown),
    publicFiles: rest.filter((p) => !isMarkdown(p)),
  };
}
