import { tokenize } from '../search/tokenize.ts';
import { DEFAULT_TERMS_PER_POST, isTopicTerm, rankAll, relatedText, strongestTerms, termWeight, type RankInputs, type RelatedOptions, type RelatedSource } from './related.ts';

/**
 * Each post's related posts, as indexes into `posts`: the lists `relatedPosts` gives, for a build's
 * related-posts thread, which keeps nothing for a next run. `relatedPosts` keeps a Map of term counts
 * per post, every post's at once, each with its own copy of each term: at 4000 posts the thread grew
 * by ~230 MB. Here each term is kept once, and a post's counts are two typed arrays of term numbers
 * and counts, used only to find each post's strongest terms; the ranking is `relatedPosts`' own.
 */
export function relatedIndexes(posts: readonly RelatedSource[], options: Pick<RelatedOptions, 'limit' | 'tagWeight' | 'termsPerPost'> = {}): number[][] {
  return rankRelated(relatedVectors(posts, options.termsPerPost ?? DEFAULT_TERMS_PER_POST), posts, options);
}

/** Each post's strongest terms: all `relatedIndexes` reads of the text, and most of its work (tokenizing every post). */
export type RelatedVectors = RankInputs['vectors'];

/** The posts' vectors, from their titles and text alone: worked out before the taxonomy has given the posts their tags. */
export function relatedVectors(posts: readonly Pick<RelatedSource, 'title' | 'text'>[], termsPerPost = DEFAULT_TERMS_PER_POST): RelatedVectors {
  const numbers = new Map<string, number>();
  const terms: string[] = [];
  let documentFrequency = new Int32Array(1 << 16);
  const postTerms: Int32Array[] = [];
  const postCounts: Int32Array[] = [];
  const counted = new Map<number, number>();
  for (const post of posts) {
    counted.clear();
    for (const token of tokenize(relatedText(post))) {
      if (!isTopicTerm(token)) continue;
      let number = numbers.get(token);
      if (number === undefined) {
        number = terms.push(token) - 1;
        numbers.set(token, number);
      }
      counted.set(number, (counted.get(number) ?? 0) + 1);
    }
    if (terms.length > documentFrequency.length) {
      const grown = new Int32Array(Math.max(terms.length, documentFrequency.length * 2));
      grown.set(documentFrequency);
      documentFrequency = grown;
    }
    const ids = new Int32Array(counted.size);
    const counts = new Int32Array(counted.size);
    let at = 0;
    for (const [number, count] of counted) {
      ids[at] = number;
      counts[at++] = count;
      documentFrequency[number]! += 1;
    }
    postTerms.push(ids);
    postCounts.push(counts);
  }
  return postTerms.map((ids, index) => {
    const counts = postCounts[index]!;
    const weighted: [string, number][] = [];
    for (let at = 0; at < ids.length; at++) {
      const weight = termWeight(counts[at]!, documentFrequency[ids[at]!]!, posts.length);
      if (weight !== null) weighted.push([terms[ids[at]!]!, weight]);
    }
    return strongestTerms(weighted, termsPerPost);
  });
}

/** `relatedIndexes` from the posts' vectors (`relatedVectors` of the same posts, in the same order). */
export function rankRelated(
  vectors: RelatedVectors,
  posts: readonly Pick<RelatedSource, 'file' | 'tags' | 'date' | 'url'>[],
  options: Pick<RelatedOptions, 'limit' | 'tagWeight'> = {},
): number[][] {
  return rankAll({
    limit: options.limit ?? 5,
    tagWeight: options.tagWeight ?? 0.5,
    files: posts.map((post) => post.file),
    tags: posts.map((post) => new Set(post.tags.map((t) => t.toLowerCase()))),
    dates: posts.map((post) => post.date.getTime()),
    urls: posts.map((post) => post.url),
    vectors,
  }).best;
}
