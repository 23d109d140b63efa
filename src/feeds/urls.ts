import type { Settings } from '../config/settings.ts';

/** Root-relative, unencoded feed locations of the site (`/`) or of a term page URL. */
export function feedUrls(termUrl = '/'): { atom: string; rss: string; json: string } {
  const base = termUrl.endsWith('/') ? termUrl : `${termUrl}/`;
  return { atom: `${base}atom.xml`, rss: `${base}rss.xml`, json: `${base}feed.json` };
}

function encodePart(part: string): string {
  // encodeURI keeps `?` and `#`, which inside a path or fragment would change what the URL means.
  return encodeURI(part).replace(/[?#]/gu, (c) => encodeURIComponent(c));
}

/**
 * Absolute, percent-encoded URL for a root-relative unencoded one
 * (`/tags/服务网格/` → `https://x.org/blog/tags/%E6%9C%8D.../`). The site URL
 * may have a path. The first `#` starts a fragment (`post.url + '#' + anchor`),
 * which is encoded too; a `#` or `?` inside the path cannot be told from one.
 */
export function absoluteUrl(settings: Pick<Settings, 'url'>, rootRelativeUnencoded: string): string {
  const site = new URL(settings.url);
  const base = site.origin + (site.pathname.endsWith('/') ? site.pathname : `${site.pathname}/`);
  const hashAt = rootRelativeUnencoded.indexOf('#');
  const pathPart = hashAt === -1 ? rootRelativeUnencoded : rootRelativeUnencoded.slice(0, hashAt);
  const fragment = hashAt === -1 ? null : rootRelativeUnencoded.slice(hashAt + 1);
  const encodedPath = encodePart(pathPart.replace(/^\/+/u, ''));
  return base + encodedPath + (fragment === null ? '' : `#${encodePart(fragment)}`);
}
