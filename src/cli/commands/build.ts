import { existsSync } from 'node:fs';
import path from 'node:path';
import { SETTINGS_FILE, validateSettings } from '../../config/settings.ts';
import { ContentError, SettingsError, WeeklogError } from '../../errors.ts';
import { configFlag, contentFlag, startCommand, type CommandSpec } from '../args.ts';
import { buildAtomically, countFiles, OutputError, OutputNotFolderError } from '../atomic-output.ts';
import { checkOutputLocation, protectedFoldersOf, UnsafeOutputError } from '../output-folder.ts';
import { colorsFor, ExitCode, shownPath, type CliContext } from '../context.ts';
import { messages } from '../messages.ts';
import { unrenderedNote } from '../../problems.ts';
import { printProblems } from '../report.ts';
import { loadSettingsFor } from '../settings.ts';
import { loadWarmBuild } from '../site-api.ts';

export const buildSpec: CommandSpec = {
  name: 'build',
  usage: 'weeklog build [flags]',
  summary: 'Build the site. The output is replaced only when the whole build succeeded.',
  flags: [
    contentFlag,
    { name: 'output', short: 'o', type: 'string', valueName: 'DIR', description: 'Folder the site is written to (default: from settings, _site).' },
    { name: 'base-url', type: 'string', valueName: 'URL', description: 'Site URL for this build, overriding `url` in the settings.' },
    configFlag,
    { name: 'quiet', short: 'q', type: 'boolean', description: 'Print only problems, no progress or summary.' },
    { name: 'verbose', short: 'v', type: 'boolean', description: "Show Eleventy's own output and stack traces." },
  ],
  examples: [
    'weeklog build',
    'weeklog build --content ../old-blog/source --output /tmp/preview',
    'weeklog build --base-url https://example.com/blog/ --quiet',
  ],
};

/** How far past its live data the heap of `weeklog build` may grow once the posts are rendered. */
const HEAP_GROWTH_PERCENT = 25;

/** The settings' own rule for `url` (an absolute http(s) URL), so the flag and the file cannot disagree. */
function isSiteUrl(value: string): boolean {
  try {
    validateSettings({ url: value });
    return true;
  } catch (error) {
    if (error instanceof SettingsError) return false;
    throw error;
  }
}

export async function runBuild(ctx: Pick<CliContext, 'cwd' | 'argv' | 'stdout' | 'stderr' | 'env' | 'isTTY'>): Promise<number> {
  const started = startCommand(buildSpec, ctx);
  if ('exitCode' in started) return started.exitCode;
  const values = started.values as Record<string, string | undefined> & { quiet?: boolean; verbose?: boolean };
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined && !isSiteUrl(baseUrl)) {
    ctx.stderr.write(`${messages.usage.badFlag('build', `--base-url "${baseUrl}" is not an absolute http(s) URL such as https://example.com/blog/.`)}\n`);
    return ExitCode.usage;
  }
  const colors = colorsFor(ctx);
  const loaded = loadSettingsFor(ctx, values.config);
  if ('exitCode' in loaded) return loaded.exitCode;

  const outputDir = path.resolve(ctx.cwd, values.output ?? loaded.settings.outputDir);
  // Messages read `_site/`, a folder, rather than an absolute path.
  const shown = `${shownPath(ctx.cwd, outputDir)}/`;
  const hadPrevious = existsSync(outputDir);
  const contentDir = values.content === undefined ? undefined : path.resolve(ctx.cwd, values.content);
  const { warmBuild } = await loadWarmBuild();

  const startedAt = Date.now();
  const projectDir = path.resolve(ctx.cwd);
  const progress = ctx.isTTY && !values.quiet && !values.verbose ? startProgress(ctx.stderr, startedAt) : undefined;
  try {
    checkOutputLocation(outputDir, shownPath(ctx.cwd, outputDir), protectedFoldersOf(projectDir, loaded.settings, contentDir));
    const atomically: Parameters<typeof warmBuild>[1] = (build) =>
      buildAtomically(outputDir, (stagingDir) => {
        progress?.watch(stagingDir);
        return build(stagingDir);
      }, {
        shown: shownPath(ctx.cwd, outputDir),
        onWait: (pid, lockFile) => ctx.stderr.write(`${messages.build.waitingForLock(pid, shown, shownPath(ctx.cwd, lockFile))}\n`),
      });
    // Only what changed since the last build is done; with nothing changed, nothing is written.
    const summary = await warmBuild({
      projectDir: ctx.cwd,
      contentDir,
      outputDir,
      baseUrl,
      configFile: values.config,
      mode: 'build',
      quiet: !values.verbose,
      // This process builds once and exits: its heap need not keep room to grow (see heap-growth.ts).
      heapGrowthPercent: HEAP_GROWTH_PERCENT,
    }, atomically);
    progress?.stop();
    printProblems(ctx.stderr, summary.problems, colors);
    const siteUrl = baseUrl ?? loaded.settings.url;
    if (isLocalUrl(siteUrl)) ctx.stderr.write(`${colors.yellow(messages.build.localUrl(siteUrl, values.config ?? SETTINGS_FILE))}\n`);
    if (!values.quiet) {
      // Authors should see when two spellings became one term: it changes URLs and feeds.
      for (const merge of summary.merges) ctx.stdout.write(`${messages.build.merge(merge)}\n`);
      ctx.stdout.write(`${colors.green(messages.build.summary(summary.posts, summary.pages, Date.now() - startedAt, shown))}\n`);
    }
    return ExitCode.ok;
  } catch (error) {
    progress?.stop();
    if (error instanceof ContentError) {
      printProblems(ctx.stderr, error.problems, colors);
      const errors = error.problems.filter((p) => p.severity === 'error').length;
      if (error.unrendered > 0) ctx.stderr.write(`${unrenderedNote(error.unrendered, errors)}\n`);
      ctx.stderr.write(`${colors.red(messages.build.notWritten(errors, shown, hadPrevious))}\n`);
      return ExitCode.content;
    }
    if (error instanceof UnsafeOutputError) {
      ctx.stderr.write(`${error.message}\n${messages.build.nothingBuilt}\n`);
      return values.output !== undefined ? ExitCode.usage : ExitCode.failure;
    }
    if (error instanceof OutputNotFolderError) {
      // From the flag it is a usage error, from the settings a settings error (README, exit codes).
      const fromFlag = values.output !== undefined;
      ctx.stderr.write(`${messages.build.outputIsNotFolder(shownPath(ctx.cwd, outputDir), fromFlag)}\n`);
      return fromFlag ? ExitCode.usage : ExitCode.failure;
    }
    if (error instanceof SettingsError) {
      ctx.stderr.write(`${messages.settingsFailed(error.message)}\n${messages.build.failedKept(shown, hadPrevious)}\n`);
      return ExitCode.failure;
    }
    const detail = values.verbose ? String((error as Error).stack ?? error) : String((error as Error).message ?? error);
    const message =
      error instanceof OutputError ? messages.build.swapFailed(shown, detail)
      : error instanceof WeeklogError ? (error as Error).message
      : messages.internalFailure(detail);
    ctx.stderr.write(`${message}\n${messages.build.failedKept(shown, hadPrevious)}\n`);
    return ExitCode.failure;
  }
}

/** One self-overwriting status line on a terminal: files written so far and elapsed time. */
function startProgress(output: CliContext['stderr'], startedAt: number) {
  let dir: string | undefined;
  let busy = false;
  let stopped = false;
  const show = (files: number) => stopped || output.write(`\r\x1b[2K${messages.build.progress(Date.now() - startedAt)}  ${files} files written`);
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    show(dir ? await countFiles(dir) : 0);
    busy = false;
  }, 500);
  timer.unref();
  // Shown at once, so even a build faster than one update (or one with nothing to do) says it started.
  show(0);
  return {
    watch(stagingDir: string) {
      dir = stagingDir;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      output.write('\r\x1b[2K');
    },
  };
}

/** `localhost`, `*.localhost`, 127.0.0.0/8, `::1`, `0.0.0.0`: addresses that mean "this computer" to every reader. */
export function isLocalUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/u.test(host) || host === '[::1]' || host === '0.0.0.0';
}
