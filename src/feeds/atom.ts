import { itemId, type FeedItem } from './feed-items.ts';
import type { FeedHead } from './feed-head.ts';
import { escapeXml } from './xml.ts';

/** `<name a="v">text</name>`; every attribute and text goes through `escapeXml`. */
export function tag(name: string, attributes: Record<string, string | null | undefined>, text?: string | null): string {
  const written = Object.entries(attributes)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
  return text === undefined || text === null ? `<${name}${written}/>` : `<${name}${written}>${escapeXml(text)}</${name}>`;
}

/** `tag` for a text already escaped with `escapeXml` (a feed item's content, escaped once for every feed it is in). */
export function escapedTag(name: string, attributes: Record<string, string>, escapedText: string): string {
  return `${tag(name, attributes).slice(0, -2)}>${escapedText}</${name}>`;
}

/** RFC 3339 in UTC, seconds precision. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/u, 'Z');
}

export function stylesheetInstruction(head: FeedHead): string {
  return `<?xml-stylesheet type="text/xsl" href="${escapeXml(head.stylesheet)}"?>`;
}

/*
 * Titles are `type="text"`: readers that show `type="html"` titles raw print
 * `Don&#39;t panic`. Content and excerpts are HTML, escaped as text rather than
 * put in CDATA, so no input can end a section early.
 */
function entry(item: FeedItem, head: FeedHead): string {
  const lines = [
    tag('id', {}, itemId(item, head.key)),
    tag('title', { type: 'text' }, item.title),
    tag('link', { rel: 'alternate', type: 'text/html', href: item.url }),
    tag('published', {}, rfc3339(item.published)),
    tag('updated', {}, rfc3339(item.updated)),
    `<author>${tag('name', {}, item.author)}</author>`,
    ...item.categories.map((category) => tag('category', { term: category.name, label: category.name, scheme: category.url })),
    item.descriptionText ? tag('summary', { type: 'text' }, item.descriptionText) : item.summaryHtml ? escapedTag('summary', { type: 'html' }, item.summaryXml) : '',
    escapedTag('content', { type: 'html' }, item.contentXml),
  ];
  return `  <entry>\n${lines.filter(Boolean).map((line) => `    ${line}`).join('\n')}\n  </entry>`;
}

/** Atom 1.0 (RFC 4287). */
export function atomFeed(head: FeedHead): string {
  const lines = [
    tag('id', {}, head.atom),
    tag('title', { type: 'text' }, head.title),
    head.description ? tag('subtitle', { type: 'text' }, head.description) : '',
    tag('link', { rel: 'alternate', type: 'text/html', href: head.page }),
    tag('link', { rel: 'self', type: 'application/atom+xml', href: head.atom }),
    tag('link', { rel: 'alternate', type: 'application/rss+xml', href: head.rss }),
    tag('link', { rel: 'alternate', type: 'application/feed+json', href: head.json }),
    tag('updated', {}, rfc3339(head.updated)),
    `<author>${tag('name', {}, head.author.name)}${tag('uri', {}, head.author.url)}</author>`,
    tag('generator', {}, 'weeklog'),
    head.icon ? tag('icon', {}, head.icon) : '',
    head.logo ? tag('logo', {}, head.logo) : '',
  ];
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    stylesheetInstruction(head),
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(head.language)}">`,
    ...lines.filter(Boolean).map((line) => `  ${line}`),
    ...head.items.map((item) => entry(item, head)),
    '</feed>',
    '',
  ].join('\n');
}
