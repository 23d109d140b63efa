import path from 'node:path';
import type { DateTime } from 'luxon';
import type { HexoConfig } from './config.ts';
import { hexoPermalink } from './config.ts';

/** What a Hexo post's URL is made from. */
export interface HexoPostInfo {
  /** Path below `_posts/`, posix, with extension (`notes/2016-12-05-a.md`). */
  relativePath: string;
  title: string;
  date: DateTime;
  /** Front matter `slug`, which replaces the one from the file name. */
  slug?: string;
  categories: string[];
}

/** hexo-util's `slugize`: separators and punctuation become `-`, everything else (Chinese too) stays. */
export function hexoSlugize(text: string, map: Record<string, string> = {}): string {
  if (map[text]) return map[text]!;
  return text
    .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'<>,.?/]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The `:title` Hexo derives from the file name: `new_post_name` tokens before `:title` are stripped. */
export function hexoSlugFromFile(relativePath: string, newPostName: string | undefined): string {
  const withoutExt = relativePath.replace(/\.(md|markdown|mdown|mkd)$/i, '');
  const pattern = (newPostName ?? ':title.md').replace(/\.(md|markdown)$/i, '');
  const tokens: Record<string, string> = {
    ':year': '\\d{4}',
    ':month': '\\d{2}',
    ':i_month': '\\d{1,2}',
    ':day': '\\d{2}',
    ':i_day': '\\d{1,2}',
    ':title': '(?<title>.+)',
  };
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(year|i_month|month|i_day|day|title)/g, (t) => tokens[t]!);
  const match = new RegExp(`^${source}$`).exec(withoutExt);
  return match?.groups?.title ?? withoutExt;
}

/** The root-relative URL Hexo gave the post, with date parts in `urlZone`. */
export function hexoPostUrl(post: HexoPostInfo, config: HexoConfig, urlZone: string): string {
  const date = post.date.setZone(urlZone);
  const name = path.posix.basename(hexoSlugFromFile(post.relativePath, config.new_post_name));
  const title = post.slug ?? hexoSlugFromFile(post.relativePath, config.new_post_name);
  const categoryMap = (config.category_map ?? {}) as Record<string, string>;
  const category = post.categories.length
    ? post.categories.map((c) => hexoSlugize(c, categoryMap)).join('/')
    : (config.default_category ?? 'uncategorized');
  const values: Record<string, string> = {
    year: date.toFormat('yyyy'),
    month: date.toFormat('MM'),
    i_month: String(date.month),
    day: date.toFormat('dd'),
    i_day: String(date.day),
    hour: date.toFormat('HH'),
    minute: date.toFormat('mm'),
    second: date.toFormat('ss'),
    title,
    name,
    post_title: hexoSlugize(post.title),
    category,
  };
  let url = hexoPermalink(config).replace(/:(year|i_month|month|i_day|day|hour|minute|second|title|name|post_title|category)/g, (_, key: string) => values[key]!);
  if (!url.endsWith('/') && !path.posix.extname(url)) url += '/';
  return url.replace(/\/index\.html$/, '/');
}
