/**
 * The shape of the files under `search/`, shared by the builder and the
 * browser client so that both read the same layout. Every file is JSON, so a
 * static host that gzips text (most do; few gzip `.bin`) compresses it.
 *
 * - `search/meta.json`: `SearchMeta`, a few bytes: nothing in it grows with the site.
 * - `search/s/<k>.json`: shard k, `{ token: [df, postings | file] }` for every
 *   token placed there (see `groupKey`). Postings are an `encodePostings` string;
 *   a long list lives in `search/p/<file>.json` (a JSON string) so that a
 *   query fetches a frequent token's list only when it asks for that token.
 * - `search/f/<doc>-<group>.json`: `FragmentFile`, the text of up to `g`
 *   consecutive passages of one post, fetched only for the results shown.
 *   Posts are numbered from the oldest (see `searchDocOrder`).
 *
 * Postings are per post, not per passage: at 10 000 posts a common word is in
 * most posts and in many passages of each, and a per-passage list costs several
 * times the bytes. Each posting carries the fragment file of the post's best
 * passage for the token, so the excerpt is one small fetch away.
 */

export const FORMAT_VERSION = 3;
/** Three bits: the title flag and three steps of BM25 weight; a posting's weight is one character. */
export const WEIGHT_BITS = 3;
/** Added to the weight when the token occurs in the post title: the top bit of the weight. */
export const TITLE_FLAG = 2 ** (WEIGHT_BITS - 1);
/** Largest quantized BM25 weight, in the bits below the title flag. */
export const WEIGHT_STEPS = TITLE_FLAG - 1;

export interface SearchMeta {
  v: number;
  /** Number of posts in the index. */
  n: number;
  /** Number of shard files. */
  s: number;
  /** Passages per fragment file at most; a file never spans two posts. */
  g: number;
}

/** One shard entry: the number of posts holding the token, then its postings, or the number of its `p/` file. */
export type ShardEntry = [df: number, postings: string | number];

/** One fragment file: the post's fields once, then `[heading, anchor, text]` per passage. */
export interface FragmentFile {
  /** Post URL with the site's path prefix, percent-encoded. */
  u: string;
  /** Post title. */
  t: string;
  /** Post date, `YYYY-MM-DD` in the site's time zone. */
  d: string;
  /** Category path, display names. */
  c: string[];
  /** Tags, display names: searched like the title. */
  k: string[];
  /** Fragment files of this post, so a check can read the post's other passages. */
  n: number;
  /** `[heading, anchor, text]`, plus the link item's URL when the passage is one (title in the heading, note in the text). */
  p: ([h: string, a: string | null, x: string] | [h: string, a: string | null, x: string, l: string])[];
}

/** One passage with its post's fields, as the client shows it. */
export interface Fragment extends Omit<FragmentFile, 'p' | 'n'> {
  /** Section heading; empty for the text before the first heading. */
  h: string;
  /** Section anchor (heading id, unencoded) or null. */
  a: string | null;
  /** Passage text. */
  x: string;
  /** URL of the link item this passage is, if it is one. */
  l?: string;
}

const HAN = /^\p{sc=Han}/u;

/**
 * The shard a Latin word's prefix queries read: the one of its first two
 * characters. It holds the `PREFIX_WORDS` most frequent words that start so
 * (a prefix query matches among them); every other token is in the shard of
 * its own hash, and the group's shard says so with an entry `\0` + group
 * (`[words elsewhere, '']`). Han tokens are looked up exactly and go by their own hash.
 * Grouping all words by their first characters would make a shard of every
 * `retry_1234` or `3001` a site has.
 */
export function groupKey(token: string): string | undefined {
  return HAN.test(token) ? undefined : Array.from(token).slice(0, 2).join('');
}

/** Words of one two-character group kept in the group's shard (default cap). */
export const PREFIX_WORDS = 48;

/** FNV-1a over UTF-16 code units: the same number in Node and every browser. */
export function shardOf(key: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % shards;
}

/**
 * Postings as text that gzip compresses well: three columns, each posting in
 * post order. Post gaps and fragment groups are variable-length numbers in
 * base 32, low digits first: a digit that ends a number is one of the 32
 * characters from `]` (93), one that continues it one of the 32 from `0` (48);
 * neither range holds a quote or a backslash, so JSON needs no escapes. A weight is one
 * ending digit. A run of neighbouring posts is a run of the same character,
 * which costs almost nothing once gzipped.
 */
const END = 93;
const MORE = 48;

export interface Postings {
  docs: number[];
  weights: number[];
  groups: number[];
}

function writeNumber(out: string[], value: number): void {
  for (; value >= 32; value = Math.floor(value / 32)) out.push(String.fromCharCode(MORE + (value % 32)));
  out.push(String.fromCharCode(END + value));
}

export function encodePostings({ docs, weights, groups }: Postings): string {
  const out: string[] = [];
  docs.forEach((doc, i) => writeNumber(out, doc - (i > 0 ? docs[i - 1] : 0)));
  for (const weight of weights) writeNumber(out, weight);
  for (const group of groups) writeNumber(out, group);
  return out.join('');
}

/** Reads `count` postings; weights are left packed (title flag and step). */
export function decodePostings(text: string, count: number): { docs: Int32Array; weights: Uint8Array; groups: Uint16Array } {
  let at = 0;
  const read = (): number => {
    let value = 0;
    for (let scale = 1; ; scale *= 32) {
      const code = text.charCodeAt(at++);
      if (code >= END) return value + (code - END) * scale;
      value += (code - MORE) * scale;
    }
  };
  const docs = new Int32Array(count);
  let doc = 0;
  for (let i = 0; i < count; i++) docs[i] = doc += read();
  const weights = Uint8Array.from(docs, read);
  const groups = Uint16Array.from(docs, read);
  return { docs, weights, groups };
}
