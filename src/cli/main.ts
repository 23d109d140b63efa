#!/usr/bin/env node
/**
 * `weeklog <command>`: the table of contents. Each command lives in its own
 * file under commands/ and gets only the slice of context it needs.
 */
import { pathToFileURL } from 'node:url';
import { formatTable } from './args.ts';
import { runBuild, buildSpec } from './commands/build.ts';
import { runCheck, checkSpec } from './commands/check.ts';
import { runDates, datesSpec } from './commands/dates.ts';
import { runImportHexo, importHexoSpec } from './commands/import-hexo.ts';
import { runNew, newSpec } from './commands/new.ts';
import { runServe, serveSpec } from './commands/serve.ts';
import { WeeklogError } from '../errors.ts';
import { ExitCode, type CliContext } from './context.ts';
import { messages } from './messages.ts';

const commands = [
  { spec: newSpec, run: runNew },
  { spec: buildSpec, run: runBuild },
  { spec: serveSpec, run: runServe },
  { spec: checkSpec, run: runCheck },
  { spec: datesSpec, run: runDates },
  { spec: importHexoSpec, run: runImportHexo },
];

export function mainHelp(): string {
  return [
    'Usage: weeklog <command> [flags]',
    '',
    'Commands:',
    formatTable(commands.map(({ spec }) => [spec.name, spec.summary])),
    '',
    'Run `weeklog <command> --help` for the flags of one command.',
    '',
    messages.exitCodes,
  ].join('\n');
}

/** Runs one command line; `argv` starts with the command name. Returns the exit code. */
export async function main(ctx: CliContext): Promise<number> {
  const [name, ...rest] = ctx.argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? ctx.stderr : ctx.stdout).write(`${mainHelp()}\n`);
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  const command = commands.find(({ spec }) => spec.name === name);
  if (!command) {
    ctx.stderr.write(`${messages.usage.unknownCommand(name)}\n`);
    return ExitCode.usage;
  }
  try {
    return await command.run({ ...ctx, argv: rest });
  } catch (error) {
    // A WeeklogError already says what to do; anything else is a bug worth a stack trace.
    if (error instanceof WeeklogError) ctx.stderr.write(`${error.message}\n`);
    else {
      const verbose = rest.includes('--verbose') || rest.includes('-v');
      ctx.stderr.write(`${messages.internalFailure(verbose ? String((error as Error).stack ?? error) : String((error as Error).message ?? error))}\n`);
    }
    return ExitCode.failure;
  }
}

/** Runs `main` on this process's arguments and streams; used by `bin/weeklog.js` and `tsx src/cli/main.ts`. */
export async function runProcess(): Promise<void> {
  process.exitCode = await main({
    cwd: process.cwd(),
    argv: process.argv.slice(2),
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runProcess();
