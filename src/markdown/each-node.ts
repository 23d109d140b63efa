import type { Nodes, Parents } from 'mdast';

/**
 * Calls `visitor` on every node under an mdast `tree` in document order, like
 * `visit(tree, …)` for a visitor that changes no node's place, without unist-util-visit's
 * per-node closure (see each-element.ts).
 */
export function eachNode(tree: Parents, visitor: (node: Nodes) => void): void {
  for (const child of tree.children) {
    visitor(child);
    if ('children' in child) eachNode(child, visitor);
  }
}
