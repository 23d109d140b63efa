/**
 * Posts matching one token or term, sorted by post: parallel typed arrays, so
 * a warm query merges arrays and allocates little, and no garbage-collection
 * pause lands in the middle of typing.
 */
export interface Hits {
  docs: ArrayLike<number>;
  scores: ArrayLike<number>;
  /** Fragment file of the post's best passage for this term. */
  groups: ArrayLike<number>;
}

export interface RankedDoc {
  doc: number;
  /** Fragment file to show. */
  group: number;
  score: number;
}

export const EMPTY: Hits = { docs: [], scores: [], groups: [] };

/** Posts in every list, scores added; use the rarest list first. */
export function intersectAll(lists: Hits[]): Hits {
  return lists.length > 0 ? merge(lists, 1) : EMPTY;
}

/** Posts in any list, each with its best score times the list's factor. `scratch` has a zero per post and is left so. */
export function unionMax(lists: { hits: Hits; factor: number }[], scratch: Float64Array): Hits {
  if (lists.length === 1 && lists[0].factor === 1) return lists[0].hits;
  const touched: number[] = [];
  for (const { hits, factor } of lists) {
    for (let k = 0; k < hits.docs.length; k++) {
      const doc = hits.docs[k];
      if (scratch[doc] === 0) touched.push(doc);
      scratch[doc] = Math.max(scratch[doc], hits.scores[k] * factor);
    }
  }
  const docs = Int32Array.from(touched).sort();
  const scores = Float64Array.from(docs, (doc) => scratch[doc]);
  // The group of the list that gave the best score.
  const groups = new Uint16Array(docs.length);
  for (const { hits, factor } of lists) {
    for (let k = 0, j = 0; k < hits.docs.length; k++) {
      while (docs[j] < hits.docs[k]) j++;
      if (hits.scores[k] * factor === scores[j]) groups[j] = hits.groups[k];
    }
  }
  for (const doc of docs) scratch[doc] = 0;
  return { docs, scores, groups };
}

/**
 * Posts that hold every term, scored by the sum of the terms' scores. When
 * every term's best passage is in the same fragment file, the terms likely
 * stand together: that post is boosted and the file is shown; otherwise the
 * strongest term's file is.
 */
export function rankDocs(termHits: Hits[], togetherBoost: number): RankedDoc[] {
  const { docs, groups, scores } = merge(termHits, togetherBoost);
  // Best score first, then post order: a numeric sort of packed keys, several times faster
  // than sorting objects with a comparator when a word is in thousands of posts.
  const keys = new Float64Array(docs.length);
  for (let i = 0; i < keys.length; i++) keys[i] = (2 ** 32 - Math.round(scores[i] * 1e6)) * 2 ** 20 + i;
  keys.sort();
  const ranked: RankedDoc[] = [];
  for (let j = 0; j < keys.length; j++) {
    const i = keys[j] % 2 ** 20;
    ranked.push({ doc: docs[i], group: groups[i], score: scores[i] });
  }
  return ranked;
}

/**
 * Posts in every list, each term's score added, and the fragment file of the strongest
 * term; boosted when every term's best passage is in one file. Plain loops over typed
 * arrays: this runs on every keystroke, over every post that holds the rarest term.
 */
function merge(termHits: Hits[], togetherBoost: number): Hits {
  const [first, ...rest] = termHits;
  const docs = new Int32Array(first.docs.length);
  const groups = new Int32Array(first.docs.length);
  const scores = new Float64Array(first.docs.length);
  const at = rest.map(() => 0);
  let count = 0;
  outer: for (let k = 0; k < first.docs.length; k++) {
    const doc = first.docs[k];
    let score = first.scores[k];
    let group = first.groups[k];
    let strongest = score;
    let together = true;
    for (let t = 0; t < rest.length; t++) {
      const list = rest[t];
      let c = at[t];
      while (c < list.docs.length && list.docs[c] < doc) c++;
      at[t] = c;
      if (list.docs[c] !== doc) continue outer;
      const s = list.scores[c];
      score += s;
      if (list.groups[c] !== first.groups[k]) together = false;
      if (s > strongest) [group, strongest] = [list.groups[c], s];
    }
    docs[count] = doc;
    groups[count] = group;
    scores[count++] = together ? score * togetherBoost : score;
  }
  return { docs: docs.subarray(0, count), groups: groups.subarray(0, count), scores: scores.subarray(0, count) };
}
