import { chunkIndex, K1, upperBound, TITLE_FLAG, WEIGHT_BITS, WEIGHT_STEPS } from '../format.ts';
import type { Fragment, SearchMeta } from '../format.ts';
import { normalizeText, parseQuery } from '../tokenize.ts';
import type { QueryTerm } from '../tokenize.ts';

/** Reads one index file relative to the `search/` folder (`meta.json`, `c/3.json`). */
export type FetchJson = (path: string) => Promise<unknown>;

export interface SearchResult {
  /** Post number in the index. */
  doc: number;
  /** The passage shown for this post. */
  unit: number;
  score: number;
  /** Loaded for the results shown; checked to contain every Chinese run and phrase. */
  fragment?: Fragment;
}

export interface SearchOutcome {
  terms: QueryTerm[];
  /** Every matching post, best first; only the first `shown` carry a fragment. */
  results: SearchResult[];
}

type Chunk = Record<string, number[]>;
/** unit -> score of one query term. */
type UnitScores = Map<number, number>;

const TITLE_BOOST = 2;
/** A Latin prefix can fan out over many chunks; past this it matches what the first chunks hold. */
const MAX_PREFIX_CHUNKS = 3;
const ALL_TERMS_BOOST = 1.5;

export function createSearchEngine(fetchJson: FetchJson) {
  let meta: Promise<{ meta: SearchMeta; starts: number[] }> | undefined;
  const chunks = new Map<number, Promise<Chunk>>();
  const fragments = new Map<number, Promise<Fragment>>();

  const load = () =>
    (meta ??= (fetchJson('meta.json') as Promise<SearchMeta>).then((m) => {
      const starts: number[] = [];
      let next = 0;
      for (const count of m.u) starts.push((next += count) - count);
      return { meta: m, starts };
    }));
  const chunk = (n: number): Promise<Chunk> => {
    let p = chunks.get(n);
    if (!p) chunks.set(n, (p = fetchJson(`c/${n}.json`) as Promise<Chunk>));
    return p;
  };
  const fragment = (unit: number): Promise<Fragment> => {
    let p = fragments.get(unit);
    if (!p) fragments.set(unit, (p = fetchJson(`f/${unit}.json`) as Promise<Fragment>));
    return p;
  };

  /** token -> packed postings, for every token a term can match. */
  async function termPostings(term: QueryTerm, bounds: string[]): Promise<Map<string, number[]>> {
    const found = new Map<string, number[]>();
    await Promise.all(
      term.tokens.map(async (token) => {
        const first = chunkIndex(bounds, token);
        const last = term.prefix ? Math.min(chunkIndex(bounds, token + '\uffff'), first + MAX_PREFIX_CHUNKS - 1) : first;
        const loaded = await Promise.all(Array.from({ length: last - first + 1 }, (_, i) => chunk(first + i)));
        for (const c of loaded) {
          for (const key in c) if (term.prefix ? key.startsWith(token) : key === token) found.set(key, c[key]);
        }
      }),
    );
    return found;
  }

  function scoreTerm(term: QueryTerm, postings: Map<string, number[]>, unitCount: number): UnitScores {
    const perToken = (list: number[], factor: number): UnitScores => {
      const idf = Math.log(1 + (unitCount - list.length + 0.5) / (list.length + 0.5));
      const scores: UnitScores = new Map();
      let unit = 0;
      for (const packed of list) {
        const weight = packed % 2 ** WEIGHT_BITS;
        unit += Math.floor(packed / 2 ** WEIGHT_BITS);
        const w = ((weight % TITLE_FLAG) / WEIGHT_STEPS) * (K1 + 1) + (weight >= TITLE_FLAG ? TITLE_BOOST * (K1 + 1) : 0);
        scores.set(unit, idf * w * factor);
      }
      return scores;
    };
    if (term.prefix) {
      // Any token with the prefix satisfies the term; an exact word counts more than a longer one.
      const best: UnitScores = new Map();
      for (const [token, list] of postings) {
        for (const [unit, score] of perToken(list, token === term.tokens[0] ? 1 : 0.7)) {
          if (score > (best.get(unit) ?? 0)) best.set(unit, score);
        }
      }
      return best;
    }
    // Every token (all bigrams of a Chinese run, all words of a phrase) in one passage.
    let combined: UnitScores | undefined;
    for (const token of term.tokens) {
      const list = postings.get(token);
      if (!list) return new Map();
      const scores = perToken(list, 1);
      if (!combined) combined = scores;
      else for (const [unit, score] of combined) {
        const other = scores.get(unit);
        if (other === undefined) combined.delete(unit);
        else combined.set(unit, score + other);
      }
    }
    return combined ?? new Map();
  }

  /** Whether a fragment really contains every Chinese run and phrase that its passage matched by tokens. */
  function verified(found: Fragment, terms: QueryTerm[], termScores: UnitScores[], unit: number): boolean {
    const text = normalizeText(`${found.t}\n${found.h}\n${found.x}`).replace(/\s+/g, ' ');
    return terms.every((term, i) => term.kind === 'word' || term.prefix || !termScores[i].has(unit) || text.includes(term.text));
  }

  async function search(query: string, shown = 8): Promise<SearchOutcome> {
    const terms = parseQuery(query);
    if (terms.length === 0) return { terms, results: [] };
    const { meta: m, starts } = await load();
    const termScores = await Promise.all(terms.map(async (term) => scoreTerm(term, await termPostings(term, m.b), m.n)));
    const docOf = (unit: number): number => upperBound(starts, unit) - 1;

    // Per term, the best passage of each post; a post must satisfy every term.
    const perTermDocs = termScores.map((scores) => {
      const best = new Map<number, [unit: number, score: number]>();
      for (const [unit, score] of scores) {
        const doc = docOf(unit);
        const current = best.get(doc);
        if (!current || score > current[1]) best.set(doc, [unit, score]);
      }
      return best;
    });
    const smallest = termScores.reduce((a, b) => (b.size < a.size ? b : a));
    const results: SearchResult[] = [];
    for (const [doc] of perTermDocs[termScores.indexOf(smallest)]) {
      if (!perTermDocs.every((docs) => docs.has(doc))) continue;
      let score = 0;
      for (const docs of perTermDocs) score += docs.get(doc)![1];
      // Without a passage holding every term, show the passage of the strongest term.
      let [unit, strongest] = perTermDocs[0].get(doc)!;
      for (const docs of perTermDocs) if (docs.get(doc)![1] > strongest) [unit, strongest] = docs.get(doc)!;
      // Prefer a passage holding every term: it is the best excerpt and a sign of a phrase.
      let together = -1;
      for (const [candidate, s] of smallest) {
        if (docOf(candidate) !== doc || !termScores.every((scores) => scores.has(candidate))) continue;
        const sum = termScores.reduce((total, scores) => total + scores.get(candidate)!, 0);
        if (sum > together) [together, unit] = [sum, candidate];
      }
      if (terms.length > 1 && together >= 0) score *= ALL_TERMS_BOOST;
      results.push({ doc, unit, score });
    }
    results.sort((a, b) => b.score - a.score || a.doc - b.doc);

    // Fetch excerpts for the results shown, dropping posts whose tokens co-occur without the words being adjacent.
    const kept: SearchResult[] = [];
    let next = 0;
    while (next < results.length && kept.length < shown) {
      const batch = results.slice(next, next + shown - kept.length);
      next += batch.length;
      const loaded = await Promise.all(batch.map((r) => fragment(r.unit)));
      batch.forEach((result, i) => {
        if (verified(loaded[i], terms, termScores, result.unit)) kept.push({ ...result, fragment: loaded[i] });
      });
    }
    return { terms, results: [...kept, ...results.slice(next)] };
  }

  return { load, search };
}

export type SearchEngine = ReturnType<typeof createSearchEngine>;
