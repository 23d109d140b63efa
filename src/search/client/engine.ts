import { decodePostings, groupKey, shardOf, TITLE_FLAG, WEIGHT_STEPS } from '../format.ts';
import type { Fragment, FragmentFile, SearchMeta, ShardEntry } from '../format.ts';
import { normalizeText, parseQuery } from '../tokenize.ts';
import type { QueryTerm } from '../tokenize.ts';
import { EMPTY, intersectAll, rankDocs, unionMax } from './rank.ts';
import type { Hits } from './rank.ts';

/** Reads one index file relative to the `search/` folder (`meta.json`, `s/3.json`). */
export type FetchJson = (path: string) => Promise<unknown>;

export interface SearchResult {
  /** Post number in the index. */
  doc: number;
  /** The fragment file of the post whose passage is shown. */
  group: number;
  score: number;
  /** Loaded for the results shown, whose post was checked to contain every Chinese run and phrase. */
  fragment?: Fragment;
}

export interface SearchOutcome {
  terms: QueryTerm[];
  /** Every matching post, best first; the first `shown` checked ones carry a fragment. */
  results: SearchResult[];
  /**
   * Whether `results.length` is the true number of matches: true when no term needs its
   * characters checked side by side, or when every match was checked.
   */
  exact: boolean;
  /** Matches checked so far (all of them when `exact`). */
  checked: number;
}

type Shard = Record<string, ShardEntry>;

const TITLE_BOOST = 2;
/** A short Latin prefix can match many words; of those with a file of their own, the most frequent few are read. */
const MAX_PREFIX_FILES = 4;
const ALL_TERMS_BOOST = 1.5;
const PREFIX_FACTOR = 0.7;
const has = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

export function createSearchEngine(fetchJson: FetchJson) {
  const files = new Map<string, Promise<unknown>>();
  /** Every file is fetched once; the same promise (and object) comes back after. */
  const get = <T,>(path: string): Promise<T> => {
    let p = files.get(path);
    if (!p) files.set(path, (p = fetchJson(path)));
    return p as Promise<T>;
  };
  const load = (): Promise<SearchMeta> => get<SearchMeta>('meta.json');

  const decoded = new Map<string, Promise<Hits>>();
  /** A token's postings, decoded and scored once. */
  const hitsOf = (token: string, [df, postings]: ShardEntry, posts: number): Promise<Hits> => {
    let p = decoded.get(token);
    if (!p) {
      decoded.set(
        token,
        (p = (typeof postings === 'number' ? get<string>(`p/${postings}.json`) : Promise.resolve(postings)).then((text) => {
          const { docs, weights, groups } = decodePostings(text, df);
          const idf = Math.log(1 + (posts - df + 0.5) / (df + 0.5));
          // BM25's (K1 + 1) factor is left out: it scales every score alike.
          const scores = Float64Array.from(weights, (w) => idf * ((w % TITLE_FLAG) / WEIGHT_STEPS + (w >= TITLE_FLAG ? TITLE_BOOST : 0)));
          return { docs, scores, groups };
        })),
      );
    }
    return p;
  };

  type Entry = { token: string; df: number; entry: ShardEntry };
  /**
   * Shard entries (no postings yet) of the tokens a term can match: the token itself, or the
   * words it starts among the most frequent of its group. Of those with a file of their own,
   * the most frequent few.
   */
  async function lookup(token: string, prefix: boolean): Promise<Entry[]> {
    const shards = (await load()).s;
    const key = groupKey(token);
    let shard = await get<Shard>(`s/${shardOf(key ?? token, shards)}.json`);
    // A one-letter word is looked up as itself: the words it starts are in many groups.
    const keys = prefix && token.length > 1 ? Object.keys(shard).filter((word) => word.startsWith(token)) : [];
    if (!keys.includes(token)) {
      // A word that is not among its group's most frequent is in the shard of its own hash.
      if (!has(shard, token) && has(shard, `\0${key}`)) shard = { ...shard, ...(await get<Shard>(`s/${shardOf(token, shards)}.json`)) };
      if (has(shard, token)) keys.push(token);
    }
    const own = (word: string): boolean => word !== token && typeof shard[word][1] === 'number';
    const skipped = new Set(keys.filter(own).sort((a, b) => shard[b][0] - shard[a][0]).slice(MAX_PREFIX_FILES));
    return keys.filter((word) => !skipped.has(word)).map((word) => ({ token: word, df: shard[word][0], entry: shard[word] }));
  }
  const read = async (found: Entry): Promise<Hits> => hitsOf(found.token, found.entry, (await load()).n);

  let scratch: Float64Array | undefined;
  async function termHits(term: QueryTerm): Promise<Hits> {
    if (term.kind === 'word') {
      // Any word with the prefix satisfies the term; the exact word counts more than a longer one.
      const found = await lookup(term.tokens[0], true);
      scratch ??= new Float64Array((await load()).n);
      const lists = await Promise.all(found.map(async (entry) => ({ hits: await read(entry), factor: entry.token === term.tokens[0] ? 1 : PREFIX_FACTOR })));
      return unionMax(lists, scratch);
    }
    // A phrase: every word in one post. A single Han character is indexed as itself. A Chinese
    // run: its rarest bigram only, when every bigram is there. The bigrams of a word are nearly
    // always together, and a word found in most posts would cost each of its lists in full;
    // the check on the text (needsCheck) decides, so precision and the count stay honest.
    const entries = (await Promise.all(term.tokens.map((token) => lookup(token, false)))).map((found) => found[0]);
    if (!entries.every(Boolean)) return EMPTY;
    const sorted = entries.sort((a, b) => a.df - b.df);
    return intersectAll(await Promise.all((term.kind === 'han' ? sorted.slice(0, 1) : sorted).map(read)));
  }

  const fragmentFile = (doc: number, group: number): Promise<FragmentFile> => get<FragmentFile>(`f/${doc}-${group}.json`);
  const texts = new WeakMap<object, string>();
  /** Title, terms, heading and text of a passage as one normalized line, the text a Chinese run or phrase must occur in. */
  const passageText = (file: FragmentFile, passage: FragmentFile['p'][number]): string => {
    let text = texts.get(passage);
    if (text === undefined) {
      text = normalizeText(`${file.t}\n${file.c.join('\n')}\n${file.k.join('\n')}\n${passage[0]}\n${passage[2]}`).replace(/\s+/g, ' ');
      texts.set(passage, text);
    }
    return text;
  };
  /** A term whose tokens could all occur in a post without its text being there: several bigrams or words. */
  const needsCheck = (term: QueryTerm): boolean => term.kind !== 'word' && term.tokens.length > 1;

  /**
   * The passage to show for a result: in its fragment file, the passage that holds the
   * most terms. When `check`, the post must hold every Chinese run and phrase as written,
   * not only their bigrams apart: the other files of the post are read when this one
   * lacks a term, and a post that lacks it everywhere is no match (null).
   */
  async function passageFor(result: SearchResult, terms: QueryTerm[], check: boolean): Promise<Fragment | null> {
    const first = await fragmentFile(result.doc, result.group);
    const candidates: [FragmentFile, FragmentFile['p'][number]][] = first.p.map((passage) => [first, passage]);
    const holds = (term: QueryTerm): boolean => candidates.some(([file, passage]) => passageText(file, passage).includes(term.text));
    const checked = terms.filter(needsCheck);
    if (check && !checked.every(holds)) {
      const others = await Promise.all(
        Array.from({ length: first.n }, (_, group) => group).filter((group) => group !== result.group).map((group) => fragmentFile(result.doc, group)),
      );
      for (const file of others) for (const passage of file.p) candidates.push([file, passage]);
      if (!checked.every(holds)) return null;
    }
    // The passage with the most terms; a term in its heading (a link item's title) counts a little more.
    let best = candidates[0];
    let bestCount = -1;
    for (const candidate of candidates) {
      const text = passageText(...candidate);
      const heading = normalizeText(candidate[1][0]);
      const count = terms.reduce((sum, term) => sum + (text.includes(term.text) ? 1 : 0) + (heading.includes(term.text) ? 0.5 : 0), 0);
      if (count > bestCount) [best, bestCount] = [candidate, count];
    }
    const [{ p: _, n: __, ...post }, [h, a, x, l]] = best;
    return l === undefined ? { ...post, h, a, x } : { ...post, h, a, x, l };
  }

  /** Among `page`, results where the terms stand side by side in query order come first. */
  function adjacentFirst(page: SearchResult[], terms: QueryTerm[]): SearchResult[] {
    if (terms.length < 2) return page;
    const phrase = terms.map((term) => term.text.replace(/ /g, '')).join('');
    const adjacent = (r: SearchResult): number =>
      normalizeText(`${r.fragment!.t}\n${r.fragment!.h}\n${r.fragment!.x}`).replace(/\s/g, '').includes(phrase) ? 1 : 0;
    const order = new Map(page.map((r) => [r, adjacent(r)]));
    return [...page].sort((a, b) => order.get(b)! - order.get(a)!);
  }

  /**
   * Every match of `query`, best first. The `shown` results after the first `skip` carry their
   * fragment (a page of results); when a term's characters must be checked side by side, the
   * matches before them are checked too, so pages never overlap or skip a post.
   */
  async function search(query: string, shown = 8, skip = 0): Promise<SearchOutcome> {
    const terms = parseQuery(query);
    if (terms.length === 0) return { terms, results: [], exact: true, checked: 0 };
    const hits = await Promise.all(terms.map(termHits));
    const results = rankDocs(hits, terms.length > 1 ? ALL_TERMS_BOOST : 1);

    if (!terms.some(needsCheck)) {
      // Every match is a match: fetch the page's excerpts only.
      const page = results.slice(skip, skip + shown);
      const loaded = await Promise.all(page.map((r) => passageFor(r, terms, false)));
      const sorted = adjacentFirst(page.map((result, i) => ({ ...result, fragment: loaded[i]! })), terms);
      results.splice(skip, sorted.length, ...sorted);
      return { terms, results, exact: true, checked: results.length };
    }

    // Drop posts whose tokens co-occur without the words being adjacent, up to the end of the page.
    const kept: SearchResult[] = [];
    let next = 0;
    while (next < results.length && kept.length < skip + shown) {
      const batch = results.slice(next, next + skip + shown - kept.length);
      next += batch.length;
      const loaded = await Promise.all(batch.map((r) => passageFor(r, terms, true)));
      batch.forEach((result, i) => {
        if (loaded[i]) kept.push({ ...result, fragment: loaded[i]! });
      });
    }
    const before = kept.slice(0, skip).map(({ fragment: _, ...result }) => result);
    const page = adjacentFirst(kept.slice(skip), terms);
    return { terms, results: [...before, ...page, ...results.slice(next)], exact: next >= results.length, checked: kept.length };
  }

  return { load, search };
}

export type SearchEngine = ReturnType<typeof createSearchEngine>;
