import type { Root } from 'hast';
import rehypeRaw, { type Options } from 'rehype-raw';
import type { VFile } from 'vfile';

/**
 * rehype-raw re-parses the whole tree through parse5 (about a tenth of a post's render time);
 * most posts have no raw HTML at all, so only pay for it when there is some.
 */
export default function rehypeRawWhenPresent(options?: Options | null | undefined) {
  const transform = rehypeRaw(options);
  return function transformer(tree: Root, file: VFile): Root {
    return hasRaw(tree) ? transform(tree, file) : tree;
  };
}

function hasRaw(node: Root | Root['children'][number]): boolean {
  if (node.type === 'raw') return true;
  return 'children' in node && node.children.some(hasRaw);
}
