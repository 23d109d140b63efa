import type { Post } from '../content/post.ts';
import type { Settings } from '../config/settings.ts';
import type { LinkEntry, OutputFile } from '../taxonomy/types.ts';
import { createHash } from 'node:crypto';
import type { LinkItem } from '../markdown/types.ts';
import { encodeUrlPart } from '../urls.ts';
import { bundleSearchClient } from './bundle-client.ts';
import { FORMAT_VERSION, groupKey, PREFIX_WORDS, shardOf, TITLE_FLAG, WEIGHT_STEPS } from './format.ts';
import type { Fragment, FragmentFile, SearchMeta, ShardEntry } from './format.ts';
import { PostingsComposer, type WeighedPost } from './compose-postings.ts';
import { postPassages } from './passages.ts';
import { textRuns, tokenize } from './tokenize.ts';

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
  links?: readonly LinkEntry[] | null | undefined;
  /** Tokenised posts kept from earlier builds, owned by the build context (default: a new, empty cache). */
  cache?: SearchCache | null | undefined;
}

/** One passage, tokenised: what the cache keeps per post. */
interface PreparedUnit {
  fragment: Pick<Fragment, 'h' | 'a' | 'x' | 'l'>;
  /** token -> frequency in the passage text and heading. */
  counts: Map<string, number>;
  /** Tokens of the post title (first passage only). */
  titleTokens: Set<string>;
  /** Tokens of the passage's heading: a section about a word is the better passage to show for it. */
  headingTokens: Set<string>;
  length: number;
}

export interface PreparedPost {
  units: PreparedUnit[];
  /** The post's postings for the last average passage length seen: reused while it holds (an edit elsewhere that keeps it). */
  weighed?: WeighedPost;
  /** Fragment file bodies for the last `shared` fields seen (the post's place, URL, date, terms). */
  fragments?: { key: string; bodies: string[] };
}

// BM25 parameters. Weights are stored divided by their bound K1 + 1, so the client needs neither.
const K1 = 1.2;
const B = 0.75;

/**
 * Tokenised posts keyed by content hash plus everything outside the file that shapes the units:
 * an unchanged post is not re-tokenised on a dev-server rebuild.
 */
export type SearchCache = Map<string, PreparedPost> & {
  /** The token ids and last postings that go with these posts (default: none kept: composed from nothing). */
  composer?: PostingsComposer | undefined;
};

/** Tags and categories change without the file changing (vocabulary, boilerplate), and so may items. */
function cacheKey(post: Post, items: readonly LinkItem[], passageChars: number): string {
  const outside = createHash('sha1')
    .update(JSON.stringify([post.tags, post.categories, items.map((item) => [item.title, item.url, item.anchor, item.text])]))
    .digest('base64');
  return `${post.hash}\0${post.title}\0${passageChars}\0${outside}`;
}

/**
 * Every Han character is indexed too, besides the bigrams: a one-character
 * query then finds each post holding the character, wherever it stands in a word.
 */
function hanCharacters(text: string): string[] {
  return textRuns(text).flatMap((run) => (run.kind === 'han' && run.text.length > 1 ? Array.from(run.text) : []));
}

function unitOf(fragment: PreparedUnit['fragment'], text: string, titleTokens: Set<string>): PreparedUnit {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  for (const token of [...tokens, ...hanCharacters(text)]) counts.set(token, (counts.get(token) ?? 0) + 1);
  return { fragment, counts, titleTokens, headingTokens: new Set(tokenize(fragment.h)), length: tokens.length };
}

function preparePost(post: Post, items: readonly LinkItem[], passageChars: number): PreparedPost {
  // Tags and categories are searched like the title: a post tagged 排障 is found by 排障.
  const titled = [post.title, ...post.tags, ...post.categories].join('\n');
  const titleTokens = new Set([...tokenize(titled), ...hanCharacters(titled)]);
  const units = postPassages(post, passageChars).map((passage, index): PreparedUnit => {
    const fragment: PreparedUnit['fragment'] = { h: passage.heading, a: passage.anchor, x: passage.text };
    if (passage.link) fragment.l = passage.link;
    return unitOf(fragment, passage.first ? `${passage.heading}\n${passage.text}` : passage.text, index === 0 ? titleTokens : new Set());
  });
  // A heading item is already a section of its own; other items get a passage: title, then note.
  for (const item of items) {
    if (item.depth > 0) continue;
    const note = item.text.replace(/\s+/gu, ' ').trim().slice(0, passageChars);
    units.push(unitOf({ h: item.title, a: item.anchor || null, x: note, l: item.url }, `${item.title}\n${note}`, new Set()));
  }
  return { units };
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

/** BM25 term weight divided by its bound K1 + 1: 0..1. */
function bm25(frequency: number, length: number, averageLength: number): number {
  return frequency / (frequency + K1 * (1 - B + (B * length) / averageLength));
}

/** A weight quantized to 1..WEIGHT_STEPS; the title flag rides on top. */
function quantized(weight: number): number {
  return Math.max(1, Math.min(WEIGHT_STEPS, Math.round(weight * WEIGHT_STEPS)));
}

/**
 * The static search index and client for a set of posts: `search/meta.json`,
 * shards `search/s/<k>.json`, long postings `search/p/<n>.json`, fragments of a
 * few passages each `search/f/<post>-<group>.json` and the bundled `assets/search.js`.
 */
export async function buildSearchFiles(
  posts: Post[],
  settings: Settings,
  options: SearchBuildOptions = {},
): Promise<OutputFile[]> {
  const shardChars = options.shardChars ?? 1500;
  const ownFileChars = options.ownFileChars ?? 400;
  const passageChars = options.passageChars ?? 320;
  const fragmentGroup = options.fragmentGroup ?? 4;
  const prefix = pathPrefix(settings.url);
  const dateInZone = dateFormatter(settings.timezone);
  const preparedCache: SearchCache = options.cache ?? new Map();
  const seenKeys = new Set<string>();
  let cacheHits = 0;

  const files: OutputFile[] = [];
  const prepared: PreparedPost[] = [];
  const itemsOf = new Map<Post, LinkEntry[]>();
  for (const link of options.links ?? []) {
    let list = itemsOf.get(link.post);
    if (!list) itemsOf.set(link.post, (list = []));
    list.push(link);
  }
  posts.forEach((post, doc) => {
    const items = itemsOf.get(post) ?? [];
    const key = cacheKey(post, items, passageChars);
    seenKeys.add(key);
    let entry = preparedCache.get(key);
    if (entry) cacheHits++;
    else preparedCache.set(key, (entry = preparePost(post, items, passageChars)));
    prepared.push(entry);
    const shared = {
      u: encodeUrlPart(prefix + post.url),
      t: post.title,
      d: dateInZone(post.date),
      c: post.categories,
      k: post.tags,
      n: Math.ceil(entry.units.length / fragmentGroup),
    };
    const sharedKey = `${fragmentGroup}\0${JSON.stringify(shared)}`;
    if (entry.fragments?.key !== sharedKey) entry.fragments = { key: sharedKey, bodies: fragmentBodies(entry, shared, fragmentGroup) };
    entry.fragments.bodies.forEach((body, group) => files.push({ path: `search/f/${doc}-${group}.json`, body }));
  });
  for (const key of preparedCache.keys()) if (!seenKeys.has(key)) preparedCache.delete(key);

  // One posting per post and token: the weight of its best passage, and that passage's fragment file.
  let unitCount = 0;
  let lengthSum = 0;
  for (const entry of prepared) for (const unit of entry.units) (unitCount++, (lengthSum += unit.length));
  const averageLength = lengthSum / Math.max(1, unitCount) || 1;
  const weighed = prepared.map((entry) => {
    // An edit that keeps the average passage length leaves every other post's postings as they were.
    if (entry.weighed?.averageLength !== averageLength || entry.weighed.fragmentGroup !== fragmentGroup) {
      entry.weighed = weighPost(entry, averageLength, fragmentGroup);
    }
    return entry.weighed;
  });
  const postings = (preparedCache.composer ?? new PostingsComposer()).compose(weighed);

  // Long lists get a file each; the short ones are spread over shards by hash.
  const entries: [string, ShardEntry][] = [];
  let inlineChars = 0;
  let ownFiles = 0;
  const postingCount = postings.postings;
  for (const { token, count, encoded } of postings.tokens) {
    if (encoded.length > ownFileChars) {
      files.push({ path: `search/p/${ownFiles}.json`, body: JSON.stringify(encoded) });
      entries.push([token, [count, ownFiles++]]);
    } else {
      entries.push([token, [count, encoded]]);
      inlineChars += encoded.length + token.length;
    }
  }
  const shardCount = Math.max(1, Math.ceil(inlineChars / shardChars));
  // A token's place: see `groupKey`.
  // Maps, then fromEntries: a token such as `__proto__` must stay an ordinary key.
  const shards = Array.from({ length: shardCount }, () => new Map<string, ShardEntry>());
  // The most frequent words of each two-character group go to the group's shard, for prefix queries.
  const groups = new Map<string, [string, ShardEntry][]>();
  for (const item of entries) {
    const key = groupKey(item[0]);
    if (key === undefined) continue;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(item);
  }
  const grouped = new Set<string>();
  for (const [key, group] of groups) {
    group.sort((a, b) => b[1][0] - a[1][0] || (a[0] < b[0] ? -1 : 1));
    for (const [token] of group.slice(0, PREFIX_WORDS)) grouped.add(token);
    for (const [token, entry] of group.slice(0, PREFIX_WORDS)) shards[shardOf(key, shardCount)].set(token, entry);
    // Tells the client that the group's other words are elsewhere, so a word missing here is worth a second look.
    if (group.length > PREFIX_WORDS) shards[shardOf(key, shardCount)].set(`\0${key}`, [group.length - PREFIX_WORDS, '']);
  }
  for (const [token, entry] of entries) if (!grouped.has(token)) shards[shardOf(token, shardCount)].set(token, entry);
  shards.forEach((shard, k) => files.push({ path: `search/s/${k}.json`, body: JSON.stringify(Object.fromEntries(shard)) }));

  const meta: SearchMeta = { v: FORMAT_VERSION, n: prepared.length, s: shardCount, g: fragmentGroup };
  files.push({ path: 'search/meta.json', body: JSON.stringify(meta) });
  if (!options.skipClient) files.push({ path: 'assets/search.js', body: await bundleSearchClient() });

  lastSearchBuildStats = {
    posts: prepared.length,
    units: unitCount,
    tokens: postings.tokens.length,
    postings: postingCount,
    shards: shardCount,
    ownFiles,
    cacheHits,
  };
  return files;
}

/** The post's fragment files: `shared` and a few passages each. */
function fragmentBodies(entry: PreparedPost, shared: Omit<FragmentFile, 'p'>, fragmentGroup: number): string[] {
  const bodies: string[] = [];
  for (let group = 0; group < shared.n; group++) {
    const passages = entry.units.slice(group * fragmentGroup, (group + 1) * fragmentGroup).map((unit): FragmentFile['p'][number] =>
      unit.fragment.l ? [unit.fragment.h, unit.fragment.a, unit.fragment.x, unit.fragment.l] : [unit.fragment.h, unit.fragment.a, unit.fragment.x],
    );
    const file: FragmentFile = { ...shared, p: passages };
    bodies.push(JSON.stringify(file));
  }
  return bodies;
}

/**
 * One post's postings: for each token, the weight of its best passage (quantized, with the title
 * flag) and that passage's fragment group; the best passage by its exact weight, a heading that
 * names the token first.
 */
function weighPost(entry: PreparedPost, averageLength: number, fragmentGroup: number): WeighedPost {
  const best = new Map<string, { weight: number; rank: number; group: number }>();
  entry.units.forEach((unit, index) => {
    const weigh = (token: string): void => {
      const exact = bm25(unit.counts.get(token) ?? 0, unit.length, averageLength);
      const weight = quantized(exact) + (unit.titleTokens.has(token) ? TITLE_FLAG : 0);
      const rank = exact + (unit.headingTokens.has(token) ? 1 : 0);
      const group = Math.floor(index / fragmentGroup);
      const known = best.get(token);
      if (!known) best.set(token, { weight, rank, group });
      else {
        if (rank > known.rank) [known.rank, known.group] = [rank, group];
        known.weight = Math.max(known.weight, weight);
      }
    };
    for (const token of unit.counts.keys()) weigh(token);
    for (const token of unit.titleTokens) if (!unit.counts.has(token)) weigh(token);
  });
  const weighed: WeighedPost = { averageLength, fragmentGroup, tokens: [], weights: [], groups: [] };
  for (const [token, { weight, group }] of best) {
    weighed.tokens.push(token);
    weighed.weights.push(weight);
    weighed.groups.push(group);
  }
  return weighed;
}
