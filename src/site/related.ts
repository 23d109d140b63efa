import type { Post } from '../content/post.ts';
import { tokenize } from '../search/tokenize.ts';

export interface RelatedOptions {
  /** Most related posts listed per post (default: `5`). */
  limit?: number | null | undefined;
  /** Weight of each shared tag against the text similarity, which is between 0 and 1 (default: `0.5`). */
  tagWeight?: number | null | undefined;
  /** Distinctive terms kept per post; bounds the work on large sites (default: `48`). */
  termsPerPost?: number | null | undefined;
}

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

  const counts = posts.map((post) => termCounts(`${post.title}\n${post.title}\n${post.text}`));
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

  const postings = new Map<string, [number, number][]>();
  vectors.forEach((vector, index) => {
    for (const [term, weight] of vector) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push([index, weight]);
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

  const result = new Map<Post, Post[]>();
  posts.forEach((post, index) => {
    const scores = new Map<number, number>();
    for (const [term, weight] of vectors[index]!) {
      for (const [other, otherWeight] of postings.get(term)!) {
        if (other !== index) scores.set(other, (scores.get(other) ?? 0) + weight * otherWeight);
      }
    }
    for (const tag of new Set(post.tags.map((t) => t.toLowerCase()))) {
      for (const other of tagPosts.get(tag)!) if (other !== index) scores.set(other, (scores.get(other) ?? 0) + tagWeight);
    }
    const ranked = [...scores]
      .filter(([, score]) => score >= 0.05)
      .sort(([a, sa], [b, sb]) => sb - sa || posts[b]!.date.getTime() - posts[a]!.date.getTime() || (posts[a]!.url < posts[b]!.url ? -1 : 1))
      .slice(0, limit)
      .map(([other]) => posts[other]!);
    result.set(post, ranked);
  });
  return result;
}

function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokenize(text)) {
    // One Han character or one letter carries no topic.
    if ([...token].length < 2) continue;
    counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return counts;
}
