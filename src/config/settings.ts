import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { SettingsError } from '../errors.ts';
import { LINK_ITEM_SHAPES, type LinkItemShape } from '../markdown/types.ts';

/** The site settings, as read from `weeklog.config.yml` and completed with defaults. */
export interface Settings {
  /** Site title (default: `weeklog`). */
  title: string;
  /** One-line description, used in feeds and `<meta name="description">` (default: `''`). */
  description: string;
  /** Author name for feeds and the footer (default: `''`). */
  author: string;
  /** Absolute site URL, may include a path (`https://example.com/blog/`) (default: `http://127.0.0.1:8080/`). */
  url: string;
  /** UI language: `zh-CN` or `en` (default: `zh-CN`). */
  language: 'zh-CN' | 'en';
  /** IANA zone in which front-matter dates without an offset are read (default: `Asia/Shanghai`). */
  timezone: string;
  /** Zone used for the date parts of URLs; Hexo sites built on a UTC server need `UTC` (default: same as `timezone`). */
  urlTimezone: string;
  /** Posts per listing page (default: `10`). */
  perPage: number;
  /** Permalink pattern (default: `/:year/:month/:day/:title/`). */
  permalink: string;
  /** Length in characters of automatic excerpts (default: `200`). */
  excerptLength: number;
  /** Folder with the posts, relative to the project (default: `content`). */
  contentDir: string;
  /** Folder the site is written to (default: `_site`). */
  outputDir: string;
  /** Static files copied to the site root (default: `public`). */
  publicDir: string;
  /** Use a post's containing folder as its category when it has none (default: `false`). */
  categoryFromFolder: boolean;
  /** Category of posts that have none (default: `''`, no category). */
  defaultCategory: string;
  /** Build posts dated in the future (default: `false`). */
  futurePosts: boolean;
  /** Items per feed (default: `20`). */
  feedItems: number;
  /** Square feed icon, root-relative or absolute; empty for none (default: `/favicon.svg`). */
  feedIcon: string;
  /** Wide feed logo (Atom `logo`, RSS `image`), root-relative or absolute; empty for none (default: `''`). */
  feedLogo: string;
  /** Auto-tagging mode (default: `add`). */
  autoTag: 'off' | 'add' | 'suggest';
  /** Case of category and tag URLs: `lower` (`/tags/sre/`) or `keep` as written, as Hexo does (`/tags/SRE/`) (default: `lower`). */
  termUrlCase: 'lower' | 'keep';
  /** Most tags auto-tagging adds to one post, strongest first: title and heading matches, then mentions (default: `8`). */
  maxAutoTags: number;
  /** Tag vocabulary file, relative to the project; empty uses the shipped one (default: `''`). */
  tagVocabulary: string;
  /**
   * How reading lists write their recommended links; drop a shape that misreads your posts
   * (default: all: `heading`, `numbered`, `list`, `heading-link`, `paragraph`).
   */
  linkItemShapes: LinkItemShape[];
  /** Rename or re-slug categories, Hexo style: `{ Name: slug }` (default: `{}`). */
  categoryMap: Record<string, string>;
  /** Rename or re-slug tags, Hexo style: `{ Name: slug }` (default: `{}`). */
  tagMap: Record<string, string>;
}

export const defaultSettings: Settings = {
  title: 'weeklog',
  description: '',
  author: '',
  url: 'http://127.0.0.1:8080/',
  language: 'zh-CN',
  timezone: 'Asia/Shanghai',
  urlTimezone: '',
  perPage: 10,
  permalink: '/:year/:month/:day/:title/',
  excerptLength: 200,
  contentDir: 'content',
  outputDir: '_site',
  publicDir: 'public',
  categoryFromFolder: false,
  defaultCategory: '',
  futurePosts: false,
  feedItems: 20,
  feedIcon: '/favicon.svg',
  feedLogo: '',
  autoTag: 'add',
  termUrlCase: 'lower',
  maxAutoTags: 8,
  tagVocabulary: '',
  linkItemShapes: [...LINK_ITEM_SHAPES],
  categoryMap: {},
  tagMap: {},
};

export const SETTINGS_FILE = 'weeklog.config.yml';

type Check = (value: unknown) => string | undefined;

const isString: Check = (v) => (typeof v === 'string' ? undefined : 'a string');
const isBoolean: Check = (v) => (typeof v === 'boolean' ? undefined : '`true` or `false`');
const isPositiveInt: Check = (v) => (Number.isInteger(v) && (v as number) > 0 ? undefined : 'a whole number above 0');
const oneOf =
  (...allowed: string[]): Check =>
  (v) =>
    allowed.includes(v as string) ? undefined : allowed.map((a) => `\`${a}\``).join(' or ');
const isStringMap: Check = (v) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')
    ? undefined
    : 'a map of names to slugs (`Name: slug`)';
/** Whether `name` is an IANA time zone this Node knows (`Asia/Shanghai`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const isShapeList: Check = (v) =>
  Array.isArray(v) && v.every((shape) => (LINK_ITEM_SHAPES as readonly unknown[]).includes(shape))
    ? undefined
    : `a list of ${LINK_ITEM_SHAPES.map((shape) => `\`${shape}\``).join(', ')}`;
const isZone: Check = (v) => {
  if (typeof v !== 'string') return 'an IANA time zone such as `Asia/Shanghai`';
  return v === '' || isTimeZone(v) ? undefined : 'an IANA time zone such as `Asia/Shanghai` or `UTC`';
};
const isUrl: Check = (v) => {
  if (typeof v !== 'string') return 'an absolute URL such as `https://example.com/`';
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? undefined : 'an http(s) URL';
  } catch {
    return 'an absolute URL such as `https://example.com/`';
  }
};
const isPermalink: Check = (v) =>
  typeof v === 'string' && v.startsWith('/') ? undefined : 'a pattern starting with `/`, such as `/:year/:month/:day/:title/`';

const checks: Record<keyof Settings, Check> = {
  title: isString,
  description: isString,
  author: isString,
  url: isUrl,
  language: oneOf('zh-CN', 'en'),
  timezone: isZone,
  urlTimezone: isZone,
  perPage: isPositiveInt,
  permalink: isPermalink,
  excerptLength: isPositiveInt,
  contentDir: isString,
  outputDir: isString,
  publicDir: isString,
  categoryFromFolder: isBoolean,
  defaultCategory: isString,
  futurePosts: isBoolean,
  feedItems: isPositiveInt,
  feedIcon: isString,
  feedLogo: isString,
  autoTag: oneOf('off', 'add', 'suggest'),
  termUrlCase: oneOf('lower', 'keep'),
  maxAutoTags: isPositiveInt,
  tagVocabulary: isString,
  linkItemShapes: isShapeList,
  categoryMap: isStringMap,
  tagMap: isStringMap,
};

/**
 * Checks raw settings (from YAML or a test) and fills in defaults. Every wrong
 * key or type is reported in one SettingsError naming the key and the file.
 */
export function validateSettings(raw: unknown, file = SETTINGS_FILE): Settings {
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SettingsError(`${file} must be a map of settings (\`key: value\` lines). See the settings table in README.md.`);
  }
  const problems: string[] = [];
  const settings: Record<string, unknown> = { ...defaultSettings };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const check = checks[key as keyof Settings];
    if (!check) {
      const hint = Object.keys(checks).find((k) => k.toLowerCase() === key.toLowerCase().replace(/[_-]/g, ''));
      problems.push(
        `${file}: unknown setting \`${key}\`.${hint ? ` Did you mean \`${hint}\`?` : ''} The settings are listed in README.md.`,
      );
      continue;
    }
    const expected = check(value);
    if (expected) {
      problems.push(`${file}: setting \`${key}\` is ${JSON.stringify(value)}, expected ${expected}.`);
      continue;
    }
    settings[key] = value;
  }
  if (problems.length > 0) throw new SettingsError(problems.join('\n'));
  const result = settings as unknown as Settings;
  if (!result.urlTimezone) result.urlTimezone = result.timezone;
  if (!result.url.endsWith('/')) result.url += '/';
  return result;
}

/** Reads `weeklog.config.yml` (or `configFile`) from `projectDir`; a missing file means all defaults. */
export function loadSettings(projectDir: string, configFile?: string): Settings {
  const file = path.resolve(projectDir, configFile ?? SETTINGS_FILE);
  const shown = path.relative(process.cwd(), file) || file;
  if (!existsSync(file)) {
    if (configFile) throw new SettingsError(`Settings file ${shown} does not exist. Check the --config path.`);
    return validateSettings({}, shown);
  }
  let raw: unknown;
  try {
    raw = yaml.load(readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA });
  } catch (cause) {
    const mark = (cause as { mark?: { line: number; column: number } }).mark;
    const where = mark ? `${shown}:${mark.line + 1}:${mark.column + 1}` : shown;
    throw new SettingsError(`${where}: the settings file is not valid YAML. Fix the line shown; values with \`:\` need quotes.`, {
      cause,
    });
  }
  return validateSettings(raw, shown);
}
