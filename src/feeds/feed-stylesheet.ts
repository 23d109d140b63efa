import type { Settings } from '../config/settings.ts';
import type { OutputFile } from '../taxonomy/types.ts';
import { absoluteUrl } from '../urls.ts';
import { escapeXml } from './xml.ts';

const words = {
  'zh-CN': {
    notice: '这是一个订阅源（feed），给 RSS 阅读器用的，不是网页。',
    howTo: '把浏览器地址栏里的网址复制到阅读器（如 Feedly、Inoreader、NetNewsWire、Thunderbird）的“添加订阅”中，就能在有新文章时收到。',
    more: '所有订阅源',
    latest: '最新文章',
  },
  en: {
    notice: 'This is a feed, meant for a feed reader, not a web page.',
    howTo: 'Copy the address from the address bar into your reader’s “add subscription” box (Feedly, Inoreader, NetNewsWire, Thunderbird…) to get new posts as they appear.',
    more: 'All feeds',
    latest: 'Latest posts',
  },
} as const;

/** Where feedStylesheet's file goes. */
export const FEED_STYLESHEET_PATH = 'feed.xsl';

/**
 * `feed.xsl`: browsers that open `atom.xml` or `rss.xml` apply it (the feeds name
 * it in `<?xml-stylesheet?>`) and show a page that says what a feed is and how
 * to subscribe, with the feed's newest titles. Readers ignore it.
 */
export function feedStylesheet(settings: Settings): OutputFile {
  const w = words[settings.language];
  const subscribe = escapeXml(absoluteUrl(settings, '/subscribe/'));
  const body = `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="utf-8" indent="yes"/>
  <xsl:template match="/">
    <html lang="${escapeXml(settings.language)}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:feed/atom:title | rss/channel/title"/></title>
        <style>body{font:16px/1.6 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem}.notice{padding:1rem;border:1px solid #ccc;border-radius:.5rem}li{margin:.4rem 0}</style>
      </head>
      <body>
        <div class="notice"><p><strong>${escapeXml(w.notice)}</strong></p><p>${escapeXml(w.howTo)}</p><p><a href="${subscribe}">${escapeXml(w.more)}</a></p></div>
        <h1><xsl:value-of select="atom:feed/atom:title | rss/channel/title"/></h1>
        <h2>${escapeXml(w.latest)}</h2>
        <ul>
          <xsl:for-each select="atom:feed/atom:entry">
            <li><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a> <small> <xsl:value-of select="substring(atom:published, 1, 10)"/></small></li>
          </xsl:for-each>
          <xsl:for-each select="rss/channel/item">
            <li><a href="{link}"><xsl:value-of select="title"/></a></li>
          </xsl:for-each>
        </ul>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
`;
  return { path: FEED_STYLESHEET_PATH, body };
}
