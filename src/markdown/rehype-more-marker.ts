import type { Root } from 'hast';
import { visitParents, EXIT } from 'unist-util-visit-parents';
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
    visitParents(tree, 'comment', (node, ancestors) => {
      if (!MORE_MARKER.test(node.value)) return undefined;
      const path: number[] = [];
      for (let level = 1; level <= ancestors.length; level++) {
        const parent = ancestors[level - 1] as Root;
        const child = level < ancestors.length ? ancestors[level] : node;
        path.push(parent.children.indexOf(child as Root['children'][number]));
      }
      const parent = ancestors[ancestors.length - 1] as Root;
      parent.children.splice(path[path.length - 1], 1);
      data.morePath = path;
      return EXIT;
    });
  };
}
