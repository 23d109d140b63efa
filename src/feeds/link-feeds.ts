import type { Settings } from '../config/settings.ts';
import type { LinkEntry, OutputFile, Taxonomy } from '../taxonomy/types.ts';
import { absoluteUrl, isSafeUrl } from '../urls.ts';
import { rfc3339, stylesheetInstruction, tag } from './atom.ts';
import { feedHead } from './feed-head.ts';
import { nameUuid, postFeedId } from './feed-items.ts';
import { feedUrls } from './urls.ts';
import { escapeXml, stripIllegalXmlChars } from './xml.ts';

/** Where the link feeds live: under `/links/`, beside the `/links/` page and `links.json`. */
export const LINKS_FEED_PAGE = '/links/';

const titles = { 'zh-CN': '推荐链接', en: 'Recommended links' } as const;
const fromWords = { 'zh-CN': '出自', en: 'From' } as const;

/**
 * A link item's id: named after its post's feed id and its URL (a second item
 * with the same URL in one post adds its position), so it survives new titles,
 * notes, URL patterns and reordering of the other items.
 */
export function linkItemIds(links: readonly LinkEntry[], settings: Pick<Settings, 'url'>): Map<LinkEntry, string> {
  const ids = new Map<LinkEntry, string>();
  const seen = new Map<string, number>();
  for (const link of links) {
    const name = `${postFeedId(link.post, settings)}\0link:${link.url}`;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    ids.set(link, nameUuid(count === 1 ? name : `${name}\0${count}`));
  }
  return ids;
}

interface LinkFeedItem {
  id: string;
  title: string;
  url: string;
  /** Absolute post URL with the item's anchor. */
  postUrl: string;
  postTitle: string;
  note: string;
  section: string;
  tags: string[];
  published: Date;
  updated: Date;
}

/**
 * Atom and JSON Feed of the link items (`/links/atom.xml`, `/links/feed.json`):
 * a subscriber follows only the recommended articles. Each entry opens the
 * article (Atom `alternate`, JSON Feed `external_url`) and names the digest it
 * came from (Atom `related`, JSON Feed `url`). It holds the link items of the
 * newest `feedItems` posts that have any.
 */
export function buildLinkFeeds(taxonomy: Taxonomy, settings: Settings): OutputFile[] {
  const ids = linkItemIds(taxonomy.links, settings);
  const posts = [...new Set(taxonomy.links.map((link) => link.post))].slice(0, settings.feedItems);
  const kept = new Set(posts);
  const items: LinkFeedItem[] = taxonomy.links
    .filter((link) => kept.has(link.post) && isSafeUrl(link.url))
    .map((link) => ({
      id: ids.get(link)!,
      title: stripIllegalXmlChars(link.title),
      url: link.url,
      postUrl: absoluteUrl(settings, link.anchor ? `${link.post.url}#${link.anchor}` : link.post.url),
      postTitle: stripIllegalXmlChars(link.post.title),
      note: stripIllegalXmlChars(link.text),
      section: stripIllegalXmlChars(link.section),
      tags: link.tags.map(stripIllegalXmlChars),
      published: link.post.date,
      updated: link.post.updated && link.post.updated > link.post.date ? link.post.updated : link.post.date,
    }));
  const base = feedHead(settings, null, []);
  const urls = feedUrls(LINKS_FEED_PAGE);
  const head = {
    ...base,
    title: `${base.title} · ${titles[settings.language]}`,
    page: absoluteUrl(settings, LINKS_FEED_PAGE),
    atom: absoluteUrl(settings, urls.atom),
    json: absoluteUrl(settings, urls.json),
    updated: new Date(items.reduce((latest, item) => Math.max(latest, item.updated.getTime()), 0)),
  };
  const contentHtml = (item: LinkFeedItem): string =>
    `${item.note ? `<p>${escapeXml(item.note)}</p>` : ''}<p>${fromWords[settings.language]} <a href="${escapeXml(item.postUrl)}">${escapeXml(item.postTitle)}</a></p>`;

  const entries = items.map((item) =>
    [
      '  <entry>',
      `    ${tag('id', {}, item.id)}`,
      `    ${tag('title', { type: 'text' }, item.title)}`,
      `    ${tag('link', { rel: 'alternate', type: 'text/html', href: item.url })}`,
      `    ${tag('link', { rel: 'related', type: 'text/html', href: item.postUrl, title: item.postTitle })}`,
      `    ${tag('published', {}, rfc3339(item.published))}`,
      `    ${tag('updated', {}, rfc3339(item.updated))}`,
      ...[...(item.section ? [item.section] : []), ...item.tags].map((name) => `    ${tag('category', { term: name, label: name })}`),
      ...(item.note ? [`    ${tag('summary', { type: 'text' }, item.note)}`] : []),
      `    ${tag('content', { type: 'html' }, contentHtml(item))}`,
      '  </entry>',
    ].join('\n'),
  );
  const atom = [
    '<?xml version="1.0" encoding="utf-8"?>',
    stylesheetInstruction(head),
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(head.language)}">`,
    `  ${tag('id', {}, head.atom)}`,
    `  ${tag('title', { type: 'text' }, head.title)}`,
    `  ${tag('link', { rel: 'alternate', type: 'text/html', href: head.page })}`,
    `  ${tag('link', { rel: 'self', type: 'application/atom+xml', href: head.atom })}`,
    `  ${tag('link', { rel: 'alternate', type: 'application/feed+json', href: head.json })}`,
    `  ${tag('updated', {}, rfc3339(head.updated))}`,
    `  <author>${tag('name', {}, head.author.name)}${tag('uri', {}, head.author.url)}</author>`,
    `  ${tag('generator', {}, 'weeklog')}`,
    ...(head.icon ? [`  ${tag('icon', {}, head.icon)}`] : []),
    ...entries,
    '</feed>',
    '',
  ].join('\n');
  const json = {
    version: 'https://jsonfeed.org/version/1.1',
    title: head.title,
    home_page_url: head.page,
    feed_url: head.json,
    ...(head.icon ? { favicon: head.icon } : {}),
    language: head.language,
    authors: [{ name: head.author.name, url: head.author.url }],
    items: items.map((item) => ({
      id: item.id,
      url: item.postUrl,
      external_url: item.url,
      title: item.title,
      content_html: contentHtml(item),
      ...(item.note ? { summary: item.note } : {}),
      date_published: item.published.toISOString(),
      date_modified: item.updated.toISOString(),
      ...(item.section || item.tags.length > 0 ? { tags: [...(item.section ? [item.section] : []), ...item.tags] } : {}),
    })),
  };
  return [
    { path: urls.atom.slice(1), body: atom },
    { path: urls.json.slice(1), body: `${JSON.stringify(json, null, 2)}\n` },
  ];
}
