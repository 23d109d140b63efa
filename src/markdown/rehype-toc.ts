import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { fileDataOf } from './file-data.ts';
import type { HeadingInfo, TocItem } from './types.ts';
import { TOC_PLACEHOLDER_PROPERTY } from './remark-toc-marker.ts';

export interface Options {
  /** Shallowest heading depth listed (default: `2`). */
  minDepth?: number | null | undefined;
  /** Deepest heading depth listed (default: `4`). */
  maxDepth?: number | null | undefined;
  /** Accessible name of the `<nav>` (default: `'目录'`). */
  label?: string | null | undefined;
}

const emptyOptions: Options = {};

/**
 * Builds the table of contents from the headings `rehype-heading-ids` recorded, returns it as
 * `toc` for the page's sidebar and fills every `[TOC]` placeholder with it.
 */
export default function rehypeToc(options?: Options | null | undefined) {
  const settings = options || emptyOptions;
  const minDepth = settings.minDepth ?? 2;
  const maxDepth = settings.maxDepth ?? 4;
  const label = settings.label ?? '目录';

  return function transformer(tree: Root, file: VFile): void {
    const data = fileDataOf(file);
    data.toc = buildToc(data.headings.filter((heading) => heading.depth >= minDepth && heading.depth <= maxDepth));
    const fill = (parent: Root | Element): void => {
      const children = parent.children;
      let index = 0;
      while (index < children.length) {
        const node = children[index]!;
        index++;
        if (node.type !== 'element') continue;
        if (node.properties[TOC_PLACEHOLDER_PROPERTY] === undefined) {
          fill(node);
          continue;
        }
        if (data.toc.length === 0) {
          // An empty landmark would only confuse screen readers.
          children.splice(--index, 1);
          continue;
        }
        delete node.properties[TOC_PLACEHOLDER_PROPERTY];
        data.tocInText = true;
        node.properties.className = ['toc'];
        node.properties.ariaLabel = label;
        node.children = [tocList(data.toc)];
      }
    };
    fill(tree);
  };
}

/** Nests headings by depth; a heading deeper than its predecessor's child level still nests one level down. */
export function buildToc(headings: readonly HeadingInfo[]): TocItem[] {
  const roots: TocItem[] = [];
  const stack: TocItem[] = [];
  for (const heading of headings) {
    const item: TocItem = { depth: heading.depth, id: heading.id, text: heading.text, children: [] };
    while (stack.length > 0 && stack[stack.length - 1].depth >= item.depth) stack.pop();
    (stack.length > 0 ? stack[stack.length - 1].children : roots).push(item);
    stack.push(item);
  }
  return roots;
}

function tocList(items: readonly TocItem[]): Element {
  return {
    type: 'element',
    tagName: 'ol',
    properties: {},
    children: items.map((item): ElementContent => {
      const link: Element = {
        type: 'element',
        tagName: 'a',
        properties: { href: `#${item.id}` },
        children: [{ type: 'text', value: item.text }],
      };
      return {
        type: 'element',
        tagName: 'li',
        properties: {},
        children: item.children.length > 0 ? [link, tocList(item.children)] : [link],
      };
    }),
  };
}
