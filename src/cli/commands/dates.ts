import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { frontMatterDate, withFrontMatterDate } from '../../content/write-date.ts';
import { configFlag, contentFlag, startCommand, type CommandSpec } from '../args.ts';
import { colorsFor, ExitCode, type CliContext } from '../context.ts';
import { messages } from '../messages.ts';
import { printProblems } from '../report.ts';
import { loadSettingsFor } from '../settings.ts';
import { loadPostsModule } from '../site-api.ts';

export const datesSpec: CommandSpec = {
  name: 'dates',
  usage: 'weeklog dates [--write] [flags]',
  summary: "List posts whose date comes from git, not their front matter; --write puts each date into the post's front matter so it never moves.",
  flags: [
    { name: 'write', short: 'w', type: 'boolean', description: 'Write `date:` into the front matter of each post dated by git (nothing else in the file changes).' },
    contentFlag,
    configFlag,
  ],
  examples: ['weeklog dates', 'weeklog dates --write'],
};

/**
 * A post dated by the commit that added it moves when the repository is cloned
 * without history; written into its front matter, the date is fixed. Posts
 * dated only by their modification time are listed, never written: that time
 * is not when they were written.
 */
export async function runDates(ctx: Pick<CliContext, 'cwd' | 'argv' | 'stdout' | 'stderr' | 'env' | 'isTTY'>): Promise<number> {
  const started = startCommand(datesSpec, ctx);
  if ('exitCode' in started) return started.exitCode;
  const values = started.values as Record<string, string | boolean | undefined>;
  const loaded = loadSettingsFor(ctx, values.config as string | undefined);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { settings } = loaded;
  const colors = colorsFor(ctx);
  const contentDir = typeof values.content === 'string' ? path.resolve(ctx.cwd, values.content) : undefined;
  // Loaded here, not at the top: the loader brings the Markdown pipeline and shiki, which `--help` must not pay for.
  const { loadPosts } = await loadPostsModule();
  // Far in the future, so that a post dated by a fresh checkout's modification time is not left out as a future post.
  const { posts, problems } = await loadPosts(settings, { projectDir: ctx.cwd, contentDir, mode: 'build', now: new Date(8.64e15) });
  printProblems(ctx.stderr, problems, colors);

  const fromGit = posts.filter((post) => post.dateSource === 'git' && !post.standalone);
  const undated = posts.filter((post) => post.dateSource === 'mtime' && !post.standalone);
  const write = values.write === true;
  let written = 0;
  for (const post of fromGit) {
    const date = frontMatterDate(post.date, settings.timezone);
    const file = path.resolve(ctx.cwd, post.file);
    const bytes = await readFile(file);
    // Written only if the file is what was read: an editor may have saved it meanwhile.
    const unchanged = createHash('sha1').update(bytes).digest('hex') === post.hash;
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const updated = unchanged && !text.includes('\uFFFD') ? withFrontMatterDate(text, date) : null;
    if (write && updated !== null) {
      await writeFile(file, updated);
      written++;
    }
    const line = updated === null ? messages.dates.cannotWrite(post.file, date) : messages.dates.fromGit(post.file, date, write);
    ctx.stdout.write(`${line}\n`);
  }
  for (const post of undated) ctx.stdout.write(`${messages.dates.noSource(post.file)}\n`);
  ctx.stdout.write(`${colors.green(messages.dates.summary(fromGit.length, written, undated.length, write))}\n`);
  return fromGit.length > written && write ? ExitCode.content : ExitCode.ok;
}
