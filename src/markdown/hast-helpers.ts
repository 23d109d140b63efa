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

/** The footnotes section remark-rehype appends (it has its own `Footnotes` heading). */
export function isFootnotes(node: Nodes): boolean {
  return isElement(node, 'section') && node.properties.dataFootnotes !== undefined;
}

/**
 * `nodes` without what `drop` rejects; `map` may replace an element (its children are filtered
 * afterwards). Nothing is mutated: a subtree with nothing to drop or replace is returned as it
 * is (the same array when nothing at all changed), the rest is copied, so highlighted blocks can
 * come from a cache. Treat the result as read-only.
 */
export function filterTree<T extends RootContent | ElementContent>(
  nodes: readonly T[],
  drop: (node: RootContent) => boolean,
  map?: (node: Element) => Element,
): T[] {
  let result: T[] | undefined;
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]!;
    let kept: T | undefined = node;
    if (drop(node)) {
      kept = undefined;
    } else if (node.type === 'element') {
      const element = map ? map(node as Element) : (node as Element);
      const children = filterTree(element.children, drop, map);
      if (element !== node || children !== element.children) kept = { ...element, children } as T;
    }
    // Copy only from the first change on.
    if (kept !== node && result === undefined) result = nodes.slice(0, index);
    if (result !== undefined && kept !== undefined) result.push(kept);
  }
  return result ?? (nodes as T[]);
}

export function rootOf(children: RootContent[]): Root {
  return { type: 'root', children };
}

/**
 * `nodes` as they are serialized: each highlighted `<pre>` holds its highlighted HTML (a `raw`
 * node, see `toPre` in highlighter.ts) instead of the plain code the tree's readers see.
 */
export function withHighlightedCode<T extends RootContent | ElementContent>(nodes: readonly T[]): T[] {
  return filterTree(nodes, neverDrop, showHighlightedCode);
}

function neverDrop(): boolean {
  return false;
}

function showHighlightedCode(node: Element): Element {
  const html = node.data?.highlightedCode;
  return html === undefined ? node : { ...node, children: [{ type: 'raw', value: html }] };
}
