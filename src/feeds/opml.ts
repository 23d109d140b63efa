import type { Settings } from '../config/settings.ts';
import type { OutputFile, Taxonomy, Term } from '../taxonomy/types.ts';
import { absoluteUrl } from '../urls.ts';
import { feedUrls } from './urls.ts';
import { writeXml, type XmlElement } from './xml.ts';

const groupTitles = {
  'zh-CN': { feeds: '订阅源', site: '全站', categories: '分类', tags: '标签' },
  en: { feeds: 'feeds', site: 'Whole site', categories: 'Categories', tags: 'Tags' },
} as const;

/*
 * OPML lists the Atom feeds: Atom has unambiguous dates, ids and HTML/text
 * fields, and `type="rss"` is what OPML readers expect for any feed outline.
 */
function outline(settings: Settings, text: string, pageUrl: string): XmlElement {
  return {
    name: 'outline',
    attributes: {
      type: 'rss',
      text,
      title: text,
      xmlUrl: absoluteUrl(settings, feedUrls(pageUrl).atom),
      htmlUrl: absoluteUrl(settings, pageUrl),
    },
  };
}

function termText(term: Term): string {
  return term.path.join(' / ');
}

/** Where buildOpml's file goes. */
export const OPML_PATH = 'feeds.opml';

/** OPML 2.0 at `feeds.opml`: the site feed, then every category and tag feed, grouped. */
export function buildOpml(taxonomy: Taxonomy, settings: Settings): OutputFile {
  const titles = groupTitles[settings.language];
  const newest = taxonomy.tags
    .concat(taxonomy.allCategories)
    .flatMap((term) => term.posts.slice(0, 1))
    .reduce((latest, post) => Math.max(latest, post.date.getTime()), 0);
  const created = newest > 0 ? new Date(newest) : null;
  const body = writeXml({
    name: 'opml',
    attributes: { version: '2.0' },
    children: [
      {
        name: 'head',
        children: [
          { name: 'title', children: [`${settings.title} · ${titles.feeds}`] },
          ...(created ? [{ name: 'dateCreated', children: [created.toUTCString()] }] : []),
          ...(settings.author ? [{ name: 'ownerName', children: [settings.author] }] : []),
        ],
      },
      {
        name: 'body',
        children: [
          outline(settings, `${settings.title} · ${titles.site}`, '/'),
          { name: 'outline', attributes: { text: titles.categories, title: titles.categories }, children: taxonomy.allCategories.map((term) => outline(settings, termText(term), term.url)) },
          { name: 'outline', attributes: { text: titles.tags, title: titles.tags }, children: taxonomy.tags.map((term) => outline(settings, termText(term), term.url)) },
        ],
      },
    ],
  });
  return { path: OPML_PATH, body };
}
