/**
 * The shape of the files under `search/`, shared by the builder and the
 * browser client so that both read the same layout.
 *
 * - `search/meta.json`: `SearchMeta`.
 * - `search/c/<n>.json`: one postings chunk, `{ token: number[] }`. Each number
 *   packs `(unitDelta << WEIGHT_BITS) | weight` where unitDelta is the gap to
 *   the previous unit id of the same token and weight is the quantized BM25
 *   term weight, plus `TITLE_FLAG` when the token is in the post title.
 * - `search/f/<n>.json`: `FragmentFile`, the text of up to `g` consecutive
 *   passages of one post, fetched only for the results shown. Grouping keeps
 *   a big site under hosts' file limits (Cloudflare Pages: 20,000) and under
 *   the open-file limit while writing; `fragmentFile` finds a passage's file.
 */

export const FORMAT_VERSION = 2;
export const WEIGHT_BITS = 5;
/** Added to the weight when the token occurs in the post title: the top bit of the weight. */
export const TITLE_FLAG = 2 ** (WEIGHT_BITS - 1);
/** Largest quantized BM25 weight, in the bits below the title flag. */
export const WEIGHT_STEPS = TITLE_FLAG - 1;

export interface SearchMeta {
  v: number;
  /** Number of units (passages) in the index. */
  n: number;
  /** Units per post, in document order: post d owns the next `u[d]` unit ids. */
  u: number[];
  /** First token of chunks 1..k (chunk 0 starts at the smallest token); sorted by code unit. */
  b: string[];
  /** Passages per fragment file at most; a file never spans two posts. */
  g: number;
}

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
  /** `[heading, anchor, text]`, plus the link item's URL when the passage is one (title in the heading, note in the text). */
  p: ([h: string, a: string | null, x: string] | [h: string, a: string | null, x: string, l: string])[];
}

/** First fragment file of each post, from the passage counts in meta. */
export function fragmentFileStarts(unitsPerPost: readonly number[], group: number): number[] {
  let next = 0;
  return unitsPerPost.map((count) => (next += Math.ceil(count / group)) - Math.ceil(count / group));
}

/** One passage with its post's fields, as the client shows it. */
export interface Fragment extends Omit<FragmentFile, 'p'> {
  /** Section heading; empty for the text before the first heading. */
  h: string;
  /** Section anchor (heading id, unencoded) or null. */
  a: string | null;
  /** Passage text. */
  x: string;
  /** URL of the link item this passage is, if it is one. */
  l?: string;
}

/** How many items of a sorted list are at or below `value`. */
export function upperBound<T extends string | number>(sorted: readonly T[], value: T): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
