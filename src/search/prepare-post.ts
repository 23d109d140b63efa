import type { Post } from '../content/post.ts';
import type { LinkItem } from '../markdown/types.ts';
import { TITLE_FLAG, WEIGHT_STEPS, type Fragment } from './format.ts';
import { postPassages } from './passages.ts';
import type { IntSlab } from './int-slab.ts';
import { appendTokenIds, IntList, type TokenTable } from './token-ids.ts';

/** What a passage shows: heading, anchor, text and, for a link item, its URL. */
export type PassageFragment = Pick<Fragment, 'h' | 'a' | 'x' | 'l'>;

/** A post's postings for one average passage length: by place in `PreparedPost.ids`. */
export interface WeighedPost {
  averageLength: number;
  fragmentGroup: number;
  /** Quantized BM25 weight of the token's best passage, with the title flag. */
  weights: Uint8Array;
  /** Fragment group of the token's best passage. */
  groups: Int32Array;
}

/**
 * One post, tokenised, as token ids in typed arrays (see TokenTable): passage `u` holds
 * `tokenIds[ends[u - 1] .. ends[u]]` (each distinct token once, in first-seen order) with their `counts`.
 */
export interface PreparedPost {
  /** The passages, for fragment files made again when the post's place changes; kept by caches only. */
  passages: PassageFragment[] | null;
  /** Tokens of each passage's text (without the per-character entries): BM25's passage length. */
  lengths: Int32Array;
  tokenIds: Int32Array;
  counts: Int32Array;
  ends: Int32Array;
  /** Tokens of each passage's heading, `headingEnds` cut as `ends`: a section about a word is the better passage to show for it. */
  headingIds: Int32Array;
  headingEnds: Int32Array;
  /** Tokens of the title, tags and categories: they go with the first passage. */
  titleIds: Int32Array;
  /** Every token of the post once, in the order its postings list them. */
  ids: Int32Array;
  /** The post's postings for the last average passage length seen: reused while it holds (an edit elsewhere that keeps it). */
  weighed?: WeighedPost;
  /** Fragment file bodies for the last `shared` fields seen (the post's place, URL, date, terms). */
  fragments?: { key: string; bodies: string[] };
}

/**
 * Work space of one build's tokenising and weighing, by token id: counted in place and cleared,
 * marked with a stamp that moves on, so no post or passage makes a map of its own.
 */
export class PostScratch {
  #count = new Int32Array(0);
  #mark = new Int32Array(0);
  #place = new Int32Array(0);
  #stamp = 0;
  #rank = new Float64Array(0);
  readonly #tokens = new IntList();
  readonly #counts = new IntList();
  readonly #ends = new IntList();
  readonly #headings = new IntList();
  readonly #headingEnds = new IntList();
  readonly #lengths = new IntList();
  readonly #touched = new IntList();
  readonly #text = new IntList();
  readonly #characters = new IntList();
  /** Where the prepared posts' arrays are copied (see IntSlab), or null for arrays of their own. */
  readonly #slab: IntSlab | null;

  /** `slab` for a build, whose prepared posts all die once its postings are made; a cache keeps posts one by one. */
  constructor(slab: IntSlab | null = null) {
    this.#slab = slab;
  }

  /** Arrays by id long enough for every id `table` has given. */
  #fit(table: TokenTable): void {
    if (this.#count.length >= table.size) return;
    const size = Math.max(1024, table.size * 2);
    const grow = (old: Int32Array): Int32Array<ArrayBuffer> => {
      const grown = new Int32Array(size);
      grown.set(old);
      return grown;
    };
    [this.#count, this.#mark, this.#place] = [grow(this.#count), grow(this.#mark), grow(this.#place)];
  }

  #nextStamp(): number {
    if (this.#stamp === 0x7fffffff) (this.#mark.fill(0), (this.#stamp = 0));
    return ++this.#stamp;
  }

  /** Distinct ids of `text`'s tokens (and Han characters with `characters`), first-seen order, into `out`. */
  #distinct(text: string, table: TokenTable, out: IntList, characters: boolean): void {
    const [ids, more] = [this.#text, this.#characters];
    appendTokenIds(text, table, ids, characters ? more : undefined);
    this.#fit(table);
    const stamp = this.#nextStamp();
    const mark = this.#mark;
    for (const list of [ids, more]) {
      for (let at = 0; at < list.length; at++) {
        const id = list.values[at]!;
        if (mark[id] !== stamp) (mark[id] = stamp), out.push(id);
      }
      list.length = 0;
    }
  }

  /** One passage: its tokens and every Han character with their counts, and its heading's tokens. */
  #unit(text: string, heading: string, table: TokenTable): void {
    const [ids, more, touched] = [this.#text, this.#characters, this.#touched];
    appendTokenIds(text, table, ids, more);
    this.#fit(table);
    const count = this.#count;
    // BM25's passage length counts the tokens, not the per-character entries.
    this.#lengths.push(ids.length);
    for (const list of [ids, more]) {
      for (let at = 0; at < list.length; at++) {
        const id = list.values[at]!;
        if (count[id]++ === 0) touched.push(id);
      }
      list.length = 0;
    }
    for (let at = 0; at < touched.length; at++) {
      const id = touched.values[at]!;
      this.#tokens.push(id);
      this.#counts.push(count[id]!);
      count[id] = 0;
    }
    touched.length = 0;
    this.#ends.push(this.#tokens.length);
    this.#distinct(heading, table, this.#headings, false);
    this.#headingEnds.push(this.#headings.length);
  }

  /** Tokenises a post's passages and link items (see `postPassages`); passages kept when `keepPassages`. */
  prepare(post: Pick<Post, 'title' | 'tags' | 'categories' | 'text' | 'sections'>, items: readonly LinkItem[], passageChars: number, table: TokenTable, keepPassages: boolean): { prepared: PreparedPost; passages: PassageFragment[] } {
    const passages: PassageFragment[] = [];
    // Tags and categories are searched like the title: a post tagged 排障 is found by 排障.
    this.#distinct([post.title, ...post.tags, ...post.categories].join('\n'), table, this.#touched, true);
    const titleIds = this.#touched.take(this.#slab);
    for (const passage of postPassages(post, passageChars)) {
      const fragment: PassageFragment = { h: passage.heading, a: passage.anchor, x: passage.text };
      if (passage.link) fragment.l = passage.link;
      passages.push(fragment);
      this.#unit(passage.first ? `${passage.heading}\n${passage.text}` : passage.text, passage.heading, table);
    }
    // A heading item is already a section of its own; other items get a passage: title, then note.
    for (const item of items) {
      if (item.depth > 0) continue;
      const note = item.text.replace(/\s+/gu, ' ').trim().slice(0, passageChars);
      passages.push({ h: item.title, a: item.anchor || null, x: note, l: item.url });
      this.#unit(`${item.title}\n${note}`, item.title, table);
    }
    const prepared: PreparedPost = {
      passages: keepPassages ? passages : null,
      lengths: this.#lengths.take(this.#slab),
      tokenIds: this.#tokens.take(this.#slab),
      counts: this.#counts.take(this.#slab),
      ends: this.#ends.take(this.#slab),
      headingIds: this.#headings.take(this.#slab),
      headingEnds: this.#headingEnds.take(this.#slab),
      titleIds,
      ids: new Int32Array(0),
    };
    prepared.ids = this.#postIds(prepared);
    return { prepared, passages };
  }

  /** The post's tokens in the order weighing meets them: each passage's, the title's after the first passage's. */
  #postIds(post: PreparedPost): Int32Array {
    const stamp = this.#nextStamp();
    const add = (id: number): void => {
      if (this.#mark[id] !== stamp) (this.#mark[id] = stamp), this.#touched.push(id);
    };
    for (let unit = 0; unit < post.ends.length; unit++) {
      for (let at = unit > 0 ? post.ends[unit - 1]! : 0; at < post.ends[unit]!; at++) add(post.tokenIds[at]!);
      if (unit === 0) for (const id of post.titleIds) add(id);
    }
    return this.#touched.take(this.#slab);
  }

  /**
   * One post's postings: for each token, the weight of its best passage (quantized, with the title
   * flag) and that passage's fragment group; the best passage by its exact weight, a heading that
   * names the token first.
   */
  weigh(post: PreparedPost, averageLength: number, fragmentGroup: number, table: TokenTable): WeighedPost {
    this.#fit(table);
    const size = post.ids.length;
    const weights = new Uint8Array(size);
    const groups = new Int32Array(size);
    if (this.#rank.length < size) this.#rank = new Float64Array(Math.max(1024, size * 2));
    const rank = this.#rank;
    for (let place = 0; place < size; place++) this.#place[post.ids[place]!] = place;
    const weigh = (id: number, frequency: number, length: number, title: boolean, heading: boolean, group: number): void => {
      const exact = bm25(frequency, length, averageLength);
      const weight = quantized(exact) + (title ? TITLE_FLAG : 0);
      const score = exact + (heading ? 1 : 0);
      const place = this.#place[id]!;
      if (weights[place] === 0 || score > rank[place]!) {
        rank[place] = score;
        groups[place] = group;
      }
      if (weight > weights[place]!) weights[place] = weight;
    };
    for (let unit = 0; unit < post.ends.length; unit++) {
      const group = Math.floor(unit / fragmentGroup);
      const length = post.lengths[unit]!;
      const headings = this.#nextStamp();
      for (let at = unit > 0 ? post.headingEnds[unit - 1]! : 0; at < post.headingEnds[unit]!; at++) this.#mark[post.headingIds[at]!] = headings;
      const from = unit > 0 ? post.ends[unit - 1]! : 0;
      if (unit > 0) {
        for (let at = from; at < post.ends[unit]!; at++) weigh(post.tokenIds[at]!, post.counts[at]!, length, false, this.#mark[post.tokenIds[at]!] === headings, group);
        continue;
      }
      // The first passage carries the title: its tokens are flagged, and weighed even where the text lacks them.
      const inTitle = new Set(post.titleIds);
      const inText = new Set<number>();
      for (let at = from; at < post.ends[0]!; at++) {
        const id = post.tokenIds[at]!;
        inText.add(id);
        weigh(id, post.counts[at]!, length, inTitle.has(id), this.#mark[id] === headings, group);
      }
      for (const id of post.titleIds) if (!inText.has(id)) weigh(id, 0, length, true, this.#mark[id] === headings, group);
    }
    return { averageLength, fragmentGroup, weights, groups };
  }
}

// BM25 parameters. Weights are stored divided by their bound K1 + 1, so the client needs neither.
const K1 = 1.2;
const B = 0.75;

/** BM25 term weight divided by its bound K1 + 1: 0..1. */
function bm25(frequency: number, length: number, averageLength: number): number {
  return frequency / (frequency + K1 * (1 - B + (B * length) / averageLength));
}

/** A weight quantized to 1..WEIGHT_STEPS; the title flag rides on top. */
function quantized(weight: number): number {
  return Math.max(1, Math.min(WEIGHT_STEPS, Math.round(weight * WEIGHT_STEPS)));
}
