import { MAX_WORD_LENGTH, normalizeText, TOKEN_RUN } from './tokenize.ts';

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
}

/** V8 makes a substring this long a view into its parent string; shorter ones are copies. */
const SLICED_FROM = 13;

const JOINERS = /[._-]/;
const JOINER = /[._-]+/;
const SURROGATE = /[\uD800-\uDFFF]/;
/** The tokenizer's own expression, with a `lastIndex` of its own. */
const RUN = new RegExp(TOKEN_RUN.source, TOKEN_RUN.flags);

/**
 * Visits the ids of `tokenize(text)` in order (`token`), then, when `characters` is set, the ids of
 * every Han character of each run longer than one (`character`): what `tokenize` and the index's
 * per-character entries give, without an array of strings in between.
 */
export function visitTokenIds(
  text: string,
  table: TokenTable,
  token: (id: number) => void,
  character?: (id: number) => void,
): void {
  const normalized = normalizeText(text);
  let chars: number[] | undefined;
  RUN.lastIndex = 0;
  for (let match = RUN.exec(normalized); match; match = RUN.exec(normalized)) {
    const han = match[1];
    if (han) {
      if (!SURROGATE.test(han)) {
        if (han.length === 1) token(table.id(han));
        else {
          for (let at = 0; at + 1 < han.length; at++) token(table.id(han.slice(at, at + 2)));
          if (character) for (let at = 0; at < han.length; at++) (chars ??= []).push(table.id(han[at]!));
        }
      } else {
        const points = Array.from(han);
        if (points.length === 1) token(table.id(han));
        else for (let at = 0; at + 1 < points.length; at++) token(table.id(points[at]! + points[at + 1]!));
        // As `tokenize` does, a run longer than one code unit: one astral character counts too.
        if (character && han.length > 1) for (const point of points) (chars ??= []).push(table.id(point));
      }
      continue;
    }
    const word = match[2]!.slice(0, MAX_WORD_LENGTH);
    token(table.id(word));
    if (!JOINERS.test(word)) continue;
    const parts = word.split(JOINER).filter(Boolean);
    if (parts.length > 1) for (const part of parts) token(table.id(part));
  }
  if (chars && character) for (const id of chars) character(id);
}
