import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';

/** hast property names (camelCased by the parser) that hold one URL. */
const urlProperties = ['href', 'src', 'poster', 'cite', 'action', 'data', 'background', 'formAction', 'longDesc', 'manifest'];
/** Properties that hold comma-separated `url descriptor` candidates. */
const srcsetProperties = ['srcSet', 'imageSrcSet'];

export interface AbsoluteBase {
  /** The post's absolute, encoded URL: base for `img/a.png`, `../b/` and `#anchor`. */
  pageUrl: string;
  /** The site's absolute URL, maybe with a path: base for root URLs such as `/images/x.jpg`. */
  siteUrl: string;
}

/** One URL made absolute; values that are not URLs (or `mailto:`, `data:`) are returned as they were. */
export function absolutizeUrl(value: string, base: AbsoluteBase): string {
  const trimmed = value.trim();
  if (trimmed === '') return base.pageUrl; // an empty reference means the page itself
  try {
    if (trimmed.startsWith('/') && !trimmed.startsWith('//')) {
      // Root URLs point into the site, which may live under a path (`https://x.org/blog/`).
      return new URL(trimmed.slice(1), base.siteUrl).href;
    }
    return new URL(trimmed, base.pageUrl).href;
  } catch {
    return value;
  }
}

function absolutizeSrcset(value: string, base: AbsoluteBase): string {
  return value
    .split(',')
    .map((candidate) => {
      const match = /^(\s*)(\S+)(.*)$/su.exec(candidate);
      return match ? `${match[1]}${absolutizeUrl(match[2], base)}${match[3]}` : candidate;
    })
    .join(',');
}

/**
 * Rewrites every URL in an HTML fragment to an absolute one, for feed readers,
 * which resolve relative URLs against the feed (or not at all). Scripts and
 * inline event handlers are dropped: feed content is shown inside other apps.
 */
export function absolutizeHtml(html: string, base: AbsoluteBase): string {
  const tree: Root = fromHtml(html, { fragment: true });
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName === 'script' && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return index;
    }
    const properties = node.properties;
    for (const key of Object.keys(properties)) {
      if (/^on[a-z]/iu.test(key)) delete properties[key];
    }
    for (const key of urlProperties) {
      const value = properties[key];
      if (typeof value !== 'string') continue;
      if (/^\s*javascript:/iu.test(value)) delete properties[key];
      else properties[key] = absolutizeUrl(value, base);
    }
    for (const key of srcsetProperties) {
      const value = properties[key];
      if (typeof value === 'string') properties[key] = absolutizeSrcset(value, base);
      else if (Array.isArray(value)) properties[key] = absolutizeSrcset(value.join(','), base);
    }
    return undefined;
  });
  return toHtml(tree);
}
