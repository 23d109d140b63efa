import path from 'node:path';
import { dateParts } from '../../content/dates.ts';
import { hexoHash, UNCATEGORIZED } from '../../content/permalink.ts';
import { slugize } from '../../content/slugs.ts';
import type { HexoConfig } from './config.ts';
import { hexoPermalink } from './config.ts';
import { withoutMarkdownExtension } from './walk.ts';

/** What a Hexo post's URL is made from. */
export interface HexoPostInfo {
  /** Path below `_posts/`, posix, with extension (`notes/2016-12-05-a.md`). */
  relativePath: string;
  /** Front-matter `title`, if any. */
  title?: string;
  date: Date;
  /** Front-matter `slug`, which replaces the one from the file name. */
  slug?: string;
  /** Front-matter `id`; without it Hexo's `:id` is a database id nobody can know. */
  id?: string;
  /** The category hierarchy, root first. */
  categories: string[];
}

/** The `:title` Hexo derives from the file name: `new_post_name` tokens before `:title` are stripped. */
export function hexoSlugFromFile(relativePath: string, newPostName: string | undefined): string {
  const withoutExt = withoutMarkdownExtension(relativePath);
  const tokens: Record<string, string> = {
    ':year': '\\d{4}',
    ':month': '\\d{2}',
    ':i_month': '\\d{1,2}',
    ':day': '\\d{2}',
    ':i_day': '\\d{1,2}',
    ':title': '(?<title>.+)',
  };
  const match = fileNamePattern(newPostName, tokens).exec(withoutExt);
  // Hexo slugizes the whole path (`k8s/a b` → `k8s-a-b`) when the name does not fit new_post_name.
  return match?.groups?.title ?? slugize(withoutExt);
}

function fileNamePattern(newPostName: string | undefined, tokens: Record<string, string>): RegExp {
  const pattern = withoutMarkdownExtension(newPostName ?? ':title.md');
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(year|i_month|month|i_day|day|title)/g, (t) => tokens[t]!);
  return new RegExp(`^${source}$`);
}

/**
 * The date Hexo reads from a file name that fits `new_post_name` (`:year-:month-:day-:title.md`),
 * as calendar parts: Hexo takes it at midnight in its zone when the front matter has no date.
 */
export function hexoDateFromFile(relativePath: string, newPostName: string | undefined): { year: number; month: number; day: number } | undefined {
  const tokens: Record<string, string> = {
    ':year': '(?<year>\\d{4})',
    ':month': '(?<month>\\d{2})',
    ':i_month': '(?<month>\\d{1,2})',
    ':day': '(?<day>\\d{2})',
    ':i_day': '(?<day>\\d{1,2})',
    ':title': '(?<title>.+?)',
  };
  const groups = fileNamePattern(newPostName, tokens).exec(withoutMarkdownExtension(relativePath))?.groups;
  if (!groups?.year || !groups.month || !groups.day) return undefined;
  return { year: Number(groups.year), month: Number(groups.month), day: Number(groups.day) };
}

/**
 * Hexo's category slug: `category_map` first, then hexo-util's `slugize` (the
 * same rule as content/slugs.ts) with `filename_case` (1 lower, 2 upper), each
 * level of the hierarchy joined by `/`. weeklog makes its own term slugs, so a
 * post whose URL holds `:category` may need pinning (see import-site.ts).
 */
function hexoCategory(categories: readonly string[], config: HexoConfig): string {
  if (categories.length === 0) return typeof config.default_category === 'string' ? config.default_category : UNCATEGORIZED;
  const map = (config.category_map ?? {}) as Record<string, string>;
  return categories
    .map((name) => {
      const slug = slugize(String(map[name] ?? name), { lowerCase: config.filename_case === 1 });
      return config.filename_case === 2 ? slug.toUpperCase() : slug;
    })
    .join('/');
}

/**
 * The root-relative URL Hexo gave the post, with date parts in `urlZone`, per
 * Hexo's `post_permalink` filter. Undefined when the pattern uses `:id` and the
 * post sets none: Hexo then used its database id, which no file records.
 */
export function hexoPostUrl(post: HexoPostInfo, config: HexoConfig, urlZone: string): string | undefined {
  const date = dateParts(post.date, urlZone);
  const title = post.slug ?? hexoSlugFromFile(post.relativePath, config.new_post_name);
  const values: Record<string, string | undefined> = {
    year: date.toFormat('yyyy'),
    month: date.toFormat('MM'),
    i_month: String(date.month),
    day: date.toFormat('dd'),
    i_day: String(date.day),
    hour: date.toFormat('HH'),
    minute: date.toFormat('mm'),
    second: date.toFormat('ss'),
    // Hexo's `:title` is the slug as written, not slugized; `:name` its last segment.
    title,
    name: path.posix.basename(title),
    // Hexo slugizes `:post_title` with `transform: 1`, i.e. lower-cased. weeklog's
    // expandPermalink does the same, so both give `/my-post/` for "My Post".
    post_title: slugize(post.title ?? '', { lowerCase: true }),
    category: hexoCategory(post.categories, config),
    hash: hexoHash(title, post.date),
    id: post.id,
  };
  let unknown = false;
  let url = hexoPermalink(config).replace(
    /:(i_month|i_day|post_title|year|month|day|hour|minute|second|title|name|category|hash|id)\b/g,
    (_, key: string) => values[key] ?? ((unknown = true), ''),
  );
  if (unknown) return undefined;
  if (!url.endsWith('/') && !path.posix.extname(url)) url += '/';
  return url.replace(/\/index\.html$/, '/');
}
