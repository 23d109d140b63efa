import { createHash } from 'node:crypto';
import { dateParts } from './dates.ts';
import { shortHash, slugize, slugizePath } from './slugs.ts';

/** Hexo's `permalink` default. */
export const DEFAULT_PERMALINK = '/:year/:month/:day/:title/';

/** Hexo's `default_category`, used for `:category` when a post has none. */
export const UNCATEGORIZED = 'uncategorized';

export interface PermalinkContext {
  /** Path relative to the posts folder without extension or date prefix (`k8s/Alpine Linux`). */
  titlePath: string;
  /** Front-matter `slug`, if any. */
  slug?: string | null | undefined;
  title: string;
  date: Date;
  /** Zone for the date parts (settings.urlTimezone). */
  zone: string;
  /** Category slugs from the root (`['cloud', 'kubernetes']`). */
  categorySlugs: string[];
  /** Front-matter `id`, if any. */
  id?: string | null | undefined;
  /** Project-relative file path: seeds `:hash` and the empty-slug fallback. */
  file: string;
}

/**
 * Fills a Hexo permalink pattern. Tokens: `:year :month :day :i_month :i_day
 * :hour :minute :second :title :slug :name :post_title :category :hash :id`.
 * A title token that comes out empty becomes a short hash of the file path so
 * that no two such posts share `/2016/12/05//`. Unknown tokens stay as written.
 */
export function expandPermalink(pattern: string, context: PermalinkContext): string {
  const when = dateParts(context.date, context.zone);
  const fallback = shortHash(context.file);
  const title = slugizePath(context.titlePath) || fallback;
  const slug = (context.slug ? slugizePath(context.slug) : '') || title;
  const hash = hexoHash(slug, context.date);
  const values: Record<string, () => string> = {
    year: () => when.toFormat('yyyy'),
    month: () => when.toFormat('MM'),
    day: () => when.toFormat('dd'),
    i_month: () => String(when.month),
    i_day: () => String(when.day),
    hour: () => when.toFormat('HH'),
    minute: () => when.toFormat('mm'),
    second: () => when.toFormat('ss'),
    title: () => title,
    slug: () => slug,
    name: () => slug.split('/').pop() || fallback,
    post_title: () => slugize(context.title, { lowerCase: true }) || fallback,
    category: () => (context.categorySlugs.length > 0 ? context.categorySlugs.join('/') : UNCATEGORIZED),
    hash: () => hash,
    id: () => (context.id ? slugize(String(context.id)) : '') || hash,
  };
  const expanded = pattern.replace(/:(i_month|i_day|post_title|year|month|day|hour|minute|second|title|slug|name|category|hash|id)\b/g, (_, token: string) =>
    values[token](),
  );
  return normalisePermalink(expanded);
}

/**
 * Hexo ≥ 6 `:hash`: the first 12 hex digits of SHA-1 over the post's slug and
 * its date in Unix seconds, so it is stable across machines and rebuilds.
 */
export function hexoHash(slug: string, date: Date): string {
  return createHash('sha1')
    .update(slug + String(Math.floor(date.getTime() / 1000)))
    .digest('hex')
    .slice(0, 12);
}

/**
 * A root-relative URL: leading `/`, no doubled `/`, and a trailing `/` unless
 * it names a file (`/a/b.html`). Percent-escapes are decoded because the model
 * stores URLs unencoded.
 */
export function normalisePermalink(value: string): string {
  let url = value.trim().replace(/\\/g, '/');
  try {
    url = decodeURI(url);
  } catch {
    // A lone `%` is just a character here.
  }
  url = `/${url}`.replace(/\/{2,}/g, '/');
  if (url.endsWith('/index.html')) url = url.slice(0, -'index.html'.length);
  if (!url.endsWith('/') && !url.endsWith('.html')) url += '/';
  return url;
}
