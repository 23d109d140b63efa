import { DateTime, FixedOffsetZone } from 'luxon';

// Hexo accepts `2016-12-05`, `2016/12/05 07:59`, `2016-12-05 07:59:01`, ISO 8601
// with `T` and an offset; the YAML library never sees these (CORE_SCHEMA keeps them text).
const datePattern =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads a front-matter date. Without an offset it is wall-clock time in `zone`
 * (Hexo's `timezone`); `Z` or `+08:00` are respected. Returns null when the
 * value is not a date (`2016-13-45`, `yesterday`, a list).
 */
export function parseDate(value: unknown, zone: string): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string') return null;
  const match = datePattern.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const dateTime = DateTime.fromObject(
    {
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: hour ? Number(hour) : 0,
      minute: minute ? Number(minute) : 0,
      second: second ? Number(second) : 0,
      millisecond: fraction ? Math.round(Number(`0.${fraction}`) * 1000) % 1000 : 0,
    },
    { zone: offset ? offsetZone(offset) : zone },
  );
  // luxon rejects 2016-13-45 and 25:00 instead of rolling them over like Date does.
  return dateTime.isValid ? dateTime.toJSDate() : null;
}

function offsetZone(offset: string): FixedOffsetZone {
  if (offset.toUpperCase() === 'Z') return FixedOffsetZone.utcInstance;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return FixedOffsetZone.instance(sign * minutes);
}

const fileNameDatePattern = /^(\d{4})-(\d{2})-(\d{2})[-_]/;

/** `2016-12-05-title.md` → midnight of that day in `zone`; null without such a prefix. */
export function dateFromFileName(fileName: string, zone: string): Date | null {
  const match = fileNameDatePattern.exec(fileName);
  if (!match) return null;
  return parseDate(`${match[1]}-${match[2]}-${match[3]}`, zone);
}

/** The file name without a `YYYY-MM-DD-` / `YYYY-MM-DD_` prefix. */
export function stripDatePrefix(fileName: string): string {
  const stripped = fileName.replace(fileNameDatePattern, '');
  return stripped === '' ? fileName : stripped;
}

/** `k8s/2016-12-05-a b` → `k8s/a b`: the date prefix of the file name, not of its folders. */
export function stripDatePrefixFromPath(pathInPostsFolder: string): string {
  const segments = pathInPostsFolder.split('/');
  return [...segments.slice(0, -1), stripDatePrefix(segments.at(-1) ?? '')].join('/');
}

/** Year, month, … of `date` as seen in `zone`, for URLs. */
export function dateParts(date: Date, zone: string): DateTime {
  return DateTime.fromJSDate(date, { zone });
}
