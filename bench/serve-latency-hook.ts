/**
 * The one-post edit latency of `weeklog serve` for the bench table, measured by
 * bench/serve-latency.ts (the preview work's harness: real `weeklog serve`, its
 * own generated corpus, edits timed until the page and the feed show them).
 * Loaded by name so the bench still runs, and says why there is no number,
 * where that file is missing.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface EditLatencyOptions {
  /** Posts in the corpus serve-latency generates (the issue's target is for 1000). */
  posts: number;
  /** Corpus seed, the bench's own. */
  seed: number;
  /** Edits measured; the median is reported (default: `5`). */
  runs?: number;
}

/** What bench/serve-latency.ts exports (ServeLatencyOptions / ServeLatency there). */
interface ServeLatencyModule {
  measureServeLatency(options: { posts?: number; runs?: number; seed?: number; log?: (line: string) => void }): Promise<{
    startupMs: number;
    pageMs: number[];
    pageMedianMs: number;
    feedMedianMs: number;
    load?: [number, number];
  }>;
}

/** The table cell for the edit latency: the measured medians, or why there are none. */
export async function measureEditLatency(options: EditLatencyOptions): Promise<string> {
  const url = new URL('./serve-latency.ts', import.meta.url);
  if (!existsSync(fileURLToPath(url))) return 'not measured (bench/serve-latency.ts is missing)';
  const { measureServeLatency } = (await import(url.href)) as ServeLatencyModule;
  try {
    const result = await measureServeLatency({ posts: options.posts, runs: options.runs ?? 5, seed: options.seed, log: (line) => console.log(`  weeklog serve: ${line}`) });
    return (
      `page ${result.pageMedianMs.toFixed(0)} ms, feed ${result.feedMedianMs.toFixed(0)} ms ` +
      `(median of ${result.pageMs.length}; serve started in ${(result.startupMs / 1000).toFixed(1)} s` +
      `${result.load ? `; load ${result.load.map((load) => load.toFixed(1)).join(' -> ')}` : ''})`
    );
  } catch (error) {
    // One failed measurement should not lose the rest of a long run.
    console.error(`  weeklog serve: ${(error as Error).message}`);
    return `failed: ${(error as Error).message.split('\n')[0]}`;
  }
}
