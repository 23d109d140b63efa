import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import { isSafeUrl, SAFE_LINK_SCHEMES, type UrlUse } from '../urls.ts';
import { absolutizeUrl, type AbsoluteBase } from './absolute-html.ts';

/**
 * What feed readers may show of a post. GitHub's schema (hast-util-sanitize's
 * `defaultSchema`: no scripts, styles, event handlers, forms or frames) plus
 * the media posts use (`figure`, `video`, `audio`, `source` with `poster`,
 * `srcset`). Feed HTML is shown inside other apps, so `style` and `class` go
 * too, except `language-*` on `code`. Every URL has been judged by the site's
 * one policy (`isSafeUrl`) before; the protocol lists are the net behind it.
 */
export const feedSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', 'video', 'audio', 'mark', 'abbr', 'u', 'small', 'cite'],
  attributes: {
    ...defaultSchema.attributes,
    img: [...(defaultSchema.attributes?.img ?? []), 'srcSet', 'loading'],
    source: ['src', 'srcSet', 'type', 'media'],
    video: ['src', 'poster', 'controls', 'width', 'height'],
    audio: ['src', 'controls'],
  },
  protocols: {
    href: [...SAFE_LINK_SCHEMES],
    cite: [...SAFE_LINK_SCHEMES],
    longDesc: [...SAFE_LINK_SCHEMES],
    // `isSafeUrl(…, 'image')` lets only raster `data:image/…` through.
    src: ['http', 'https', 'data'],
    poster: ['http', 'https', 'data'],
  },
};

/** Post HTML made fit for a feed item. */
export interface FeedHtmlOptions {
  /** Class of heading anchor links to drop (default: `'heading-anchor'`). */
  anchorClass?: string | null | undefined;
}

const urlProperties: Record<string, UrlUse> = { href: 'link', cite: 'link', longDesc: 'link', src: 'image', poster: 'image' };
const srcsetProperties = ['srcSet', 'imageSrcSet'];

/**
 * Post HTML as feed content: every URL absolute (readers resolve relative ones
 * against the feed, or not at all), heading `#` anchors and code labels gone,
 * highlighted code back to plain text (shiki colours are inline styles), then
 * sanitised with `feedSchema`. A link whose URL is not allowed keeps its text.
 */
export function feedHtml(html: string, base: AbsoluteBase, options: FeedHtmlOptions = {}): string {
  const anchorClass = options.anchorClass ?? 'heading-anchor';
  const tree: Root = fromHtml(html, { fragment: true });
  visit(tree, 'element', (node: Element, index, parent) => {
    if (parent && index !== undefined && (hasClass(node, anchorClass) || hasClass(node, 'code-label'))) {
      parent.children.splice(index, 1);
      return index;
    }
    if (hasClass(node, 'code-block') && typeof node.properties.dataLanguage === 'string') {
      for (const child of node.children) if (child.type === 'element' && child.tagName === 'pre') child.properties.dataLanguage = node.properties.dataLanguage;
    }
    if (node.tagName === 'pre') {
      plainCode(node);
      return SKIP;
    }
    for (const [key, use] of Object.entries(urlProperties)) {
      const value = node.properties[key];
      if (typeof value !== 'string') continue;
      // A refused link keeps its text; a refused image its `alt`.
      if (isSafeUrl(value, use)) node.properties[key] = absolutizeUrl(value, base);
      else delete node.properties[key];
    }
    for (const key of srcsetProperties) {
      const value = node.properties[key];
      const text = Array.isArray(value) ? value.join(',') : value;
      if (typeof text === 'string') node.properties[key] = absoluteSrcset(text, base);
    }
    return undefined;
  });
  return toHtml(sanitize(tree, feedSchema));
}

function hasClass(node: Element, name: string): boolean {
  const value = node.properties.className;
  return Array.isArray(value) && value.includes(name);
}

/** `<pre><code class="language-x">text</code></pre>`, whatever the highlighter made of it. */
function plainCode(pre: Element): void {
  const code = pre.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
  const className = code && Array.isArray(code.properties.className) ? code.properties.className.filter((c) => /^language-./u.test(String(c))) : [];
  const language = typeof pre.properties.dataLanguage === 'string' ? [`language-${pre.properties.dataLanguage}`] : [];
  const text: ElementContent = { type: 'text', value: toString(code ?? pre) };
  pre.properties = {};
  pre.children = [{ type: 'element', tagName: 'code', properties: { className: className.length > 0 ? className : language }, children: [text] }];
}

/** Only safe image candidates stay: the sanitizer's protocol lists do not look into `srcset`. */
function absoluteSrcset(value: string, base: AbsoluteBase): string {
  return value
    .split(',')
    .map((candidate) => /^\s*(\S+)(.*)$/su.exec(candidate))
    .filter((match): match is RegExpExecArray => match !== null && isSafeUrl(match[1], 'image'))
    .map((match) => `${absolutizeUrl(match[1], base)}${match[2].trimEnd()}`)
    .join(', ');
}
