import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { DateTime } from 'luxon';
import type { Settings } from '../../config/settings.ts';
import { slugize } from '../../content/slugs.ts';
import { configFlag, startCommand, type CommandSpec } from '../args.ts';
import { ExitCode, type CliContext } from '../context.ts';
import { messages } from '../messages.ts';
import { loadSettingsFor } from '../settings.ts';

export const newSpec: CommandSpec = {
  name: 'new',
  usage: 'weeklog new "<title>" [flags]   |   weeklog new --digest [flags]',
  summary: 'Write a new post with front matter to content/posts/YYYY-MM-DD-<slug>.md and print its path.',
  positionals: 1,
  flags: [
    { name: 'category', short: 'c', type: 'string', valueName: 'NAME', description: 'Category of the post.' },
    { name: 'tags', short: 't', type: 'string', valueName: 'A,B', description: 'Comma-separated tags.' },
    { name: 'draft', short: 'd', type: 'boolean', description: 'Write it to content/_drafts/ instead (shown only by serve).' },
    { name: 'digest', type: 'boolean', description: "Start this week's reading list (category Readings, a sample link section)." },
    configFlag,
  ],
  examples: [
    'weeklog new "Istio 与 Linkerd 对比" --category 云原生 --tags istio,linkerd',
    'weeklog new --digest',
    'weeklog new "Half-finished idea" --draft',
  ],
};

/**
 * File-name slug, made by the content module's rule so the file name and the URL
 * agree (Chinese kept). Unicode punctuation (`—`, `：`, `，`) goes too: Hexo's rule
 * only knows ASCII punctuation and would keep it in the file name.
 */
export function fileSlug(title: string): string {
  return slugize(title.replace(/[\p{P}\p{S}]+/gu, ' '), { lowerCase: true });
}

const yamlScalar = (value: string): string => yaml.dump(value, { lineWidth: -1 }).trimEnd();

export function frontMatter(fields: { title: string; date: string; category?: string; tags: string[] }): string {
  const lines = ['---', `title: ${yamlScalar(fields.title)}`, `date: ${fields.date}`];
  if (fields.category) lines.push(`category: ${yamlScalar(fields.category)}`);
  lines.push(`tags: [${fields.tags.map(yamlScalar).join(', ')}]`);
  lines.push('---', '');
  return lines.join('\n');
}

export function digestTitle(settings: Pick<Settings, 'language' | 'timezone'>, now: Date): string {
  const local = DateTime.fromJSDate(now, { zone: settings.timezone });
  const week = `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
  return messages.new.digestTitle(settings.language, week);
}

export async function runNew(ctx: Pick<CliContext, 'cwd' | 'argv' | 'stdout' | 'stderr' | 'now'>): Promise<number> {
  const started = startCommand(newSpec, ctx);
  if ('exitCode' in started) return started.exitCode;
  const { values, positionals } = started;
  const loaded = loadSettingsFor(ctx, values.config as string | undefined);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { settings } = loaded;

  const now = (ctx.now ?? (() => new Date()))();
  const digest = values.digest === true;
  const title = digest ? digestTitle(settings, now) : positionals[0]?.trim();
  if (!title) {
    ctx.stderr.write(`${messages.new.missingTitle}\n`);
    return ExitCode.usage;
  }
  const slug = fileSlug(title);
  if (!slug) {
    ctx.stderr.write(`${messages.new.emptySlug(title)}\n`);
    return ExitCode.usage;
  }

  const local = DateTime.fromJSDate(now, { zone: settings.timezone });
  const folder = values.draft ? '_drafts' : 'posts';
  const relative = path.posix.join(settings.contentDir, folder, `${local.toFormat('yyyy-MM-dd')}-${slug}.md`);
  const file = path.join(ctx.cwd, relative);
  if (existsSync(file)) {
    ctx.stderr.write(`${messages.new.exists(relative)}\n`);
    return ExitCode.content;
  }

  const tags = String(values.tags ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const category = digest ? ((values.category as string | undefined) ?? 'Readings') : (values.category as string | undefined);
  const body = digest ? messages.new.digestBody(settings.language) : '\n';
  const text = `${frontMatter({ title, date: local.toFormat('yyyy-MM-dd HH:mm:ss'), category, tags })}\n${body}`;

  mkdirSync(path.dirname(file), { recursive: true });
  // `wx` also refuses when another process created the file since the check above.
  writeFileSync(file, text, { flag: 'wx' });
  ctx.stdout.write(`${messages.new.created(relative)}\n`);
  return ExitCode.ok;
}
