/**
 * Posts matching one token or term, sorted by post: parallel typed arrays, so
 * a warm query merges arrays and allocates little, and no garbage-collection
 * pause lands in the middle of typing.
 */
export interface Hits {
  docs: ArrayLike<number>;
  /**
   * Whole numbers (BM25 times `SCORE_SCALE`): the browser runs a query's first loops before
   * it compiles them, and there every fractional number is an allocation while a small
   * integer is not; ranking also counts posts per score, which a Map does fast on integers.
   */
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

/** Score units per unit of BM25 weight: fine enough that rounding ties nothing that matters. */
export const SCORE_SCALE = 1e5;

export const EMPTY: Hits = { docs: [], scores: [], groups: [] };

/** Posts in every list, scores added; use the rarest list first. */
export function intersectAll(lists: Hits[]): Hits {
  return lists.length > 1 ? merge(lists, false) : (lists[0] ?? EMPTY);
}

/**
 * Posts in any list, each with its best score times the list's factor and the group of the
 * list that gave it. `posts` is the number of posts in the index.
 */
export function unionMax(lists: { hits: Hits; factor: number }[], posts: number): Hits {
  if (lists.length === 1 && lists[0].factor === 1) return lists[0].hits;
  const touched: number[] = [];
  const scores = new Int32Array(posts);
  const groups = new Int32Array(posts);
  for (const { hits, factor } of lists) {
    for (let k = 0; k < hits.docs.length; k++) {
      const doc = hits.docs[k];
      const score = Math.round(hits.scores[k] * factor);
      if (scores[doc] === 0) touched.push(doc);
      if (score >= scores[doc]) {
        scores[doc] = score;
        groups[doc] = hits.groups[k];
      }
    }
  }
  const docs = Int32Array.from(touched).sort();
  return { docs, scores: Int32Array.from(docs, (doc) => scores[doc]), groups: Int32Array.from(docs, (doc) => groups[doc]) };
}

/**
 * Posts that hold every term, scored by the sum of the terms' scores. When
 * every term's best passage is in the same fragment file, the terms likely
 * stand together: with `boostTogether`, that post's score counts half again, and
 * the file is shown; otherwise the strongest term's file is.
 */
export function rankDocs(termHits: Hits[], boostTogether: boolean): RankedDoc[] {
  const { docs, groups, scores } = termHits.length === 1 && !boostTogether ? termHits[0] : merge(termHits, boostTogether);
  const order = rankOrder(scores);
  const ranked: RankedDoc[] = new Array(order.length);
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    ranked[j] = { doc: docs[i], group: groups[i], score: scores[i] };
  }
  return ranked;
}

/**
 * Indexes of `scores`, best score first, then the newest post first (the highest number: posts are numbered oldest first). Weights are quantized to a
 * few steps, so a query's scores take few distinct values (8 per term): counting posts per
 * value and placing them is several times faster than sorting, and this runs on every
 * keystroke over every post that holds the terms (most of them, for a common word).
 */
function rankOrder(scores: ArrayLike<number>): Int32Array {
  const n = scores.length;
  const buckets = new Map<number, number>();
  const bucket = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let b = buckets.get(scores[i]);
    if (b === undefined) buckets.set(scores[i], (b = buckets.size));
    bucket[i] = b;
  }
  const counts = new Int32Array(buckets.size);
  for (let i = 0; i < n; i++) counts[bucket[i]]++;
  // Where each bucket starts in the order, the best score's first.
  const start = new Int32Array(buckets.size);
  let at = 0;
  for (const [, b] of [...buckets].sort((x, y) => y[0] - x[0])) {
    start[b] = at;
    at += counts[b];
  }
  const order = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) order[start[bucket[i]]++] = i;
  return order;
}

/**
 * Posts in every list, each term's score added, and the fragment file of the strongest
 * term; boosted when every term's best passage is in one file. Plain loops over typed
 * arrays: this runs on every keystroke, over every post that holds the rarest term.
 */
function merge(termHits: Hits[], boostTogether: boolean): Hits {
  const [first, ...rest] = termHits;
  const n = first.docs.length;
  const docs = new Int32Array(n);
  const groups = new Int32Array(n);
  const scores = new Int32Array(n);
  const at = new Int32Array(rest.length);
  let count = 0;
  outer: for (let k = 0; k < n; k++) {
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
      if (list.groups[c] !== group) together = false;
      if (s > strongest) {
        group = list.groups[c];
        strongest = s;
      }
    }
    docs[count] = doc;
    groups[count] = group;
    scores[count++] = together && boostTogether ? score + (score >> 1) : score;
  }
  return { docs: docs.subarray(0, count), groups: groups.subarray(0, count), scores: scores.subarray(0, count) };
}
