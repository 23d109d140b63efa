/**
 * One measured child process: wall time, CPU time of it and its children, and
 * its peak resident set, from GNU time (`/usr/bin/time`, Debian package `time`).
 * Without GNU time, CPU comes from /proc (reaped children) and RSS is unknown.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median } from './stats.ts';

const TIME_BINARY = '/usr/bin/time';
export const haveGnuTime = existsSync(TIME_BINARY);

export interface Measurement {
  wallSeconds: number;
  cpuSeconds: number | undefined;
  peakRssMb: number | undefined;
}

/** The measured command exited non-zero; thrown (not exited) so the scratch folder is still removed. */
export class CommandFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
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

export interface Command {
  /** Program and arguments. */
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs `command` to completion and measures it; throws CommandFailed on a non-zero exit. */
export function measure(command: Command): Measurement {
  const timeDir = mkdtempSync(path.join(os.tmpdir(), 'weeklog-bench-time-'));
  const timeFile = path.join(timeDir, 'time.txt');
  try {
    const args = haveGnuTime ? [TIME_BINARY, '-f', '%e %U %S %M', '-o', timeFile, ...command.args] : command.args;
    const cpuBefore = haveGnuTime ? undefined : childrenCpuSeconds();
    const started = process.hrtime.bigint();
    const result = spawnSync(args[0]!, args.slice(1), {
      cwd: command.cwd,
      env: { ...process.env, NO_COLOR: '1', ...command.env },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.error) throw result.error;
    if (result.status !== 0) {
      const tail = (result.stdout + result.stderr).split('\n').slice(-30).join('\n');
      throw new CommandFailed(`exit code ${result.status}: ${command.args.join(' ')} (in ${command.cwd})\n${tail}`);
    }
    if (!haveGnuTime) {
      const cpuAfter = childrenCpuSeconds();
      return { wallSeconds, cpuSeconds: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore, peakRssMb: undefined };
    }
    const [elapsed, user, system, maxRssKb] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    return { wallSeconds: elapsed!, cpuSeconds: user! + system!, peakRssMb: maxRssKb! / 1024 };
  } finally {
    rmSync(timeDir, { recursive: true, force: true });
  }
}

/** Medians of several runs of one thing; CPU or RSS is `undefined` when any run lacks it. */
export function summarize(runs: readonly Measurement[]): Measurement {
  const all = <K extends keyof Measurement>(key: K): number[] | undefined =>
    runs.every((run) => run[key] !== undefined) ? runs.map((run) => run[key] as number) : undefined;
  const cpu = all('cpuSeconds');
  const rss = all('peakRssMb');
  return {
    wallSeconds: median(runs.map((run) => run.wallSeconds)),
    cpuSeconds: cpu && median(cpu),
    peakRssMb: rss && median(rss),
  };
}

export const format = (value: number | undefined, digits: number, unit: string): string =>
  value === undefined ? 'n/a' : `${value.toFixed(digits)}${unit}`;

export const describeRun = (run: Measurement): string =>
  `wall ${format(run.wallSeconds, 2, ' s')}, CPU ${format(run.cpuSeconds, 2, ' s')}, peak RSS ${format(run.peakRssMb, 0, ' MiB')}`;

export const loadAverage = (): string => os.loadavg().map((load) => load.toFixed(2)).join(' ');
