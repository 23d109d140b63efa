import type { Settings } from '../config/settings.ts';
import type { OutputFile, Taxonomy } from '../taxonomy/types.ts';
import { absoluteUrl } from '../urls.ts';
import { linkItemIds } from './link-feeds.ts';

/** Format version of `links.json`: 2 added `version`, `id`, `note` and `section`; raised on any incompatible change. */
export const LINKS_JSON_VERSION = 2;

export interface LinksJsonEntry {
  /** Stable: the same id as in the link feeds (see `linkItemIds`). */
  id: string;
  title: string;
  url: string;
  domain: string;
  /** The author's note: what follows the link up to the next item. */
  note: string;
  /** Section heading the item sits under (`文章`, `工具`), `''` for none. */
  section: string;
  tags: string[];
  postTitle: string;
  /** Absolute, encoded, with the item's `#anchor`. */
  postUrl: string;
  /** RFC 3339 instant of the post. */
  date: string;
}

/** `links.json`: every link item of every reading list, newest post first; the same items as `/links/`. */
export function buildLinksJson(taxonomy: Taxonomy, settings: Settings): OutputFile {
  const ids = linkItemIds(taxonomy.links, settings);
  const links: LinksJsonEntry[] = taxonomy.links.map((link) => ({
    id: ids.get(link)!,
    title: link.title,
    url: link.url,
    domain: link.domain,
    note: link.text,
    section: link.section,
    tags: link.tags,
    postTitle: link.post.title,
    postUrl: absoluteUrl(settings, link.anchor ? `${link.post.url}#${link.anchor}` : link.post.url),
    date: link.post.date.toISOString(),
  }));
  return { path: 'links.json', body: `${JSON.stringify({ version: LINKS_JSON_VERSION, count: links.length, links }, null, 2)}\n` };
}
