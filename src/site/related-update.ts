import { MIN_SCORE, pickBest, scorer, termVector, type RelatedRun } from './related.ts';

/**
 * `next`'s related lists worked out from `last` when only the text of a few posts changed (the
 * edits of a `serve` session), with the same result as a run from nothing; null when the change is
 * of another kind (posts added, removed, reordered, retagged, redated, moved) and the caller runs
 * from nothing. `next` holds the inputs; its work is filled in here, sharing `last`'s where equal.
 *
 * A post's list depends on the vectors of all posts; a vector on its counts and on the document
 * frequency of its terms. So: the frequencies are updated by the edited posts' counts, vectors
 * worked out again for posts that count a term whose frequency moved, and only posts whose vector
 * changed (V) move scores: a post's score with a post outside V is what it was. A post in V, or
 * whose list held one, is ranked again against all; another post that shares a term with one in V
 * merges its old list with its new scores against V; every other list is kept.
 */
export function updateRelated(last: RelatedRun, next: RelatedRun): RelatedRun | null {
  const count = next.counts.length;
  if (last.counts.length !== count || last.limit !== next.limit || last.tagWeight !== next.tagWeight || last.termsPerPost !== next.termsPerPost) return null;
  const edited: number[] = [];
  for (let index = 0; index < count; index++) {
    if (
      last.files[index] !== next.files[index] ||
      last.dates[index] !== next.dates[index] ||
      last.urls[index] !== next.urls[index] ||
      !sameTags(last.tags[index]!, next.tags[index]!)
    ) {
      return null;
    }
    if (last.counts[index] !== next.counts[index]) edited.push(index);
  }
  // Shared with `last` until something differs; `last` is not used again.
  next.tags = last.tags;
  next.tagPosts = last.tagPosts;
  next.documentFrequency = last.documentFrequency;
  next.vectors = last.vectors;
  next.postings = last.postings;
  next.best = last.best;
  next.scores = last.scores;
  if (edited.length === 0) return next;

  const documentFrequency = new Map(last.documentFrequency);
  const moved = new Set<string>();
  const shift = (terms: Map<string, number>, by: number) => {
    for (const term of terms.keys()) {
      const df = (documentFrequency.get(term) ?? 0) + by;
      if (df === 0) documentFrequency.delete(term);
      else documentFrequency.set(term, df);
      moved.add(term);
    }
  };
  for (const index of edited) {
    shift(last.counts[index]!, -1);
    shift(next.counts[index]!, 1);
  }
  for (const term of [...moved]) if (documentFrequency.get(term) === last.documentFrequency.get(term)) moved.delete(term);
  next.documentFrequency = documentFrequency;

  const changed = new Map<number, Map<string, number>>();
  const editedSet = new Set(edited);
  for (let index = 0; index < count; index++) {
    const counts = next.counts[index]!;
    if (!editedSet.has(index) && !countsAny(counts, moved)) continue;
    const vector = termVector(counts, documentFrequency, count, next.termsPerPost);
    if (!sameVector(vector, last.vectors[index]!)) changed.set(index, vector);
  }
  if (changed.size === 0) return next;
  // Past this, nearly every list is ranked again anyway: a run from nothing is simpler and as fast.
  if (changed.size > count / 8) return null;

  // Posts that share a term with a changed vector, before or after.
  const near = new Set<number>();
  for (const [index, vector] of changed) {
    for (const term of [...last.vectors[index]!.keys(), ...vector.keys()]) for (const other of last.postings.get(term)?.posts ?? []) near.add(other);
  }
  next.vectors = [...last.vectors];
  next.postings = new Map(last.postings);
  for (const [index, vector] of changed) {
    for (const term of last.vectors[index]!.keys()) withoutPost(next.postings, term, index);
    for (const [term, weight] of vector) withPost(next.postings, term, index, weight);
    next.vectors[index] = vector;
  }
  for (const [index, vector] of changed) for (const term of vector.keys()) for (const other of next.postings.get(term)!.posts) near.add(other);

  next.best = [...last.best];
  next.scores = [...last.scores];
  const rank = scorer(next);
  for (const index of near) {
    if (changed.has(index) || last.best[index]!.some((other) => changed.has(other))) {
      const { best, scores } = rank(index);
      next.best[index] = best;
      next.scores[index] = scores;
      continue;
    }
    // Scores with posts outside V stand; the old list was the best of them.
    const scoreOf = new Map(last.best[index]!.map((other, at) => [other, last.scores[index]![at]!]));
    for (const other of changed.keys()) {
      const score = scoreWith(next, index, other);
      if (score >= MIN_SCORE) scoreOf.set(other, score);
    }
    const best = pickBest(next, [...scoreOf.keys()], (other) => scoreOf.get(other)!);
    next.best[index] = best;
    next.scores[index] = best.map((other) => scoreOf.get(other)!);
  }
  return next;
}

/** What `scorer` adds up for `other` when ranking for `index`, in the same order (so the same float). */
function scoreWith(run: RelatedRun, index: number, other: number): number {
  let score = 0;
  const theirs = run.vectors[other]!;
  for (const [term, weight] of run.vectors[index]!) {
    const their = theirs.get(term);
    if (their !== undefined) score += weight * their;
  }
  const tags = run.tags[other]!;
  for (const tag of run.tags[index]!) if (tags.has(tag)) score += run.tagWeight;
  return score;
}

function withoutPost(postings: RelatedRun['postings'], term: string, index: number): void {
  const list = postings.get(term)!;
  const at = list.posts.indexOf(index);
  const posts = [...list.posts];
  const weights = [...list.weights];
  posts.splice(at, 1);
  weights.splice(at, 1);
  if (posts.length === 0) postings.delete(term);
  else postings.set(term, { posts, weights });
}

/** Keeps each list in post order, as a run from nothing makes it. */
function withPost(postings: RelatedRun['postings'], term: string, index: number, weight: number): void {
  const list = postings.get(term) ?? { posts: [], weights: [] };
  let at = list.posts.length;
  while (at > 0 && list.posts[at - 1]! > index) at--;
  const posts = [...list.posts];
  const weights = [...list.weights];
  posts.splice(at, 0, index);
  weights.splice(at, 0, weight);
  postings.set(term, { posts, weights });
}

function countsAny(counts: Map<string, number>, terms: Set<string>): boolean {
  if (terms.size === 0) return false;
  if (terms.size < counts.size) {
    for (const term of terms) if (counts.has(term)) return true;
    return false;
  }
  for (const term of counts.keys()) if (terms.has(term)) return true;
  return false;
}

function sameVector(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  const theirs = b.entries();
  for (const [term, weight] of a) {
    const [other, otherWeight] = theirs.next().value as [string, number];
    if (term !== other || weight !== otherWeight) return false;
  }
  return true;
}

function sameTags(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  const theirs = [...b];
  let at = 0;
  for (const tag of a) if (tag !== theirs[at++]) return false;
  return true;
}
