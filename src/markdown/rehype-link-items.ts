import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';
import { fileDataOf } from './file-data.ts';
import { hasClass, headingDepth, isElement } from './hast-helpers.ts';
import { leadingLink, listItemStart, loneLinkStart, numberedStart, type ItemStart } from './link-item-starts.ts';
import { plainText } from './outline.ts';
import { LINK_ITEM_SHAPES, type LinkItem, type LinkItemShape } from './types.ts';

export interface Options {
  /** Shapes recognised when a document does not say otherwise (default: every shape in `LINK_ITEM_SHAPES`). */
  shapes?: readonly LinkItemShape[] | null | undefined;
  /** Deepest heading that can be a link item or hold one (default: `3`). */
  maxHeadingDepth?: number | null | undefined;
}

const emptyOptions: Options = {};

/** Headings under which links are the site's own chrome, not recommendations. */
const NAVIGATION_SECTION = /^(往年回顾|往期回顾|往期|上期|订阅|关于|目录|参考|参考资料|参考链接|相关链接|相关文章|相关阅读|references?|see also|subscribe|previous issues?|archives?|about|contents)(?![\p{L}\p{N}])/iu;
/** Headings that name a group of items; never an item themselves (`### 工具` then `[x](url)`). */
const GROUP_SECTION = /^(文章|工具|资源|图片|言论|新闻|动态|科技动态|教程|视频|书籍|开源项目|项目|产品|本周|articles?|tools?|resources?|news|links?|reading|videos?|books?|projects?|quotes?)(?![\p{L}\p{N}])/iu;

interface Heading {
  depth: number;
  id: string;
  text: string;
}

interface OpenItem {
  shape: LinkItemShape;
  start: ItemStart;
  title: string;
  section: Heading | null;
  /** Set for heading shapes: headings deeper than this are part of the note. */
  depth: number;
  anchor: string;
  context: string;
  notes: RootContent[];
}

/**
 * Records the link items of a reading list in `file.data.weeklog.linkItems`: every
 * recommended link, in any of the shapes digests are written in (see `LinkItemShape`),
 * with its note (what follows it up to the next item) and the section heading it sits
 * under. Links inside a note, images, relative links and links under navigation
 * headings (往年回顾, 订阅) are not items. Runs after `rehype-heading-ids`.
 */
export default function rehypeLinkItems(options?: Options | null | undefined) {
  const settings = options || emptyOptions;
  const defaultShapes = settings.shapes ?? LINK_ITEM_SHAPES;
  const maxDepth = settings.maxHeadingDepth ?? 3;

  return function transformer(tree: Root, file: VFile): void {
    const data = fileDataOf(file);
    const shapes = new Set(data.linkItemShapes ?? defaultShapes);
    const items: LinkItem[] = [];
    const sections: Heading[] = [];
    let open: OpenItem | null = null;
    const children = tree.children;

    const close = (): void => {
      if (open) items.push(finish(open, data.lineOffset));
      open = null;
    };
    const currentSection = (belowDepth = 7): Heading | null => sections.findLast((s) => s.depth < belowDepth) ?? null;
    const inNavigation = (): boolean => sections.some((s) => NAVIGATION_SECTION.test(s.text));
    const startItem = (shape: LinkItemShape, start: ItemStart, context: Element, heading?: Heading): void => {
      close();
      const section = currentSection(heading?.depth);
      open = {
        shape,
        start,
        title: shape === 'heading-link' ? heading!.text : start.title,
        section,
        depth: heading?.depth ?? 0,
        anchor: heading?.id ?? section?.id ?? '',
        context: firstLine(context),
        notes: [],
      };
    };

    for (let index = 0; index < children.length; index++) {
      const node = children[index];
      const depth = headingDepth(node);
      if (depth > 0 && isElement(node)) {
        const heading: Heading = { depth, id: String(node.properties.id ?? ''), text: headingText(node) };
        const start = depth <= maxDepth ? leadingLink(node.children) : null;
        // A sub-heading inside a heading item's note (`### 小结`) is part of the note.
        if (!start && open !== null && (open as OpenItem).depth > 0 && depth > (open as OpenItem).depth) {
          (open as OpenItem).notes.push(node);
          continue;
        }
        close();
        while (sections.length > 0 && sections[sections.length - 1].depth >= depth) sections.pop();
        if (start && shapes.has('heading') && !inNavigation()) {
          // Text after the link in the heading (`[PDF](…)`, `英文`) is part of the title line, not the note.
          startItem('heading', { ...start, rest: [] }, node, heading);
          continue;
        }
        const next = headingLinkStart(children, index, depth, maxDepth, heading.text);
        if (next && shapes.has('heading-link') && !inNavigation()) {
          startItem('heading-link', next.start, next.paragraph, heading);
          index = next.index;
          continue;
        }
        sections.push(heading);
        continue;
      }
      if (open !== null && (open as OpenItem).depth > 0) {
        (open as OpenItem).notes.push(node);
        continue;
      }
      if (isElement(node, 'p') && !inNavigation()) {
        const numbered = shapes.has('numbered') ? numberedStart(node) : null;
        // Inside a numbered item, a paragraph that is only a link belongs to its note (`[项目主页](url)`).
        const lone = shapes.has('paragraph') && (open as OpenItem | null)?.shape !== 'numbered' ? loneLinkStart(node) : null;
        const start = titled(numbered ?? lone);
        if (start) {
          startItem(numbered ? 'numbered' : 'paragraph', start, node);
          continue;
        }
      }
      if (open !== null) {
        (open as OpenItem).notes.push(node);
        continue;
      }
      // `参考：` written as a paragraph heads a reference list just as a `## 参考` heading does.
      const previous = children.slice(0, index).findLast((child) => !(child.type === 'text' && child.value.trim() === ''));
      const underLabel = isElement(previous, 'p') && NAVIGATION_SECTION.test(toString(previous).trim().replace(/[:：]$/u, ''));
      if ((isElement(node, 'ul') || isElement(node, 'ol')) && shapes.has('list') && !inNavigation() && !underLabel) {
        for (const entry of node.children) {
          if (!isElement(entry, 'li')) continue;
          const found = listItemStart(entry);
          if (!found || !titled(found.start)) continue;
          const section = currentSection();
          items.push(
            finish(
              { shape: 'list', start: found.start, title: found.start.title, section, depth: 0, anchor: section?.id ?? '', context: firstLine(entry), notes: found.body as RootContent[] },
              data.lineOffset,
            ),
          );
        }
      }
    }
    close();
    data.linkItems = items;
  };
}

/**
 * `### 标题` followed by a paragraph that starts with the item's link: the heading is
 * the item's title. A heading that names a group, or whose part holds more than one
 * such start, is a section instead.
 */
function headingLinkStart(
  children: readonly RootContent[],
  index: number,
  depth: number,
  maxDepth: number,
  text: string,
): { start: ItemStart; paragraph: Element; index: number } | null {
  if (depth > maxDepth + 1 || text === '' || GROUP_SECTION.test(text) || NAVIGATION_SECTION.test(text)) return null;
  let next = index + 1;
  while (next < children.length && children[next].type === 'text' && (children[next] as { value: string }).value.trim() === '') next++;
  const paragraph = children[next];
  if (!isElement(paragraph, 'p')) return null;
  const start = leadingLink(paragraph.children);
  if (!start) return null;
  for (let later = next + 1; later < children.length; later++) {
    const node = children[later];
    const nodeDepth = headingDepth(node);
    if (nodeDepth > 0) break;
    if (isElement(node, 'p') && (numberedStart(node) || loneLinkStart(node))) return null;
  }
  return { start, paragraph, index: next };
}

/** A start whose link text is its URL names nothing (`1. https://tools.ietf.org/…`): a reference, not a recommendation. */
function titled(start: ItemStart | null): ItemStart | null {
  return start && !/^https?:\/\//iu.test(start.title) ? start : null;
}

function headingText(heading: Element): string {
  // The `#` anchor rehype-heading-ids appends is not part of the text.
  const content = heading.children.filter((child) => !(isElement(child, 'a') && hasClass(child, 'heading-anchor')));
  return toString({ ...heading, children: content }).replace(/\s+/gu, ' ').trim();
}

function firstLine(node: Element): string {
  return headingDepth(node) > 0 ? headingText(node) : (toString(node).trim().split('\n')[0] ?? '').trim();
}

// A note starts after the link: `：note`, ` - note`, `— note`.
const LEADING_SEPARATOR = /^[\s:：,，;；.。\-–—|]+/u;

function finish(open: OpenItem, lineOffset: number): LinkItem {
  const rest: Element = { type: 'element', tagName: 'p', properties: {}, children: open.start.rest as ElementContent[] };
  const text = plainText([rest, ...open.notes], false).replace(LEADING_SEPARATOR, '');
  const position = open.start.link.position?.start;
  return {
    title: open.title,
    url: open.start.url,
    domain: domainOf(open.start.url),
    anchor: open.anchor,
    depth: open.depth,
    text,
    line: (position?.line ?? 0) + lineOffset,
    column: position?.column ?? 0,
    section: open.section?.text ?? '',
    shape: open.shape,
    context: open.context,
  };
}

export function domainOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./u, '');
  } catch {
    // Relative links have no host.
    return '';
  }
}
