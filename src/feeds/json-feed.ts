import { itemId } from './feed-items.ts';
import type { FeedHead } from './feed-head.ts';

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function jsonFeed(head: FeedHead): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: head.title,
    home_page_url: head.page,
    feed_url: head.json,
    ...(head.description ? { description: head.description } : {}),
    ...(head.logo || head.icon ? { icon: head.logo ?? head.icon } : {}),
    ...(head.icon ? { favicon: head.icon } : {}),
    language: head.language,
    authors: [{ name: head.author.name, url: head.author.url }],
    items: head.items.map((item) => ({
      id: itemId(item, head.key),
      url: item.url,
      title: item.title,
      content_html: item.contentHtml,
      ...(item.summaryText ? { summary: item.summaryText } : {}),
      date_published: item.published.toISOString(),
      date_modified: item.updated.toISOString(),
      authors: [{ name: item.author }],
      ...(item.categories.length > 0 ? { tags: item.categories.map((category) => category.name) } : {}),
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
