import type UserConfig from '@11ty/eleventy/UserConfig';
import { DateTime } from 'luxon';
import type { Settings } from '../config/settings.ts';
import type { Term } from '../taxonomy/types.ts';

/** Percent-encodes a root-relative, unencoded site URL for an `href` (Chinese slugs included). */
export function encodeSiteUrl(rootRelative: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(rootRelative) || rootRelative.startsWith('//')) return rootRelative;
  // encodeURI leaves `%` alone only when it is not already part of an escape.
  return encodeURI(safeDecode(rootRelative));
}

function safeDecode(value: string): string {
  try {
    return decodeURI(value);
  } catch {
    return value;
  }
}

/** Template filters; dates are shown in the site's time zone, not the build machine's. */
export default function filters(eleventyConfig: UserConfig, settings: Settings): void {
  const local = (date: Date) => DateTime.fromJSDate(date, { zone: settings.timezone });
  // Every listing shows the same few hundred dates again and again, and a zoned
  // DateTime costs an Intl call; format each date once per format.
  const formatted = new Map<string, string>();
  const memo = (name: string, format: (date: Date) => string) => (date: Date) => {
    const key = `${name}|${date instanceof Date ? date.getTime() : String(date)}`;
    let value = formatted.get(key);
    if (value === undefined) {
      value = format(date);
      formatted.set(key, value);
    }
    return value;
  };

  eleventyConfig.addFilter('url', (value: string) => encodeSiteUrl(String(value ?? '/')));
  eleventyConfig.addFilter('absoluteUrl', (value: string) => new URL(encodeSiteUrl(String(value)).replace(/^\//, ''), settings.url).href);
  eleventyConfig.addFilter('isoDate', memo('iso', (date) => local(date).toISO({ suppressMilliseconds: true }) ?? ''));
  eleventyConfig.addFilter('shortDate', memo('short', (date) => local(date).toFormat('yyyy-MM-dd')));
  eleventyConfig.addFilter('monthDay', memo('monthDay', (date) => local(date).toFormat('MM-dd')));
  eleventyConfig.addFilter(
    'longDate',
    memo('long', (date) =>
      settings.language === 'en' ? local(date).setLocale('en').toFormat('d LLL yyyy') : local(date).toFormat('yyyy 年 M 月 d 日'),
    ),
  );
  // `{{ t.readingTime | fill({ n: 3 }) }}`: UI strings carry named slots.
  eleventyConfig.addFilter('fill', (template: string, values: Record<string, unknown>) =>
    String(template).replace(/\{(\w+)\}/g, (_, key: string) => String(values?.[key] ?? '')),
  );
  eleventyConfig.addFilter('ancestors', (term: Term) => {
    const chain: Term[] = [];
    for (let parent = term.parent; parent; parent = parent.parent) chain.unshift(parent);
    return chain;
  });
  eleventyConfig.addFilter('encodeId', (id: string) => encodeURIComponent(id));
}
