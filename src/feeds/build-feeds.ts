import { Feed, type Author, type Category, type Item } from 'feed';
import type { Settings } from '../config/settings.ts';
import type { Post } from '../content/post.ts';
import type { OutputFile, Taxonomy, Term } from '../taxonomy/types.ts';
import { absolutizeHtml } from './absolute-html.ts';
import { buildOpml } from './opml.ts';
import { absoluteUrl } from '../urls.ts';
import { feedUrls } from './urls.ts';
import { escapeHtml, stripIllegalXmlChars } from './xml.ts';

export interface BuildFeedsInput {
  settings: Settings;
  /** Newest first, as `loadPosts` returns them. */
  posts: Post[];
  taxonomy: Taxonomy;
}

/** What one feed is about: the whole site (`term: null`) or one category or tag. */
interface FeedSubject {
  term: Term | null;
  posts: Post[];
}

/** A post's feed content with absolute URLs: kept across the rebuilds of `weeklog serve`. */
interface PreparedPost {
  url: string;
  contentHtml: string;
  summaryHtml: string;
}

interface FeedCategory {
  name: string;
  /** Absolute URL of the term page. */
  url: string;
}

/** What every feed of one build needs of a post. */
interface FeedPost extends PreparedPost {
  categories: FeedCategory[];
}

const termLabels = {
  'zh-CN': { category: '分类：', tag: '标签：' },
  en: { category: 'Category: ', tag: 'Tag: ' },
} as const;

/*
 * The `feed` package hands strings to xml-js, which splits only the first `]]>`
 * of a CDATA section and does not escape `<` in attribute values. Those two
 * are swapped for characters XML forbids (so they cannot come from content,
 * which is cleaned first) and put back, correctly written, after serialising.
 */
const CDATA_END = '\u0001';
const ATTRIBUTE_LT = '\u0002';

function forCdata(text: string): string {
  return stripIllegalXmlChars(text).replaceAll(']]>', CDATA_END);
}

function forAttribute(text: string): string {
  return stripIllegalXmlChars(text).replaceAll('<', ATTRIBUTE_LT);
}

function restoreXml(xml: string): string {
  return xml.replaceAll(CDATA_END, ']]]]><![CDATA[>').replaceAll(ATTRIBUTE_LT, '&lt;');
}

/*
 * Parsing and rewriting a post's HTML is the main cost of the feeds and a post
 * sits in several of them; kept per file across the rebuilds of `weeklog serve`,
 * reused while the HTML and URLs are unchanged.
 */
const preparedByFile = new Map<string, { url: string; html: string; excerptHtml: string; siteUrl: string; prepared: PreparedPost }>();

/**
 * Atom 1.0, RSS 2.0 and JSON Feed 1.1 for the whole site (`/atom.xml`, `/rss.xml`,
 * `/feed.json`) and for every category (parents included) and every tag, under
 * the term's URL, plus `feeds.opml` listing them. Each feed holds the newest
 * `settings.feedItems` posts with full content whose URLs are all absolute.
 */
export function buildFeeds(input: BuildFeedsInput): OutputFile[] {
  const { settings, posts, taxonomy } = input;
  const siteUrl = new URL(settings.url).href;
  // A post sits in the site feed and in the feeds of each of its terms: prepared once per build.
  const preparedThisBuild = new Map<Post, FeedPost>();
  const prepare = (post: Post): FeedPost => {
    let prepared = preparedThisBuild.get(post);
    if (!prepared) {
      prepared = { ...preparedContent(post), categories: postCategories(post, settings) };
      preparedThisBuild.set(post, prepared);
    }
    return prepared;
  };
  const preparedContent = (post: Post): PreparedPost => {
    const url = absoluteUrl(settings, post.url);
    const cached = preparedByFile.get(post.file);
    if (cached && cached.url === url && cached.html === post.html && cached.excerptHtml === post.excerptHtml && cached.siteUrl === siteUrl) {
      return cached.prepared;
    }
    const base = { pageUrl: url, siteUrl };
    const prepared = { url, contentHtml: absolutizeHtml(post.html, base), summaryHtml: absolutizeHtml(post.excerptHtml || '', base) };
    preparedByFile.set(post.file, { url, html: post.html, excerptHtml: post.excerptHtml, siteUrl, prepared });
    return prepared;
  };
  const subjects: FeedSubject[] = [
    { term: null, posts },
    ...taxonomy.allCategories.map((term) => ({ term, posts: term.posts })),
    ...taxonomy.tags.map((term) => ({ term, posts: term.posts })),
  ];
  return [...subjects.flatMap((subject) => feedFiles(settings, subject, prepare)), buildOpml(taxonomy, settings)];
}

function feedTitle(settings: Settings, term: Term | null): string {
  if (!term) return settings.title;
  return `${settings.title} · ${termLabels[settings.language][term.kind]}${term.path.join(' / ')}`;
}

function postAuthor(post: Post, settings: Settings): Author {
  const written = post.data?.author;
  return { name: typeof written === 'string' && written.trim() !== '' ? written.trim() : settings.author || settings.title };
}

/** The post's categories, root first, then its tags; a tag named like a category is listed once. */
function postCategories(post: Post, settings: Settings): FeedCategory[] {
  const seen = new Set<string>();
  return [...post.categoryRefs, ...post.tagRefs]
    .filter((ref) => !seen.has(ref.name) && seen.add(ref.name))
    .map((ref) => ({ name: ref.name, url: absoluteUrl(settings, ref.url) }));
}

function feedFiles(settings: Settings, subject: FeedSubject, prepare: (post: Post) => FeedPost): OutputFile[] {
  const pageUrl = subject.term ? subject.term.url : '/';
  const urls = feedUrls(pageUrl);
  const absolute = {
    page: absoluteUrl(settings, pageUrl),
    atom: absoluteUrl(settings, urls.atom),
    rss: absoluteUrl(settings, urls.rss),
    json: absoluteUrl(settings, urls.json),
  };
  const items = subject.posts.slice(0, settings.feedItems);
  const newest = items.reduce((latest, post) => Math.max(latest, (post.updated ?? post.date).getTime()), 0);
  const title = stripIllegalXmlChars(feedTitle(settings, subject.term));
  const description = stripIllegalXmlChars(settings.description);
  const author: Author = { name: stripIllegalXmlChars(settings.author || settings.title), link: new URL(settings.url).href };

  const xmlFeed = new Feed({
    id: absolute.atom,
    title,
    description,
    link: absolute.page,
    language: settings.language,
    updated: new Date(newest),
    generator: 'weeklog',
    feedLinks: { atom: absolute.atom, rss: absolute.rss, json: absolute.json },
    author,
  });
  const atomItems: Item[] = [];
  const rssItems: Item[] = [];
  for (const post of items) {
    const { url, contentHtml, summaryHtml, categories } = prepare(post);
    const shared = {
      id: url,
      link: url,
      date: post.updated ?? post.date,
      published: post.date,
      description: forCdata(summaryHtml),
      content: forCdata(contentHtml),
      author: [{ name: stripIllegalXmlChars(postAuthor(post, settings).name ?? '') }],
      category: categories.map(({ name, url: scheme }): Category => ({ name: forAttribute(name), term: forAttribute(name), scheme })),
    };
    // Atom says `type="html"` for titles, so a title's `<`, `&` must arrive as text, not markup.
    atomItems.push({ ...shared, title: forCdata(escapeHtml(post.title)) });
    rssItems.push({ ...shared, title: forCdata(post.title) });
  }
  xmlFeed.items = atomItems;
  const atom = restoreXml(xmlFeed.atom1());
  xmlFeed.items = rssItems;
  const rss = restoreXml(xmlFeed.rss2());

  const json = jsonFeed(settings, { title, description, absolute, author }, items.map((post) => ({ post, ...prepare(post) })));
  return [
    { path: urls.atom.slice(1), body: atom },
    { path: urls.rss.slice(1), body: rss },
    { path: urls.json.slice(1), body: json },
  ];
}

interface JsonFeedHead {
  title: string;
  description: string;
  absolute: { page: string; json: string };
  author: Author;
}

/** JSON Feed 1.1: the `feed` package writes version 1, so its output is lifted to 1.1 (`authors`, `language`). */
function jsonFeed(settings: Settings, head: JsonFeedHead, items: ({ post: Post } & FeedPost)[]): string {
  const feed = new Feed({ title: head.title, description: head.description || undefined, link: head.absolute.page, feedLinks: { json: head.absolute.json } });
  for (const { post, url, contentHtml, categories } of items) {
    feed.addItem({
      id: url,
      link: url,
      title: stripIllegalXmlChars(post.title),
      date: post.updated ?? post.date,
      published: post.date,
      content: stripIllegalXmlChars(contentHtml),
      category: categories.map(({ name }) => ({ name: stripIllegalXmlChars(name) })),
    });
  }
  const { version: _version, items: parsedItems, ...rest } = JSON.parse(feed.json1()) as Record<string, unknown> & { items: Record<string, unknown>[] };
  const parsed = {
    version: 'https://jsonfeed.org/version/1.1',
    ...rest,
    language: settings.language,
    authors: [{ name: head.author.name, url: head.author.link }],
    items: parsedItems,
  };
  parsed.items.forEach((item, index) => {
    const { post } = items[index];
    const summary = stripIllegalXmlChars(post.summary ?? '');
    if (summary) item.summary = summary;
    item.authors = [{ name: stripIllegalXmlChars(postAuthor(post, settings).name ?? '') }];
    delete item.author;
  });
  return `${JSON.stringify(parsed, null, 2)}\n`;
}
