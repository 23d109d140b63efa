import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { SETTINGS_FILE } from '../../config/settings.ts';
import { slugizePath } from '../../content/slugs.ts';
import { hexoTimezone, readHexoConfig, siteUrlOf, toWeeklogSettings, type HexoConfig } from './config.ts';
import { asStringList, readFrontMatter, readHexoDate } from './front-matter.ts';
import { hexoPostUrl, hexoSlugFromFile, type HexoPostInfo } from './permalink.ts';
import { convertTagPlugins } from '../../content/hexo-tags.ts';
import { detectUrlZone, readOldUrls } from './url-zone.ts';
import { walkHexoSource } from './walk.ts';

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
    | { kind: 'skipped-setting'; key: string };
}

export interface ImportReport {
  counts: { posts: number; drafts: number; pages: number; assets: number; files: number; tagsConverted: number };
  urlZone: { zone: string; detected: boolean; matched?: number; total?: number };
  notes: ImportNote[];
  /** Old URLs (root-relative, decoded) the Hexo site had; empty without --old-urls. */
  oldPaths: string[];
  /** The Hexo URLs of the imported posts under the chosen zone. */
  hexoUrls: Map<string, string>;
  settingsFile: string;
}

/** weeklog's `:title` for a file below the posts folder: leading date dropped, each segment slugized. */
const weeklogTitlePath = (pathInPosts: string): string => {
  const segments = pathInPosts.split('/');
  const name = segments.pop() ?? '';
  return slugizePath([...segments, name.replace(/^\d{4}-\d{2}-\d{2}[-_]/, '') || name].join('/'));
};

/** Adds `key: value` to a post's front matter (any Hexo form), or a new `---` block when it has none. */
function addFrontMatterField(text: string, key: string, value: string): string {
  const field = `${key}: ${yaml.dump(value, { lineWidth: -1 }).trimEnd()}`;
  if (/^---\r?\n/.test(text)) return text.replace(/^---\r?\n/, `---\n${field}\n`);
  if (/^[\w-]+\s*:/.test(text) && /\n---\s*(\n|$)/.test(text)) return `${field}\n${text}`;
  return `---\n${field}\n---\n${text}`;
}

function postInfo(relativePath: string, text: string, zone: string): HexoPostInfo | undefined {
  const data = readFrontMatter(text);
  const date = readHexoDate(data.date, zone);
  if (!date) return undefined;
  return {
    relativePath,
    title: typeof data.title === 'string' ? data.title : '',
    date,
    ...(typeof data.slug === 'string' && data.slug ? { slug: data.slug } : {}),
    categories: asStringList(data.categories ?? data.category),
  };
}

export function importHexoSite(options: ImportOptions): ImportReport {
  const config: HexoConfig = readHexoConfig(options.siteDir);
  const siteZone = hexoTimezone(config) ?? 'Asia/Shanghai';
  const sourceDir = path.join(options.siteDir, typeof config.source_dir === 'string' ? config.source_dir : 'source');
  const source = walkHexoSource(sourceDir);
  const contentDir = path.join(options.into, 'content');
  const notes: ImportNote[] = [];
  const shown = (...parts: string[]) => path.posix.join(path.basename(sourceDir), ...parts);
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text, { flag: 'wx' });
  };
  const copy = (from: string, to: string) => {
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(from, to);
  };

  const postTexts = new Map(source.posts.map((p) => [p, readFileSync(path.join(sourceDir, '_posts', p), 'utf8')]));
  const infos = [...postTexts].map(([p, text]) => postInfo(p, text, siteZone)).filter((i): i is HexoPostInfo => i !== undefined);

  const oldPaths = options.oldUrlsText ? readOldUrls(options.oldUrlsText, siteUrlOf(config)) : [];
  let urlZone: ImportReport['urlZone'];
  if (options.urlTimezone) urlZone = { zone: options.urlTimezone, detected: false };
  else if (oldPaths.length > 0) {
    const guess = detectUrlZone(infos, config, oldPaths, hexoTimezone(config));
    urlZone = { zone: guess.zone, detected: true, matched: guess.matched, total: infos.length };
  } else urlZone = { zone: 'UTC', detected: false };

  let tagsConverted = 0;
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
    tagsConverted += result.converted;
    return result.text;
  };

  const hexoUrls = new Map<string, string>();
  for (const [relativePath, original] of postTexts) {
    let text = converted('_posts', relativePath, original);
    const info = infos.find((i) => i.relativePath === relativePath);
    const hexoUrl = info ? hexoPostUrl(info, config, urlZone.zone) : undefined;
    if (hexoUrl) hexoUrls.set(relativePath, hexoUrl);
    // Hexo takes `:title` from the file name per `new_post_name` (or front matter `slug`); weeklog always strips a
    // leading date from the file name. When the two differ, pin the post to its old URL.
    const hexoSlug = info?.slug ?? hexoSlugFromFile(relativePath, config.new_post_name);
    if (hexoUrl && hexoSlug !== weeklogTitlePath(relativePath.replace(/\.[^.]+$/, '')) && !/^permalink\s*:/m.test(text)) {
      text = addFrontMatterField(text, 'permalink', hexoUrl);
    }
    write(path.join(contentDir, 'posts', relativePath), text);
  }
  for (const relativePath of source.drafts) {
    write(path.join(contentDir, '_drafts', relativePath), converted('_drafts', relativePath, readFileSync(path.join(sourceDir, '_drafts', relativePath), 'utf8')));
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
  for (const page of source.pages) {
    // weeklog has no separate page type: a page becomes a post pinned to its Hexo URL.
    const url = `/${page.replace(/\.[^.]+$/, '.html').replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '/')}`;
    let text = readFileSync(path.join(sourceDir, page), 'utf8');
    if (!/^permalink\s*:/m.test(text)) text = addFrontMatterField(text, 'permalink', url);
    write(path.join(contentDir, 'pages', page), converted('', page, text));
  }
  for (const file of source.publicFiles) copy(path.join(sourceDir, file), path.join(options.into, 'public', file));

  const { settings, skipped } = toWeeklogSettings(config, urlZone.zone);
  for (const key of skipped) notes.push({ file: '_config.yml', line: 0, column: 0, message: { kind: 'skipped-setting', key } });
  const settingsFile = path.join(options.into, SETTINGS_FILE);
  write(settingsFile, `# Imported from the Hexo site ${path.resolve(options.siteDir)}\n${yaml.dump(settings, { lineWidth: -1 })}`);

  return {
    counts: { posts: source.posts.length, drafts: source.drafts.length, pages: source.pages.length, assets, files: source.publicFiles.length, tagsConverted },
    urlZone,
    notes,
    oldPaths,
    hexoUrls,
    settingsFile,
  };
}
