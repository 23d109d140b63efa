import type { WeighedPost } from './prepare-post.ts';

/** The postings of every token, in the order tokens were first seen (post order, then each post's order). */
export interface ComposedPostings {
  /** Token ids (see TokenTable) in first-seen order. */
  order: Int32Array;
  /** Posts holding each token, by place in `order`. */
  counts: Int32Array;
  /** Each token's postings as `encodePostings` writes them, by place in `order`. */
  encoded: string[];
  postings: number;
}

/** How the composer reads the posts, by number: each post's token ids, then its postings for them. */
export interface ComposerInput {
  posts: number;
  /** Token ids given so far: every id is below it. */
  tokenCount: number;
  ids: (doc: number) => Int32Array;
  /** Called once per post, in post order, after `ids` has been read for every post: its data may be let go then. */
  weigh: (doc: number) => Pick<WeighedPost, 'weights' | 'groups'>;
}

interface Slice {
  docs: Int32Array;
  weights: Uint8Array;
  groups: Int32Array;
  encoded: string;
}

/**
 * Composes the index's postings from each post's own, over typed arrays sorted by token (a count,
 * then a fill), not a map lookup per posting (3.4 million of them at 4000 posts). With `keep`, it
 * keeps each token's last postings with their encoding, so a one-post edit in `serve` re-encodes
 * only the tokens whose postings changed. Owned by a BuildContext (`caches.search.composer`); a
 * build without one composes from nothing and keeps nothing.
 */
export class PostingsComposer {
  /** The last composition's postings, by token id. */
  #last: (Slice | undefined)[] = [];
  readonly #keep: boolean;

  constructor(options: { keep?: boolean } = {}) {
    this.#keep = options.keep ?? true;
  }

  compose(input: ComposerInput): ComposedPostings {
    const count = new Int32Array(input.tokenCount);
    const orderList: number[] = [];
    for (let doc = 0; doc < input.posts; doc++) {
      const ids = input.ids(doc);
      for (let at = 0; at < ids.length; at++) if (count[ids[at]!]++ === 0) orderList.push(ids[at]!);
    }
    const order = Int32Array.from(orderList);
    orderList.length = 0;
    const fill = new Int32Array(input.tokenCount);
    let total = 0;
    for (const id of order) {
      fill[id] = total;
      total += count[id]!;
    }
    const docs = new Int32Array(total);
    const weights = new Uint8Array(total);
    const groups = new Int32Array(total);
    for (let doc = 0; doc < input.posts; doc++) {
      const ids = input.ids(doc);
      const post = input.weigh(doc);
      for (let at = 0; at < ids.length; at++) {
        const place = fill[ids[at]!]!++;
        docs[place] = doc;
        weights[place] = post.weights[at]!;
        groups[place] = post.groups[at]!;
      }
    }

    const next: (Slice | undefined)[] = this.#keep ? new Array(input.tokenCount) : [];
    const counts = new Int32Array(order.length);
    const encoded = new Array<string>(order.length);
    const writer = new PostingsWriter();
    let from = 0;
    order.forEach((id, place) => {
      const to = from + count[id]!;
      counts[place] = count[id]!;
      const last = this.#last[id];
      if (last && same(last.docs, docs, from, to) && same(last.weights, weights, from, to) && same(last.groups, groups, from, to)) {
        encoded[place] = last.encoded;
      } else encoded[place] = writer.encode(docs, weights, groups, from, to);
      if (this.#keep) next[id] = { docs: docs.subarray(from, to), weights: weights.subarray(from, to), groups: groups.subarray(from, to), encoded: encoded[place] };
      from = to;
    });
    this.#last = next;
    return { order, counts, encoded, postings: total };
  }
}

/** `a` equals `b[from .. to]`. */
function same(a: Int32Array | Uint8Array, b: Int32Array | Uint8Array, from: number, to: number): boolean {
  if (a.length !== to - from) return false;
  for (let at = 0; at < a.length; at++) if (a[at] !== b[from + at]) return false;
  return true;
}

// See `encodePostings` (format.ts): digits that end a number start at `]`, digits that continue one at `0`.
const END = 93;
const MORE = 48;

/** `encodePostings` over slices of typed arrays, through one byte buffer: every digit is ASCII. */
class PostingsWriter {
  #bytes = Buffer.alloc(4096);
  #length = 0;

  encode(docs: Int32Array, weights: Uint8Array, groups: Int32Array, from: number, to: number): string {
    this.#length = 0;
    for (let at = from; at < to; at++) this.#number(docs[at]! - (at > from ? docs[at - 1]! : 0));
    for (let at = from; at < to; at++) this.#number(weights[at]!);
    for (let at = from; at < to; at++) this.#number(groups[at]!);
    return this.#bytes.toString('latin1', 0, this.#length);
  }

  #number(value: number): void {
    // Seven digits hold any 32-bit number.
    if (this.#length + 8 > this.#bytes.length) {
      const grown = Buffer.alloc(this.#bytes.length * 2);
      this.#bytes.copy(grown);
      this.#bytes = grown;
    }
    for (; value >= 32; value = Math.floor(value / 32)) this.#bytes[this.#length++] = MORE + (value % 32);
    this.#bytes[this.#length++] = END + value;
  }
}
