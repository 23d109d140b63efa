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

/**
 * A page's URL is its path: `about/index.md` and `pages/about.md` → `/about/`. In a Hexo
 * `source/` folder a page keeps Hexo's own form, `x/y.md` → `/x/y.html`, so old links work.
 */
export function standalonePageUrl(relativePath: string, hexoSource = false): string {
  const segments = relativePath.replace(/\.(md|markdown)$/iu, '').split('/');
  if (segments[0] === 'pages' && segments.length > 1) segments.shift();
  if (segments.at(-1) === 'index') segments.pop();
  else if (hexoSource && segments.length > 0) return `/${segments.join('/')}.html`;
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/** Listings every weeklog site generates itself. */
const weeklogListings = new Set(['/', '/archives/', '/categories/', '/tags/']);

/**
 * Hexo keeps its own listing pages in `source/` (`categories/index.md` with `type: categories`,
 * `tags/index.md`, sometimes `index.md`): the URL of one weeklog generates. Returns that URL
 * when the file is one of them, for the build to skip it and say so.
 */
export function hexoListingPage(relativePath: string, frontMatter: Record<string, unknown> | undefined, hexoSource: boolean): string | undefined {
  if (!hexoSource || frontMatter?.permalink !== undefined) return undefined;
  const url = standalonePageUrl(relativePath, true);
  return weeklogListings.has(url) ? url : undefined;
}

/** Splits loaded posts into the dated, listed posts and the standalone pages. */
export function splitStandalonePages(all: readonly Post[]): { posts: Post[]; pages: Post[] } {
  return { posts: all.filter((post) => !post.standalone), pages: all.filter((post) => post.standalone) };
}
