import path from 'node:path';
import type { Post } from './post.ts';
import { encodeUrlPart, safeDecodeURIComponent } from '../urls.ts';

/**
 * The value of an `<a>` tag's `href`, attribute by attribute so that a `>` inside an earlier
 * quoted value (`title="a>b"`) does not end the tag. Code blocks cannot match: their `<` is
 * serialized as `&#x3C;`, so an `<a href="x.md">` shown as code is never a tag here.
 */
const anchorHref = /(<a(?:\s+[^\s"'>/=]+(?:="[^"]*")?)*?\s+href=")([^"]*)"/giu;

/** A relative link to a Markdown file: path, then an optional `?query` and `#fragment`. */
const markdownLink = /^([^?#]*\.(?:md|markdown))(\?[^#]*)?(#.*)?$/iu;

/** Root (`/a.md`), protocol-relative (`//x/a.md`) and scheme (`https:`, `c:`) links are not the author's notes. */
const notRelative = /^(?:\/|[a-z][a-z0-9+.-]*:)/iu;

/**
 * Points links between authors' notes (`[other](./2017-01-02-other.md)`) at the other post's page,
 * since the Markdown files are not published. Runs once every post has its final URL. A link whose
 * file is not among the loaded posts (missing, a draft in a build, left out by an error) is kept as
 * written, so `weeklog check` can name it.
 */
export function linkMarkdownSources(posts: Post[], projectDir: string): void {
  const postsByFile = new Map(posts.map((post) => [path.resolve(projectDir, post.file), post]));
  for (const post of posts) {
    const folder = path.dirname(path.resolve(projectDir, post.file));
    const rewrite = (html: string) => rewriteHrefs(html, (href) => postHref(href, folder, postsByFile));
    post.html = rewrite(post.html);
    post.excerptHtml = rewrite(post.excerptHtml);
  }
}

function rewriteHrefs(html: string, replace: (href: string) => string | undefined): string {
  // Most posts link no Markdown file; skip the tag scan for them.
  if (!/\.(?:md|markdown)\b/iu.test(html)) return html;
  return html.replace(anchorHref, (whole, start: string, value: string) => {
    const replaced = replace(decodeAttribute(value));
    return replaced === undefined ? whole : `${start}${encodeAttribute(replaced)}"`;
  });
}

/** The encoded href of the post whose source file `href` names, relative to `folder`; undefined when it names none. */
function postHref(href: string, folder: string, postsByFile: ReadonlyMap<string, Post>): string | undefined {
  if (notRelative.test(href)) return undefined;
  const match = markdownLink.exec(href);
  if (!match) return undefined;
  const target = postsByFile.get(path.resolve(folder, safeDecodeURIComponent(match[1]!)));
  if (!target) return undefined;
  // The query was for a file viewer (`?plain=1`); the fragment names a heading on the target page.
  return encodeUrlPart(target.url) + (match[3] ?? '');
}

/** The serializer writes `&` and `"` in attribute values as character references (`&#x26;`). */
function decodeAttribute(value: string): string {
  return value.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|quot|lt|gt));/giu, (whole, hex?: string, dec?: string, name?: string) => {
    if (name) return { amp: '&', quot: '"', lt: '<', gt: '>' }[name.toLowerCase()] ?? whole;
    const code = hex ? Number.parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function encodeAttribute(value: string): string {
  return value.replace(/&/gu, '&#x26;').replace(/"/gu, '&#x22;');
}
