/**
 * `npm run bench`: cold builds of a generated corpus through the real CLI, in a
 * child process, reporting the median wall time, CPU time and peak RSS.
 *
 *   tsx bench/build.ts [--posts 1000] [--runs 3] [--warm] [--seed 1] [--engine cli|eleventy] [--keep]
 *
 * See bench/README.md for what the numbers mean.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus } from './generate-corpus.ts';
import { median } from './stats.ts';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TIME_BINARY = '/usr/bin/time';

interface BenchOptions {
  /** Posts to generate (default: `1000`, or `BENCH_POSTS`). */
  posts: number;
  /** Builds to measure; the median is reported (default: `3`). */
  runs: number;
  /** Also measure a second build over an existing output (default: `false`). */
  warm: boolean;
  /** Corpus seed (default: `1`). */
  seed: number;
  /** `cli` runs `src/cli/main.ts build`; `eleventy` runs Eleventy's own command (default: `cli` when it exists). */
  engine: 'cli' | 'eleventy';
  /** Leave the temporary folder in place to inspect the output (default: `false`). */
  keep: boolean;
}

/** The measured build exited non-zero; thrown (not exited) so the scratch folder is still removed. */
class BuildFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** One measured child process; CPU and RSS are `undefined` when they cannot be measured here. */
interface Measurement {
  wallSeconds: number;
  cpuSeconds: number | undefined;
  peakRssMb: number | undefined;
}

function readOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      posts: { type: 'string' },
      runs: { type: 'string' },
      warm: { type: 'boolean', default: false },
      seed: { type: 'string' },
      engine: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const wholeNumber = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined || text === '') return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) {
      console.error(`--${name} is ${JSON.stringify(text)}; give a whole number above 0, e.g. --${name} ${fallback}.`);
      process.exit(2);
    }
    return n;
  };
  const engine = values.engine ?? (existsSync(path.join(projectDir, 'src/cli/main.ts')) ? 'cli' : 'eleventy');
  if (engine !== 'cli' && engine !== 'eleventy') {
    console.error(`--engine is ${JSON.stringify(engine)}; use \`cli\` or \`eleventy\`.`);
    process.exit(2);
  }
  return {
    posts: wholeNumber('posts', values.posts ?? process.env.BENCH_POSTS, 1000),
    runs: wholeNumber('runs', values.runs, 3),
    warm: values.warm ?? false,
    seed: wholeNumber('seed', values.seed, 1),
    engine,
    keep: values.keep ?? false,
  };
}

/** Writing thousands of folders on disk costs kernel time that grows run after run; tmpfs keeps runs comparable. */
function scratchParent(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
}

function buildCommand(engine: BenchOptions['engine'], contentDir: string, outputDir: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const tsx = path.join(projectDir, 'node_modules/.bin/tsx');
  if (engine === 'cli') {
    return {
      args: [tsx, 'src/cli/main.ts', 'build', '--content', contentDir, '--output', outputDir, '--quiet'],
      env: process.env,
    };
  }
  return {
    args: [tsx, 'node_modules/@11ty/eleventy/cmd.cjs', '--config=.eleventy.ts', '--quiet'],
    env: { ...process.env, WEEKLOG_CONTENT: contentDir, WEEKLOG_OUTPUT: outputDir },
  };
}

/** CPU seconds of this process's reaped children, from /proc (`cutime` + `cstime`), for when GNU time is missing. */
function childrenCpuSeconds(): number | undefined {
  try {
    // Fields after the `(comm)` part; comm may contain spaces, so split after the last `)`.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticksPerSecond = 100; // USER_HZ is 100 on every Linux ABI node supports
    return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

function measure(args: string[], env: NodeJS.ProcessEnv, timeFile: string): Measurement {
  const useTime = existsSync(TIME_BINARY);
  const command = useTime ? [TIME_BINARY, '-f', '%e %U %S %M', '-o', timeFile, ...args] : args;
  const cpuBefore = useTime ? undefined : childrenCpuSeconds();
  const started = process.hrtime.bigint();
  const result = spawnSync(command[0]!, command.slice(1), { cwd: projectDir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const tail = (result.stdout + result.stderr).split('\n').slice(-40).join('\n');
    throw new BuildFailed(`build failed with exit code ${result.status}: ${args.join(' ')}\n${tail}`);
  }
  const printed = result.stderr.trim();
  if (printed) console.error(`  (the build printed ${printed.split('\n').length} lines on stderr; first: ${printed.split('\n')[0]})`);
  if (!useTime) {
    const cpuAfter = childrenCpuSeconds();
    const cpuSeconds = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
    return { wallSeconds, cpuSeconds, peakRssMb: undefined };
  }
  const [elapsed, user, system, maxRssKb] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wallSeconds: elapsed!, cpuSeconds: user! + system!, peakRssMb: maxRssKb! / 1024 };
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0);
}

function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

const loadAverage = (): string => os.loadavg().map((load) => load.toFixed(2)).join(' ');

const format = (value: number | undefined, digits: number, unit: string): string =>
  value === undefined ? 'n/a' : `${value.toFixed(digits)}${unit}`;

function describe(label: string, runs: Measurement[], posts: number, inputMb: number): string {
  const wall = median(runs.map((r) => r.wallSeconds));
  const cpu = runs.every((r) => r.cpuSeconds !== undefined) ? median(runs.map((r) => r.cpuSeconds!)) : undefined;
  const rss = runs.every((r) => r.peakRssMb !== undefined) ? median(runs.map((r) => r.peakRssMb!)) : undefined;
  // On a shared or busy machine wall time includes waiting for a CPU; CPU time does not.
  const perCpuSecond = cpu === undefined ? '' : `, ${(posts / cpu).toFixed(1)} posts per CPU-second`;
  return [
    `${label} (median of ${runs.length}): wall ${format(wall, 2, ' s')}, CPU user+sys ${format(cpu, 2, ' s')},`,
    `  peak RSS ${format(rss, 0, ' MB')}, ${(posts / wall).toFixed(1)} posts/s, ${(inputMb / wall).toFixed(2)} MB/s of Markdown${perCpuSecond}`,
  ].join('\n');
}

function printRun(label: string, run: Measurement): void {
  console.log(
    `  ${label}: wall ${format(run.wallSeconds, 2, ' s')}, CPU ${format(run.cpuSeconds, 2, ' s')}, peak RSS ${format(run.peakRssMb, 0, ' MB')}`,
  );
}

async function main(): Promise<void> {
  const options = readOptions();
  const scratch = await mkdtemp(path.join(scratchParent(), 'weeklog-bench-'));
  const contentDir = path.join(scratch, 'content');
  const outputDir = path.join(scratch, 'site');
  const timeFile = path.join(scratch, 'time.txt');
  try {
    await generateCorpus(contentDir, options.posts, options.seed);
    const inputMb = folderBytes(contentDir) / 1e6;
    console.log(
      `weeklog build benchmark: ${options.posts} posts, ${inputMb.toFixed(2)} MB of Markdown (seed ${options.seed}), ` +
        `${options.runs} runs, ${os.cpus().length} CPUs, node ${process.version}, engine ${options.engine}`,
    );
    console.log(`  scratch folder: ${scratch}${existsSync(TIME_BINARY) ? '' : ' (no /usr/bin/time: peak RSS not measured, CPU from /proc)'}`);
    const { args, env } = buildCommand(options.engine, contentDir, outputDir);
    const loadBefore = loadAverage();

    const cold: Measurement[] = [];
    for (let run = 1; run <= options.runs; run++) {
      await rm(outputDir, { recursive: true, force: true });
      cold.push(measure(args, env, timeFile));
      printRun(`cold ${run}`, cold.at(-1)!);
    }
    console.log(`  output: ${countFiles(outputDir)} files, ${(folderBytes(outputDir) / 1e6).toFixed(1)} MB`);

    const warm: Measurement[] = [];
    if (options.warm) {
      // The output of the last cold run is still there, so each of these replaces an existing site.
      for (let run = 1; run <= options.runs; run++) {
        warm.push(measure(args, env, timeFile));
        printRun(`warm ${run}`, warm.at(-1)!);
      }
    }

    console.log(`  load average before/after: ${loadBefore} / ${loadAverage()} (above the CPU count, wall times are inflated)`);
    console.log(describe('cold build', cold, options.posts, inputMb));
    if (options.warm) console.log(describe('rebuild over existing output', warm, options.posts, inputMb));
  } finally {
    if (options.keep) console.log(`kept ${scratch}`);
    else await rm(scratch, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  if (!(error instanceof BuildFailed)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
