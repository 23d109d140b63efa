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
  const sitemapUrl = absoluteUrl(settings, '/sitemap.xml');
  const site = new URL(settings.url);
  // Crawlers read robots.txt only at the host root: under a path this copy is a template for that one.
  const underPath = site.pathname !== '/'
    ? `# This site lives under ${site.pathname}; crawlers read only ${site.origin}/robots.txt.\n# Add the Sitemap line below to that file.\n`
    : '';
  const robots = `${underPath}User-agent: *\nAllow: /\n\nSitemap: ${sitemapUrl}\n`;
  return [
    { path: 'sitemap.xml', body: sitemap },
    { path: 'robots.txt', body: robots },
  ];
}
