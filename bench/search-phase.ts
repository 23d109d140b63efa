/**
 * The search-index phase of a build alone: loads a site as the build does (rendered posts from the
 * project's render cache after the first run), then builds the search files the way `eleventy.before`
 * does and lets each go once handed on. Prints the phase's CPU time and how far the resident set
 * rose over what the loaded site holds (sampled from a worker thread every 2 ms, as the phase keeps
 * the main thread busy), with `--expose-gc` for a clean start.
 *
 *   node --expose-gc --import tsx bench/search-phase.ts PROJECT_DIR [--out DIR] [--runs N]
 *
 * `--out DIR` writes the files there too, as the build does, to compare them with another build's.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { BuildContext } from '../src/build/context.ts';
import { eachSearchFile } from '../src/search/build-index.ts';

const args = process.argv.slice(2);
const projectDir = args[0];
if (!projectDir) throw new Error('usage: bench/search-phase.ts PROJECT_DIR [--out DIR] [--runs N]');
const outAt = args.indexOf('--out');
const outDir = outAt >= 0 ? args[outAt + 1] : undefined;
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 1;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

const context = new BuildContext({ projectDir, cacheDir: path.join(projectDir, '.cache', 'weeklog'), problemsPrintedBy: 'caller' });
const site = await context.site();
console.log(`${site.posts.length} posts loaded`);

const sampler = new Worker(
  `const { parentPort } = require('node:worker_threads');
   let peak = 0;
   const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 2);
   parentPort.on('message', (m) => { if (m === 'reset') peak = process.memoryUsage.rss(); else parentPort.postMessage(peak); });`,
  { eval: true },
);
const peak = (): Promise<number> =>
  new Promise((resolve) => {
    sampler.once('message', resolve);
    sampler.postMessage('peak');
  });

for (let run = 0; run < runs; run++) {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const before = process.memoryUsage();
  sampler.postMessage('reset');
  await new Promise((resolve) => setTimeout(resolve, 20));
  const cpu = process.cpuUsage();
  const started = performance.now();
  let bytes = 0;
  let count = 0;
  // Written as the build writes them: up to 64 at a time, each file made when the writer asks for it.
  const running = new Set<Promise<void>>();
  for await (const file of eachSearchFile(site.posts, site.settings, { links: site.taxonomy.links })) {
    bytes += file.body.length;
    count++;
    if (!outDir) continue;
    const target = path.join(outDir, file.path);
    const done: Promise<void> = mkdir(path.dirname(target), { recursive: true })
      .then(() => writeFile(target, file.body))
      .then(() => void running.delete(done));
    running.add(done);
    if (running.size >= 64) await Promise.race(running);
  }
  await Promise.all(running);
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 20));
  const top = await peak();
  console.log(
    `run ${run + 1}: ${count} files, ${mb(bytes)} of text; cpu ${((used.user + used.system) / 1e6).toFixed(2)} s ` +
      `(wall ${(wall / 1000).toFixed(2)} s); rss before ${mb(before.rss)} (heap ${mb(before.heapUsed)}), peak ${mb(top)}, rise ${mb(top - before.rss)}`,
  );
}
await sampler.terminate();
