import { createHash } from 'node:crypto';
import type { Settings } from '../config/settings.ts';
import type { Post } from '../content/post.ts';
import type { OutputFile } from '../taxonomy/types.ts';
import { absoluteUrl } from '../urls.ts';
import { feedHtml } from './feed-html.ts';
import { escapeXml, stripIllegalXmlChars } from './xml.ts';

/**
 * Largest item content, in bytes of HTML (default of `FeedItemOptions.maxItemBytes`).
 * A post over it is fed as its excerpt (or, if the excerpt is over it too, its
 * plain-text summary) and a link to the post: one 50 000-line code block would
 * otherwise put megabytes into every feed that lists the post.
 */
export const MAX_ITEM_BYTES = 100_000;

/** One post as every feed of one build shows it; all text is XML-safe, all URLs absolute. */
export interface FeedItem {
  post: Post;
  /** Stable across URL, title and body changes; per feed, see `itemId`. */
  baseId: string;
  url: string;
  title: string;
  published: Date;
  updated: Date;
  author: string;
  contentHtml: string;
  /** `contentHtml` and `summaryHtml` escaped as XML text: a post is in the site feed and its terms' feeds, in two XML formats each. */
  contentXml: string;
  summaryXml: string;
  /** Ids of the item by feed key (see `itemId`), kept while the post's base id holds. */
  ids: Map<string | null, string>;
  /** Front-matter `description` as plain text, when written. */
  descriptionText: string | null;
  /** The excerpt as HTML, when there is no description. */
  summaryHtml: string;
  /** The plain-text summary (description, else excerpt). */
  summaryText: string;
  categories: { name: string; url: string }[];
}

export interface FeedItemOptions {
  /** Largest item content in bytes before the item is cut to its excerpt (default: `MAX_ITEM_BYTES`). */
  maxItemBytes?: number | null | undefined;
  /** Feed HTML kept from earlier builds, reused while a post's HTML and URL match (default: none). */
  cache?: FeedHtmlCache | null | undefined;
}

const readMore = { 'zh-CN': '阅读全文', en: 'Read the whole post' } as const;

/**
 * Feed HTML of each post by file, kept across the rebuilds of `weeklog serve`
 * (a BuildContext's `caches.feeds`): making it is the costly part of the feeds.
 */
export type FeedHtmlCache = Map<string, PreparedFeedHtml> & {
  /**
   * The files of each feed (by its Atom URL) as last made, with what they were made from: a feed
   * whose head and items are the same is not written out again (default: none kept).
   */
  feeds?: Map<string, KeptFeeds> | undefined;
};

/** One feed's three files and what they were made from (`head` as JSON, without its items). */
export interface KeptFeeds {
  head: string;
  items: FeedItem[];
  files: OutputFile[];
}

export interface PreparedFeedHtml {
  url: string;
  siteUrl: string;
  html: string;
  excerptHtml: string;
  /** The post it was made for in a build, which no longer compares `html` and `excerptHtml` (see feedHtmlInThread). */
  madeFor?: Post;
  contentHtml: string;
  summaryHtml: string;
  /** Filled when first needed: the escaped forms of contentHtml and summaryHtml. */
  contentXml?: string;
  summaryXml?: string;
  /** Item ids by feed key, for `baseId`. */
  ids?: { baseId: string; byFeed: Map<string | null, string> };
}

/** The feed view of `post`. */
export function feedItem(post: Post, settings: Settings, options: FeedItemOptions = {}): FeedItem {
  const maxItemBytes = options.maxItemBytes ?? MAX_ITEM_BYTES;
  const url = absoluteUrl(settings, post.url);
  const siteUrl = new URL(settings.url).href;
  const prepared = preparedHtml(post, url, siteUrl, options.cache ?? new Map());
  const { contentHtml, summaryHtml } = prepared;
  const description = typeof post.data?.description === 'string' ? stripIllegalXmlChars(post.data.description.trim()) : '';
  const summaryText = stripIllegalXmlChars(post.summary ?? '');
  let content = contentHtml;
  if (Buffer.byteLength(contentHtml) > maxItemBytes) {
    const shortened = summaryHtml && Buffer.byteLength(summaryHtml) <= maxItemBytes ? summaryHtml : `<p>${escapeXml(summaryText)}</p>`;
    content = `${shortened}<p><a href="${escapeXml(url)}">${readMore[settings.language]}</a></p>`;
  }
  const written = post.data?.author;
  const author = typeof written === 'string' && written.trim() !== '' ? written.trim() : settings.author || settings.title;
  const seen = new Set<string>();
  const baseId = postFeedId(post, settings);
  if (prepared.ids?.baseId !== baseId) prepared.ids = { baseId, byFeed: new Map() };
  return {
    post,
    baseId,
    contentXml: content === contentHtml ? (prepared.contentXml ??= escapeXml(contentHtml)) : escapeXml(content),
    summaryXml: (prepared.summaryXml ??= escapeXml(summaryHtml)),
    ids: prepared.ids.byFeed,
    url,
    title: stripIllegalXmlChars(post.title),
    published: post.date,
    updated: post.updated && post.updated.getTime() > post.date.getTime() ? post.updated : post.date,
    author: stripIllegalXmlChars(author),
    contentHtml: content,
    descriptionText: description || null,
    summaryHtml,
    summaryText: description || summaryText,
    // Root category first, then tags; a tag named like a category is listed once.
    categories: [...post.categoryRefs, ...post.tagRefs]
      .filter((ref) => !seen.has(ref.name) && seen.add(ref.name))
      .map((ref) => ({ name: stripIllegalXmlChars(ref.name), url: absoluteUrl(settings, ref.url) })),
  };
}

function preparedHtml(post: Post, url: string, siteUrl: string, cache: FeedHtmlCache): PreparedFeedHtml {
  const cached = cache.get(post.file);
  // The whole HTML is compared, not the source hash: links to other posts change when their URLs do.
  if (cached && cached.url === url && cached.siteUrl === siteUrl && (cached.madeFor === post || (cached.html === post.html && cached.excerptHtml === post.excerptHtml))) {
    return cached;
  }
  const prepared: PreparedFeedHtml = { url, siteUrl, html: post.html, excerptHtml: post.excerptHtml, ...makeFeedHtml({ html: post.html, excerptHtml: post.excerptHtml, url, siteUrl }) };
  cache.set(post.file, prepared);
  return prepared;
}

/** What a post's feed HTML is made from: its HTML, its excerpt's, its absolute URL and the site's (feed-html-thread.ts makes them in a thread). */
export type FeedHtmlSource = Pick<PreparedFeedHtml, 'html' | 'excerptHtml' | 'url' | 'siteUrl'>;

/** A post's content and excerpt as feed HTML. */
export function makeFeedHtml(source: FeedHtmlSource): Pick<PreparedFeedHtml, 'contentHtml' | 'summaryHtml'> {
  const base = { pageUrl: source.url, siteUrl: source.siteUrl };
  return {
    contentHtml: stripIllegalXmlChars(feedHtml(source.html, base)),
    summaryHtml: stripIllegalXmlChars(feedHtml(source.excerptHtml || '', base)),
  };
}

/**
 * A post's entry id: `urn:uuid:` named (SHA-1, RFC 4122 version 5 layout) after
 * the site's host and path and the post's file, or its front-matter `id`, so it
 * survives a new permalink pattern, title or body. Moving the file changes it;
 * `id:` in front matter pins it.
 */
export function postFeedId(post: Post, settings: Pick<Settings, 'url'>): string {
  const site = new URL(settings.url);
  const pinned = post.data?.id;
  const name = typeof pinned === 'string' || typeof pinned === 'number' ? `id:${pinned}` : `file:${post.relativePath}`;
  return nameUuid(`weeklog:${site.host}${site.pathname}\0${name}`);
}

/**
 * The id of an item in one feed. The site feed uses the post's id; a category
 * or tag feed adds its own name, because readers such as newsboat keep an id
 * in one feed only and would leave every other feed holding the post empty.
 */
export function itemId(item: Pick<FeedItem, 'baseId' | 'ids'>, feedKey: string | null): string {
  if (feedKey === null) return item.baseId;
  let id = item.ids.get(feedKey);
  if (id === undefined) item.ids.set(feedKey, (id = nameUuid(`${item.baseId}\0${feedKey}`)));
  return id;
}

export function nameUuid(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
