import type { Post } from '../content/post.ts';
import type { Settings } from '../config/settings.ts';
import type { LinkEntry, OutputFile } from '../taxonomy/types.ts';
import { createHash } from 'node:crypto';
import type { LinkItem } from '../markdown/types.ts';
import { encodeUrlPart } from '../urls.ts';
import { bundleSearchClient } from './bundle-client.ts';
import { FORMAT_VERSION, TITLE_FLAG, WEIGHT_BITS, WEIGHT_STEPS } from './format.ts';
import type { Fragment, FragmentFile, SearchMeta } from './format.ts';
import { postPassages } from './passages.ts';
import { tokenize } from './tokenize.ts';

export interface SearchBuildOptions {
  /** Postings per chunk file; bigger chunks mean fewer boundaries in meta.json but more bytes per query (default: `1500`). */
  chunkPostings?: number | null | undefined;
  /** Tokens per chunk file at most; keeps chunks of a small site small (default: `200`). */
  chunkTokens?: number | null | undefined;
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
  length: number;
}

export interface PreparedPost {
  units: PreparedUnit[];
}

// BM25 parameters. Weights are stored divided by their bound K1 + 1, so the client needs neither.
const K1 = 1.2;
const B = 0.75;

/**
 * Tokenised posts keyed by content hash plus everything outside the file that shapes the units:
 * an unchanged post is not re-tokenised on a dev-server rebuild.
 */
export type SearchCache = Map<string, PreparedPost>;

/** Tags and categories change without the file changing (vocabulary, boilerplate), and so may items. */
function cacheKey(post: Post, items: readonly LinkItem[], passageChars: number): string {
  const outside = createHash('sha1')
    .update(JSON.stringify([post.tags, post.categories, items.map((item) => [item.title, item.url, item.anchor, item.text])]))
    .digest('base64');
  return `${post.hash}\0${post.title}\0${passageChars}\0${outside}`;
}

function unitOf(fragment: PreparedUnit['fragment'], text: string, titleTokens: Set<string>): PreparedUnit {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return { fragment, counts, titleTokens, length: tokens.length };
}

function preparePost(post: Post, items: readonly LinkItem[], passageChars: number): PreparedPost {
  // Tags and categories are searched like the title: a post tagged 排障 is found by 排障.
  const titleTokens = new Set(tokenize([post.title, ...post.tags, ...post.categories].join('\n')));
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
  chunks: number;
  cacheHits: number;
}

export let lastSearchBuildStats: SearchBuildStats | undefined;

function dateInZone(date: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

function pathPrefix(siteUrl: string): string {
  const pathname = new URL(siteUrl).pathname;
  return pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
}

/** BM25 term weight quantized to 1..WEIGHT_STEPS; the title flag rides on top. */
function quantizedWeight(frequency: number, length: number, averageLength: number): number {
  if (frequency === 0) return 1;
  const weight = (frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * length) / averageLength));
  return Math.max(1, Math.min(WEIGHT_STEPS, Math.round((weight / (K1 + 1)) * WEIGHT_STEPS)));
}

/**
 * The static search index and client for a set of posts: `search/meta.json`,
 * postings chunks `search/c/<n>.json`, fragments of a few passages each
 * `search/f/<n>.json` and the bundled `assets/search.js`.
 */
export async function buildSearchFiles(
  posts: Post[],
  settings: Settings,
  options: SearchBuildOptions = {},
): Promise<OutputFile[]> {
  const chunkPostings = options.chunkPostings ?? 1500;
  const chunkTokens = options.chunkTokens ?? 200;
  const passageChars = options.passageChars ?? 320;
  const fragmentGroup = options.fragmentGroup ?? 4;
  const prefix = pathPrefix(settings.url);
  const preparedCache: SearchCache = options.cache ?? new Map();
  const seenKeys = new Set<string>();
  let cacheHits = 0;
  let fragmentCount = 0;

  const files: OutputFile[] = [];
  const unitsPerPost: number[] = [];
  const postings = new Map<string, number[]>();
  const prepared: PreparedPost[] = [];
  const itemsOf = new Map<Post, LinkEntry[]>();
  for (const link of options.links ?? []) {
    let list = itemsOf.get(link.post);
    if (!list) itemsOf.set(link.post, (list = []));
    list.push(link);
  }
  for (const post of posts) {
    const items = itemsOf.get(post) ?? [];
    const key = cacheKey(post, items, passageChars);
    seenKeys.add(key);
    let entry = preparedCache.get(key);
    if (entry) cacheHits++;
    else preparedCache.set(key, (entry = preparePost(post, items, passageChars)));
    prepared.push(entry);
    unitsPerPost.push(entry.units.length);
    const shared = {
      u: encodeUrlPart(prefix + post.url),
      t: post.title,
      d: dateInZone(post.date, settings.timezone),
      c: post.categories,
      k: post.tags,
    };
    for (let first = 0; first < entry.units.length; first += fragmentGroup) {
      const passages = entry.units.slice(first, first + fragmentGroup).map((unit): FragmentFile['p'][number] =>
        unit.fragment.l ? [unit.fragment.h, unit.fragment.a, unit.fragment.x, unit.fragment.l] : [unit.fragment.h, unit.fragment.a, unit.fragment.x],
      );
      const file: FragmentFile = { ...shared, p: passages };
      files.push({ path: `search/f/${fragmentCount++}.json`, body: JSON.stringify(file) });
    }
  }
  for (const key of preparedCache.keys()) if (!seenKeys.has(key)) preparedCache.delete(key);

  const units = prepared.flatMap((p) => p.units);
  const averageLength = units.reduce((sum, unit) => sum + unit.length, 0) / Math.max(1, units.length) || 1;
  const lastUnit = new Map<string, number>();
  units.forEach((unit, id) => {
    const tokens = new Set([...unit.counts.keys(), ...unit.titleTokens]);
    for (const token of tokens) {
      const weight =
        quantizedWeight(unit.counts.get(token) ?? 0, unit.length, averageLength) + (unit.titleTokens.has(token) ? TITLE_FLAG : 0);
      const delta = id - (lastUnit.get(token) ?? 0);
      lastUnit.set(token, id);
      let list = postings.get(token);
      if (!list) postings.set(token, (list = []));
      list.push(delta * 2 ** WEIGHT_BITS + weight);
    }
  });

  // Plain code-unit order, the same comparison the client's binary search uses.
  const sortedTokens = [...postings.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const bounds: string[] = [];
  // A Map, then fromEntries: a token such as `__proto__` must stay an ordinary key.
  let chunk = new Map<string, number[]>();
  let chunkSize = 0;
  let tokensInChunk = 0;
  let chunkCount = 0;
  const flushChunk = (): void => {
    files.push({ path: `search/c/${chunkCount++}.json`, body: JSON.stringify(Object.fromEntries(chunk)) });
    chunk = new Map();
    chunkSize = 0;
    tokensInChunk = 0;
  };
  for (const token of sortedTokens) {
    const list = postings.get(token)!;
    if (chunkSize > 0 && (chunkSize + list.length > chunkPostings || tokensInChunk >= chunkTokens)) {
      flushChunk();
      bounds.push(token);
    }
    chunk.set(token, list);
    chunkSize += list.length;
    tokensInChunk++;
  }
  flushChunk();

  const meta: SearchMeta = { v: FORMAT_VERSION, n: units.length, u: unitsPerPost, b: bounds, g: fragmentGroup };
  files.push({ path: 'search/meta.json', body: JSON.stringify(meta) });
  if (!options.skipClient) files.push({ path: 'assets/search.js', body: await bundleSearchClient() });

  lastSearchBuildStats = {
    posts: prepared.length,
    units: units.length,
    tokens: sortedTokens.length,
    postings: [...postings.values()].reduce((sum, list) => sum + list.length, 0),
    chunks: chunkCount,
    cacheHits,
  };
  return files;
}
