import { upperBound } from '../format.ts';

/**
 * Passages matching one token or term, sorted by unit id. Everything here
 * works by merging sorted arrays: a warm query allocates little, so no
 * garbage-collection pause lands in the middle of typing.
 */
export interface Hits {
  units: ArrayLike<number>;
  scores: ArrayLike<number>;
}

export interface RankedDoc {
  doc: number;
  unit: number;
  score: number;
}

const EMPTY: Hits = { units: [], scores: [] };

/** Passages in both, scores added. */
export function intersect(a: Hits, b: Hits): Hits {
  const units: number[] = [];
  const scores: number[] = [];
  for (let i = 0, j = 0; i < a.units.length && j < b.units.length; ) {
    const x = a.units[i];
    const y = b.units[j];
    if (x < y) i++;
    else if (x > y) j++;
    else {
      units.push(x);
      scores.push(a.scores[i++] + b.scores[j++]);
    }
  }
  return { units, scores };
}

export function intersectAll(lists: Hits[]): Hits {
  if (lists.length === 0) return EMPTY;
  const sorted = [...lists].sort((a, b) => a.units.length - b.units.length);
  return sorted.slice(1).reduce(intersect, sorted[0]);
}

/** Passages in any list, each with its best score times the list's factor. `scratch` is all zeros and left so. */
export function unionMax(lists: { hits: Hits; factor: number }[], scratch: Float64Array): Hits {
  if (lists.length === 1 && lists[0].factor === 1) return lists[0].hits;
  const touched: number[] = [];
  for (const { hits, factor } of lists) {
    for (let k = 0; k < hits.units.length; k++) {
      const unit = hits.units[k];
      const score = hits.scores[k] * factor;
      if (scratch[unit] === 0) touched.push(unit);
      if (score > scratch[unit]) scratch[unit] = score;
    }
  }
  const units = Int32Array.from(touched).sort();
  const scores = new Float64Array(units.length);
  units.forEach((unit, k) => {
    scores[k] = scratch[unit];
    scratch[unit] = 0;
  });
  return { units, scores };
}

/** The best passage of each post: parallel arrays sorted by post. */
function bestPerDoc(hits: Hits, starts: readonly number[]): { docs: number[]; units: number[]; scores: number[] } {
  const docs: number[] = [];
  const units: number[] = [];
  const scores: number[] = [];
  let doc = -1;
  let nextStart = 0;
  for (let k = 0; k < hits.units.length; k++) {
    const unit = hits.units[k];
    const score = hits.scores[k];
    if (unit >= nextStart) {
      doc = upperBound(starts, unit) - 1;
      nextStart = doc + 1 < starts.length ? starts[doc + 1] : Infinity;
      docs.push(doc);
      units.push(unit);
      scores.push(score);
    } else if (score > scores[scores.length - 1]) {
      units[units.length - 1] = unit;
      scores[scores.length - 1] = score;
    }
  }
  return { docs, units, scores };
}

/**
 * Posts that satisfy every term (each term somewhere in the post), scored by
 * the sum of each term's best passage. A passage holding every term is shown
 * and boosted: the terms stand together there.
 */
export function rankDocs(termHits: Hits[], starts: readonly number[], togetherBoost: number): RankedDoc[] {
  const perTerm = termHits.map((hits) => bestPerDoc(hits, starts));
  const together = bestPerDoc(termHits.length > 1 ? intersectAll(termHits) : termHits[0], starts);
  const cursors = perTerm.map(() => 0);
  let jointCursor = 0;
  const ranked: RankedDoc[] = [];
  const first = perTerm[0];
  outer: for (let k = 0; k < first.docs.length; k++) {
    const doc = first.docs[k];
    let score = first.scores[k];
    let unit = first.units[k];
    let strongest = score;
    for (let t = 1; t < perTerm.length; t++) {
      const list = perTerm[t];
      while (cursors[t] < list.docs.length && list.docs[cursors[t]] < doc) cursors[t]++;
      if (list.docs[cursors[t]] !== doc) continue outer;
      const s = list.scores[cursors[t]];
      score += s;
      if (s > strongest) [unit, strongest] = [list.units[cursors[t]], s];
    }
    while (jointCursor < together.docs.length && together.docs[jointCursor] < doc) jointCursor++;
    if (together.docs[jointCursor] === doc) {
      unit = together.units[jointCursor];
      if (termHits.length > 1) score *= togetherBoost;
    }
    ranked.push({ doc, unit, score });
  }
  return ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
}
