import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Lets V8's old generation grow only `percent` % past what the last full collection left alive,
 * for the rest of the process. V8 otherwise sizes the next limit by how cheap collecting looked
 * (up to 4x the live heap when memory is plentiful): while Eleventy writes the pages, whose
 * garbage outlives the young generation, the main thread's heap grew from ~100 to ~300 MB at
 * 1000 posts over a live set that stayed near 100 MB.
 *
 * Process-wide (every thread's heap), and read by V8 each time it sets a new limit: this thread's
 * heap is collected at once so that its limit counts from now (see collectNow). Set from the start of a build, the render threads (bounded
 * anyway, see render-pool.ts) collected more often: 1000 posts took ~7 % more CPU. So it is set
 * once they are closed: in `weeklog build`, and in `serve` once its first build's posts are
 * rendered (see full-build.ts for what it costs and saves there).
 */
export function limitHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 1) throw new RangeError(`limitHeapGrowth needs a whole number of percent above 0, not ${percent}.`);
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  collectNow();
}

/**
 * A full collection of this thread's heap now, so its next limit counts from what is alive now
 * and what just became garbage gives its memory back (the search index's int slabs, ~130 MB at
 * 4000 posts, are not heap: V8 frees them only when it collects the objects that hold them).
 * Otherwise the limit set by the last collection while the posts rendered (V8's own sizing) held
 * until the page phase: at 4000 posts ~170 MB of garbage from loading the site and starting
 * Eleventy piled up over ~250 MB alive, while the search index and related posts took their own.
 * Node gives `gc` only to contexts made after `--expose-gc` is set.
 */
export function collectNow(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
