import { constants, copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { DateTime } from 'luxon';
import { SETTINGS_FILE, validateSettings, type Settings } from '../../config/settings.ts';
import { stripDatePrefix } from '../../content/dates.ts';
import { readFields, type PostFields } from '../../content/fields.ts';
import { splitContentPath } from '../../content/find-files.ts';
import { parseFrontMatter, type FrontMatter } from '../../content/front-matter.ts';
import { convertTagPlugins } from '../../content/hexo-tags.ts';
import { DEFAULT_PERMALINK, expandPermalink, normalisePermalink } from '../../content/permalink.ts';
import { normaliseLineEndings } from '../../content/read-source.ts';
import { WeeklogError } from '../../errors.ts';
import { ProblemList } from '../../problems.ts';
import { Slugger } from '../../taxonomy/spellings.ts';
import { hexoTimezone, readHexoConfig, siteUrlOf, toWeeklogSettings, type HexoConfig } from './config.ts';
import { hexoDateFromFile, hexoPostUrl, type HexoPostInfo } from './permalink.ts';
import { detectUrlZone, readOldUrls } from './url-zone.ts';
import { walkHexoSource, weeklogFileName } from './walk.ts';

/** Files the import would write already exist; nothing was written. */
export class ImportTargetExistsError extends WeeklogError {
  readonly files: readonly string[];
  constructor(files: readonly string[]) {
    super(`${files.length} file(s) the import would write already exist: ${files.join(', ')}`);
    this.files = files;
  }
}

export interface ImportOptions {
  siteDir: string;
  /** The weeklog project folder written to. */
  into: string;
  /** `--url-timezone`; when absent, detected from `oldUrlsText`, else UTC. */
  urlTimezone?: string;
  /** Contents of `--old-urls` (sitemap.xml or one URL per line). */
  oldUrlsText?: string;
}

/** Something that did not come over as it was, with its place in the Hexo site. */
export interface ImportNote {
  file: string;
  line: number;
  column: number;
  message: { kind: 'unknown-tag'; name: string } | { kind: 'unclosed-tag'; name: string } | { kind: 'missing-asset'; name: string }
    | { kind: 'skipped-setting'; key: string } | { kind: 'dated-by-creation'; date: string };
}

export interface ImportReport {
  /** Hexo pages whose URL is one of weeklog's own listings (`type: categories` at /categories/…): not imported. */
  mappedListings: { file: string; url: string; listing: string }[];
  counts: { posts: number; drafts: number; pages: number; assets: number; files: number };
  urlZone: { zone: string; detected: boolean; matched?: number };
  notes: ImportNote[];
  /** Old URLs (root-relative, decoded) the Hexo site had; empty without --old-urls. */
  oldPaths: string[];
}

/** Pages every weeklog site generates; a Hexo page at one of these URLs is Hexo's version of it. */
const weeklogListings = ['/', '/archives/', '/categories/', '/tags/', '/search/', '/links/', '/subscribe/'];
/** Files weeklog writes itself at the site root. */
const weeklogOwnFiles = new Set(['404.html']);

const weeklogListingAt = (url: string): string | undefined => weeklogListings.find((listing) => listing === url);

/** Hexo's `skip_render` globs (micromatch, relative to source/): `*` within a segment, `**` across. */
function skipRenderMatcher(setting: unknown): (file: string) => boolean {
  const globs = (Array.isArray(setting) ? setting : [setting]).filter((g): g is string => typeof g === 'string' && g !== '');
  const patterns = globs.map((glob) => {
    const source = glob
      .replace(/^\/+/, '')
      .split(/(\*\*\/?|\*|\?)/)
      .map((part) => (part === '**' || part === '**/' ? '(?:.*/)?' + (part === '**' ? '.*' : '') : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    return new RegExp(`^${source}$`);
  });
  return (file) => patterns.some((pattern) => pattern.test(file));
}

const stringSetting = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** A Markdown file's text as weeklog's loader sees it: no BOM, LF line ends. */
const readMarkdown = (file: string): string => normaliseLineEndings(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));

/** The front matter weeklog will read, or undefined when it is broken (weeklog reports that at build time). */
function frontMatterOf(text: string): FrontMatter | undefined {
  const parsed = parseFrontMatter(text);
  return parsed.ok ? parsed.frontMatter : undefined;
}

/**
 * Adds `key: value` to a post's front matter, in the block weeklog's own reader
 * finds (`---` YAML, the closing-only form, `;;;` JSON), or a new `---` block
 * when it has none. A broken block gets the line only when it opens with `---`,
 * where one more line cannot make it worse; `weeklog check` names the fault.
 */
function addFrontMatterField(text: string, key: string, value: string): string {
  const yamlField = `${key}: ${yaml.dump(value, { lineWidth: -1 }).trimEnd()}`;
  const lines = text.split('\n');
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) return lines[0]!.trimEnd() === '---' ? [lines[0], yamlField, ...lines.slice(1)].join('\n') : text;
  const frontMatter = parsed.frontMatter;
  if (frontMatter.format === 'none') return `---\n${yamlField}\n---\n${text}`;
  const first = frontMatter.firstLine - 1;
  const closing = frontMatter.lineOffset - 1;
  if (frontMatter.format === 'yaml') return [...lines.slice(0, first), yamlField, ...lines.slice(first)].join('\n');
  // `;;;` JSON is written again with the key first, in braces only if the author used them (Hexo adds its own).
  const json = JSON.stringify({ [key]: value, ...frontMatter.data }, null, 2).split('\n');
  const block = frontMatter.raw.trim().startsWith('{') ? json : json.slice(1, -1);
  return [...lines.slice(0, first), ...block, ...lines.slice(closing)].join('\n');
}

/** The path weeklog expands `:title` from: below the posts folder, no extension, the last segment's date prefix dropped. */
function weeklogTitlePath(relativePath: string): string {
  const segments = splitContentPath(`posts/${weeklogFileName(relativePath)}`).pathInPostsFolder.split('/');
  const name = segments.pop() ?? '';
  return [...segments, stripDatePrefix(name)].join('/');
}

interface HexoPost {
  info: HexoPostInfo;
  fields: PostFields;
  /** Where Hexo's date came from when the front matter has none; the import writes it down. */
  dateFrom?: 'file-name' | 'file-created';
}

/**
 * A post's URL inputs, read with weeklog's own front matter and date readers.
 * Undefined without a usable date: then neither Hexo's URL nor weeklog's can be
 * known, and weeklog reports the post when it builds.
 */
function readHexoPost(relativePath: string, frontMatter: FrontMatter, zone: string, newPostName: string | undefined, createdAt: () => Date): HexoPost | undefined {
  const fields = readFields(frontMatter, relativePath, zone, new ProblemList());
  if (!fields) return undefined;
  if (fields.date) return postFrom(relativePath, fields, fields.date);
  // Hexo dates such a post from its file name, at midnight in its zone, else by the file's creation time.
  const parts = hexoDateFromFile(relativePath, newPostName);
  const date = parts ? DateTime.fromObject(parts, { zone }).toJSDate() : createdAt();
  return { ...postFrom(relativePath, { ...fields, date }, date), dateFrom: parts ? 'file-name' : 'file-created' };
}

function postFrom(relativePath: string, fields: PostFields, date: Date): HexoPost {
  const info: HexoPostInfo = {
    relativePath,
    date,
    categories: fields.categories,
    ...(fields.title !== undefined ? { title: fields.title } : {}),
    ...(fields.slug !== undefined ? { slug: fields.slug } : {}),
    ...(fields.id !== undefined ? { id: fields.id } : {}),
  };
  return { info, fields };
}

/**
 * The URL weeklog's own rules (load-posts) will give an imported post, or
 * undefined when it cannot be known here: without a front-matter title weeklog
 * takes `:post_title` from the first heading, known only after rendering.
 */
function weeklogPostUrl(relativePath: string, fields: PostFields, settings: Settings): string | undefined {
  const pattern = settings.permalink || DEFAULT_PERMALINK;
  if (fields.title === undefined && /:post_title\b/.test(pattern)) return undefined;
  const categories = fields.categories.length > 0 ? fields.categories : settings.defaultCategory ? [settings.defaultCategory] : [];
  const slugger = new Slugger(settings.categoryMap);
  return expandPermalink(pattern, {
    titlePath: weeklogTitlePath(relativePath),
    slug: fields.slug,
    title: fields.title ?? '',
    date: fields.date!,
    zone: settings.urlTimezone,
    categorySlugs: categories.map((name) => slugger.slug(name)),
    id: fields.id,
    file: path.posix.join(settings.contentDir, 'posts', weeklogFileName(relativePath)),
  });
}

export function importHexoSite(options: ImportOptions): ImportReport {
  const config: HexoConfig = readHexoConfig(options.siteDir);
  // Without `timezone`, Hexo reads dates in the zone it ran in, the same zone its URLs show.
  let siteZone = hexoTimezone(config) ?? options.urlTimezone ?? 'UTC';
  const sourceDir = path.join(options.siteDir, typeof config.source_dir === 'string' ? config.source_dir : 'source');
  const source = walkHexoSource(sourceDir);
  const contentDir = path.join(options.into, 'content');
  const notes: ImportNote[] = [];
  const shown = (...parts: string[]) => path.posix.join(path.basename(sourceDir), ...parts);
  // Every file is planned first and written only when none of them exists: an import never
  // overwrites, and never stops half-way through because of a file it would have overwritten.
  const planned = new Map<string, () => void>();
  const write = (file: string, text: string) => void planned.set(file, () => writeFileSync(file, text, { flag: 'wx' }));
  const copy = (from: string, to: string) => void planned.set(to, () => copyFileSync(from, to, constants.COPYFILE_EXCL));

  const postTexts = new Map(source.posts.map((p) => [p, readMarkdown(path.join(sourceDir, '_posts', p))]));
  const frontMatters = new Map([...postTexts].map(([p, text]) => [p, frontMatterOf(text)]));
  const readPosts = (zone: string) =>
    new Map(
      [...frontMatters].flatMap(([p, frontMatter]) => {
        const createdAt = () => statSync(path.join(sourceDir, '_posts', p)).birthtime;
        const post = frontMatter && readHexoPost(p, frontMatter, zone, stringSetting(config.new_post_name), createdAt);
        return post ? [[p, post] as const] : [];
      }),
    );
  let posts = readPosts(siteZone);

  const oldPaths = options.oldUrlsText ? readOldUrls(options.oldUrlsText, siteUrlOf(config)) : [];
  let urlZone: ImportReport['urlZone'];
  if (options.urlTimezone) urlZone = { zone: options.urlTimezone, detected: false };
  else if (oldPaths.length > 0) {
    const guess = detectUrlZone([...posts.values()].map((p) => p.info), config, oldPaths, hexoTimezone(config));
    urlZone = { zone: guess.zone, detected: true, matched: guess.matched };
  } else urlZone = { zone: 'UTC', detected: false };
  if (!hexoTimezone(config) && urlZone.zone !== siteZone) {
    siteZone = urlZone.zone;
    posts = readPosts(siteZone);
  }
  const { settings: rawSettings, skipped } = toWeeklogSettings(config, urlZone.zone);
  // Read back as weeklog will read it, defaults filled in.
  const settings = validateSettings(rawSettings);

  const converted = (folder: string, relativePath: string, text: string): string => {
    const result = convertTagPlugins(text);
    for (const note of result.notes) {
      notes.push({ file: shown(folder, relativePath), line: note.line, column: note.column, message: { kind: note.kind === 'unknown' ? 'unknown-tag' : 'unclosed-tag', name: note.name } as ImportNote['message'] });
    }
    const assetFolder = path.join(sourceDir, folder, relativePath.replace(/\.[^.]+$/, ''));
    for (const asset of result.assets) {
      if (!existsSync(path.join(assetFolder, asset)) && !existsSync(path.join(sourceDir, folder, path.dirname(relativePath), asset))) {
        notes.push({ file: shown(folder, relativePath), line: 0, column: 0, message: { kind: 'missing-asset', name: asset } });
      }
    }
    return result.text;
  };

  for (const [relativePath, original] of postTexts) {
    let text = converted('_posts', relativePath, original);
    const post = posts.get(relativePath);
    const hexoUrl = post && hexoPostUrl(post.info, config, urlZone.zone);
    const pinned = frontMatters.get(relativePath)?.data.permalink !== undefined;
    // Pin the post to its old URL wherever weeklog's own rules would give another one: Hexo's `:title`
    // keeps a file name's date and follows front-matter `slug`, its `:category` keeps case, and so on.
    const weeklogUrl = post && weeklogPostUrl(relativePath, post.fields, settings);
    if (hexoUrl && !pinned && weeklogUrl !== normalisePermalink(hexoUrl)) {
      text = addFrontMatterField(text, 'permalink', hexoUrl);
    }
    if (post?.dateFrom) {
      const date = DateTime.fromJSDate(post.info.date, { zone: siteZone }).toISO({ suppressMilliseconds: true })!;
      text = addFrontMatterField(text, 'date', date);
      if (post.dateFrom === 'file-created') notes.push({ file: shown('_posts', relativePath), line: 1, column: 1, message: { kind: 'dated-by-creation', date } });
    }
    write(path.join(contentDir, 'posts', weeklogFileName(relativePath)), text);
  }
  for (const relativePath of source.drafts) {
    write(path.join(contentDir, '_drafts', weeklogFileName(relativePath)), converted('_drafts', relativePath, readMarkdown(path.join(sourceDir, '_drafts', relativePath))));
  }
  // Asset folders keep their place beside their post (`a.md` + `a/x.png`): weeklog finds a post's files there,
  // as Hexo does, and two posts each with their own `1.png` cannot overwrite one another.
  let assets = 0;
  for (const [folder, files, target] of [
    ['_posts', source.postFiles, 'posts'],
    ['_drafts', source.draftFiles, '_drafts'],
  ] as const) {
    for (const file of files) {
      copy(path.join(sourceDir, folder, file), path.join(contentDir, target, file));
      assets += 1;
    }
  }
  const skipRender = skipRenderMatcher(config.skip_render);
  const mappedListings: ImportReport['mappedListings'] = [];
  for (const page of source.pages) {
    if (skipRender(page)) {
      copy(path.join(sourceDir, page), path.join(options.into, 'public', page));
      continue;
    }
    // Hexo's page URL: `x/index.md` at `/x/`, `x/y.md` at `/x/y.html`.
    const url = `/${page.replace(/\.[^.]+$/, '.html').replace(/(^|\/)index\.html$/, '$1')}`;
    let text = readMarkdown(path.join(sourceDir, page));
    const frontMatter = frontMatterOf(text);
    const listing = weeklogListingAt(url);
    if (listing && frontMatter?.data.permalink === undefined) {
      mappedListings.push({ file: shown(page), url, listing });
      continue;
    }
    // weeklog has no separate page type: a page becomes a post pinned to its Hexo URL.
    if (frontMatter?.data.permalink === undefined) text = addFrontMatterField(text, 'permalink', url);
    write(path.join(contentDir, 'pages', weeklogFileName(page)), converted('', page, text));
  }
  for (const file of source.publicFiles) {
    const from = path.join(sourceDir, file);
    if (/\.html?$/i.test(file) && !skipRender(file)) {
      // Hexo renders an HTML file with front matter: the front matter goes, the HTML stays.
      const text = readFileSync(from, 'utf8');
      const frontMatter = frontMatterOf(text);
      if (frontMatter && frontMatter.format !== 'none') {
        if (weeklogOwnFiles.has(file)) {
          mappedListings.push({ file: shown(file), url: `/${file}`, listing: `/${file}` });
          continue;
        }
        write(path.join(options.into, 'public', file), text.split('\n').slice(frontMatter.lineOffset).join('\n'));
        continue;
      }
    }
    copy(from, path.join(options.into, 'public', file));
  }

  for (const key of skipped) notes.push({ file: '_config.yml', line: 0, column: 0, message: { kind: 'skipped-setting', key } });
  write(path.join(options.into, SETTINGS_FILE), `# Imported from the Hexo site ${path.resolve(options.siteDir)}\n${yaml.dump(rawSettings, { lineWidth: -1 })}`);
  const existing = [...planned.keys()].filter((file) => existsSync(file));
  if (existing.length > 0) throw new ImportTargetExistsError(existing);
  for (const [file, run] of planned) {
    mkdirSync(path.dirname(file), { recursive: true });
    run();
  }

  return {
    mappedListings,
    counts: { posts: source.posts.length, drafts: source.drafts.length, pages: source.pages.length, assets, files: source.publicFiles.length },
    urlZone,
    notes,
    oldPaths,
  };
}
