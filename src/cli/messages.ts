/**
 * Every sentence the CLI prints, in one place, so wording stays consistent and
 * tests can assert on the same text the user sees.
 */
import { formatPlace, type Problem } from '../problems.ts';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export const messages = {
  exitCodes: [
    'Exit codes:',
    '  0  success',
    '  1  content errors: the site was not written (or check found errors)',
    '  2  usage error: unknown command or flag, missing argument',
    '  3  settings error or internal failure',
  ].join('\n'),

  usage: {
    badFlag: (command: string, detail: string): string =>
      `weeklog ${command}: ${detail.replace(/\. To specify a positional argument.*$/s, '.')} Run \`weeklog ${command} --help\` for the flags.`,
    extraArgument: (command: string, argument: string): string =>
      `weeklog ${command}: unexpected argument "${argument}". Run \`weeklog ${command} --help\` for the usage.`,
    unknownCommand: (command: string): string =>
      `Unknown command "${command}". Run \`weeklog --help\` for the list of commands.`,
  },

  settingsFailed: (detail: string): string => `${detail}\nFix the settings and run the command again.`,
  internalFailure: (detail: string): string =>
    `weeklog stopped on an unexpected failure: ${detail}\nRun again with --verbose for the stack trace, and report it if it repeats.`,

  new: {
    missingTitle: 'weeklog new needs a title: weeklog new "My post title" (or --digest for this week\'s reading list).',
    emptySlug: (title: string): string =>
      `The title "${title}" gives an empty file name. Use a title with letters, digits or Chinese characters.`,
    exists: (file: string): string =>
      `${file} already exists; weeklog new never overwrites a post. Pick another title or edit that file.`,
    created: (file: string): string => `Created ${file}`,
    digestTitle: (language: 'zh-CN' | 'en', week: string): string =>
      language === 'zh-CN' ? `每周阅读 — ${week}` : `Weekly reading list — ${week}`,
    digestBody: (language: 'zh-CN' | 'en'): string =>
      language === 'zh-CN'
        ? '本周值得一读的文章。\n\n<!-- more -->\n\n## [文章标题](https://example.com/article)\n\n> 摘录或一句话总结。\n\n读后感与要点。\n'
        : 'What was worth reading this week.\n\n<!-- more -->\n\n## [Article title](https://example.com/article)\n\n> A quote or a one-line summary.\n\nNotes and take-aways.\n',
  },

  build: {
    summary: (posts: number, pages: number, elapsedMs: number, output: string): string =>
      `Built ${plural(posts, 'post')}, ${plural(pages, 'page')} in ${seconds(elapsedMs)} → ${output}`,
    progress: (elapsedMs: number): string => `Building… ${seconds(elapsedMs)}`,
    localUrl: (url: string, settingsFile: string): string =>
      `Warning: the site URL is ${url}, a local address: every feed id, feed link, sitemap entry and canonical link points at this computer. ` +
      `Set \`url:\` in ${settingsFile} to the address the site will be published at, or pass --base-url.`,
    merge: (line: string): string => `Note: ${line} (names that differ only by case or width are one term, shown in its most used spelling).`,
    notWritten: (errors: number, output: string, hadPrevious: boolean): string =>
      `${plural(errors, 'error')}: the site was not written. ` +
      (hadPrevious ? `The previous site in ${output} was left as it was.` : `Nothing was written to ${output}.`),
    failedKept: (output: string, hadPrevious: boolean): string =>
      hadPrevious ? `The previous site in ${output} was left as it was.` : `Nothing was written to ${output}.`,
    swapFailed: (output: string, detail: string): string =>
      `The new site was built but could not be moved into ${output}: ${detail}`,
    nothingBuilt: 'Nothing was built.',
    waitingForLock: (pid: number, output: string, lockFile: string): string =>
      `Waiting for another weeklog build (process ${pid}) to finish writing ${output}… ` +
      `If no build is running, stop process ${pid} or delete ${lockFile}.`,
    /** Exit 2 when the path came from --output, 3 when from `outputDir` in the settings. */
    outputIsNotFolder: (output: string, fromFlag: boolean): string =>
      `${output} exists and is not a folder, so the site cannot be written there; nothing was built. ` +
      (fromFlag ? 'Remove it or pass another --output.' : 'Remove it or set another `outputDir` in the settings.'),
  },

  serve: {
    listening: (url: string): string => `Serving the site with drafts at ${url} (Ctrl+C to stop)`,
    problemsGone: 'No problems left: the pages are up to date.',
    stopped: 'Stopped.',
  },

  dates: {
    fromGit: (file: string, date: string, written: boolean): string => `${file}: ${written ? 'wrote' : 'would write'} date: ${date} (from git)`,
    cannotWrite: (file: string, date: string): string =>
      `${file}: date ${date} (from git) not written: the file changed while it was read, is not UTF-8, or has a JSON front matter. Add \`date: ${date}\` by hand.`,
    noSource: (file: string): string => `${file}: no date in front matter, file name or git history; add \`date:\` by hand`,
    summary: (fromGit: number, written: number, undated: number, write: boolean): string =>
      (fromGit === 0
        ? 'No post takes its date from git.'
        : write
          ? `Wrote the date into ${plural(written, 'post')}; commit them so the dates never move.`
          : `${plural(fromGit, 'post')} ${fromGit === 1 ? 'takes its' : 'take their'} date from git. Run \`weeklog dates --write\` to write it into the front matter.`) +
      (undated > 0 ? ` ${plural(undated, 'post')} ${undated === 1 ? 'has' : 'have'} no date at all.` : ''),
  },

  check: {
    errorsHeader: (count: number): string => `${plural(count, 'error')}:`,
    warningsHeader: (count: number): string => `${plural(count, 'warning')}:`,
    clean: (posts: number): string => `Checked ${plural(posts, 'post')}: no problems found.`,
    summary: (posts: number, errors: number, warnings: number): string =>
      `Checked ${plural(posts, 'post')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`,
    brokenLink: (href: string, target: string): string =>
      `Link \`${href}\` points to ${target}, which is no page of this site. Fix the URL or remove the link.`,
    brokenAnchor: (href: string, anchor: string, target: string): string =>
      `Link \`${href}\` points to #${anchor}, which is no heading on ${target}. Use the id of an existing heading.`,
  },

  importHexo: {
    notHexo: (dir: string): string =>
      `${dir} has no _config.yml and no source/ folder, so it is not a Hexo site. Pass the folder that holds _config.yml.`,
    badConfig: (file: string, detail: string): string => `${file} is not valid YAML (${detail}). Fix it and import again.`,
    targetNotEmpty: (file: string): string =>
      `${file} already exists; import-hexo never overwrites. Import into an empty folder with --into DIR.`,
    wouldOverwrite: (files: readonly string[]): string =>
      `import-hexo never overwrites a file, and ${plural(files.length, 'file')} it would write already ${files.length === 1 ? 'exists' : 'exist'}: ` +
      `${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}. Nothing was imported. Import into an empty folder with --into DIR, or move those files away first.`,
    unknownTag: (name: string): string =>
      `Hexo tag \`{% ${name} %}\` has no weeklog equivalent and was left as it is. Replace it with Markdown or HTML.`,
    unclosedTag: (name: string): string =>
      `Hexo tag \`{% ${name} %}\` has no \`{% end${name} %}\` and was left as it is. Close it or replace it with Markdown.`,
    missingAsset: (name: string): string =>
      `Asset \`${name}\` of \`{% asset_img %}\` is not in the post's asset folder. Copy it into the asset folder (named like the post, without its extension) or next to the post.`,
    zoneDetected: (zone: string, matched: number, total: number): string =>
      `URL time zone: ${zone} (matches ${matched} of ${total} old post URLs).`,
    zoneChosen: (zone: string): string => `URL time zone: ${zone}.`,
    mappedListing: (file: string, url: string, listing: string): string =>
      `${file} (${url}) is Hexo's version of weeklog's own ${listing}, which weeklog generates; it was not imported.`,
    datedByCreation: (date: string): string =>
      `No date in the front matter or the file name: Hexo dates such a post by the file's creation time, here ${date}, now written into its front matter. A post published from another copy had another date: check it against the old site.`,
    autoTagOff: (settingsFile: string): string =>
      `Auto-tagging is off, so posts keep exactly the tags they had in Hexo. To let weeklog propose tags, set \`autoTag: suggest\` (or \`add\`) in ${settingsFile}.`,
    missingOldUrl: (url: string, reason: 'term-case' | 'archive-pages' | 'no-page', nowAt?: string): string =>
      reason === 'term-case' ? `Old URL ${url} is now ${nowAt}: weeklog's term URLs are lower case. Redirect it on your host if old links matter.`
      : reason === 'archive-pages' ? `Old URL ${url} is now ${nowAt}: weeklog shows the whole archive on one page.`
      : `Old URL ${url} has no page in the new site: no post, page or file has this URL. Pin the post that had it with \`permalink:\`.`,
    doesNotBuild: 'The imported site does not build yet; weeklog build says:',
    summary: (counts: { posts: number; drafts: number; pages: number; assets: number; files: number }, into: string): string =>
      `Imported ${plural(counts.posts, 'post')}, ${plural(counts.drafts, 'draft')}, ${plural(counts.pages, 'page')}, ` +
      `${plural(counts.assets, 'post asset')} and ${plural(counts.files, 'public file')} into ${into}`,
    notCarried: (count: number): string => `${plural(count, 'thing')} could not be carried over:`,
    skippedSetting: (key: string): string => `_config.yml: \`${key}\` has no weeklog equivalent and was not carried over.`,
  },

  problem: (problem: Problem): string => `${formatPlace(problem)}  ${problem.message}`,
};
