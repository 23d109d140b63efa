import path from 'node:path';
import type { Post } from './post.ts';
import { encodeUrlPart, hasScheme, rebaseUrl, safeDecodeURIComponent } from '../urls.ts';

/**
 * A start tag, attribute by attribute so that a `>` inside a quoted value (`title="a>b"`) does not
 * end it. Code blocks cannot match: their `<` is serialized as `&#x3C;`, so a tag shown as code is
 * never a tag here.
 */
const startTag = /<[a-z][a-z0-9-]*(?:\s+[^\s"'>/=]+(?:="[^"]*")?)*\s*\/?>/giu;
const urlAttribute = /(\s(href|src|poster|srcset)=")([^"]*)"/giu;

/** A relative link to a Markdown file: path, then an optional `?query` and `#fragment`. */
const markdownLink = /^([^?#]*\.(?:md|markdown))(\?[^#]*)?(#.*)?$/iu;


/**
 * Settles the links of rendered posts once every post has its final URL:
 * - links between authors' notes (`[other](./2017-01-02-other.md)`) point at the other post's page,
 *   since the Markdown files are not published; a file that is not among the loaded posts (missing,
 *   a draft in a build, left out by an error) is kept as written, so `weeklog check` can name it;
 * - in the excerpt, which list pages and feeds show away from the post's URL, relative links and
 *   images (`img/a.png`, `#安装`) are rebased on the post's URL.
 */
export function linkMarkdownSources(posts: Post[], projectDir: string): void {
  const postsByFile = new Map(posts.map((post) => [path.resolve(projectDir, post.file), post]));
  for (const post of posts) {
    const folder = path.dirname(path.resolve(projectDir, post.file));
    const toPost = (href: string) => postHref(href, folder, postsByFile);
    // The renderer recorded every link: most posts link no Markdown file and skip the tag scan.
    const linked = new Map<string, string>();
    for (const link of post.links) {
      const target = toPost(link.href);
      if (target !== undefined) linked.set(link.href, target);
    }
    if (linked.size > 0) {
      post.html = rewriteUrls(post.html, (name, url) => (name === 'href' ? toPost(url) : undefined));
      post.links = post.links.map((link) => ({ ...link, href: linked.get(link.href) ?? link.href }));
    }
    post.excerptHtml = rewriteUrls(post.excerptHtml, (name, url) => {
      const linked = name === 'href' ? toPost(url) : undefined;
      if (linked !== undefined) return linked;
      const rebased = rebaseUrl(url, post.url);
      return rebased === url ? undefined : rebased;
    });
  }
}

/** `html` with the URL attributes `replace` returns a new value for; `srcset` candidates one by one. */
function rewriteUrls(html: string, replace: (name: string, url: string) => string | undefined): string {
  return html.replace(startTag, (tag) =>
    tag.replace(urlAttribute, (whole, start: string, name: string, value: string) => {
      const lowerName = name.toLowerCase();
      const url = decodeAttribute(value);
      const replaced =
        lowerName === 'srcset'
          ? url
              .split(',')
              .map((candidate) => candidate.trim().replace(/^\S+/u, (each) => replace(lowerName, each) ?? each))
              .join(', ')
          : replace(lowerName, url);
      return replaced === undefined || replaced === url ? whole : `${start}${encodeAttribute(replaced)}"`;
    }),
  );
}

/** The encoded href of the post whose source file `href` names, relative to `folder`; undefined when it names none. */
function postHref(href: string, folder: string, postsByFile: ReadonlyMap<string, Post>): string | undefined {
  // Root (`/a.md`), protocol-relative (`//x/a.md`) and scheme (`https:`, `c:`) links are not the author's notes.
  if (href.startsWith('/') || hasScheme(href)) return undefined;
  const match = markdownLink.exec(href);
  if (!match) return undefined;
  const target = postsByFile.get(path.resolve(folder, safeDecodeURIComponent(match[1]!)));
  if (!target) return undefined;
  // The query was for a file viewer (`?plain=1`); the fragment names a heading on the target page.
  return encodeUrlPart(target.url) + (match[3] ?? '');
}

/** The serializer writes `&` and `"` in attribute values as character references (`&#x26;`). */
export function decodeAttribute(value: string): string {
  return value.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|quot|lt|gt));/giu, (whole, hex?: string, dec?: string, name?: string) => {
    if (name) return { amp: '&', quot: '"', lt: '<', gt: '>' }[name.toLowerCase()] ?? whole;
    const code = hex ? Number.parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function encodeAttribute(value: string): string {
  return value.replace(/&/gu, '&#x26;').replace(/"/gu, '&#x22;');
}
