import { fragmentFileStarts, upperBound, TITLE_FLAG, WEIGHT_BITS, WEIGHT_STEPS } from '../format.ts';
import type { Fragment, FragmentFile, SearchMeta } from '../format.ts';
import { normalizeText, parseQuery } from '../tokenize.ts';
import type { QueryTerm } from '../tokenize.ts';
import { intersectAll, rankDocs, unionMax } from './rank.ts';
import type { Hits } from './rank.ts';

/** Reads one index file relative to the `search/` folder (`meta.json`, `c/3.json`). */
export type FetchJson = (path: string) => Promise<unknown>;

export interface SearchResult {
  /** Post number in the index. */
  doc: number;
  /** The passage shown for this post. */
  unit: number;
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

type Chunk = Record<string, number[]>;

const TITLE_BOOST = 2;
/** A Latin prefix can fan out over many chunks; past this it matches what the first chunks hold. */
const MAX_PREFIX_CHUNKS = 3;
const ALL_TERMS_BOOST = 1.5;
const PREFIX_FACTOR = 0.7;

export function createSearchEngine(fetchJson: FetchJson) {
  let meta: Promise<{ meta: SearchMeta; starts: number[]; fileStarts: number[] }> | undefined;
  const chunks = new Map<number, Promise<Chunk>>();
  const fragments = new Map<number, Promise<FragmentFile>>();

  const load = () =>
    (meta ??= (fetchJson('meta.json') as Promise<SearchMeta>).then((m) => {
      const starts: number[] = [];
      let next = 0;
      for (const count of m.u) starts.push((next += count) - count);
      return { meta: m, starts, fileStarts: fragmentFileStarts(m.u, m.g) };
    }));
  const chunk = (n: number): Promise<Chunk> => {
    let p = chunks.get(n);
    if (!p) chunks.set(n, (p = fetchJson(`c/${n}.json`) as Promise<Chunk>));
    return p;
  };
  const fragment = async (unit: number): Promise<Fragment> => {
    const { meta: m, starts, fileStarts } = await load();
    const doc = upperBound(starts, unit) - 1;
    const offset = unit - starts[doc];
    const n = fileStarts[doc] + Math.floor(offset / m.g);
    let p = fragments.get(n);
    if (!p) fragments.set(n, (p = fetchJson(`f/${n}.json`) as Promise<FragmentFile>));
    const { p: passages, ...post } = await p;
    const [h, a, x, l] = passages[offset % m.g];
    return l === undefined ? { ...post, h, a, x } : { ...post, h, a, x, l };
  };

  /** token -> packed postings, for every token a term can match. */
  async function termPostings(term: QueryTerm, bounds: string[]): Promise<Map<string, number[]>> {
    const found = new Map<string, number[]>();
    await Promise.all(
      term.tokens.map(async (token) => {
        // The chunk that holds a token is the number of chunk boundaries at or below it.
        const first = upperBound(bounds, token);
        const last = term.prefix ? Math.min(upperBound(bounds, token + '\uffff'), first + MAX_PREFIX_CHUNKS - 1) : first;
        const loaded = await Promise.all(Array.from({ length: last - first + 1 }, (_, i) => chunk(first + i)));
        for (const c of loaded) {
          for (const key in c) if (term.prefix ? key.startsWith(token) : key === token) found.set(key, c[key]);
        }
      }),
    );
    return found;
  }

  /** Decoded postings by list identity: chunks are cached, so the same array comes back. */
  const decoded = new WeakMap<number[], Hits>();
  let scratch: Float64Array | undefined;

  function decode(list: number[], unitCount: number): Hits {
    let hits = decoded.get(list);
    if (hits) return hits;
    const idf = Math.log(1 + (unitCount - list.length + 0.5) / (list.length + 0.5));
    const units = new Int32Array(list.length);
    const scores = new Float64Array(list.length);
    let unit = 0;
    list.forEach((packed, k) => {
      const weight = packed % 2 ** WEIGHT_BITS;
      unit += Math.floor(packed / 2 ** WEIGHT_BITS);
      units[k] = unit;
      // BM25's (K1 + 1) factor is left out: it scales every score alike.
      scores[k] = idf * ((weight % TITLE_FLAG) / WEIGHT_STEPS + (weight >= TITLE_FLAG ? TITLE_BOOST : 0));
    });
    decoded.set(list, (hits = { units, scores }));
    return hits;
  }

  function termHits(term: QueryTerm, postings: Map<string, number[]>, unitCount: number): Hits {
    if (term.prefix) {
      // Any token with the prefix satisfies the term; an exact word counts more than a longer one.
      scratch ??= new Float64Array(unitCount);
      const lists = [...postings].map(([token, list]) => ({
        hits: decode(list, unitCount),
        factor: token === term.tokens[0] ? 1 : PREFIX_FACTOR,
      }));
      return unionMax(lists, scratch);
    }
    // Every token (all bigrams of a Chinese run, all words of a phrase) in one passage.
    const lists = term.tokens.map((token) => postings.get(token));
    if (lists.some((list) => !list)) return { units: [], scores: [] };
    return intersectAll((lists as number[][]).map((list) => decode(list, unitCount)));
  }

  /** Title, terms, heading and text of a passage as one normalized line, the text a Chinese run or phrase must occur in. */
  const passageText = (found: Fragment): string =>
    normalizeText(`${found.t}\n${found.c.join('\n')}\n${(found.k ?? []).join('\n')}\n${found.h}\n${found.x}`).replace(/\s+/g, ' ');
  /** A term whose tokens could all occur in a passage without its text being there: several bigrams or words. */
  const needsCheck = (term: QueryTerm): boolean => term.kind !== 'word' && !term.prefix && term.tokens.length > 1;

  /**
   * Whether the post really contains every Chinese run and phrase, not only
   * their bigrams or words apart: in the passage shown, or in another passage
   * of the post where the term's tokens matched.
   */
  async function verified(result: SearchResult, shown: Fragment, terms: QueryTerm[], hits: Hits[]): Promise<boolean> {
    const { meta: m, starts } = await load();
    const first = starts[result.doc];
    const end = result.doc + 1 < starts.length ? starts[result.doc + 1] : m.n;
    const checks = terms.map(async (term, i) => {
      if (!needsCheck(term) || passageText(shown).includes(term.text)) return true;
      const units = hits[i].units as number[];
      const others: number[] = [];
      for (let k = upperBound(units, first - 1); k < units.length && units[k] < end; k++) if (units[k] !== result.unit) others.push(units[k]);
      return (await Promise.all(others.map(fragment))).some((other) => passageText(other).includes(term.text));
    });
    return (await Promise.all(checks)).every(Boolean);
  }

  /** Among `page`, results where the terms stand side by side in query order come first. */
  function adjacentFirst(page: SearchResult[], terms: QueryTerm[]): SearchResult[] {
    if (terms.length < 2) return page;
    const phrase = terms.map((term) => term.text.replace(/ /g, '')).join('');
    const adjacent = new Map(page.map((r) => [r, passageText(r.fragment!).replace(/ /g, '').includes(phrase) ? 1 : 0]));
    return [...page].sort((a, b) => adjacent.get(b)! - adjacent.get(a)!);
  }

  /**
   * Every match of `query`, best first. The `shown` results after the first `skip` carry their
   * fragment (a page of results); when a term's characters must be checked side by side, the
   * matches before them are checked too, so pages never overlap or skip a post.
   */
  async function search(query: string, shown = 8, skip = 0): Promise<SearchOutcome> {
    const terms = parseQuery(query);
    if (terms.length === 0) return { terms, results: [], exact: true, checked: 0 };
    const { meta: m, starts } = await load();
    const hits = await Promise.all(terms.map(async (term) => termHits(term, await termPostings(term, m.b), m.n)));
    const results: SearchResult[] = rankDocs(hits, starts, ALL_TERMS_BOOST);

    if (!terms.some(needsCheck)) {
      // Every match is a match: fetch the page's excerpts only.
      const page = results.slice(skip, skip + shown);
      const loaded = await Promise.all(page.map((r) => fragment(r.unit)));
      const sorted = adjacentFirst(page.map((result, i) => ({ ...result, fragment: loaded[i] })), terms);
      return { terms, results: [...results.slice(0, skip), ...sorted, ...results.slice(skip + shown)], exact: true, checked: results.length };
    }

    // Drop posts whose tokens co-occur without the words being adjacent, up to the end of the page.
    const kept: SearchResult[] = [];
    let next = 0;
    while (next < results.length && kept.length < skip + shown) {
      const batch = results.slice(next, next + skip + shown - kept.length);
      next += batch.length;
      const loaded = await Promise.all(batch.map((r) => fragment(r.unit)));
      const passed = await Promise.all(batch.map((result, i) => verified(result, loaded[i], terms, hits)));
      batch.forEach((result, i) => {
        if (passed[i]) kept.push({ ...result, fragment: loaded[i] });
      });
    }
    const before = kept.slice(0, skip).map(({ fragment: _, ...result }) => result);
    const page = adjacentFirst(kept.slice(skip), terms);
    return { terms, results: [...before, ...page, ...results.slice(next)], exact: next >= results.length, checked: kept.length };
  }

  return { load, search };
}

export type SearchEngine = ReturnType<typeof createSearchEngine>;
