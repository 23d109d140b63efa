/**
 * The search-index phase of a build alone: loads a site as the build does (rendered posts from the
 * project's render cache after the first run), then builds the search files the way `eleventy.before`
 * does and lets each go once handed on. Prints the phase's CPU time and how far the resident set
 * rose over what the loaded site holds (sampled from a worker thread every 2 ms, as the phase keeps
 * the main thread busy), with `--expose-gc` for a clean start.
 *
 *   node --expose-gc --import tsx bench/search-phase.ts PROJECT_DIR [--out DIR] [--runs N]
 *
 * `--out DIR` writes the files there too, to compare them with another build's.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { BuildContext } from '../src/build/context.ts';
import { buildSearchFiles } from '../src/search/build-index.ts';

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
  const files = await buildSearchFiles(site.posts, site.settings, { links: site.taxonomy.links });
  let bytes = 0;
  for (let index = 0; index < files.length; index++) {
    const file = files[index]!;
    files[index] = undefined as never;
    bytes += file.body.length;
    if (outDir) {
      const target = path.join(outDir, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.body);
    }
  }
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 20));
  const top = await peak();
  console.log(
    `run ${run + 1}: ${files.length} files, ${mb(bytes)} of text; cpu ${((used.user + used.system) / 1e6).toFixed(2)} s ` +
      `(wall ${(wall / 1000).toFixed(2)} s); rss before ${mb(before.rss)} (heap ${mb(before.heapUsed)}), peak ${mb(top)}, rise ${mb(top - before.rss)}`,
  );
}
await sampler.terminate();
