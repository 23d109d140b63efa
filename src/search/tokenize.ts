/**
 * The one tokenizer of weeklog search. It runs at build time and is bundled
 * into the browser client unchanged, so index tokens and query tokens can
 * never disagree (the way jieba at build time and `Intl.Segmenter` in the
 * browser disagree in Pagefind). Plain regular expressions, no dictionary.
 *
 * - A run of Han characters becomes overlapping bigrams (`分布式` -> `分布`,
 *   `布式`); a one-character run is a unigram.
 * - A Latin/number run is lower-cased and kept whole and as its parts
 *   (`node.js` -> `node.js`, `node`, `js`).
 * - Full-width forms are folded to half-width (NFKC) first.
 */

// `\p{L}` includes Han, so the word class is "letters that are not Han";
// without that `early.分布式事务` would become a single token.
const WORD_CHAR = String.raw`(?:[^\P{L}\p{sc=Han}]|[\p{N}\p{M}_])`;
export const TOKEN_RUN = new RegExp(String.raw`(\p{sc=Han}+)|(${WORD_CHAR}+(?:[.\-]${WORD_CHAR}+)*)`, 'gu');
const JOINER = /[._-]+/;
const IS_WORD_CHAR = new RegExp(WORD_CHAR, 'u');

/** Longer Latin runs (hashes, base64) are cut: nobody types them (default cap). */
export const MAX_WORD_LENGTH = 40;

/** A run of the text as the tokenizer sees it. */
export interface TextRun {
  kind: 'han' | 'word';
  /** Normalized (NFKC, lower-cased) text of the run. */
  text: string;
}

/** NFKC (full-width to half-width) and lower case: the form every token has. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Whether a Latin word can start at `index` of normalized text, as the index
 * cuts words: where a run starts or after the `_` that joins its parts. Query
 * words match only there (`sys` in `systemtap`, not in `filesystem`).
 */
export function isWordStart(text: string, index: number): boolean {
  const unit = text.charCodeAt(index - 1);
  // The code point before `index`, a surrogate pair included.
  const before = unit >= 0xdc00 && unit <= 0xdfff ? text.slice(Math.max(0, index - 2), index) : text.charAt(index - 1);
  return before === '' || before === '_' || !IS_WORD_CHAR.test(before);
}

/** Splits normalized text into Han runs and Latin/number runs, in order. */
export function textRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const match of normalizeText(text).matchAll(TOKEN_RUN)) {
    if (match[1]) runs.push({ kind: 'han', text: match[1] });
    else runs.push({ kind: 'word', text: match[2].slice(0, MAX_WORD_LENGTH) });
  }
  return runs;
}

/** Tokens of one Han run: overlapping bigrams, or the character itself. */
function hanTokens(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return chars;
  const tokens: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i] + chars[i + 1]);
  return tokens;
}

/** Tokens of one Latin run: the whole run and, when it has joiners, each part. */
function wordTokens(run: string): string[] {
  const parts = run.split(JOINER).filter(Boolean);
  if (parts.length <= 1) return [run];
  return [run, ...parts];
}

/** Every token of a text, repeated as often as it occurs (term frequency). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const run of textRuns(text)) {
    tokens.push(...(run.kind === 'han' ? hanTokens(run.text) : wordTokens(run.text)));
  }
  return tokens;
}

/**
 * One required part of a query. A Han run must match as adjacent characters,
 * a Latin word matches as a prefix, a quoted phrase matches exactly.
 */
export interface QueryTerm {
  kind: 'han' | 'word' | 'phrase';
  /** Normalized text the result must contain (for phrases and Han runs, as a substring). */
  text: string;
  /** Index tokens that must all occur in one section. */
  tokens: string[];
  /** Match `tokens[0]` as a prefix (Latin words, one-character Han queries). */
  prefix: boolean;
}

/** Parses a query into terms: `"quoted phrases"`, Han runs and Latin words, all ANDed. */
export function parseQuery(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const add = (term: QueryTerm): void => {
    const key = `${term.kind}:${term.text}`;
    if (term.tokens.length === 0 || seen.has(key)) return;
    seen.add(key);
    terms.push(term);
  };
  // Full-width quotes fold to `"` under NFKC only for some forms, so accept the curly ones too.
  const normalized = normalizeText(query).replace(/[“”„＂]/g, '"');
  const pieces = normalized.split('"');
  pieces.forEach((piece, index) => {
    const quoted = index % 2 === 1 && index < pieces.length - 1;
    const runs = textRuns(piece);
    if (quoted && runs.length > 0) {
      const tokens = runs.flatMap((run) => (run.kind === 'han' ? hanTokens(run.text) : [run.text]));
      add({ kind: 'phrase', text: piece.trim().replace(/\s+/g, ' '), tokens: [...new Set(tokens)], prefix: false });
      return;
    }
    for (const run of runs) {
      if (run.kind === 'word') add({ kind: 'word', text: run.text, tokens: [run.text], prefix: true });
      else {
        const tokens = hanTokens(run.text);
        add({ kind: 'han', text: run.text, tokens: [...new Set(tokens)], prefix: tokens.length === 1 });
      }
    }
  });
  return terms;
}
