import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { isTimeZone, SETTINGS_FILE } from '../../config/settings.ts';
import { formatPlace } from '../../problems.ts';
import { startCommand, type CommandSpec } from '../args.ts';
import { colorsFor, ExitCode, shownPath, type CliContext } from '../context.ts';
import { importHexoSite, ImportTargetExistsError, type ImportNote, type ImportReport } from '../hexo/import-site.ts';
import { checkOldUrls } from '../hexo/old-url-report.ts';
import { isListingPath } from '../hexo/url-zone.ts';
import { messages } from '../messages.ts';

export const importHexoSpec: CommandSpec = {
  name: 'import-hexo',
  usage: 'weeklog import-hexo <hexo-site-dir> [flags]',
  summary: 'Turn a Hexo site into a weeklog site whose post URLs are the ones the Hexo site had.',
  positionals: 1,
  flags: [
    { name: 'into', type: 'string', valueName: 'DIR', description: 'weeklog project folder to write content/ and weeklog.config.yml to (default: .).' },
    { name: 'url-timezone', type: 'string', valueName: 'ZONE', description: 'Zone of the machine that built the Hexo site, for URL dates (default: detected from --old-urls, else UTC).' },
    { name: 'old-urls', type: 'string', valueName: 'FILE', description: "The old site's sitemap.xml or a list of URLs: detects the zone and reports URLs that would break." },
  ],
  examples: [
    'weeklog import-hexo ../old-blog --into .',
    'weeklog import-hexo ../old-blog --old-urls ../old-blog/public/sitemap.xml',
    'weeklog import-hexo ../old-blog --url-timezone Asia/Shanghai',
  ],
};

function noteText(note: ImportNote): string {
  const place = formatPlace(note);
  const m = note.message;
  const text =
    m.kind === 'unknown-tag' ? messages.importHexo.unknownTag(m.name)
    : m.kind === 'unclosed-tag' ? messages.importHexo.unclosedTag(m.name)
    : m.kind === 'missing-asset' ? messages.importHexo.missingAsset(m.name)
    : m.kind === 'dated-by-creation' ? messages.importHexo.datedByCreation(m.date)
    : messages.importHexo.skippedSetting(m.key);
  return m.kind === 'skipped-setting' ? text : `${place}  ${text}`;
}

export async function runImportHexo(ctx: Pick<CliContext, 'cwd' | 'argv' | 'stdout' | 'stderr' | 'env' | 'isTTY'>): Promise<number> {
  const started = startCommand(importHexoSpec, ctx);
  if ('exitCode' in started) return started.exitCode;
  const values = started.values as Record<string, string | undefined>;
  const colors = colorsFor(ctx);
  const siteArg = started.positionals[0];
  if (!siteArg) {
    ctx.stderr.write(`${messages.usage.badFlag('import-hexo', 'The Hexo site folder is missing.')}\n`);
    return ExitCode.usage;
  }
  const siteDir = path.resolve(ctx.cwd, siteArg);
  if (!existsSync(path.join(siteDir, '_config.yml')) && !existsSync(path.join(siteDir, 'source'))) {
    ctx.stderr.write(`${messages.importHexo.notHexo(siteArg)}\n`);
    return ExitCode.usage;
  }
  const zone = values['url-timezone'];
  if (zone !== undefined && !isTimeZone(zone)) {
    ctx.stderr.write(`${messages.usage.badFlag('import-hexo', `--url-timezone "${zone}" is not an IANA time zone such as UTC or Asia/Shanghai.`)}\n`);
    return ExitCode.usage;
  }
  const into = path.resolve(ctx.cwd, values.into ?? '.');
  for (const taken of [SETTINGS_FILE, 'content']) {
    const file = path.join(into, taken);
    if (existsSync(file) && (taken !== 'content' || readdirSync(file).length > 0)) {
      ctx.stderr.write(`${messages.importHexo.targetNotEmpty(shownPath(ctx.cwd, file))}\n`);
      return ExitCode.content;
    }
  }
  let oldUrlsText: string | undefined;
  if (values['old-urls'] !== undefined) {
    const file = path.resolve(ctx.cwd, values['old-urls']);
    if (!existsSync(file)) {
      ctx.stderr.write(`${messages.usage.badFlag('import-hexo', `--old-urls file ${values['old-urls']} does not exist.`)}\n`);
      return ExitCode.usage;
    }
    oldUrlsText = readFileSync(file, 'utf8');
  }

  let report: ImportReport;
  try {
    report = importHexoSite({ siteDir, into, urlTimezone: zone, oldUrlsText });
  } catch (error) {
    if (error instanceof ImportTargetExistsError) {
      ctx.stderr.write(`${messages.importHexo.wouldOverwrite(error.files.map((file) => shownPath(ctx.cwd, file)))}\n`);
      return ExitCode.content;
    }
    if (!(error instanceof yaml.YAMLException)) throw error;
    ctx.stderr.write(`${messages.importHexo.badConfig(path.join(siteArg, '_config.yml'), error.reason)}\n`);
    return ExitCode.failure;
  }
  const { urlZone } = report;
  ctx.stdout.write(
    `${urlZone.detected ? messages.importHexo.zoneDetected(urlZone.zone, urlZone.matched ?? 0, report.oldPaths.filter((p) => !isListingPath(p)).length) : messages.importHexo.zoneChosen(urlZone.zone)}\n`,
  );
  const checked = report.oldPaths.length > 0 ? await checkOldUrls(into, report.oldPaths, ctx) : { built: true as const, missing: [] };
  const missing = checked.built ? checked.missing : [];
  const lines = [...report.notes.map(noteText), ...missing.map((m) => messages.importHexo.missingOldUrl(m.url, m.reason, m.nowAt))];
  ctx.stdout.write(`${colors.green(messages.importHexo.summary(report.counts, shownPath(ctx.cwd, into)))}\n`);
  for (const { file, url, listing } of report.mappedListings) ctx.stdout.write(`${messages.importHexo.mappedListing(file, url, listing)}\n`);
  ctx.stdout.write(`${messages.importHexo.autoTagOff(SETTINGS_FILE)}\n`);
  if (lines.length > 0) {
    ctx.stdout.write(`${colors.yellow(messages.importHexo.notCarried(lines.length))}\n`);
    for (const text of lines) ctx.stdout.write(`  ${text}\n`);
  }
  if (!checked.built) {
    ctx.stdout.write(`${colors.red(messages.importHexo.doesNotBuild)}\n${checked.output}`);
    return ExitCode.content;
  }
  const lost = missing.filter((m) => m.reason === 'no-page');
  return lost.length > 0 ? ExitCode.content : ExitCode.ok;
}
