import { posix } from 'node:path';
import type { Settings } from './config/settings.ts';

/**
 * Site URLs are kept root-relative and unencoded (`/tags/服务网格/`) everywhere
 * inside weeklog and encoded only where they are written out, by the functions
 * here, so a page, a feed, the sitemap and the search index name a post alike.
 */

/** `decodeURI` that leaves text with a stray `%` as it is; escapes of `/ ? #` stay encoded. */
export function safeDecodeURI(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

/** `decodeURIComponent` that leaves text with a stray `%` as it is (anchors, file names). */
export function safeDecodeURIComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Percent-encodes a path or fragment for an `href` (`/tags/服务网格/` → `/tags/%E6%9C%8D…/`).
 * Already-encoded input is decoded first, so it is never encoded twice; a literal
 * `?` or `#` is encoded, since inside a path it would start a query or a fragment.
 */
export function encodeUrlPart(part: string): string {
  return encodeURI(safeDecodeURI(part)).replace(/[?#]/gu, (c) => encodeURIComponent(c));
}

/**
 * Absolute, percent-encoded URL for a root-relative unencoded one
 * (`/tags/服务网格/` → `https://x.org/blog/tags/%E6%9C%8D.../`). The site URL
 * may have a path. The first `#` starts a fragment (`post.url + '#' + anchor`),
 * which is encoded too; a `#` inside the path cannot be told from one.
 */
export function absoluteUrl(settings: Pick<Settings, 'url'>, rootRelativeUnencoded: string): string {
  const site = new URL(settings.url);
  const base = site.origin + (site.pathname.endsWith('/') ? site.pathname : `${site.pathname}/`);
  const hashAt = rootRelativeUnencoded.indexOf('#');
  const pathPart = hashAt === -1 ? rootRelativeUnencoded : rootRelativeUnencoded.slice(0, hashAt);
  const fragment = hashAt === -1 ? null : rootRelativeUnencoded.slice(hashAt + 1);
  return base + encodeUrlPart(pathPart.replace(/^\/+/u, '')) + (fragment === null ? '' : `#${encodeUrlPart(fragment)}`);
}

/** Whether `url` starts with a scheme (`https:`, `mailto:`, `c:`): it does not name a file of the site. */
export function hasScheme(url: string): boolean {
  return /^[a-z][a-z\d+.-]*:/i.test(url);
}

/**
 * A relative `url` (as written in HTML, so already encoded) resolved against the root-relative,
 * unencoded page URL `base`: `img/a.png` on `/2016/12/05/文章/` → `/2016/12/05/%E6%96%87%E7%AB%A0/img/a.png`.
 * Its `?query#fragment` is kept as written. Root, protocol-relative and scheme URLs come back unchanged.
 */
export function rebaseUrl(url: string, base: string): string {
  if (url === '' || url.startsWith('/') || hasScheme(url)) return url;
  const [path, rest] = /^([^?#]*)(.*)$/su.exec(url)!.slice(1) as [string, string];
  const joined = path === '' ? base : posix.join(base, safeDecodeURI(path));
  return encodeUrlPart(path.endsWith('/') && !joined.endsWith('/') ? `${joined}/` : joined) + rest;
}
