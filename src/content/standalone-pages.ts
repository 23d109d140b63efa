import type { Post } from './post.ts';

/**
 * Hexo keeps pages (`source/about/index.md`) apart from posts (`source/_posts/`):
 * a page has its own URL but is never listed, dated, filed under a term or put
 * in a feed. weeklog treats as a page a file with `layout: page`, a file under
 * `pages/`, and, in a Hexo `source/` folder (one that has `_posts/`), any file
 * outside `_posts/` and `_drafts/`.
 */
export function isStandalonePage(relativePath: string, frontMatter: Record<string, unknown> | undefined, isHexoSource: boolean): boolean {
  if (frontMatter?.layout === 'page') return true;
  const folder = relativePath.split('/')[0];
  if (folder === 'pages' && relativePath.includes('/')) return true;
  return isHexoSource && folder !== '_posts' && folder !== '_drafts';
}

/** A content folder laid out as Hexo's `source/`. */
export function isHexoSource(relativePaths: readonly string[]): boolean {
  return relativePaths.some((relativePath) => relativePath.startsWith('_posts/'));
}

/** A page's URL is its path, as Hexo does: `about/index.md` and `pages/about.md` → `/about/`. */
export function standalonePageUrl(relativePath: string): string {
  const segments = relativePath.replace(/\.(md|markdown)$/iu, '').split('/');
  if (segments[0] === 'pages' && segments.length > 1) segments.shift();
  if (segments.at(-1) === 'index') segments.pop();
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/** Splits loaded posts into the dated, listed posts and the standalone pages. */
export function splitStandalonePages(all: readonly Post[]): { posts: Post[]; pages: Post[] } {
  return { posts: all.filter((post) => !post.standalone), pages: all.filter((post) => post.standalone) };
}
