/**
 * HOOK: the one-post edit latency of `weeklog serve` comes from
 * bench/serve-latency.ts, which the preview work provides. Until it exists this
 * says so in the table instead of a number. When it lands, wire its exported
 * function here (the options below are what bench/build.ts can give it).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface EditLatencyOptions {
  /** A weeklog project holding the generated corpus in content/ (already built once). */
  projectDir: string;
  /** Posts in the corpus. */
  posts: number;
}

/** The table cell for the edit latency: the measured median, or why there is none. */
export async function measureEditLatency(_options: EditLatencyOptions): Promise<string> {
  const module = new URL('./serve-latency.ts', import.meta.url);
  if (!existsSync(fileURLToPath(module))) return 'not measured (bench/serve-latency.ts not on main yet)';
  return 'not measured (bench/serve-latency.ts exists but is not wired into bench/serve-latency-hook.ts yet)';
}
