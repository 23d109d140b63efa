import type { Settings } from '../config/settings.ts';
import type { Term } from '../taxonomy/types.ts';
import { absoluteUrl, hasScheme } from '../urls.ts';
import type { FeedItem } from './feed-items.ts';
import { feedUrls } from './urls.ts';
import { stripIllegalXmlChars } from './xml.ts';

/** What one feed is about and where it lives; shared by the Atom, RSS and JSON writers. */
export interface FeedHead {
  /** `null` for the site feed, else `category:A/B` or `tag:name`: part of per-feed item ids. */
  key: string | null;
  title: string;
  description: string;
  language: string;
  /** Absolute URLs. */
  page: string;
  atom: string;
  rss: string;
  json: string;
  /** Site-absolute path of the XSL stylesheet (`/blog/feed.xsl`): a processing instruction must stay on the feed's origin. */
  stylesheet: string;
  icon: string | null;
  logo: string | null;
  author: { name: string; url: string };
  /** The newest `updated` of the items, or the epoch for an empty feed. */
  updated: Date;
  items: FeedItem[];
}

const termLabels = {
  'zh-CN': { category: '分类：', tag: '标签：' },
  en: { category: 'Category: ', tag: 'Tag: ' },
} as const;

function settingUrl(settings: Settings, value: string): string | null {
  if (value.trim() === '') return null;
  return hasScheme(value) ? value : absoluteUrl(settings, value.startsWith('/') ? value : `/${value}`);
}

export function feedHead(settings: Settings, term: Term | null, items: FeedItem[]): FeedHead {
  const pageUrl = term ? term.url : '/';
  const urls = feedUrls(pageUrl);
  const title = term ? `${settings.title} · ${termLabels[settings.language][term.kind]}${term.path.join(' / ')}` : settings.title;
  const newest = items.reduce((latest, item) => Math.max(latest, item.updated.getTime()), 0);
  return {
    key: term ? `${term.kind}:${term.path.join('/')}` : null,
    title: stripIllegalXmlChars(title),
    description: stripIllegalXmlChars(settings.description),
    language: settings.language,
    page: absoluteUrl(settings, pageUrl),
    atom: absoluteUrl(settings, urls.atom),
    rss: absoluteUrl(settings, urls.rss),
    json: absoluteUrl(settings, urls.json),
    stylesheet: new URL(absoluteUrl(settings, '/feed.xsl')).pathname,
    icon: settingUrl(settings, settings.feedIcon),
    logo: settingUrl(settings, settings.feedLogo),
    author: { name: stripIllegalXmlChars(settings.author || settings.title), url: new URL(settings.url).href },
    updated: new Date(newest),
    items,
  };
}
