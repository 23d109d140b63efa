import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { isTimeZone } from '../../config/settings.ts';
import { DEFAULT_PERMALINK, UNCATEGORIZED } from '../../content/permalink.ts';

/** The part of a Hexo `_config.yml` the importer understands. */
export interface HexoConfig {
  title?: string;
  subtitle?: string;
  description?: string;
  author?: string;
  language?: string | string[];
  url?: string;
  root?: string;
  timezone?: string;
  permalink?: string;
  new_post_name?: string;
  /** 0 keep case (Hexo's default), 1 lower, 2 upper: applies to file names and category slugs. */
  filename_case?: number;
  per_page?: number;
  default_category?: string;
  category_map?: Record<string, string> | null;
  tag_map?: Record<string, string> | null;
  [key: string]: unknown;
}

export function readHexoConfig(siteDir: string): HexoConfig {
  const file = path.join(siteDir, '_config.yml');
  if (!existsSync(file)) return {};
  const raw = yaml.load(readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA });
  return raw && typeof raw === 'object' ? (raw as HexoConfig) : {};
}

/** Hexo's `url` plus `root` when the url lacks the sub-folder, always ending in `/`. */
export function siteUrlOf(config: HexoConfig): string | undefined {
  if (typeof config.url !== 'string' || !/^https?:\/\//.test(config.url)) return undefined;
  const url = new URL(config.url);
  const root = typeof config.root === 'string' ? config.root : '/';
  let pathname = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  if (pathname === '/' && root !== '/') pathname = root.startsWith('/') ? root : `/${root}`;
  if (!pathname.endsWith('/')) pathname += '/';
  return `${url.origin}${pathname}`;
}

export const hexoPermalink = (config: HexoConfig): string => {
  const pattern = typeof config.permalink === 'string' && config.permalink ? config.permalink : DEFAULT_PERMALINK;
  return pattern.startsWith('/') ? pattern : `/${pattern}`;
};

/** Hexo's site zone; empty in Hexo means the machine's, which we cannot know, so weeklog's default applies. */
export const hexoTimezone = (config: HexoConfig): string | undefined =>
  typeof config.timezone === 'string' && config.timezone && isTimeZone(config.timezone) ? config.timezone : undefined;

/**
 * weeklog settings that reproduce the Hexo site, only keys weeklog knows.
 * `skipped` names the Hexo keys that were set but could not be carried over.
 */
export function toWeeklogSettings(config: HexoConfig, urlTimezone: string): { settings: Record<string, unknown>; skipped: string[] } {
  const settings: Record<string, unknown> = {};
  const skipped: string[] = [];
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  if (text(config.title)) settings.title = text(config.title);
  const description = text(config.description) ?? text(config.subtitle);
  if (description) settings.description = description;
  if (text(config.author)) settings.author = text(config.author);
  const language = Array.isArray(config.language) ? config.language[0] : config.language;
  if (typeof language === 'string' && language) settings.language = /^zh/i.test(language) ? 'zh-CN' : 'en';
  const url = siteUrlOf(config);
  if (url) settings.url = url;
  else if (config.url) skipped.push('url');
  const timezone = hexoTimezone(config);
  if (timezone) settings.timezone = timezone;
  else {
    if (config.timezone) skipped.push('timezone');
    // Hexo then read front-matter dates in the zone it ran in, which is the URL zone.
    settings.timezone = urlTimezone;
  }
  settings.urlTimezone = urlTimezone;
  settings.permalink = hexoPermalink(config);
  if (Number.isInteger(config.per_page) && (config.per_page as number) > 0) settings.perPage = config.per_page;
  // Hexo's own default is `uncategorized`; carrying it over would put every plain post in a category.
  if (text(config.default_category) && config.default_category !== UNCATEGORIZED) settings.defaultCategory = text(config.default_category);
  for (const [hexoKey, key] of [['category_map', 'categoryMap'], ['tag_map', 'tagMap']] as const) {
    const map = config[hexoKey];
    if (map && typeof map === 'object' && Object.keys(map).length > 0) {
      settings[key] = Object.fromEntries(Object.entries(map).map(([name, slug]) => [name, String(slug)]));
    }
  }
  // The author's tags came with the posts; weeklog's vocabulary would add its own to every one of them.
  settings.autoTag = 'off';
  // Hexo's term URLs keep the case they were written in (`/tags/SRE/`); old links keep working.
  settings.termUrlCase = 'keep';
  return { settings, skipped };
}
