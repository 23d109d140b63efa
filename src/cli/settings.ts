import { loadSettings, type Settings } from '../config/settings.ts';
import { SettingsError } from '../errors.ts';
import { ExitCode, type CliContext } from './context.ts';
import { messages } from './messages.ts';

/** Loads settings for a command, turning a SettingsError into its message and exit code 3. */
export function loadSettingsFor(
  ctx: Pick<CliContext, 'cwd' | 'stderr'>,
  configFile?: string,
): { settings: Settings } | { exitCode: number } {
  try {
    return { settings: loadSettings(ctx.cwd, configFile) };
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    ctx.stderr.write(`${messages.settingsFailed(error.message)}\n`);
    return { exitCode: ExitCode.failure };
  }
}
