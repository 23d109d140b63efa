import type UserConfig from '@11ty/eleventy/UserConfig';
import { DateTime } from 'luxon';
import type { Settings } from '../config/settings.ts';
import { feedUrls } from '../feeds/urls.ts';
import { formatPlace } from '../problems.ts';
import { fillTemplate } from '../site/fill.ts';
import { blogPostingJsonLd, openGraphLocale, postLanguage } from '../site/head-meta.ts';
import type { Post } from '../content/post.ts';
import type { Term } from '../taxonomy/types.ts';
import type { LinkFilter } from '../site/link-pages.ts';
import { absoluteUrl, encodeUrlPart } from '../urls.ts';
import { basePathOf, prefixRootUrl, prefixRootUrls } from './base-path.ts';

/** Template filters; dates are shown in the site's time zone, not the build machine's. */
export default function filters(eleventyConfig: UserConfig, settings: Settings): void {
  // A zoned DateTime costs an Intl call (its offset): one per date, shared by the formats below.
  const zoned = new Map<number, DateTime>();
  const local = (date: Date) => {
    if (!(date instanceof Date)) return DateTime.fromJSDate(date, { zone: settings.timezone });
    let value = zoned.get(date.getTime());
    if (value === undefined) zoned.set(date.getTime(), (value = DateTime.fromJSDate(date, { zone: settings.timezone })));
    return value;
  };
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

  // A site under a path (https://example.com/blog/) writes its root-relative URLs under it: the
  // templates' through `url`, post HTML (kept root-relative for feeds and search) through `basePathHtml`.
  const basePath = basePathOf(settings.url);
  // Every page links the same menu, feeds and terms: each URL is encoded once per build (~150 000 calls at 1000 posts).
  const hrefs = new Map<string, string>();
  const siteHref = (value: unknown) => {
    const url = String(value ?? '/');
    let href = hrefs.get(url);
    if (href === undefined) hrefs.set(url, (href = prefixRootUrl(encodeUrlPart(url), basePath)));
    return href;
  };
  eleventyConfig.addFilter('url', siteHref);
  eleventyConfig.addFilter('basePathHtml', (html: string) => prefixRootUrls(String(html ?? ''), basePath));
  eleventyConfig.addFilter('absoluteUrl', (value: string) => absoluteUrl(settings, String(value)));
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
  eleventyConfig.addFilter('fill', fillTemplate);
  eleventyConfig.addFilter('feedUrls', (termUrl: string) => feedUrls(termUrl));
  eleventyConfig.addFilter('place', formatPlace);
  eleventyConfig.addFilter('ancestors', (term: Term) => {
    const chain: Term[] = [];
    for (let parent = term.parent; parent; parent = parent.parent) chain.unshift(parent);
    return chain;
  });
  eleventyConfig.addFilter('encodeId', (id: string) => encodeURIComponent(id));
  // Archive listings put a year heading over each year's posts.
  eleventyConfig.addFilter('byYear', (posts: Post[]) => {
    const years: { year: number; posts: Post[] }[] = [];
    for (const post of posts) {
      const year = local(post.date).year;
      if (years.at(-1)?.year !== year) years.push({ year, posts: [] });
      years.at(-1)!.posts.push(post);
    }
    return years;
  });
  // <head> metadata: the language a post declares, OpenGraph's locale form, a post's JSON-LD.
  eleventyConfig.addFilter('postLanguage', (post: Post) => postLanguage(post));
  eleventyConfig.addFilter('ogLocale', openGraphLocale);
  eleventyConfig.addFilter('blogPostingJsonLd', (post: Post, language: string) => blogPostingJsonLd(post, settings, language));
  // The links pages' tag list: every link tag on each of hundreds of pages. A Nunjucks loop sets eight
  // variables per item (305 000 items, ~5 s of a 1000-post build); the items are escaped once per build.
  const filterItems = new WeakMap<readonly LinkFilter[], { name: string; before: string; after: string }[]>();
  eleventyConfig.addFilter('linkFilterItems', (list: readonly LinkFilter[], current: string | null | undefined) => {
    let items = filterItems.get(list);
    if (!items) {
      items = list.map((filter) => ({
        name: filter.name,
        before: `<li><a href="${escapeHtml(siteHref(filter.url))}"`,
        after: `>#${escapeHtml(String(filter.name))} <span class="count">${escapeHtml(String(filter.count))}</span></a></li>`,
      }));
      filterItems.set(list, items);
    }
    let html = '';
    for (const item of items) html += item.before + (item.name === current ? ' aria-current="page"' : '') + item.after;
    return html;
  });
}

/** As Nunjucks autoescapes a value (its lib.escape), so the list reads as the loop wrote it. */
function escapeHtml(text: string): string {
  return text.replace(/[&"'<>\\]/gu, (char) => htmlEscapes[char]!);
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' };
