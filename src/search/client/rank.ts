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

/** Calls `found` for every post in all lists, with each list's index of it. */
function join(lists: Hits[], found: (doc: number, at: number[]) => void): void {
  const at = lists.map(() => 0);
  const [first, ...rest] = lists;
  outer: for (let k = 0; k < first.docs.length; k++) {
    const doc = first.docs[k];
    at[0] = k;
    for (let t = 1; t < lists.length; t++) {
      const list = rest[t - 1];
      while (at[t] < list.docs.length && list.docs[at[t]] < doc) at[t]++;
      if (list.docs[at[t]] !== doc) continue outer;
    }
    found(doc, at);
  }
}

/** Posts in every list, scores added; the group is the first list's (put the rarest token first). */
export function intersectAll(lists: Hits[]): Hits {
  if (lists.length < 2) return lists[0] ?? EMPTY;
  const docs: number[] = [];
  const scores: number[] = [];
  const groups: number[] = [];
  join(lists, (doc, at) => {
    docs.push(doc);
    scores.push(lists.reduce((sum, list, t) => sum + list.scores[at[t]], 0));
    groups.push(lists[0].groups[at[0]]);
  });
  return { docs, scores, groups };
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
  const ranked: RankedDoc[] = [];
  join(termHits, (doc, at) => {
    let score = 0;
    let strongest = -1;
    let group = 0;
    let together = true;
    termHits.forEach((list, t) => {
      const s = list.scores[at[t]];
      score += s;
      if (list.groups[at[t]] !== termHits[0].groups[at[0]]) together = false;
      if (s > strongest) [group, strongest] = [list.groups[at[t]], s];
    });
    ranked.push({ doc, group, score: together ? score * togetherBoost : score });
  });
  // Best score first, then post order: a numeric sort of packed keys, several times faster
  // than sorting objects with a comparator when a word is in thousands of posts.
  const keys = Float64Array.from(ranked, (r, i) => (2 ** 32 - Math.round(r.score * 1e6)) * 2 ** 20 + i);
  return Array.from(keys.sort(), (key) => ranked[key % 2 ** 20]);
}
