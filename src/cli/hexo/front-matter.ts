import yaml from 'js-yaml';
import { DateTime } from 'luxon';

/** Front matter the way Hexo reads it: `---` fenced, or the open form `key: value` lines ending at `---`, or `;;;` JSON. */
export function readFrontMatter(text: string): Record<string, unknown> {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  let block: string | undefined;
  let json = false;
  let match = /^---\n([\s\S]*?)\n---\s*(\n|$)/.exec(source);
  if (match) block = match[1];
  else if ((match = /^;;;\n([\s\S]*?)\n;;;\s*(\n|$)/.exec(source))) {
    block = match[1];
    json = true;
  } else if ((match = /^([\s\S]*?)\n---\s*(\n|$)/.exec(source)) && /^[\w-]+\s*:/.test(source)) block = match[1];
  if (block === undefined) return {};
  try {
    const data = json ? JSON.parse(`{${block}}`) : yaml.load(block, { schema: yaml.CORE_SCHEMA });
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Hexo reads a date without offset as wall-clock time in the site zone. */
export function readHexoDate(value: unknown, zone: string): DateTime | undefined {
  if (value instanceof Date) return DateTime.fromJSDate(value);
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const text = value.trim();
  for (const format of ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd', 'yyyy/MM/dd HH:mm:ss', 'yyyy/MM/dd']) {
    const date = DateTime.fromFormat(text, format, { zone });
    if (date.isValid) return date;
  }
  const iso = DateTime.fromISO(text, { zone, setZone: true });
  return iso.isValid ? iso : undefined;
}

export function asStringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.flat(Infinity).filter((v) => v !== null && v !== undefined).map(String);
  if (typeof value === 'string' && value.trim()) return [value.trim()];
  return [];
}
