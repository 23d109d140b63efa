import type { Settings } from '../config/settings.ts';
import type { OutputFile } from '../taxonomy/types.ts';
import { absoluteUrl } from '../urls.ts';
import { writeXml } from './xml.ts';

export interface SitemapPage {
  /** Root-relative, unencoded (`/tags/服务网格/`). */
  url: string;
  lastmod?: Date | null;
}

/** W3C datetime in UTC, seconds precision (`2016-12-04T23:59:01Z`). */
function w3cDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/u, 'Z');
}

/**
 * `sitemap.xml` (absolute, encoded `loc`; duplicates dropped, first kept) and
 * `robots.txt` pointing at it. A sitemap holds at most 50,000 URLs; more are
 * cut with the rest left to search engines' crawling.
 */
export function buildSitemap(pages: SitemapPage[], settings: Pick<Settings, 'url'>): OutputFile[] {
  const seen = new Set<string>();
  const entries = [];
  for (const page of pages) {
    const loc = absoluteUrl(settings, page.url);
    if (seen.has(loc)) continue;
    seen.add(loc);
    const valid = page.lastmod instanceof Date && !Number.isNaN(page.lastmod.getTime());
    entries.push({
      name: 'url',
      children: [{ name: 'loc', children: [loc] }, ...(valid ? [{ name: 'lastmod', children: [w3cDate(page.lastmod as Date)] }] : [])],
    });
    if (entries.length === 50_000) break;
  }
  const sitemap = writeXml({ name: 'urlset', attributes: { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' }, children: entries });
  const robots = `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(settings, '/sitemap.xml')}\n`;
  return [
    { path: 'sitemap.xml', body: sitemap },
    { path: 'robots.txt', body: robots },
  ];
}
