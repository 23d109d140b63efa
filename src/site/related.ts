import type { Post } from '../content/post.ts';
import { tokenize } from '../search/tokenize.ts';
import { updateRelated } from './related-update.ts';

/** Distinctive terms kept per post unless told otherwise (RelatedOptions' `termsPerPost`). */
export const DEFAULT_TERMS_PER_POST = 48;

export interface RelatedOptions {
  /** Most related posts listed per post (default: `5`). */
  limit?: number | null | undefined;
  /** Weight of each shared tag against the text similarity, which is between 0 and 1 (default: `0.5`). */
  tagWeight?: number | null | undefined;
  /** Distinctive terms kept per post; bounds the work on large sites (default: `48`). */
  termsPerPost?: number | null | undefined;
  /** Term counts of each post and the last run, kept from earlier runs, owned by a BuildContext (default: none). */
  cache?: RelatedCache | null | undefined;
}

/**
 * Each post's term counts by file, with the title and text they were counted from: `serve`
 * works out related posts again after every edit, and only the edited post's text changed.
 * `last` is the previous run's work, from which an edit of a few posts is worked out (related-update.ts).
 */
export type RelatedCache = Map<string, { title: string; text: string; counts: Map<string, number> }> & { last?: RelatedRun | undefined };

/** What related posts are worked out from: a Post, or its copy in a thread (related-thread.ts). */
export type RelatedSource = Pick<Post, 'file' | 'title' | 'text' | 'tags' | 'date' | 'url'>;

/** One run's inputs and work, by post index (posts in the order given). */
export interface RelatedRun {
  limit: number;
  tagWeight: number;
  termsPerPost: number;
  files: string[];
  /** Each post's term counts (the cache's maps: an unchanged post has the same map). */
  counts: Map<string, number>[];
  /** Each post's lower-cased tags, without repeats. */
  tags: Set<string>[];
  dates: number[];
  urls: string[];
  /** Posts counting each term. */
  documentFrequency: Map<string, number>;
  /** Unit-length vectors of each post's strongest terms. */
  vectors: Map<string, number>[];
  /** Each term's posts (ascending) and their weights, side by side. */
  postings: Map<string, { posts: number[]; weights: number[] }>;
  tagPosts: Map<string, number[]>;
  /** Each post's related posts, most related first, and their scores. */
  best: number[][];
  scores: number[][];
}

/**
 * Related posts for every post, from shared tags and the text itself: TF-IDF over the search
 * tokenizer's terms (Han character bigrams, Latin words), so Chinese and English posts both match.
 * Only each post's most distinctive terms are compared, through an inverted index, so the cost grows
 * with the posts that share a term, not with every pair. Ties go to the newer post, then the URL,
 * so the lists are the same on every build. With a cache that holds the last run, an edit works out
 * only the lists it can change, with the same result.
 */
export function relatedPosts<P extends RelatedSource>(posts: readonly P[], options: RelatedOptions = {}): Map<P, P[]> {
  const cache = options.cache ?? null;
  const counts = posts.map((post) => {
    const cached = cache?.get(post.file);
    if (cached && cached.title === post.title && cached.text === post.text) return cached.counts;
    const counted = termCounts(relatedText(post));
    cache?.set(post.file, { title: post.title, text: post.text, counts: counted });
    return counted;
  });
  if (cache && cache.size > posts.length) {
    const files = new Set(posts.map((post) => post.file));
    for (const file of cache.keys()) if (!files.has(file)) cache.delete(file);
  }
  // The inputs; the rest is filled in by relatedRun or updateRelated.
  const inputs: RelatedRun = {
    limit: options.limit ?? 5,
    tagWeight: options.tagWeight ?? 0.5,
    termsPerPost: options.termsPerPost ?? DEFAULT_TERMS_PER_POST,
    files: posts.map((post) => post.file),
    counts,
    tags: posts.map((post) => new Set(post.tags.map((t) => t.toLowerCase()))),
    dates: posts.map((post) => post.date.getTime()),
    urls: posts.map((post) => post.url),
    documentFrequency: new Map(),
    vectors: [],
    postings: new Map(),
    tagPosts: new Map(),
    best: [],
    scores: [],
  };
  const run = (cache?.last && updateRelated(cache.last, inputs)) || relatedRun(inputs);
  if (cache) cache.last = run;
  return new Map(posts.map((post, index) => [post, run.best[index]!.map((other) => posts[other]!)]));
}

/** Works out `run`'s document frequencies, vectors, postings and lists from its inputs alone. */
function relatedRun(inputs: RelatedRun): RelatedRun {
  const documentFrequency = new Map<string, number>();
  for (const terms of inputs.counts) for (const term of terms.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const vectors = inputs.counts.map((terms) => termVector(terms, documentFrequency, inputs.counts.length, inputs.termsPerPost));
  return { ...inputs, documentFrequency, vectors, ...rankAll({ ...inputs, vectors }) };
}

/** What ranking reads of a run: each post's vector, tags, date and URL, and the run's settings. */
export type RankInputs = Pick<RelatedRun, 'limit' | 'tagWeight' | 'files' | 'tags' | 'dates' | 'urls' | 'vectors'>;

/** Every post's related list, and the postings it was worked out through, from the posts' vectors. */
export function rankAll(inputs: RankInputs): Pick<RelatedRun, 'postings' | 'tagPosts' | 'best' | 'scores'> {
  const run = { ...inputs, postings: new Map() as RelatedRun['postings'], tagPosts: new Map<string, number[]>(), best: [] as number[][], scores: [] as number[][] };
  const { postings, tagPosts } = run;
  run.vectors.forEach((vector, index) => {
    for (const [term, weight] of vector) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = { posts: [], weights: [] }));
      list.posts.push(index);
      list.weights.push(weight);
    }
  });
  run.tags.forEach((tags, index) => {
    for (const tag of tags) {
      let list = tagPosts.get(tag);
      if (!list) tagPosts.set(tag, (list = []));
      list.push(index);
    }
  });
  const score = scorer(run);
  for (let index = 0; index < run.files.length; index++) {
    const { best, scores } = score(index);
    run.best.push(best);
    run.scores.push(scores);
  }
  return { postings, tagPosts, best: run.best, scores: run.scores };
}

/** Below this score a post is not related, whatever else there is. */
export const MIN_SCORE = 0.05;

/** Unit-length vector of a post's strongest terms. */
export function termVector(terms: Map<string, number>, documentFrequency: Map<string, number>, postCount: number, termsPerPost: number): Map<string, number> {
  const weighted: [string, number][] = [];
  for (const [term, count] of terms) {
    const weight = termWeight(count, documentFrequency.get(term)!, postCount);
    if (weight !== null) weighted.push([term, weight]);
  }
  return strongestTerms(weighted, termsPerPost);
}

/** A term's TF-IDF weight in one post, or null when it is no use for telling posts apart. */
export function termWeight(count: number, documentFrequency: number, postCount: number): number | null {
  // A term in a single post links it to nothing; one in nearly all of them says nothing.
  if (documentFrequency < 2 || documentFrequency > postCount * 0.5) return null;
  return (1 + Math.log(count)) * Math.log(postCount / documentFrequency);
}

/** The unit-length vector of the `termsPerPost` heaviest of a post's weighted terms (sorts `weighted`). */
export function strongestTerms(weighted: [string, number][], termsPerPost: number): Map<string, number> {
  weighted.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = weighted.slice(0, termsPerPost);
  const norm = Math.hypot(...kept.map(([, w]) => w)) || 1;
  return new Map(kept.map(([term, w]) => [term, w / norm]));
}

/** Higher score first, then the newer post, then the URL: the order a full sort would give. */
export function ranksBefore(run: Pick<RelatedRun, 'dates' | 'urls'>, a: number, scoreA: number, b: number, scoreB: number): boolean {
  if (scoreA !== scoreB) return scoreA > scoreB;
  const dates = run.dates[a]! - run.dates[b]!;
  if (dates !== 0) return dates > 0;
  return run.urls[a]! < run.urls[b]!;
}

/**
 * The related list of one post against all others, through `run`'s postings. Scores live in one
 * array, reset after each post, and the best few are picked in one pass: a map per post and a sort
 * of every candidate cost seconds at a thousand posts, where most posts share some term with most
 * others. A post's score with another adds the products term by term in the post's vector order,
 * then the shared tags, whatever order the postings list them in.
 */
export function scorer(run: RankInputs & Pick<RelatedRun, 'postings' | 'tagPosts'>): (index: number) => { best: number[]; scores: number[] } {
  const count = run.files.length;
  const scores = new Float64Array(count);
  const seen = new Uint8Array(count);
  const touched: number[] = [];
  const add = (other: number, value: number) => {
    if (seen[other] === 0) {
      seen[other] = 1;
      touched.push(other);
    }
    scores[other] += value;
  };
  return (index) => {
    for (const [term, weight] of run.vectors[index]!) {
      const list = run.postings.get(term)!;
      for (let at = 0; at < list.posts.length; at++) {
        const other = list.posts[at]!;
        if (other !== index) add(other, weight * list.weights[at]!);
      }
    }
    for (const tag of run.tags[index]!) {
      for (const other of run.tagPosts.get(tag)!) if (other !== index) add(other, run.tagWeight);
    }
    const best = pickBest(run, touched.filter((other) => scores[other]! >= MIN_SCORE), (other) => scores[other]!);
    const bestScores = best.map((other) => scores[other]!);
    for (const other of touched) {
      scores[other] = 0;
      seen[other] = 0;
    }
    touched.length = 0;
    return { best, scores: bestScores };
  };
}

/** The `run.limit` best of `candidates` in rank order. */
export function pickBest(run: Pick<RelatedRun, 'limit' | 'dates' | 'urls'>, candidates: number[], scoreOf: (other: number) => number): number[] {
  const limit = run.limit;
  const best: number[] = [];
  for (const other of candidates) {
    const score = scoreOf(other);
    if (best.length === limit && !ranksBefore(run, other, score, best[limit - 1]!, scoreOf(best[limit - 1]!))) continue;
    let at = Math.min(best.length, limit - 1);
    while (at > 0 && ranksBefore(run, other, score, best[at - 1]!, scoreOf(best[at - 1]!))) at--;
    best.splice(at, 0, other);
    if (best.length > limit) best.pop();
  }
  return best;
}

function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokenize(text)) if (isTopicTerm(token)) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/** What related posts are compared by: the search tokenizer's terms of a post's title (twice) and text. */
export function relatedText(post: Pick<RelatedSource, 'title' | 'text'>): string {
  return `${post.title}\n${post.title}\n${post.text}`;
}

/** Whether a token of `tokenize` can carry a topic: one Han character or one letter carries none. */
export function isTopicTerm(token: string): boolean {
  return !(token.length < 2 || (token.length === 2 && isSurrogatePair(token)));
}

/** One character outside the Basic Multilingual Plane, written as two UTF-16 units. */
function isSurrogatePair(text: string): boolean {
  const first = text.charCodeAt(0);
  const second = text.charCodeAt(1);
  return first >= 0xd800 && first <= 0xdbff && second >= 0xdc00 && second <= 0xdfff;
}
