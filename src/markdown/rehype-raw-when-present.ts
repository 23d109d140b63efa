import type { Element, Root, RootContent } from 'hast';
import rehypeRaw, { type Options } from 'rehype-raw';
import type { VFile } from 'vfile';
import { reportAt } from './file-data.ts';

/**
 * Deepest nesting of elements raw HTML may build. The tree walkers after this plugin recurse, so
 * deeper trees overflowed the stack at a depth that depended on the stack's size and the JIT's
 * state (in a render thread from ~1500 levels, in-process from 2000–4000): whether a post was
 * refused varied with how many posts a build rendered. A fixed bound decides it the same way everywhere.
 */
export const MAX_ELEMENT_DEPTH = 256;

/**
 * rehype-raw re-parses the whole tree through parse5 (about a tenth of a post's render time);
 * most posts have no raw HTML at all, so only pay for it when there is some.
 */
export default function rehypeRawWhenPresent(options?: Options | null | undefined) {
  const transform = rehypeRaw(options);
  return function transformer(tree: Root, file: VFile): Root {
    if (!hasRaw(tree)) return tree;
    const parsed = transform(tree, file);
    const deepest = elementPastDepth(parsed, MAX_ELEMENT_DEPTH);
    if (!deepest) return parsed;
    reportAt(file, deepest, {
      severity: 'error',
      ruleId: 'nesting-too-deep',
      message: `HTML elements nest more than ${MAX_ELEMENT_DEPTH} levels deep here, so the post is not rendered. Flatten the nested elements.`,
    });
    return { type: 'root', children: [] };
  };
}

function hasRaw(node: Root | RootContent): boolean {
  if (node.type === 'raw') return true;
  return 'children' in node && node.children.some(hasRaw);
}

/** The first element deeper than `limit`, found without recursion (the tree may be deep). */
function elementPastDepth(tree: Root, limit: number): Element | undefined {
  const stack: [Root | Element, number][] = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (depth + 1 > limit) return child;
      stack.push([child, depth + 1]);
    }
  }
  return undefined;
}
