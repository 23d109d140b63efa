import { itemId, type FeedItem } from './feed-items.ts';
import type { FeedHead } from './feed-head.ts';
import { escapedTag, stylesheetInstruction, tag } from './atom.ts';
import { escapeXml } from './xml.ts';

/** RFC 822 with a four-digit year, in GMT (`Sat, 04 Mar 2017 23:59:01 GMT`). */
export function rfc822(date: Date): string {
  return date.toUTCString();
}

/*
 * RSS `<author>` must be an email address; names go in `dc:creator`. `guid`
 * is not a permalink (it is a `urn:uuid:`), the link is `<link>`.
 */
function item(entry: FeedItem, head: FeedHead): string {
  const lines = [
    tag('title', {}, entry.title),
    tag('link', {}, entry.url),
    tag('guid', { isPermaLink: 'false' }, itemId(entry, head.key)),
    tag('pubDate', {}, rfc822(entry.published)),
    tag('dc:creator', {}, entry.author),
    ...entry.categories.map((category) => tag('category', { domain: category.url }, category.name)),
    entry.descriptionText
      ? tag('description', {}, `<p>${escapeXml(entry.descriptionText)}</p>`)
      : escapedTag('description', {}, entry.summaryHtml ? entry.summaryXml : entry.contentXml),
    escapedTag('content:encoded', {}, entry.contentXml),
  ];
  return `    <item>\n${lines.map((line) => `      ${line}`).join('\n')}\n    </item>`;
}

/** RSS 2.0 with the Atom (self link), Dublin Core (creator) and content (full HTML) modules. */
export function rssFeed(head: FeedHead): string {
  const lines = [
    tag('title', {}, head.title),
    tag('link', {}, head.page),
    tag('description', {}, head.description || head.title),
    tag('language', {}, head.language),
    tag('lastBuildDate', {}, rfc822(head.updated)),
    tag('generator', {}, 'weeklog'),
    tag('atom:link', { href: head.rss, rel: 'self', type: 'application/rss+xml' }),
    tag('dc:creator', {}, head.author.name),
    head.logo || head.icon
      ? `<image>${tag('url', {}, head.logo ?? head.icon)}${tag('title', {}, head.title)}${tag('link', {}, head.page)}</image>`
      : '',
  ];
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    stylesheetInstruction(head),
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    '  <channel>',
    ...lines.filter(Boolean).map((line) => `    ${line}`),
    ...head.items.map((entry) => item(entry, head)),
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}
