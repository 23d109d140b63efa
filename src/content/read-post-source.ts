import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ProblemList } from '../problems.ts';
import { readFields, type PostFields } from './fields.ts';
import { parseFrontMatter, type FrontMatter } from './front-matter.ts';
import { decodeSource } from './read-source.ts';

/** One content file read and its front matter checked, before dates, URLs and rendering. */
export interface PostSource {
  /** Absolute path. */
  sourceFile: string;
  /** As shown in problems and `post.file`. */
  file: string;
  /** Relative to the content folder, posix. */
  relativePath: string;
  hash: string;
  mtime: Date;
  frontMatter: FrontMatter;
  fields: PostFields;
}

/**
 * Reads one file: bytes, UTF-8, front matter, Hexo fields. Every problem goes
 * to `problems`; returns null when the file cannot become a post.
 */
export async function readPostSource(
  contentDir: string,
  relativePath: string,
  file: string,
  zone: string,
  problems: ProblemList,
): Promise<PostSource | null> {
  const sourceFile = path.join(contentDir, ...relativePath.split('/'));
  let bytes: Uint8Array;
  let mtime: Date;
  try {
    [bytes, mtime] = await Promise.all([readFile(sourceFile), stat(sourceFile).then((s) => s.mtime)]);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
    problems.error(file, 1, 1, 'unreadable-file', `The file cannot be read (${code}). Check its permissions, or move it out of the content folder.`);
    return null;
  }
  const decoded = decodeSource(bytes);
  if (!decoded.ok) {
    problems.error(
      file,
      decoded.line,
      decoded.column,
      'invalid-utf8',
      'The file is not valid UTF-8 here. Save it as UTF-8 (it may be GBK or Latin-1).',
    );
    return null;
  }
  if (decoded.text.trim() === '') {
    problems.warn(file, 1, 1, 'empty-file', 'The file is empty and was skipped. Write the post or delete the file.');
    return null;
  }
  const parsed = parseFrontMatter(decoded.text);
  if (!parsed.ok) {
    problems.error(file, parsed.line, parsed.column, 'front-matter-syntax', parsed.message);
    return null;
  }
  const fields = readFields(parsed.frontMatter, file, zone, problems);
  if (!fields) return null;
  return {
    sourceFile,
    file,
    relativePath,
    hash: createHash('sha1').update(bytes).digest('hex'),
    mtime,
    frontMatter: parsed.frontMatter,
    fields,
  };
}
