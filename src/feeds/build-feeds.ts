import type { Settings } from '../config/settings.ts';
import type { Post } from '../content/post.ts';
import type { OutputFile, Taxonomy, Term } from '../taxonomy/types.ts';
import { atomFeed } from './atom.ts';
import { feedHead } from './feed-head.ts';
import { feedItem, type FeedItem, type FeedItemOptions, type KeptFeeds } from './feed-items.ts';
import { FEED_STYLESHEET_PATH, feedStylesheet } from './feed-stylesheet.ts';
import { jsonFeed } from './json-feed.ts';
import { buildOpml, OPML_PATH } from './opml.ts';
import { rssFeed } from './rss.ts';
import { feedUrls } from './urls.ts';

export interface BuildFeedsInput {
  settings: Settings;
  /** Newest first, as `loadPosts` returns them. */
  posts: Post[];
  taxonomy: Taxonomy;
  options?: FeedItemOptions | undefined;
}

/**
 * Atom 1.0, RSS 2.0 and JSON Feed 1.1 for the whole site (`/atom.xml`, `/rss.xml`,
 * `/feed.json`) and for every category (parents included) and every tag, under
 * the term's URL, plus `feeds.opml` listing them and `feed.xsl`, which makes a
 * feed opened in a browser read as a page. Each feed holds the newest
 * `settings.feedItems` posts with sanitised content whose URLs are all absolute.
 */
export function buildFeeds(input: BuildFeedsInput): OutputFile[] {
  return [...feedFiles(input)];
}

/**
 * The files of `buildFeeds`, in the same order, each made only when asked for: a build writes
 * each feed and lets go of it before making the next (every feed holds whole posts, and a site
 * has one per term).
 */
export function* feedFiles(input: BuildFeedsInput): Generator<OutputFile> {
  const { settings, posts, taxonomy } = input;
  // A post sits in the site feed and in the feeds of each of its terms: prepared once per build.
  const items = new Map<Post, FeedItem>();
  const itemOf = (post: Post): FeedItem => {
    let item = items.get(post);
    if (!item) {
      item = feedItem(post, settings, input.options);
      items.set(post, item);
    }
    return item;
  };
  const subjects = feedSubjects(posts, taxonomy);
  // `serve` keeps each feed's files (see FeedHtmlCache): a feed whose head and items are the same is not made again.
  const cache = input.options?.cache?.feeds;
  const kept = new Map<string, KeptFeeds>();
  for (const { term, posts: subjectPosts } of subjects) {
    const head = feedHead(settings, term, subjectPosts.slice(0, settings.feedItems).map(itemOf));
    const urls = feedUrls(term ? term.url : '/');
    const headKey = cache ? JSON.stringify({ ...head, items: null }) : '';
    const last = cache?.get(urls.atom);
    if (last && last.head === headKey && sameItems(last.items, head.items)) {
      kept.set(urls.atom, last);
      yield* last.files;
      continue;
    }
    const made = [
      { path: urls.atom.slice(1), body: atomFeed(head) },
      { path: urls.rss.slice(1), body: rssFeed(head) },
      { path: urls.json.slice(1), body: jsonFeed(head) },
    ];
    if (cache) kept.set(urls.atom, { head: headKey, items: head.items, files: made });
    yield* made;
  }
  if (input.options?.cache?.feeds) input.options.cache.feeds = kept;
  yield buildOpml(taxonomy, settings);
  yield feedStylesheet(settings);
}

/** The site's feed and those of its terms, in the order feedFiles makes them. */
function feedSubjects(posts: Post[], taxonomy: Taxonomy): { term: Term | null; posts: Post[] }[] {
  return [
    { term: null, posts },
    ...taxonomy.allCategories.map((term) => ({ term, posts: term.posts })),
    ...taxonomy.tags.map((term) => ({ term, posts: term.posts })),
  ];
}

/** The posts feedFiles makes items of: the newest `settings.feedItems` of the site and of each term. */
export function feedItemPosts(posts: Post[], taxonomy: Taxonomy, settings: Pick<Settings, 'feedItems'>): Post[] {
  const listed = new Set<Post>();
  for (const subject of feedSubjects(posts, taxonomy)) for (const post of subject.posts.slice(0, settings.feedItems)) listed.add(post);
  return [...listed];
}

/** Paths (relative to the output folder) of every file feedFiles makes for this taxonomy, without making them. */
export function feedFilePaths(taxonomy: Taxonomy): Set<string> {
  const paths = new Set([OPML_PATH, FEED_STYLESHEET_PATH]);
  for (const { term } of feedSubjects([], taxonomy)) {
    const urls = feedUrls(term ? term.url : '/');
    for (const url of [urls.atom, urls.rss, urls.json]) paths.add(url.slice(1));
  }
  return paths;
}

/** Whether two lists of items make the same feed entries. */
function sameItems(a: readonly FeedItem[], b: readonly FeedItem[]): boolean {
  return a.length === b.length && a.every((item, index) => sameItem(item, b[index]!));
}

/**
 * Fields of an item no writer reads: the post it was made from (what the writers need of it is
 * copied onto the item) and the ids worked out from `baseId`, a cache that fills as feeds ask.
 * Every other field counts, those added later too: a field compared for nothing costs a remade
 * feed, one left out would keep a stale one.
 */
const unwritten = new Set<string>(['post', 'ids'] satisfies (keyof FeedItem)[]);

function sameItem(a: FeedItem, b: FeedItem): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  const other = b as unknown as Record<string, unknown>;
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => unwritten.has(key) || (Object.hasOwn(other, key) && sameData((a as unknown as Record<string, unknown>)[key], other[key])))
  );
}

/**
 * Equality of plain data (strings, numbers, dates, arrays, plain objects), field by field. The
 * same strings when the post's feed HTML came from the cache: compared by reference then. Anything
 * else (a Map, a class) is the same only when it is the same object.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((value, index) => sameData(value, b[index]));
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const keys = Object.keys(a);
  const record = b as Record<string, unknown>;
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(record, key) && sameData((a as Record<string, unknown>)[key], record[key]));
}
