import { createHash } from 'node:crypto';
import path from 'node:path';
import { stripDatePrefix } from './dates.ts';

// The same character classes as hexo-util's `slugize`, so old Hexo URLs keep working.
const controlCharacters = /[\u0000-\u001f]/g;
const unsafeRuns = /[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'<>,.?/]+/g;
const combiningMarks = /[\u0300-\u036f]/g;

export interface SlugizeOptions {
  /** Lower-case the result, as Hexo does for `:post_title` and category slugs (default: `false`). */
  lowerCase?: boolean | null | undefined;
}

/**
 * Hexo's `slugize`: runs of whitespace and URL-unsafe punctuation become one
 * `-`, ends are trimmed; case and Chinese are kept (`Alpine Linux` → `Alpine-Linux`).
 * May return `''` for a string made only of punctuation.
 */
export function slugize(value: string, options: SlugizeOptions = {}): string {
  const slug = value
    .normalize('NFD')
    .replace(combiningMarks, '')
    .normalize('NFC')
    .replace(controlCharacters, '')
    .replace(unsafeRuns, '-')
    .replace(/^-+|-+$/g, '');
  return options.lowerCase ? slug.toLowerCase() : slug;
}

/** Slugizes each segment of a path and keeps the `/` between them (Hexo's `:title` keeps subfolders). */
export function slugizePath(value: string): string {
  return value
    .split('/')
    .map((segment) => slugize(segment))
    .filter((segment) => segment !== '')
    .join('/');
}

/** A short stable stand-in for a slug that came out empty. */
export function shortHash(value: string, length = 8): string {
  return createHash('sha1').update(value).digest('hex').slice(0, length);
}

const indexNames = new Set(['readme', 'index']);

/**
 * A readable title from a file path: `posts/2016-12-05-alpine_linux.md` → `alpine linux`.
 * `README.md` and `index.md` take their folder's name.
 */
export function titleFromFileName(relativePath: string): string {
  const parsed = path.posix.parse(relativePath);
  let name = parsed.name;
  if (indexNames.has(name.toLowerCase()) && parsed.dir) name = path.posix.basename(parsed.dir);
  const title = stripDatePrefix(name).replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return title === '' ? name : title;
}
