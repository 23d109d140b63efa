/**
 * `npm run bench`: builds one generated corpus with weeklog, Hugo and Hexo 8 in
 * the same run and prints weeklog's ratio to each: cold build (no cache, empty
 * output), warm build (the same build again), peak RSS, start-up (`--help`,
 * `new`), and the one-post edit latency of `weeklog serve`. Beside them it times
 * the required Markdown pipeline alone on the same posts (bench/pipeline-floor.ts):
 * the least a cold build can take.
 *
 *   tsx bench/build.ts [--posts 1000,4000] [--runs 1] [--startup-runs 5] [--seed 1] [--skip-peers] [--keep]
 *
 * See bench/README.md for what the numbers mean.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { distStaleReason } from '../scripts/dist-manifest.js';
import { CommandFailed, describeRun, format, haveGnuTime, loadAverage, measure, summarize, type Measurement } from './measure.ts';
import { packageDir } from './peers.ts';
import { measureEditLatency } from './serve-latency-hook.ts';
import { hugoVersion, pipelineFloor, prepareSites, type Tool } from './tools.ts';

interface BenchOptions {
  /** Corpus sizes, each built by every tool (default: `1000,4000`; `BENCH_POSTS` too). */
  sizes: number[];
  /** Cold builds and warm builds per tool and size; the median is reported (default: `1`). */
  runs: number;
  /** Runs of each start-up command; the median is reported (default: `5`). */
  startupRuns: number;
  /** Corpus seed (default: `1`). */
  seed: number;
  /** Build with weeklog only (default: `false`). */
  skipPeers: boolean;
  /** Leave the scratch folders in place to inspect the sites (default: `false`). */
  keep: boolean;
}

function usage(message: string): never {
  console.error(`${message}\nusage: npm run bench -- [--posts 1000,4000] [--runs 1] [--startup-runs 5] [--seed 1] [--skip-peers] [--keep]`);
  process.exit(2);
}

function readOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      posts: { type: 'string' },
      runs: { type: 'string' },
      'startup-runs': { type: 'string' },
      seed: { type: 'string' },
      'skip-peers': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const wholeNumber = (name: string, text: string, fallback?: number): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) usage(`--${name} is ${JSON.stringify(text)}; give whole numbers above 0, e.g. --${name} ${fallback ?? 1000}.`);
    return n;
  };
  const sizes = (values.posts ?? process.env.BENCH_POSTS ?? '1000,4000').split(',').map((text) => wholeNumber('posts', text.trim()));
  return {
    sizes,
    runs: wholeNumber('runs', values.runs ?? '1', 1),
    startupRuns: wholeNumber('startup-runs', values['startup-runs'] ?? '5', 5),
    seed: wholeNumber('seed', values.seed ?? '1', 1),
    skipPeers: values['skip-peers'] ?? false,
    keep: values.keep ?? false,
  };
}

/** The bench measures weeklog as installed: compiled, as `npm install` leaves it. */
function ensureDist(): void {
  const stale = distStaleReason(packageDir);
  if (stale === undefined) return;
  console.log(`compiling dist/ first (${stale})`);
  const built = spawnSync(process.execPath, [path.join(packageDir, 'scripts/build-dist.js')], { stdio: 'inherit' });
  if (built.status !== 0) throw new CommandFailed('scripts/build-dist.js failed; weeklog would be measured from its TypeScript sources');
}

/** Writing thousands of folders on disk costs kernel time that grows run after run; tmpfs keeps runs comparable. */
const scratchParent = (): string => (existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());

function folderStats(dir: string): { files: number; mb: number } {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return { files: files.length, mb: files.reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0) / 1e6 };
}

interface ToolResult {
  outputFiles: number;
  cold: Measurement;
  warm: Measurement;
  help: Measurement;
  newPost: Measurement;
}

async function benchTool(tool: Tool, options: BenchOptions): Promise<ToolResult> {
  const cold: Measurement[] = [];
  for (let run = 1; run <= options.runs; run++) {
    await tool.clean();
    cold.push(measure(tool.build));
    console.log(`  ${tool.name} cold ${run}: ${describeRun(cold.at(-1)!)}`);
  }
  const output = folderStats(tool.outputDir);
  console.log(`  ${tool.name} output: ${output.files} files, ${output.mb.toFixed(1)} MB`);
  const warm: Measurement[] = [];
  for (let run = 1; run <= options.runs; run++) {
    warm.push(measure(tool.build));
    console.log(`  ${tool.name} warm ${run}: ${describeRun(warm.at(-1)!)}`);
  }
  const help: Measurement[] = [];
  const newPost: Measurement[] = [];
  for (let run = 1; run <= options.startupRuns; run++) {
    help.push(measure(tool.help));
    newPost.push(measure(tool.newPost(run)));
    await tool.undoNew(run);
  }
  const startup = { help: summarize(help), newPost: summarize(newPost) };
  console.log(`  ${tool.name} start-up (median of ${options.startupRuns}): --help ${describeRun(startup.help)}; new ${describeRun(startup.newPost)}`);
  return { outputFiles: output.files, cold: summarize(cold), warm: summarize(warm), ...startup };
}

function benchFloor(weeklog: Tool, options: BenchOptions): Measurement {
  const runs: Measurement[] = [];
  for (let run = 1; run <= options.runs; run++) {
    runs.push(measure(pipelineFloor(weeklog)));
    console.log(`  Markdown pipeline alone ${run}: ${describeRun(runs.at(-1)!)}`);
  }
  return summarize(runs);
}

const ratio = (ours: number | undefined, theirs: number | undefined): string =>
  ours === undefined || theirs === undefined || theirs === 0 ? 'n/a' : `${(ours / theirs).toFixed(2)}×`;

/** One Markdown table per size: each tool's number, weeklog's ratio to each peer, and the issue's target. */
function table(posts: number, results: Map<Tool['name'], ToolResult>, floor: Measurement, editLatency: string): string {
  const names = [...results.keys()];
  const peers = names.filter((name) => name !== 'weeklog');
  const ours = results.get('weeklog')!;
  const rows: [string, (r: ToolResult) => number | undefined, (n: number | undefined) => string, string][] = [
    ['cold build (wall)', (r) => r.cold.wallSeconds, (n) => format(n, 2, ' s'), '≤ 2× Hugo, < 1× Hexo'],
    ['cold build (CPU)', (r) => r.cold.cpuSeconds, (n) => format(n, 2, ' s'), ''],
    ['warm build (wall)', (r) => r.warm.wallSeconds, (n) => format(n, 2, ' s'), "≤ 0.25× Hugo's cold build"],
    ['warm build (CPU)', (r) => r.warm.cpuSeconds, (n) => format(n, 2, ' s'), ''],
    ['peak RSS (cold)', (r) => r.cold.peakRssMb, (n) => format(n, 0, ' MiB'), posts >= 4000 ? '≤ 600 MiB' : ''],
    ['start-up: --help', (r) => r.help.wallSeconds, (n) => format(n, 3, ' s'), '≤ 0.5 s'],
    ['start-up: new', (r) => r.newPost.wallSeconds, (n) => format(n, 3, ' s'), '≤ 0.5 s'],
    ['start-up: --help (CPU)', (r) => r.help.cpuSeconds, (n) => format(n, 3, ' s'), ''],
    ['start-up: new (CPU)', (r) => r.newPost.cpuSeconds, (n) => format(n, 3, ' s'), ''],
    // Not a target: says how much more (feeds per term, search files) weeklog writes than the minimal peers.
    ['output files', (r) => r.outputFiles, (n) => String(n), ''],
  ];
  const header = `| ${posts} posts | ${names.join(' | ')} | ${peers.map((peer) => `weeklog ÷ ${peer}`).join(' | ')} | target |`;
  const lines = [header, `|${' --- |'.repeat(names.length + peers.length + 2)}`];
  for (const [label, pick, show, target] of rows) {
    const cells = names.map((name) => show(pick(results.get(name)!)));
    const ratios = peers.map((peer) => ratio(pick(ours), pick(results.get(peer)!)));
    lines.push(`| ${label} | ${cells.join(' | ')} | ${ratios.join(' | ')} | ${target} |`);
  }
  // Not weeklog: what the fixed pipeline alone costs, against each peer's whole cold build.
  const floorRatios = peers.map((peer) => ratio(floor.wallSeconds, results.get(peer)!.cold.wallSeconds));
  lines.push(
    `| Markdown pipeline alone (wall) | ${format(floor.wallSeconds, 2, ' s')} (CPU ${format(floor.cpuSeconds, 2, ' s')}) | ${'| '.repeat(names.length - 1)}` +
      `${floorRatios.join(' | ')} | the least a cold build can take; weeklog's cold build is ${ratio(ours.cold.wallSeconds, floor.wallSeconds)} of it |`,
  );
  // Hugo's warm-build target is against its cold build.
  const hugo = results.get('Hugo');
  if (hugo) {
    const cells = `${ratio(ours.warm.wallSeconds, hugo.cold.wallSeconds)} (CPU ${ratio(ours.warm.cpuSeconds, hugo.cold.cpuSeconds)})`;
    lines.push(`| weeklog warm ÷ Hugo cold | ${cells} | ${'| '.repeat(names.length + peers.length - 1)}≤ 0.25× |`);
  }
  lines.push(`| serve: one-post edit | ${editLatency} | ${'| '.repeat(names.length + peers.length - 1)}page ≤ 150 ms, feed ≤ 1 s (median of 5) |`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = readOptions();
  const hugo = options.skipPeers ? undefined : hugoVersion();
  if (!options.skipPeers && !hugo) console.log('Hugo is not installed (apt-get install hugo): it is left out.');
  console.log(
    `weeklog bench: ${options.sizes.join(', ')} posts (seed ${options.seed}), ${options.runs} cold + ${options.runs} warm builds per tool, ` +
      `${os.cpus().length} CPUs, node ${process.version}${hugo ? `, ${hugo.split(' ').slice(0, 2).join(' ')}` : ''}` +
      `${haveGnuTime ? '' : ' (no /usr/bin/time: peak RSS not measured, CPU from /proc)'}`,
  );
  const tables: string[] = [];
  for (const posts of options.sizes) {
    ensureDist(); // again: a source edited during a long run would otherwise send weeklog through tsx
    const scratch = await mkdtemp(path.join(scratchParent(), `weeklog-bench-${posts}-`));
    try {
      const loadBefore = loadAverage();
      const tools = await prepareSites(scratch, posts, options.seed, hugo !== undefined);
      console.log(`\n${posts} posts in ${scratch}`);
      const results = new Map<Tool['name'], ToolResult>();
      for (const tool of options.skipPeers ? tools.slice(0, 1) : tools) results.set(tool.name, await benchTool(tool, options));
      const floor = benchFloor(tools[0]!, options);
      // The issue's edit target is for 1000 posts; serve-latency generates and serves its own corpus, minutes at 4000.
      const edit = posts <= 1000 || options.sizes.every((size) => size > 1000) ? await measureEditLatency({ posts, seed: options.seed }) : 'measured on the smaller corpus';
      console.log(`  load average before/after: ${loadBefore} / ${loadAverage()} (above the CPU count, wall times are inflated)`);
      tables.push(table(posts, results, floor, edit));
    } finally {
      if (options.keep) console.log(`  kept ${scratch}`);
      else await rm(scratch, { recursive: true, force: true });
    }
  }
  console.log(`\n${tables.join('\n\n')}`);
}

try {
  await main();
} catch (error) {
  if (!(error instanceof CommandFailed)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
