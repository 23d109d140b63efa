import type { Post } from '../content/post.ts';
import type { Settings } from '../config/settings.ts';
import type { OutputFile } from '../taxonomy/types.ts';
import { createHash } from 'node:crypto';
import type { LinkItem } from '../markdown/types.ts';
import { encodeUrlPart } from '../urls.ts';
import { bundleSearchClient } from './bundle-client.ts';
import { FORMAT_VERSION } from './format.ts';
import type { FragmentFile, SearchMeta } from './format.ts';
import { PostingsComposer } from './compose-postings.ts';
import { PostScratch, type PassageFragment, type PreparedPost, type WeighedPost } from './prepare-post.ts';
import { shardFiles, type ShardLayout } from './shards.ts';
import { TokenTable } from './token-ids.ts';
import { IntSlab } from './int-slab.ts';

export interface SearchBuildOptions {
  /** Characters of postings per shard file, about: more means fewer files but more bytes per query (default: `1500`). */
  shardChars?: number | null | undefined;
  /** A token whose postings are longer than this gets a file of its own, fetched only for it (default: `400`). */
  ownFileChars?: number | null | undefined;
  /** Passage size in characters (default: `320`). */
  passageChars?: number | null | undefined;
  /** Passages per fragment file; more means fewer files but more bytes per result shown (default: `4`). */
  fragmentGroup?: number | null | undefined;
  /** Skip bundling `assets/search.js`, for tests of the index alone (default: `false`). */
  skipClient?: boolean | null | undefined;
  /**
   * Link items to index as passages of their own, so a search finds the item (its title and
   * note) and shows it (default: none). The taxonomy's list: boilerplate and links into the site left out.
   */
  links?: readonly SearchLink[] | null | undefined;
  /** Tokenised posts kept from earlier builds, owned by the build context (default: a new, empty cache). */
  cache?: SearchCache | null | undefined;
}

export type { PreparedPost } from './prepare-post.ts';

/** What the search index reads of a post: a Post, or its copy in a thread (search-thread.ts). */
export type SearchSource = Pick<Post, 'url' | 'title' | 'date' | 'categories' | 'tags' | 'text' | 'sections' | 'hash'>;

/** A link item indexed with its post (the taxonomy's LinkEntry is one). */
export type SearchLink = LinkItem & { post: SearchSource };

/**
 * Tokenised posts keyed by content hash plus everything outside the file that shapes the units:
 * an unchanged post is not re-tokenised on a dev-server rebuild.
 */
export type SearchCache = Map<string, PreparedPost> & {
  /** The token ids these posts are written in; set by the first build that uses the cache. */
  tokens?: TokenTable | undefined;
  /** The last postings that go with these posts (default: none kept: composed from nothing). */
  composer?: PostingsComposer | undefined;
};

/** Tags and categories change without the file changing (vocabulary, boilerplate), and so may items. */
function cacheKey(post: SearchSource, items: readonly LinkItem[], passageChars: number): string {
  const outside = createHash('sha1')
    .update(JSON.stringify([post.tags, post.categories, items.map((item) => [item.title, item.url, item.anchor, item.text])]))
    .digest('base64');
  return `${post.hash}\0${post.title}\0${passageChars}\0${outside}`;
}

/** Statistics of the last build, for the benchmark and the dev server log. */
export interface SearchBuildStats {
  posts: number;
  units: number;
  tokens: number;
  postings: number;
  shards: number;
  /** Tokens whose postings have a file of their own. */
  ownFiles: number;
  cacheHits: number;
}

export let lastSearchBuildStats: SearchBuildStats | undefined;

/** YYYY-MM-DD in `timeZone`: one formatter per build, as making one costs more than formatting a date. */
function dateFormatter(timeZone: string): (date: Date) => string {
  // en-CA formats as YYYY-MM-DD.
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (date) => format.format(date);
}

function pathPrefix(siteUrl: string): string {
  const pathname = new URL(siteUrl).pathname;
  return pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
}

/**
 * The posts in the order the search index numbers them (post `n` is `search/f/<n>-*.json`), from posts listed newest
 * first as the site lists them: oldest first, so a new post, nearly always the newest, takes the next number and
 * leaves every other post's fragment files and postings as they were. Numbered newest first, it moved every post up
 * by one, and `serve` rewrote the whole index (6 700 of the 7 000 files it changed at 1000 posts) to show one new post.
 */
export function searchDocOrder<T>(newestFirst: readonly T[]): T[] {
  return [...newestFirst].reverse();
}

/**
 * The static search index and client for a set of posts: `search/meta.json`,
 * shards `search/s/<k>.json`, long postings `search/p/<n>.json`, fragments of a
 * few passages each `search/f/<post>-<group>.json` and the bundled `assets/search.js`.
 */
export async function buildSearchFiles(posts: Post[], settings: Settings, options: SearchBuildOptions = {}): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  for await (const file of eachSearchFile(posts, settings, options)) files.push(file);
  return files;
}

/**
 * The files of `buildSearchFiles`, in the same order, each made when asked for: a post's fragment
 * files as soon as it is tokenised, each long postings file and shard when its turn comes, so a
 * writer lets go of each before the next is made. Without a cache, a post's tokens are let go once
 * its postings are composed.
 */
export async function* eachSearchFile(posts: readonly SearchSource[], settings: Pick<Settings, 'url' | 'timezone'>, options: SearchBuildOptions = {}): AsyncGenerator<OutputFile> {
  const shardChars = options.shardChars ?? 1500;
  const ownFileChars = options.ownFileChars ?? 400;
  const passageChars = options.passageChars ?? 320;
  const fragmentGroup = options.fragmentGroup ?? 4;
  const prefix = pathPrefix(settings.url);
  const dateInZone = dateFormatter(settings.timezone);
  const cache = options.cache ?? null;
  const table = cache ? (cache.tokens ??= new TokenTable()) : new TokenTable();
  // Without a cache every prepared post dies once the postings are made: their arrays share large buffers.
  const scratch = new PostScratch(cache ? null : new IntSlab());
  const seenKeys = new Set<string>();
  let cacheHits = 0;

  const itemsOf = new Map<SearchSource, SearchLink[]>();
  for (const link of options.links ?? []) {
    let list = itemsOf.get(link.post);
    if (!list) itemsOf.set(link.post, (list = []));
    list.push(link);
  }
  const prepared: (PreparedPost | null)[] = [];
  let unitCount = 0;
  let lengthSum = 0;
  const numbered = searchDocOrder(posts);
  for (let doc = 0; doc < numbered.length; doc++) {
    const post = numbered[doc]!;
    const items = itemsOf.get(post) ?? [];
    const key = cache ? cacheKey(post, items, passageChars) : '';
    let entry = cache?.get(key);
    let passages = entry?.passages ?? null;
    if (entry) cacheHits++;
    else {
      ({ prepared: entry, passages } = scratch.prepare(post, items, passageChars, table, cache !== null));
      cache?.set(key, entry);
    }
    seenKeys.add(key);
    prepared.push(entry);
    unitCount += entry.lengths.length;
    for (const length of entry.lengths) lengthSum += length;
    const shared = {
      u: encodeUrlPart(prefix + post.url),
      t: post.title,
      d: dateInZone(post.date),
      c: post.categories,
      k: post.tags,
      n: Math.ceil(entry.lengths.length / fragmentGroup),
    };
    let bodies: string[];
    if (cache) {
      const sharedKey = `${fragmentGroup}\0${JSON.stringify(shared)}`;
      if (entry.fragments?.key !== sharedKey) entry.fragments = { key: sharedKey, bodies: fragmentBodies(passages!, shared, fragmentGroup) };
      bodies = entry.fragments.bodies;
    } else bodies = fragmentBodies(passages!, shared, fragmentGroup);
    passages = null;
    for (let group = 0; group < bodies.length; group++) yield { path: `search/f/${doc}-${group}.json`, body: bodies[group]! };
  }
  if (cache) for (const key of cache.keys()) if (!seenKeys.has(key)) cache.delete(key);
  seenKeys.clear();

  // One posting per post and token: the weight of its best passage, and that passage's fragment file.
  // Whole characters: an edit moves the exact average by a few thousandths of a character, and every
  // post's weights hang on it, so serve weighed all of them again after each save (~70 ms at 1000
  // posts); rounded, it rarely moves, and half a character in ~300 changes no ranking.
  const averageLength = Math.max(1, Math.round(lengthSum / Math.max(1, unitCount)));
  const weighed = (doc: number): WeighedPost => {
    const entry = prepared[doc]!;
    if (!cache) {
      // Nobody asks for this post's tokens again.
      prepared[doc] = null;
      return scratch.weigh(entry, averageLength, fragmentGroup, table);
    }
    // An edit that keeps the average passage length leaves every other post's postings as they were.
    if (entry.weighed?.averageLength !== averageLength || entry.weighed.fragmentGroup !== fragmentGroup) {
      entry.weighed = scratch.weigh(entry, averageLength, fragmentGroup, table);
    }
    return entry.weighed;
  };
  const composer = cache?.composer ?? new PostingsComposer({ keep: false });
  const postings = composer.compose({ posts: prepared.length, tokenCount: table.size, ids: (doc) => prepared[doc]!.ids, weigh: weighed });
  const postCount = prepared.length;
  prepared.length = 0;

  const layout: ShardLayout = { shards: 0, ownFiles: 0 };
  yield* shardFiles(postings, table, { shardChars, ownFileChars }, layout);
  const meta: SearchMeta = { v: FORMAT_VERSION, n: postCount, s: layout.shards, g: fragmentGroup };
  yield { path: 'search/meta.json', body: JSON.stringify(meta) };
  if (!options.skipClient) yield { path: 'assets/search.js', body: await bundleSearchClient() };

  lastSearchBuildStats = {
    posts: postCount,
    units: unitCount,
    tokens: postings.order.length,
    postings: postings.postings,
    shards: layout.shards,
    ownFiles: layout.ownFiles,
    cacheHits,
  };
}

/** The post's fragment files: `shared` and a few passages each. */
function fragmentBodies(passages: readonly PassageFragment[], shared: Omit<FragmentFile, 'p'>, fragmentGroup: number): string[] {
  const bodies: string[] = [];
  for (let group = 0; group < shared.n; group++) {
    const shown = passages.slice(group * fragmentGroup, (group + 1) * fragmentGroup).map((fragment): FragmentFile['p'][number] =>
      fragment.l ? [fragment.h, fragment.a, fragment.x, fragment.l] : [fragment.h, fragment.a, fragment.x],
    );
    const file: FragmentFile = { ...shared, p: shown };
    bodies.push(JSON.stringify(file));
  }
  return bodies;
}
