import { feedUrls } from '../feeds/urls.ts';

/** Files weeklog writes itself besides pages and feeds (see eleventy/generated-files.ts). */
export const GENERATED_FILES = ['feeds.opml', 'feed.xsl', 'links.json', 'sitemap.xml', 'robots.txt', 'search/meta.json', 'assets/search.js', 'css/code.css'];

const generatedFiles = new Set(GENERATED_FILES);
const feedNames = new Set(Object.values(feedUrls('/')).map((url) => url.slice(1)));
/** Where term pages live: their feeds are generated files too, but which terms exist is only known once every post is read. */
const termFamilies = ['categories/', 'tags/'];

/**
 * Whether weeklog writes the file at `urlPath` (root-relative, unencoded: `/atom.xml`,
 * `/tags/go/feed.json`) in every build, so a post that links to it links to something real.
 * A term's feed counts whatever the term; links.json's `/links/atom.xml` too.
 */
export function isGeneratedFile(urlPath: string): boolean {
  const file = urlPath.replace(/^\/+/u, '');
  if (generatedFiles.has(file) || feedNames.has(file)) return true;
  const slash = file.lastIndexOf('/');
  if (slash === -1 || !feedNames.has(file.slice(slash + 1))) return false;
  const folder = file.slice(0, slash + 1);
  return folder === 'links/' || termFamilies.some((family) => folder.startsWith(family) && folder.length > family.length);
}
