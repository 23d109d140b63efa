import type { HexoConfig } from './config.ts';
import { hexoPostUrl, type HexoPostInfo } from './permalink.ts';
import { safeDecodeURI } from '../../urls.ts';

/** Zones tried besides UTC and the site's own, in order of preference on a tie. */
const commonZones = [
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Asia/Kolkata',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Moscow',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Australia/Sydney',
];

/**
 * Root-relative, decoded paths (below the site's base path) from a sitemap.xml
 * (`<loc>` entries) or a list with one URL or path per line.
 */
export function readOldUrls(text: string, siteUrl: string | undefined): string[] {
  const entries = /<loc>/i.test(text)
    ? [...text.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/gi)].map((m) => m[1]!.replace(/&amp;/g, '&'))
    : text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const base = new URL(siteUrl ?? 'http://old-site.invalid/');
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return entries.map((entry) => {
    let pathname = new URL(entry, base).pathname;
    if (basePath !== '/' && pathname.startsWith(basePath)) pathname = `/${pathname.slice(basePath.length)}`;
    return normalizeOldPath(safeDecodeURI(pathname));
  });
}

export function normalizeOldPath(pathname: string): string {
  const p = pathname.replace(/\/index\.html?$/, '/');
  return p.endsWith('/') || /\.[a-z0-9]+$/i.test(p) ? p : `${p}/`;
}

export interface ZoneGuess {
  zone: string;
  matched: number;
}

/** The zone whose date parts reproduce the most old URLs; on a tie the earlier candidate (UTC first) wins. */
export function detectUrlZone(posts: HexoPostInfo[], config: HexoConfig, oldPaths: string[], siteZone: string | undefined): ZoneGuess {
  const old = new Set(oldPaths);
  const candidates = [...new Set(['UTC', ...(siteZone ? [siteZone] : []), ...commonZones])];
  let best: ZoneGuess = { zone: 'UTC', matched: -1 };
  for (const zone of candidates) {
    const matched = posts.filter((post) => {
      const url = hexoPostUrl(post, config, zone);
      return url !== undefined && old.has(normalizeOldPath(url));
    }).length;
    if (matched > best.matched) best = { zone, matched };
  }
  return best;
}

/** Listing pages Hexo generates that weeklog makes under its own rules; these are not post URLs. */
export const isListingPath = (p: string): boolean =>
  p === '/' || /^\/(tags|categories|archives|page)\//.test(p) || /\.(xml|json|txt|css|js|png|jpe?g|gif|svg|ico|webp)$/i.test(p);
