import pc from 'picocolors';
import { displayPath } from '../problems.ts';

/** Anything with `write`: process.stdout, or a test's string collector. */
export interface Output {
  write(chunk: string): unknown;
}

/** What a command may touch of the outside world; tests pass their own. */
export interface CliContext {
  cwd: string;
  /** Arguments after the command name. */
  argv: string[];
  stdout: Output;
  stderr: Output;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** The clock, for `new` (default: `() => new Date()`). */
  now?: () => Date;
  /** Stops `serve` (default: Ctrl+C, SIGINT/SIGTERM). */
  signal?: AbortSignal;
}

/** 0 ok; 1 content errors, the site was not written; 2 usage error; 3 settings error or internal failure. */
export const ExitCode = { ok: 0, content: 1, usage: 2, failure: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type Colors = ReturnType<typeof pc.createColors>;

/** Colour only on a terminal, and never when NO_COLOR is set (any value, per no-color.org). */
export function colorsFor(ctx: Pick<CliContext, 'env' | 'isTTY'>): Colors {
  return pc.createColors(ctx.isTTY && ctx.env.NO_COLOR === undefined);
}

/** A path as the CLI prints it: relative to `cwd` when inside it, else absolute; `.` for `cwd` itself. */
export const shownPath = (cwd: string, file: string): string => displayPath(cwd, file) || '.';
