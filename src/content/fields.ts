import type { ProblemList } from '../problems.ts';
import { parseDate } from './dates.ts';
import { locateKey, writtenValue, type FrontMatter } from './front-matter.ts';

/** The Hexo fields of one post's front matter, checked and typed. */
export interface PostFields {
  title?: string;
  date?: Date;
  updated?: Date;
  /** First category path (Hexo: a list is a hierarchy). */
  categories: string[];
  /** Every path when the front matter lists several (`[[A, B], [C]]`). */
  categoryPaths: string[][];
  /** `null` when the front matter has no `tags` key at all. */
  tags: string[] | null;
  /** Front-matter `description` or `excerpt`, Markdown. */
  description?: string;
  permalink?: string;
  slug?: string;
  id?: string;
  draft: boolean;
}

type Scalar = string | number | boolean;

const isScalar = (value: unknown): value is Scalar =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * Reads title, dates, categories, tags, excerpt, permalink and draft state.
 * Wrong values are reported at their line and column; returns null when any
 * of them is an error (the post is then left out).
 */
export function readFields(frontMatter: FrontMatter, file: string, zone: string, problems: ProblemList): PostFields | null {
  const data = frontMatter.data;
  let failed = false;
  const report = (key: string, ruleId: string, message: string): void => {
    const { line, column } = locateKey(frontMatter, key);
    problems.error(file, line, column, ruleId, message);
    failed = true;
  };

  const text = (key: string): string | undefined => {
    const value = data[key];
    if (value === undefined || value === null) return undefined;
    if (isScalar(value)) return String(value);
    const shape = Array.isArray(value) ? 'a list' : 'a map';
    report(
      key,
      'front-matter-type',
      `\`${key}\` is ${shape}, but it must be one line of text. Write it as \`${key}: some text\` and quote it if it contains \`[\`, \`{\` or \`: \`.`,
    );
    return undefined;
  };

  const date = (key: string): Date | undefined => {
    const value = data[key];
    if (value === undefined || value === null || value === '') return undefined;
    const parsed = parseDate(isScalar(value) ? String(value) : value, zone);
    if (parsed) return parsed;
    report(
      key,
      'front-matter-date',
      `\`${key}: ${writtenValue(frontMatter, key) || String(value)}\` is not a date. Write it as YYYY-MM-DD HH:mm:ss.`,
    );
    return undefined;
  };

  const title = text('title');
  const fields: PostFields = {
    title: title?.trim() || undefined,
    date: date('date'),
    updated: date('updated'),
    categories: [],
    categoryPaths: [],
    tags: null,
    description: (text('description') ?? text('excerpt'))?.trim() || undefined,
    permalink: text('permalink')?.trim() || undefined,
    slug: text('slug')?.trim() || undefined,
    id: text('id')?.trim() || undefined,
    draft: data.draft === true || data.draft === 'true' || data.published === false || data.published === 'false',
  };

  const categoryKey = data.categories !== undefined && data.categories !== null ? 'categories' : 'category';
  const categories = readCategoryPaths(data[categoryKey]);
  if (categories === null) {
    report(
      categoryKey,
      'front-matter-type',
      `\`${categoryKey}\` must be a name, a list (a hierarchy: \`[Cloud, Kubernetes]\`) or a list of lists (several paths).`,
    );
  } else {
    fields.categoryPaths = categories;
    fields.categories = categories[0] ?? [];
  }

  const tagKey = data.tags !== undefined ? 'tags' : 'tag';
  const tags = readTags(data[tagKey]);
  if (tags === undefined) {
    report(tagKey, 'front-matter-type', `\`${tagKey}\` must be a list of names (\`tags: [Go, Kubernetes]\`) or one name.`);
  } else {
    fields.tags = tags;
  }

  return failed ? null : fields;
}

/** Hexo: a name, a list (one hierarchy) or a list containing lists (several paths). Null when malformed. */
function readCategoryPaths(value: unknown): string[][] | null {
  if (value === undefined || value === null || value === '') return [];
  if (isScalar(value)) return [[String(value).trim()]];
  if (!Array.isArray(value)) return null;
  const names = (items: unknown[]): string[] | null => {
    const result: string[] = [];
    for (const item of items) {
      if (item === null || item === undefined || item === '') continue;
      if (!isScalar(item)) return null;
      result.push(String(item).trim());
    }
    return result;
  };
  if (!value.some(Array.isArray)) {
    const path = names(value);
    return path === null ? null : path.length > 0 ? [path] : [];
  }
  const paths: string[][] = [];
  for (const item of value) {
    const path = names(Array.isArray(item) ? item : [item]);
    if (path === null) return null;
    if (path.length > 0) paths.push(path);
  }
  return paths;
}

/** `tags:` → null, `[]` → [], `Go` → ['Go'], `[Go, 2016]` → ['Go', '2016']; undefined when malformed. */
function readTags(value: unknown): string[] | null | undefined {
  if (value === undefined || value === null) return null;
  if (isScalar(value)) return String(value).trim() === '' ? [] : [String(value).trim()];
  if (!Array.isArray(value)) return undefined;
  const tags: string[] = [];
  for (const item of value) {
    if (item === null || item === undefined) continue;
    if (!isScalar(item)) return undefined;
    const tag = String(item).trim();
    if (tag !== '' && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}
