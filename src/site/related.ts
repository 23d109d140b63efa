import type { Post } from '../content/post.ts';
import { tokenize } from '../search/tokenize.ts';

export interface RelatedOptions {
  /** Most related posts listed per post (default: `5`). */
  limit?: number | null | undefined;
  /** Weight of each shared tag against the text similarity, which is between 0 and 1 (default: `0.5`). */
  tagWeight?: number | null | undefined;
  /** Distinctive terms kept per post; bounds the work on large sites (default: `48`). */
  termsPerPost?: number | null | undefined;
  /** Term counts of each post kept from earlier runs, owned by a BuildContext (default: none). */
  cache?: RelatedCache | null | undefined;
}

/**
 * Each post's term counts by file, with the title and text they were counted from: `serve`
 * works out related posts again after every edit, and only the edited post's text changed.
 */
export type RelatedCache = Map<string, { title: string; text: string; counts: Map<string, number> }>;

/**
 * Related posts for every post, from shared tags and the text itself: TF-IDF over the search
 * tokenizer's terms (Han character bigrams, Latin words), so Chinese and English posts both match.
 * Only each post's most distinctive terms are compared, through an inverted index, so the cost grows
 * with the posts that share a term, not with every pair. Ties go to the newer post, then the URL,
 * so the lists are the same on every build.
 */
export function relatedPosts(posts: readonly Post[], options: RelatedOptions = {}): Map<Post, Post[]> {
  const limit = options.limit ?? 5;
  const tagWeight = options.tagWeight ?? 0.5;
  const termsPerPost = options.termsPerPost ?? 48;

  const cache = options.cache ?? null;
  const counts = posts.map((post) => {
    const cached = cache?.get(post.file);
    if (cached && cached.title === post.title && cached.text === post.text) return cached.counts;
    const counted = termCounts(`${post.title}\n${post.title}\n${post.text}`);
    cache?.set(post.file, { title: post.title, text: post.text, counts: counted });
    return counted;
  });
  if (cache && cache.size > posts.length) {
    const files = new Set(posts.map((post) => post.file));
    for (const file of cache.keys()) if (!files.has(file)) cache.delete(file);
  }
  const documentFrequency = new Map<string, number>();
  for (const terms of counts) for (const term of terms.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);

  // Unit-length vectors of each post's strongest terms.
  const vectors = counts.map((terms) => {
    const weighted: [string, number][] = [];
    for (const [term, count] of terms) {
      const df = documentFrequency.get(term)!;
      // A term in a single post links it to nothing; one in nearly all of them says nothing.
      if (df < 2 || df > posts.length * 0.5) continue;
      weighted.push([term, (1 + Math.log(count)) * Math.log(posts.length / df)]);
    }
    weighted.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const kept = weighted.slice(0, termsPerPost);
    const norm = Math.hypot(...kept.map(([, w]) => w)) || 1;
    return new Map(kept.map(([term, w]) => [term, w / norm]));
  });

  // Each term's posts and weights side by side (flat arrays: the inner loop below runs millions of times).
  const postings = new Map<string, { posts: number[]; weights: number[] }>();
  vectors.forEach((vector, index) => {
    for (const [term, weight] of vector) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = { posts: [], weights: [] }));
      list.posts.push(index);
      list.weights.push(weight);
    }
  });
  const tagPosts = new Map<string, number[]>();
  posts.forEach((post, index) => {
    for (const tag of new Set(post.tags.map((t) => t.toLowerCase()))) {
      let list = tagPosts.get(tag);
      if (!list) tagPosts.set(tag, (list = []));
      list.push(index);
    }
  });

  // Scores in one array, reset after each post, and the best few picked in one pass: a map per
  // post and a sort of every candidate cost seconds at a thousand posts, where most posts share
  // some term with most others. The sums are added in the same order, so the lists are the same.
  const scores = new Float64Array(posts.length);
  const seen = new Uint8Array(posts.length);
  const touched: number[] = [];
  const add = (other: number, value: number) => {
    if (seen[other] === 0) {
      seen[other] = 1;
      touched.push(other);
    }
    scores[other] += value;
  };
  // Higher score first, then the newer post, then the URL: the order a full sort would give.
  const before = (a: number, b: number): boolean => {
    if (scores[a] !== scores[b]) return scores[a]! > scores[b]!;
    const dates = posts[a]!.date.getTime() - posts[b]!.date.getTime();
    if (dates !== 0) return dates > 0;
    return posts[a]!.url < posts[b]!.url;
  };
  const result = new Map<Post, Post[]>();
  posts.forEach((post, index) => {
    for (const [term, weight] of vectors[index]!) {
      const list = postings.get(term)!;
      for (let at = 0; at < list.posts.length; at++) {
        const other = list.posts[at]!;
        if (other !== index) add(other, weight * list.weights[at]!);
      }
    }
    for (const tag of new Set(post.tags.map((t) => t.toLowerCase()))) {
      for (const other of tagPosts.get(tag)!) if (other !== index) add(other, tagWeight);
    }
    const best: number[] = [];
    for (const other of touched) {
      if (!(scores[other]! >= 0.05)) continue;
      if (best.length === limit && !before(other, best[limit - 1]!)) continue;
      let at = Math.min(best.length, limit - 1);
      while (at > 0 && before(other, best[at - 1]!)) at--;
      best.splice(at, 0, other);
      if (best.length > limit) best.pop();
    }
    result.set(post, best.map((other) => posts[other]!));
    for (const other of touched) {
      scores[other] = 0;
      seen[other] = 0;
    }
    touched.length = 0;
  });
  return result;
}

function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokenize(text)) {
    // One Han character or one letter carries no topic.
    if (token.length < 2 || (token.length === 2 && isSurrogatePair(token))) continue;
    counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return counts;
}

/** One character outside the Basic Multilingual Plane, written as two UTF-16 units. */
function isSurrogatePair(text: string): boolean {
  const first = text.charCodeAt(0);
  const second = text.charCodeAt(1);
  return first >= 0xd800 && first <= 0xdbff && second >= 0xdc00 && second <= 0xdfff;
}
