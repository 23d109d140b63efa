import { decodePostings, groupKey, shardOf, TITLE_FLAG, WEIGHT_STEPS } from '../format.ts';
import type { Fragment, FragmentFile, SearchMeta, ShardEntry } from '../format.ts';
import { normalizeText, parseQuery } from '../tokenize.ts';
import type { QueryTerm } from '../tokenize.ts';
import { EMPTY, intersectAll, rankDocs, SCORE_SCALE, unionMax } from './rank.ts';
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
const PREFIX_FACTOR = 0.7;
const has = (object: object, key: string): boolean => ({}).hasOwnProperty.call(object, key);
/** The value kept under `key`, made the first time it is asked for. */
function memo<K, V>(map: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

export function createSearchEngine(fetchJson: FetchJson) {
  const files = new Map<string, Promise<unknown>>();
  /** Every file is fetched once; the same promise (and object) comes back after. */
  const get = <T,>(path: string): Promise<T> => memo(files, path, () => fetchJson(path)) as Promise<T>;
  const load = (): Promise<SearchMeta> => get<SearchMeta>('meta.json');

  const decoded = new Map<string, Promise<Hits>>();
  /** A token's postings, decoded and scored once. */
  const hitsOf = (token: string, [df, postings]: ShardEntry, posts: number): Promise<Hits> =>
    memo(decoded, token, async () => {
      const { docs, weights, groups } = decodePostings(typeof postings === 'number' ? await get<string>(`p/${postings}.json`) : postings, df);
      const idf = Math.log(1 + (posts - df + 0.5) / (df + 0.5));
      // BM25's (K1 + 1) factor is left out: it scales every score alike.
      // At least 1: a word in nearly every post still scores, and 0 marks "not seen" in unionMax.
      const scores = Int32Array.from(weights, (w) => Math.max(1, Math.round(SCORE_SCALE * idf * ((w % TITLE_FLAG) / WEIGHT_STEPS + (w >= TITLE_FLAG ? TITLE_BOOST : 0)))));
      return { docs, scores, groups };
    });

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

  const termLists = new Map<string, Promise<Hits>>();
  /**
   * A term's posts, worked out once: typing a query repeats its first terms at every
   * keystroke, and a prefix's union or a phrase's intersection is as long as the site.
   */
  const termHits = (term: QueryTerm): Promise<Hits> => memo(termLists, `${term.kind}:${term.text}`, () => findTermHits(term));
  const rankings = new WeakMap<Hits, SearchResult[]>();
  /** Posts of a query, best first: a one-term query's order is its list's, kept with the list. */
  function rank(hits: Hits[]): SearchResult[] {
    // A copy: the caller splices the page in. The objects are shared and never changed.
    return hits.length > 1 ? rankDocs(hits, true) : memo(rankings, hits[0], () => rankDocs(hits, false)).slice();
  }

  async function findTermHits(term: QueryTerm): Promise<Hits> {
    if (term.kind === 'word') {
      // Any word with the prefix satisfies the term; the exact word counts more than a longer one.
      const found = await lookup(term.tokens[0], true);
      const lists = await Promise.all(found.map(async (entry) => ({ hits: await read(entry), factor: entry.token === term.tokens[0] ? 1 : PREFIX_FACTOR })));
      return unionMax(lists, (await load()).n);
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
  const passageText = (file: FragmentFile, passage: FragmentFile['p'][number]): string =>
    memo(texts, passage, () => normalizeText(`${file.t}\n${file.c.join('\n')}\n${file.k.join('\n')}\n${passage[0]}\n${passage[2]}`).replace(/\s+/g, ' '));
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
      // Files are read once: the one already read comes back as the same object.
      const all = await Promise.all(Array.from({ length: first.n }, (_, group) => fragmentFile(result.doc, group)));
      for (const file of all) if (file !== first) for (const passage of file.p) candidates.push([file, passage]);
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
    return { ...post, h, a, x, ...(l && { l }) };
  }

  /** Among `page`, results where the terms stand side by side in query order come first. */
  function adjacentFirst(page: SearchResult[], terms: QueryTerm[]): SearchResult[] {
    if (terms.length < 2) return page;
    const phrase = terms.map((term) => term.text.replace(/ /g, '')).join('');
    const adjacent = (r: SearchResult): number =>
      normalizeText(`${r.fragment!.t}\n${r.fragment!.h}\n${r.fragment!.x}`).replace(/\s/g, '').includes(phrase) ? 1 : 0;
    // A stable sort: otherwise the ranking's order.
    return page.map((r) => [adjacent(r), r] as const).sort((a, b) => b[0] - a[0]).map(([, r]) => r);
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
    const results = rank(hits);

    // Without a term to check every match is one: the page's excerpts are fetched, nothing before.
    // Otherwise posts whose tokens co-occur without the words side by side are dropped, up to
    // the end of the page, so pages never overlap or skip a post.
    const check = terms.some(needsCheck);
    const kept: SearchResult[] = check ? [] : results.slice(0, skip);
    let next = kept.length;
    while (next < results.length && kept.length < skip + shown) {
      const batch = results.slice(next, next + skip + shown - kept.length);
      next += batch.length;
      const loaded = await Promise.all(batch.map((r) => passageFor(r, terms, check)));
      batch.forEach((result, i) => {
        if (loaded[i]) kept.push({ ...result, fragment: loaded[i]! });
      });
    }
    const before = kept.slice(0, skip).map(({ fragment: _, ...result }) => result);
    const exact = !check || next >= results.length;
    // In place: copying a list as long as the site costs more than the rest of a warm query.
    results.splice(0, next, ...before, ...adjacentFirst(kept.slice(skip), terms));
    return { terms, results, exact, checked: check ? kept.length : results.length };
  }

  return { load, search };
}

export type SearchEngine = ReturnType<typeof createSearchEngine>;
