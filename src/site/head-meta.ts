import type { Settings } from '../config/settings.ts';
import type { Post } from '../content/post.ts';
import { absoluteUrl } from '../urls.ts';

/**
 * Facts for a page's `<head>` that the templates cannot compute well themselves: the language
 * a post declares, the OpenGraph locale, and the JSON-LD `BlogPosting` of a post.
 */

// BCP 47 in the shape authors write it (`en`, `zh-CN`, `zh-Hant-TW`); anything else is ignored.
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?$/;

/** The post's `lang` front matter when it is a language tag, else `null` (the site language applies). */
export function postLanguage(post: Pick<Post, 'data'>): string | null {
  const lang = post.data.lang;
  return typeof lang === 'string' && LANGUAGE_TAG.test(lang.trim()) ? lang.trim() : null;
}

/** `zh-CN` → `zh_CN`, the form `og:locale` takes. */
export function openGraphLocale(language: string): string {
  return language.replace('-', '_');
}

/** JSON-LD for a post, safe to place inside `<script type="application/ld+json">`. */
export function blogPostingJsonLd(post: Post, settings: Settings, language: string): string {
  const url = absoluteUrl(settings, post.url);
  const author = settings.author || settings.title;
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: post.title,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    datePublished: post.date.toISOString(),
    dateModified: (post.updated ?? post.date).toISOString(),
    author: { '@type': 'Person', name: author },
    publisher: { '@type': 'Organization', name: settings.title, url: absoluteUrl(settings, '/') },
    inLanguage: language,
    ...(post.summary ? { description: post.summary } : {}),
    ...(post.tags.length ? { keywords: post.tags.join(', ') } : {}),
    ...(post.categories.length ? { articleSection: post.categories.join(' / ') } : {}),
  };
  // `</script>` or `<!--` inside a string would end or confuse the script element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
