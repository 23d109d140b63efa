import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { fileDataOf } from './file-data.ts';

const MORE_MARKER = /^\s*more\s*$/i;

/**
 * Finds the first `<!-- more -->` (Hexo's excerpt marker), removes it from the page and records
 * where it was as a path of child indices, so the excerpt can be cut after the tree is final.
 * rehype-raw has already turned comments inside HTML blocks into comment nodes.
 */
export default function rehypeMoreMarker() {
  return function transformer(tree: Root, file: VFile): void {
    const data = fileDataOf(file);
    const path = markerPath(tree);
    if (path !== null) data.morePath = path;
  };
}

/** Child indices from `parent` down to the first marker, which is removed; `null` when there is none. */
function markerPath(parent: Root | Element): number[] | null {
  const children = parent.children;
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    if (node.type === 'comment' && MORE_MARKER.test(node.value)) {
      children.splice(index, 1);
      return [index];
    }
    if (node.type !== 'element') continue;
    const below = markerPath(node);
    if (below !== null) return [index, ...below];
  }
  return null;
}
