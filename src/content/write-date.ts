import { DateTime } from 'luxon';
import { parseFrontMatter } from './front-matter.ts';

/** `date:` as weeklog writes it: wall-clock time in the site's zone, read back by `parseDate` to the same second. */
export function frontMatterDate(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toFormat('yyyy-MM-dd HH:mm:ss');
}

/**
 * `text` with a `date:` line added to its front matter, every other byte kept:
 * the line goes just before the closing delimiter (so `title:` stays first), or
 * a `---` block holding only `date:` is put before a file that has none. The
 * file's line endings and byte-order mark are kept. Null for a JSON front
 * matter (`;;;`), which has no line to add.
 */
export function withFrontMatterDate(text: string, date: string): string | null {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const newline = body.includes('\r\n') ? '\r\n' : '\n';
  // The loader reads CRLF files with LF line ends; line numbers are the same.
  const parsed = parseFrontMatter(body.replaceAll('\r\n', '\n'));
  if (!parsed.ok) return null;
  const { frontMatter } = parsed;
  if (frontMatter.format === 'none') return `${bom}---${newline}date: ${date}${newline}---${newline}${body}`;
  if (frontMatter.format !== 'yaml') return null;
  const lines = body.split('\n');
  const closing = frontMatter.lineOffset - 1;
  const ending = lines[closing].endsWith('\r') ? '\r' : '';
  lines.splice(closing, 0, `date: ${date}${ending}`);
  return bom + lines.join('\n');
}
