import { MAX_WORD_LENGTH, normalizeText, TOKEN_RUN } from './tokenize.ts';
import type { IntSlab } from './int-slab.ts';

/**
 * One number per distinct token of a build (or of a `serve` session): each token string is kept
 * once, here, and everything else holds its id in a typed array. A post's passages then cost a few
 * bytes per token instead of a map entry and a string each (1.4 GB at 4000 posts when they did).
 */
export class TokenTable {
  readonly #ids = new Map<string, number>();
  readonly #tokens: string[] = [];

  get size(): number {
    return this.#tokens.length;
  }

  /** The id of `token`, given it the first time. */
  id(token: string): number {
    let id = this.#ids.get(token);
    if (id === undefined) {
      id = this.#tokens.length;
      // A long token is a slice of its passage's text and would keep the whole text alive: keep a copy.
      const own = token.length >= SLICED_FROM ? (JSON.parse(JSON.stringify(token)) as string) : token;
      this.#ids.set(own, id);
      this.#tokens.push(own);
    }
    return id;
  }

  token(id: number): string {
    return this.#tokens[id]!;
  }

  // Han tokens by their UTF-16 code units, `first << 16 | second` (a lone character with 0): most
  // tokens are Han, and this finds their ids without making a string to look one up.
  #pairKeys = new Uint32Array(1 << 14);
  #pairIds = new Int32Array(1 << 14);
  #pairs = 0;
  /** Slots are the product's top bits (its low bits would depend on `second` alone): 32 - log2(slots). */
  #shift = 32 - 14;

  /** The id of the token of one or two BMP characters, `second` 0 for one. */
  pairId(first: number, second: number): number {
    const key = ((first << 16) | second) >>> 0;
    const mask = this.#pairKeys.length - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> this.#shift; ; slot = (slot + 1) & mask) {
      const found = this.#pairKeys[slot]!;
      if (found === key) return this.#pairIds[slot]!;
      if (found !== 0) continue;
      const id = this.id(second === 0 ? String.fromCharCode(first) : String.fromCharCode(first, second));
      this.#pairKeys[slot] = key;
      this.#pairIds[slot] = id;
      if (++this.#pairs * 2 > this.#pairKeys.length) this.#growPairs();
      return id;
    }
  }

  #growPairs(): void {
    const [keys, ids] = [this.#pairKeys, this.#pairIds];
    this.#pairKeys = new Uint32Array(keys.length * 2);
    this.#pairIds = new Int32Array(keys.length * 2);
    this.#shift--;
    const mask = this.#pairKeys.length - 1;
    keys.forEach((key, at) => {
      if (key === 0) return;
      let slot = Math.imul(key, 0x9e3779b1) >>> this.#shift;
      while (this.#pairKeys[slot] !== 0) slot = (slot + 1) & mask;
      this.#pairKeys[slot] = key;
      this.#pairIds[slot] = ids[at]!;
    });
  }
}

/** V8 makes a substring this long a view into its parent string; shorter ones are copies. */
const SLICED_FROM = 13;

const JOINERS = /[._-]/;
const JOINER = /[._-]+/;
const SURROGATE = /[\uD800-\uDFFF]/;
/** The tokenizer's own expression, with a `lastIndex` of its own. */
const RUN = new RegExp(TOKEN_RUN.source, TOKEN_RUN.flags);

/** An Int32Array that grows, reused from text to text. */
export class IntList {
  values: Int32Array<ArrayBuffer> = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  /** A copy of the values (in `slab`, when given), the list emptied. */
  take(slab?: IntSlab | null): Int32Array<ArrayBuffer> {
    const copy = slab ? slab.copy(this.values, this.length) : this.values.slice(0, this.length);
    this.length = 0;
    return copy;
  }
}

/**
 * Appends the ids of `tokenize(text)` to `tokens`, in order, and, with `characters`, the ids of
 * every Han character of each run longer than one code unit (the index's per-character entries):
 * what they give, without an array of strings in between.
 */
export function appendTokenIds(text: string, table: TokenTable, tokens: IntList, characters?: IntList): void {
  const normalized = normalizeText(text);
  RUN.lastIndex = 0;
  for (let match = RUN.exec(normalized); match; match = RUN.exec(normalized)) {
    const han = match[1];
    if (han) {
      if (!SURROGATE.test(han)) {
        if (han.length === 1) tokens.push(table.pairId(han.charCodeAt(0), 0));
        else {
          for (let at = 0; at + 1 < han.length; at++) tokens.push(table.pairId(han.charCodeAt(at), han.charCodeAt(at + 1)));
          if (characters) for (let at = 0; at < han.length; at++) characters.push(table.pairId(han.charCodeAt(at), 0));
        }
      } else {
        const points = Array.from(han);
        if (points.length === 1) tokens.push(table.id(han));
        else for (let at = 0; at + 1 < points.length; at++) tokens.push(table.id(points[at]! + points[at + 1]!));
        // As `tokenize` does, a run longer than one code unit: one astral character counts too.
        if (characters && han.length > 1) for (const point of points) characters.push(table.id(point));
      }
      continue;
    }
    const word = match[2]!.slice(0, MAX_WORD_LENGTH);
    tokens.push(table.id(word));
    if (!JOINERS.test(word)) continue;
    const parts = word.split(JOINER).filter(Boolean);
    if (parts.length > 1) for (const part of parts) tokens.push(table.id(part));
  }
}
