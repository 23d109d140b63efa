import type { Element, ElementContent, Nodes, Root, RootContent } from 'hast';

export function isElement(node: Nodes | undefined, tagName?: string): node is Element {
  return node !== undefined && node.type === 'element' && (tagName === undefined || node.tagName === tagName);
}

export function hasClass(node: Element, className: string): boolean {
  const value = node.properties.className;
  return Array.isArray(value) ? value.includes(className) : value === className;
}

export const HEADING_DEPTH: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

export function headingDepth(node: Nodes): number {
  return node.type === 'element' ? (HEADING_DEPTH[node.tagName] ?? 0) : 0;
}

/** The wrapper `rehype-highlight-code` puts around every code block. */
export function isCodeBlock(node: Nodes): boolean {
  return isElement(node, 'pre') || (isElement(node, 'div') && hasClass(node, 'code-block'));
}

/** Inside the footnotes section remark-rehype appends (it has its own `Footnotes` heading). */
export function isInFootnotes(ancestors: readonly Nodes[]): boolean {
  return ancestors.some((node) => isElement(node, 'section') && node.properties.dataFootnotes !== undefined);
}

/**
 * A copy of `nodes` without what `drop` rejects; `map` may replace an element (its children are
 * filtered afterwards). Shared subtrees are never mutated, so highlighted blocks can come from a cache.
 */
export function filterTree<T extends RootContent | ElementContent>(
  nodes: readonly T[],
  drop: (node: RootContent) => boolean,
  map?: (node: Element) => Element,
): T[] {
  const result: T[] = [];
  for (const node of nodes) {
    if (drop(node)) continue;
    if (node.type === 'element') {
      const element = map ? map(node as Element) : (node as Element);
      result.push({ ...element, children: filterTree(element.children, drop, map) } as T);
    } else {
      result.push(node);
    }
  }
  return result;
}

export function rootOf(children: RootContent[]): Root {
  return { type: 'root', children };
}
