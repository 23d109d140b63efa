import type { Element, Root } from 'hast';

/**
 * Calls `visitor` on every element under `tree` in document order, as `visit(tree, 'element', …)`
 * does for a visitor that changes no node's place. unist-util-visit makes a closure and sets its
 * `name` with `Object.defineProperty` for every node, which was a fifth of a render thread's time
 * over a highlighted post's thousands of nodes; walks that only read or set properties use this.
 */
export function eachElement(tree: Root | Element, visitor: (node: Element) => void): void {
  for (const child of tree.children) {
    if (child.type !== 'element') continue;
    visitor(child);
    eachElement(child, visitor);
  }
}
