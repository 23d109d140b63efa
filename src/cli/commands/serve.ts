import path from 'node:path';
import { SettingsError } from '../../errors.ts';
import { configFlag, contentFlag, startCommand, type CommandSpec } from '../args.ts';
import { colorsFor, ExitCode, type CliContext } from '../context.ts';
import { messages } from '../messages.ts';
import { loadSettingsFor } from '../settings.ts';
import { loadDevServer } from '../site-api.ts';

export const serveSpec: CommandSpec = {
  name: 'serve',
  usage: 'weeklog serve [flags]',
  summary: 'Serve the site with drafts and live reload; build errors show in the terminal and the page.',
  flags: [
    { name: 'host', type: 'string', valueName: 'HOST', default: '127.0.0.1', description: 'Address to listen on.' },
    { name: 'port', short: 'p', type: 'string', valueName: 'PORT', default: '8080', description: 'Port to listen on; 0 picks a free one.' },
    contentFlag,
    configFlag,
  ],
  examples: ['weeklog serve', 'weeklog serve --port 3000 --host 0.0.0.0', 'weeklog serve --content ../old-blog/source'],
};

/** Resolves when Ctrl+C arrives or `signal` aborts. */
function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    if (signal) {
      if (signal.aborted) return stop();
      signal.addEventListener('abort', stop, { once: true });
    }
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export async function runServe(ctx: Pick<CliContext, 'cwd' | 'argv' | 'stdout' | 'stderr' | 'env' | 'isTTY' | 'signal'>): Promise<number> {
  const started = startCommand(serveSpec, ctx);
  if ('exitCode' in started) return started.exitCode;
  const values = started.values as Record<string, string | undefined>;
  const port = Number(values.port);
  // 0 asks the system for a free port; the printed URL has the one it gave.
  if (!/^\d+$/u.test(values.port ?? '') || port > 65535) {
    ctx.stderr.write(`${messages.usage.badFlag('serve', `--port "${values.port}" is not a port number (0–65535, 0 for any free port).`)}\n`);
    return ExitCode.usage;
  }
  const loaded = loadSettingsFor(ctx, values.config);
  if ('exitCode' in loaded) return loaded.exitCode;
  const colors = colorsFor(ctx);
  const { createDevServer } = await loadDevServer();
  let server;
  let reported = false;
  try {
    server = await createDevServer({
      projectDir: ctx.cwd,
      contentDir: values.content === undefined ? undefined : path.resolve(ctx.cwd, values.content),
      configFile: values.config,
      host: values.host ?? '127.0.0.1',
      port,
      // The page shows the same report; the terminal keeps a scrollable copy, and says when it is empty again.
      onBuild: (report) => {
        if (report) ctx.stderr.write(`${colors.yellow(report)}\n`);
        else if (reported) ctx.stderr.write(`${colors.green(messages.serve.problemsGone)}\n`);
        reported = report !== '';
      },
    });
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    ctx.stderr.write(`${messages.settingsFailed(error.message)}\n`);
    return ExitCode.failure;
  }
  ctx.stdout.write(`${colors.green(messages.serve.listening(server.siteUrl))}\n`);
  await untilStopped(ctx.signal);
  await server.close();
  ctx.stdout.write(`${messages.serve.stopped}\n`);
  return ExitCode.ok;
}
