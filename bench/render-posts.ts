/**
 * Renders every post of a project in one worker thread, as a render thread does, without Eleventy:
 * a fast loop for A/B runs of the Markdown pipeline. Prints the process CPU time per pass (the
 * main thread only waits); `--out FILE` writes every RenderResult as JSON, so two checkouts'
 * outputs can be compared byte for byte.
 *
 *   npx tsx bench/render-posts.ts PROJECT_DIR [PASSES] [--out FILE]
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { workerThroughTsx } from '../src/compiled.ts';
import { loadSettings } from '../src/config/settings.ts';
import { renderRequest } from '../src/content/render-request.ts';
import { readPostSource } from '../src/content/read-post-source.ts';
import type { RenderRequest } from '../src/content/render-cache.ts';
import { renderPost } from '../src/content/render-post.ts';
import { ProblemList } from '../src/problems.ts';

interface Args {
  projectDir: string;
  passes: number;
  out: string | undefined;
}

// The render pool's young generation (src/content/render-pool.ts): GC work depends on it.
const YOUNG_GENERATION_MB = 64;

if (isMainThread) {
  const [projectDir, passes, ...rest] = process.argv.slice(2);
  if (!projectDir) throw new TypeError('Usage: npx tsx bench/render-posts.ts PROJECT_DIR [PASSES] [--out FILE]');
  const outAt = rest.indexOf('--out');
  const args: Args = { projectDir: path.resolve(projectDir), passes: Number(passes ?? 2), out: outAt === -1 ? undefined : path.resolve(rest[outAt + 1]!) };
  const worker = workerThroughTsx(import.meta.url, { workerData: args, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  await new Promise((resolve, reject) => worker.on('exit', resolve).on('error', reject));
} else {
  await run(workerData as Args);
}

async function run({ projectDir, passes, out }: Args): Promise<void> {
  const settings = loadSettings(projectDir);
  const contentDir = path.join(projectDir, 'content');
  const files = (fs.readdirSync(contentDir, { recursive: true }) as string[]).filter((file) => file.endsWith('.md')).sort();
  const requests: RenderRequest[] = [];
  for (const relativePath of files) {
    const source = await readPostSource(contentDir, relativePath.split(path.sep).join('/'), `content/${relativePath}`, settings.timezone, new ProblemList());
    if (!source) continue;
    requests.push(renderRequest(source, settings, projectDir, false));
  }
  // Creating the highlighter and loading grammars is start-up, not per-post work.
  if (requests[0]) await renderPost(requests[0]);
  for (let pass = 1; pass <= passes; pass++) {
    // Kept only to be written: a render thread sends each result away.
    const results: unknown[] = [];
    const keep = pass === 1 && out !== undefined;
    const cpu = process.cpuUsage();
    for (const request of requests) {
      const result = await renderPost(request);
      if (keep) results.push(result);
    }
    const used = process.cpuUsage(cpu);
    console.log(`pass ${pass}: ${requests.length} posts, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU`);
    if (keep) fs.writeFileSync(out, JSON.stringify(results));
  }
}
