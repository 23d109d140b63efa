import { parseArgs } from 'node:util';
import { SETTINGS_FILE } from '../config/settings.ts';
import type { CliContext } from './context.ts';
import { messages } from './messages.ts';

export interface FlagSpec {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  /** Shown in help as `--name VALUE`. */
  valueName?: string;
  default?: string | boolean;
  description: string;
}

export interface CommandSpec {
  name: string;
  /** `weeklog new "<title>" [flags]` */
  usage: string;
  summary: string;
  flags: FlagSpec[];
  /** Lines shown under "Examples". */
  examples: string[];
  /** Positional arguments allowed (default: `0`). */
  positionals?: number;
}

const helpFlag: FlagSpec = { name: 'help', short: 'h', type: 'boolean', description: 'Show this help and exit.' };
/** Every failure message may suggest `--verbose`, so every command accepts it. */
const verboseFlag: FlagSpec = { name: 'verbose', short: 'v', type: 'boolean', description: 'Show stack traces when something fails unexpectedly.' };

/** The flags a command accepts: its own, then the ones every command shares. */
function allFlags(spec: CommandSpec): FlagSpec[] {
  const shared = [verboseFlag, helpFlag].filter((flag) => !spec.flags.some((own) => own.name === flag.name));
  return [...spec.flags, ...shared];
}

/** Flags several commands share, described once. */
export const configFlag: FlagSpec = { name: 'config', type: 'string', valueName: 'FILE', description: `Settings file (default: ${SETTINGS_FILE}).` };
export const contentFlag: FlagSpec = {
  name: 'content',
  type: 'string',
  valueName: 'DIR',
  description: 'Folder of Markdown to read instead, e.g. a Hexo source/ (default: from settings, content).',
};

export type ParsedArgs =
  | { kind: 'ok'; values: Record<string, string | boolean | undefined>; positionals: string[] }
  | { kind: 'help' }
  | { kind: 'usage-error'; message: string };

/** Strict parsing: an unknown flag or a missing value is a usage error that names it. */
export function parseCommandArgs(spec: CommandSpec, argv: string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean }> = {};
  for (const flag of allFlags(spec)) {
    options[flag.name] = { type: flag.type, ...(flag.short ? { short: flag.short } : {}), ...(flag.default !== undefined ? { default: flag.default } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (cause) {
    return { kind: 'usage-error', message: messages.usage.badFlag(spec.name, (cause as Error).message) };
  }
  if (parsed.values.help) return { kind: 'help' };
  const allowed = spec.positionals ?? 0;
  if (parsed.positionals.length > allowed) {
    return { kind: 'usage-error', message: messages.usage.extraArgument(spec.name, parsed.positionals[allowed]!) };
  }
  return { kind: 'ok', values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

export function formatTable(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}

export function commandHelp(spec: CommandSpec): string {
  const rows = allFlags(spec).map((flag): [string, string] => {
    const short = flag.short ? `-${flag.short}, ` : '    ';
    const value = flag.type === 'string' ? ` ${flag.valueName ?? 'VALUE'}` : '';
    const fallback = flag.default !== undefined && flag.type === 'string' ? ` (default: ${flag.default})` : '';
    return [`${short}--${flag.name}${value}`, flag.description + fallback];
  });
  return [
    `Usage: ${spec.usage}`,
    '',
    spec.summary,
    '',
    'Flags:',
    formatTable(rows),
    '',
    'Examples:',
    ...spec.examples.map((e) => `  ${e}`),
    '',
    messages.exitCodes,
  ].join('\n');
}

/** Runs the shared front part of every command: parse, or print help, or report a usage error. */
export function startCommand(spec: CommandSpec, ctx: Pick<CliContext, 'argv' | 'stdout' | 'stderr'>):
  | { values: Record<string, string | boolean | undefined>; positionals: string[] }
  | { exitCode: number } {
  const parsed = parseCommandArgs(spec, ctx.argv);
  if (parsed.kind === 'help') {
    ctx.stdout.write(`${commandHelp(spec)}\n`);
    return { exitCode: 0 };
  }
  if (parsed.kind === 'usage-error') {
    ctx.stderr.write(`${parsed.message}\n`);
    return { exitCode: 2 };
  }
  return parsed;
}
