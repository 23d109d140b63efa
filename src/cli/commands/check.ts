import path from 'node:path';
import { configFlag, contentFlag, startCommand, type CommandSpec } from '../args.ts';
import { SETTINGS_FILE } from '../../config/settings.ts';
import { displayPath } from '../../problems.ts';
import { colorsFor, ExitCode, shownPath, type CliContext } from '../context.ts';
import { outputFolderProblem, protectedFoldersOf } from '../output-folder.ts';
import { checkInternalLinks } from '../link-check.ts';
import { messages } from '../messages.ts';
import { printProblems } from '../report.ts';
import { loadSettingsFor } from '../settings.ts';
import { loadBuildContextModule, loadSiteContentModule } from '../site-api.ts';

export const checkSpec: CommandSpec = {
  name: 'check',
  usage: 'weeklog check [flags]',
  summary: 'Report every content problem and broken internal link or anchor, without writing the site.',
  flags: [
    contentFlag,
    configFlag,
  ],
  examples: ['weeklog check', 'weeklog check --content ../old-blog/source'],
};

export async function runCheck(ctx: Pick<CliContext, 'cwd' | 'argv' | 'stdout' | 'stderr' | 'env' | 'isTTY'>): Promise<number> {
  const started = startCommand(checkSpec, ctx);
  if ('exitCode' in started) return started.exitCode;
  const values = started.values as Record<string, string | undefined>;
  const loaded = loadSettingsFor(ctx, values.config);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { settings } = loaded;
  const colors = colorsFor(ctx);

  const [{ loadSiteContent }, { BuildContext }] = await Promise.all([loadSiteContentModule(), loadBuildContextModule()]);
  const contentDir = values.content === undefined ? undefined : path.resolve(ctx.cwd, values.content);
  // The build's render cache: a check after a build (or before one) renders each post once between them.
  const context = new BuildContext({ projectDir: ctx.cwd, configFile: values.config, contentDir, mode: 'build', problemsPrintedBy: 'caller' });
  const content = await loadSiteContent(context.settings, { projectDir: ctx.cwd, contentDir, mode: 'build', context });
  const checked = [...content.posts, ...content.pages];
  const problems = [...content.problems, ...checkInternalLinks(checked, settings, ctx.cwd)];
  // `build` would refuse this output folder; saying so now saves a surprise (or a lost folder with an older weeklog).
  const outputDir = path.resolve(ctx.cwd, settings.outputDir);
  const unsafeOutput = outputFolderProblem(outputDir, shownPath(ctx.cwd, outputDir), protectedFoldersOf(path.resolve(ctx.cwd), settings, contentDir));
  if (unsafeOutput) {
    problems.push({ file: displayPath(ctx.cwd, path.resolve(ctx.cwd, values.config ?? SETTINGS_FILE)), line: 0, column: 0, severity: 'error', ruleId: 'unsafe-output', message: unsafeOutput });
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  printProblems(ctx.stdout, problems, colors);
  const summary =
    problems.length === 0 ? messages.check.clean(checked.length) : messages.check.summary(checked.length, errors, problems.length - errors);
  ctx.stdout.write(`${errors > 0 ? colors.red(summary) : colors.green(summary)}\n`);
  return errors > 0 ? ExitCode.content : ExitCode.ok;
}
