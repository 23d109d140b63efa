import { posix } from 'node:path';
import { decodeHTMLAttribute } from 'entities';
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

/**
 * What a URL is used for: a link target (`href`, `action`, `cite`, `xlink:href`) or an
 * image source (`src`, `poster`, `srcset` entries). Images may also be raster `data:` URLs.
 */
export type UrlUse = 'link' | 'image';

/** Schemes that become links: every other scheme (`javascript:`, `vbscript:`, `data:`, `file:`) is shown as text. */
export const SAFE_LINK_SCHEMES: readonly string[] = ['http', 'https', 'mailto'];
const SAFE_IMAGE_SCHEMES: readonly string[] = ['http', 'https'];
// SVG is left out: an SVG document can carry script.
const RASTER_DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp)[;,]/iu;

/**
 * The scheme a browser would take from `url`, lowercased, or `null` for a relative or
 * fragment URL. Browsers drop leading and trailing control characters and spaces and every
 * tab and newline inside (`java\tscript:` is `javascript:`); this also drops the other
 * control characters inside, so it errs towards finding a scheme.
 */
export function browserScheme(url: string): string | null {
  const cleaned = browserUrl(url);
  const match = /^([a-z][a-z\d+.-]*):/iu.exec(cleaned);
  return match ? match[1]!.toLowerCase() : null;
}

/** `url` as the browser's URL parser sees it before it looks for a scheme. */
function browserUrl(url: string): string {
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/gu, '').replace(/[\u0000-\u001f\u007f]/gu, '');
}

/**
 * The one URL policy of every output (pages, `/links/`, `links.json`, feeds, search):
 * only `http`, `https`, `mailto`, relative and fragment URLs may become links; images may
 * also use raster `data:image/png|jpeg|gif|webp`. The URL is checked both as given and with
 * HTML character references decoded (`java&#x09;script:` in raw HTML is `javascript:`), so a
 * value decoded once already by a parser is judged safely too.
 */
export function isSafeUrl(url: string, use: UrlUse = 'link'): boolean {
  return isSafeDecoded(url, use) && isSafeDecoded(decodeHTMLAttribute(url), use);
}

function isSafeDecoded(url: string, use: UrlUse): boolean {
  const scheme = browserScheme(url);
  if (scheme === null) return true;
  if (use === 'image' && scheme === 'data') return RASTER_DATA_IMAGE.test(browserUrl(url));
  return (use === 'image' ? SAFE_IMAGE_SCHEMES : SAFE_LINK_SCHEMES).includes(scheme);
}

/**
 * How a refused URL is named in messages: its scheme (`` `javascript:` ``), shortened so a
 * 5 MB `data:` URL does not fill the terminal.
 */
export function describeUnsafeUrl(url: string): string {
  const scheme = browserScheme(url) ?? browserScheme(decodeHTMLAttribute(url));
  return scheme === null ? `\`${url.slice(0, 40)}\`` : `a \`${scheme}:\` URL`;
}
