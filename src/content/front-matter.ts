import matter from 'gray-matter';
import yaml from 'js-yaml';

/** Front-matter keys Hexo knows; a closing-only block must use at least one. */
export const KNOWN_KEYS = new Set([
  'title', 'date', 'updated', 'tags', 'tag', 'categories', 'category', 'description', 'excerpt', 'summary',
  'permalink', 'slug', 'layout', 'comments', 'draft', 'published', 'author', 'keywords', 'lang', 'toc',
  'photos', 'link', 'top', 'sticky', 'cover', 'thumbnail', 'id', 'disqusId', 'mathjax',
]);

export interface FrontMatter {
  format: 'yaml' | 'json' | 'none';
  /** The parsed keys; `{}` without front matter. */
  data: Record<string, unknown>;
  /** The front matter as written, without delimiters. */
  raw: string;
  /** 1-based file line of the first line of `raw`. */
  firstLine: number;
  /** The Markdown after the front matter. */
  body: string;
  /** Lines before `body` in the file (pass to renderMarkdown as `lineOffset`). */
  lineOffset: number;
}

export type FrontMatterResult =
  | { ok: true; frontMatter: FrontMatter }
  /** Position in the file (1-based) and a message saying what is wrong and how to fix it. */
  | { ok: false; line: number; column: number; message: string };

const delimiterLine = /^(-{3,}|;{3,})[ \t]*$/;

/**
 * Splits and parses front matter in every form Hexo accepts, on LF-only text:
 * `---` YAML, `;;;` JSON (with or without braces), and the old "closing-only"
 * form where the file starts with `title: x` lines and the first `---`/`;;;`
 * line ends them. The closing-only form is taken only when every line before
 * the delimiter is a YAML/JSON mapping using a known Hexo key, so a note whose
 * first paragraph is followed by a `---` thematic break keeps its paragraph.
 *
 * YAML is read with js-yaml's CORE_SCHEMA: dates stay text (see `parseDate`),
 * `true`/`false`/numbers are typed. Hexo's tab indentation is turned into spaces.
 */
export function parseFrontMatter(text: string): FrontMatterResult {
  const lines = text.split('\n');
  const opening = delimiterLine.exec(lines[0]);
  if (opening) {
    const delimiter = opening[1];
    const closingIndex = lines.findIndex((line, index) => index > 0 && line.trimEnd() === delimiter);
    // An opening `---` with no closing one is a thematic break, as in Hexo.
    if (closingIndex === -1) return { ok: true, frontMatter: noFrontMatter(text) };
    const format = delimiter.startsWith(';') ? 'json' : 'yaml';
    // Two thematic breaks around prose (`---`, a paragraph, `---`) are not a front matter with mistakes.
    const block = lines.slice(1, closingIndex);
    if (format === 'yaml' && block.some((line) => line.trim() !== '') && !block.some(isKeyLine)) {
      return { ok: true, frontMatter: noFrontMatter(text) };
    }
    return parseBlock(lines, 1, closingIndex, format, true);
  }
  const closingIndex = lines.findIndex((line) => delimiterLine.test(line));
  if (closingIndex > 0) {
    const format = lines[closingIndex].startsWith(';') ? 'json' : 'yaml';
    const candidate = lines.slice(0, closingIndex);
    if (format === 'json' || candidate.every(looksLikeMappingLine)) {
      const result = parseBlock(lines, 0, closingIndex, format, false);
      if (result.ok && Object.keys(result.frontMatter.data).some((key) => KNOWN_KEYS.has(key))) return result;
    }
  }
  return { ok: true, frontMatter: noFrontMatter(text) };
}

function noFrontMatter(text: string): FrontMatter {
  return { format: 'none', data: {}, raw: '', firstLine: 1, body: text, lineOffset: 0 };
}

function isKeyLine(line: string): boolean {
  return /^["']?[\w$-][^:]*["']?[ \t]*:([ \t]|$)/.test(line);
}

function looksLikeMappingLine(line: string): boolean {
  return line.trim() === '' || /^\s/.test(line) || line.startsWith('#') || line.startsWith('- ') || /^[^\s:#][^:]*:(\s|$)/.test(line);
}

function parseBlock(
  lines: string[],
  start: number,
  closingIndex: number,
  format: 'yaml' | 'json',
  reportErrors: boolean,
): FrontMatterResult {
  const raw = lines.slice(start, closingIndex).join('\n');
  const firstLine = start + 1;
  const parsed =
    format === 'json' ? parseJson(raw, firstLine)
    : start === 1 && lines[0].trimEnd() === '---' ? parseWithGrayMatter(lines.join('\n'), raw)
    : parseYaml(raw, firstLine);
  if (!parsed.ok) {
    return reportErrors ? parsed : { ok: true, frontMatter: noFrontMatter(lines.join('\n')) };
  }
  return {
    ok: true,
    frontMatter: {
      format,
      data: parsed.data,
      raw,
      firstLine,
      body: lines.slice(closingIndex + 1).join('\n'),
      lineOffset: closingIndex + 1,
    },
  };
}

type Parsed = { ok: true; data: Record<string, unknown> } | { ok: false; line: number; column: number; message: string };

/**
 * The usual `---` block goes through gray-matter, as in Eleventy, with our YAML
 * engine: gray-matter's own would turn dates into UTC instants. Only a bare `---`
 * line opens a block here, so gray-matter never sees (or evaluates) `---js`.
 * gray-matter ends the block at the first line that merely starts with `---`
 * (`----` inside a value); when its block is not the one `raw` holds, `raw` wins.
 */
function parseWithGrayMatter(text: string, raw: string): Parsed {
  let result: Parsed | undefined;
  matter(text, {
    language: 'yaml',
    engines: {
      yaml: (block: string) => {
        // The block starts at the end of the opening `---` line, so its first line is file line 1.
        if (block === `\n${raw}`) result = parseYaml(block, 1);
        return result?.ok ? result.data : {};
      },
    },
  });
  return result ?? parseYaml(raw, 2);
}

function parseYaml(raw: string, firstLine: number): Parsed {
  const escaped = raw.replace(/^\t+/gm, (tabs) => '  '.repeat(tabs.length));
  let value: unknown;
  try {
    value = yaml.load(escaped, { schema: yaml.CORE_SCHEMA });
  } catch (cause) {
    const error = cause as { mark?: { line: number; column: number }; reason?: string };
    const reason = error.reason ?? 'cannot be read';
    // An unclosed `[` or quote is noticed at the end of the block; the author's mistake is on its last line.
    const lines = escaped.split('\n');
    const lastWritten = lines.findLastIndex((text) => text.trim() !== '');
    const atEnd = reason.includes('end of the stream') && lastWritten >= 0;
    const line = firstLine + (atEnd ? lastWritten : (error.mark?.line ?? 0));
    const fix = reason.includes('duplicated mapping key')
      ? 'Keep only one line with this key.'
      : 'Fix this line; values containing `: ` or starting with `[`, `{`, `*` or `@` need quotes.';
    return { ok: false, line, column: atEnd ? 1 : (error.mark?.column ?? 0) + 1, message: `The front matter is not valid YAML (${reason}). ${fix}` };
  }
  if (value === null || value === undefined) return { ok: true, data: {} };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      line: firstLine,
      column: 1,
      message: 'The front matter is not a list of `key: value` lines. Write one `key: value` per line, such as `title: My post`.',
    };
  }
  return { ok: true, data: value as Record<string, unknown> };
}

function parseJson(raw: string, firstLine: number): Parsed {
  const trimmed = raw.trim();
  // Hexo wraps the block in braces itself; authors also write them.
  const source = trimmed.startsWith('{') ? raw : `{${raw}}`;
  const shift = source === raw ? 0 : 1;
  try {
    const value: unknown = trimmed === '' ? {} : JSON.parse(source);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SyntaxError('not an object');
    return { ok: true, data: value as Record<string, unknown> };
  } catch (cause) {
    const reason = (cause as Error).message;
    const position = /position (\d+)/.exec(reason);
    const offset = position ? Math.max(0, Math.min(raw.length, Number(position[1]) - shift)) : 0;
    const before = raw.slice(0, offset).split('\n');
    return {
      ok: false,
      line: firstLine + before.length - 1,
      column: before[before.length - 1].length + 1,
      message: `The \`;;;\` front matter is not valid JSON (${reason.replace(/ in JSON at position \d+.*$/, '')}). Write \`"key": "value"\` pairs separated by commas.`,
    };
  }
}

/**
 * 1-based file position of the value of top-level `key` in the front matter,
 * for messages about that value; the front matter's first line if not found.
 */
export function locateKey(frontMatter: FrontMatter, key: string): { line: number; column: number } {
  const escapedKey = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern =
    frontMatter.format === 'json'
      ? new RegExp(`^(\\s*\\{?\\s*"${escapedKey}"\\s*:\\s*)`)
      : new RegExp(`^((?:${escapedKey}|"${escapedKey}"|'${escapedKey}')[ \\t]*:[ \\t]*)`);
  const lines = frontMatter.raw.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const match = pattern.exec(lines[index]);
    if (match) return { line: frontMatter.firstLine + index, column: match[1].length + 1 };
  }
  return { line: frontMatter.firstLine, column: 1 };
}

/** Where the value of `key` is, for messages about it; with no key, the file's start. */
export function locateKeyOrStart(frontMatter: FrontMatter, key: string | null): { line: number; column: number } {
  return key !== null && key in frontMatter.data ? locateKey(frontMatter, key) : { line: 1, column: 1 };
}

/** How a front-matter value was written (`2016-13-45`, `[a, b]`), for messages. */
export function writtenValue(frontMatter: FrontMatter, key: string): string {
  const { line } = locateKey(frontMatter, key);
  const text = frontMatter.raw.split('\n')[line - frontMatter.firstLine] ?? '';
  const colon = text.indexOf(':');
  return colon === -1 ? '' : text.slice(colon + 1).trim().replace(/,$/, '');
}
