import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Settings } from '../config/settings.ts';
import type { Post } from '../content/post.ts';
import type { LinkRef } from '../markdown/types.ts';
import type { Problem } from '../problems.ts';
import { safeDecodeURIComponent } from '../urls.ts';
import { messages } from './messages.ts';

/** Pages every weeklog site has, besides posts and public files. */
const fixedPages = ['/', '/archives/', '/search/', '/links/', '/subscribe/', '/atom.xml', '/rss.xml', '/feed.json', '/sitemap.xml', '/feeds.opml'];
/** Generated page families: any path below these is a page when its term exists (not checked here). */
const pageFamilies = ['/categories/', '/tags/', '/archives/', '/page/'];

// Stands in for the site's origin while resolving relative links; never printed.
const fakeOrigin = 'http://weeklog.invalid';

/** Page paths always end in `/` and never in `index.html`, so `/a`, `/a/` and `/a/index.html` compare equal. */
function normalizePage(pathname: string): string {
  let p = safeDecodeURIComponent(pathname).replace(/\/index\.html?$/, '/');
  if (!p.endsWith('/') && !path.posix.extname(p)) p += '/';
  return p;
}

function listPublicFiles(projectDir: string, publicDir: string): string[] {
  const root = path.resolve(projectDir, publicDir);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `/${path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/')}`);
}

/**
 * 1-based line and column of `href` in the post's source, searched from where the renderer saw its
 * element start (`[` of a Markdown link, `<` of an `<a>`), and the link as the author wrote it
 * (the HTML has it percent-encoded). The element's own place when the text is not found.
 */
function placeOf(lines: readonly string[], link: LinkRef): { line: number; column: number; written: string } {
  const href = link.href;
  if (link.line > 0) {
    for (const needle of [href, safeDecodeURIComponent(href)]) {
      for (let line = link.line; line <= lines.length; line++) {
        const text = lines[line - 1]!;
        const from = line === link.line ? Math.max(0, link.column - 1) : 0;
        const paren = text.indexOf(`(${needle}`, from);
        const at = paren >= 0 ? paren + 1 : text.indexOf(needle, from);
        if (at >= 0) return { line, column: at + 1, written: needle };
      }
    }
  }
  return { line: link.line, column: link.column, written: safeDecodeURIComponent(href) };
}

/**
 * Broken internal links and anchors in every post. A link is internal when it is
 * root-relative, relative, or absolute on the site's own URL.
 */
export function checkInternalLinks(posts: readonly Post[], settings: Settings, projectDir: string): Problem[] {
  const site = new URL(settings.url);
  const basePath = site.pathname.endsWith('/') ? site.pathname : `${site.pathname}/`;
  const postsByUrl = new Map(posts.map((p) => [normalizePage(p.url), p]));
  const files = new Set([
    ...listPublicFiles(projectDir, settings.publicDir),
    ...posts.flatMap((p) => p.assetFiles.map((a) => safeDecodeURIComponent(a.output))),
  ]);
  const idCache = new Map<Post, Set<string>>();
  const ids = (post: Post) => idCache.get(post) ?? idCache.set(post, new Set(post.ids)).get(post)!;

  const problems: Problem[] = [];
  for (const post of posts) {
    const sourceFile = path.resolve(projectDir, post.file);
    const lines = existsSync(sourceFile) ? readFileSync(sourceFile, 'utf8').split('\n') : [];
    const seen = new Set<string>();
    // A link to a file was judged where its file was looked for (copied, outside the project, or missing).
    const fileLinks = new Set(post.assets.map((asset) => asset.url));
    for (const link of post.links) {
      const href = link.href;
      if (seen.has(href)) continue;
      seen.add(href);
      if (fileLinks.has(safeDecodeURIComponent(href.replace(/[?#].*$/s, '')))) continue;
      const target = resolveInternalOrUndefined(href, post, site, basePath);
      if (!target) continue;
      const { line, column, written } = placeOf(lines, link);
      const report = (ruleId: 'broken-link' | 'broken-anchor', message: string) => {
        problems.push({ file: post.file, line, column, severity: 'error', ruleId, message });
      };

      // Links to another post's .md file were already pointed at its page (content/md-links.ts).
      const targetPost = postsByUrl.get(normalizePage(target.path));
      const decodedPath = safeDecodeURIComponent(target.path);
      const isPage =
        targetPost !== undefined ||
        fixedPages.includes(normalizePage(target.path)) ||
        pageFamilies.some((family) => decodedPath.startsWith(family)) ||
        files.has(decodedPath);
      if (!isPage) {
        report('broken-link', messages.check.brokenLink(written, decodedPath));
        continue;
      }
      if (targetPost && target.anchor) {
        const anchor = safeDecodeURIComponent(target.anchor);
        if (!ids(targetPost).has(anchor)) report('broken-anchor', messages.check.brokenAnchor(written, anchor, targetPost.url));
      }
    }
  }
  return problems;
}

/** An address no URL parser accepts is prose that looked like a link: nothing internal to check. */
function resolveInternalOrUndefined(href: string, post: Post, site: URL, basePath: string): ReturnType<typeof resolveInternal> {
  try {
    return resolveInternal(href, post, site, basePath);
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}

/** The site path (below the base path, starting with `/`) and anchor a link points to, or undefined when it leaves the site. */
function resolveInternal(href: string, post: Post, site: URL, basePath: string): { path: string; anchor?: string } | undefined {
  if (href === '' || /^(mailto|tel|javascript|data):/i.test(href)) return undefined;
  let url: URL;
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) {
    url = new URL(href, site);
    if (url.origin !== site.origin || !(url.pathname + '/').startsWith(basePath)) return undefined;
    url = new URL(`/${url.pathname.slice(basePath.length)}${url.hash}`, fakeOrigin);
  } else if (href.startsWith('/')) {
    // Root-relative links are written relative to the site root, with or without its base path.
    const withoutBase = basePath !== '/' && href.startsWith(basePath) ? `/${href.slice(basePath.length)}` : href;
    url = new URL(withoutBase, fakeOrigin);
  } else {
    url = new URL(href, new URL(post.url, fakeOrigin));
  }
  const anchor = url.hash ? url.hash.slice(1) : undefined;
  return { path: url.pathname, ...(anchor ? { anchor } : {}) };
}
