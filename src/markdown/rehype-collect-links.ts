import type { Root } from 'hast';
import { eachElement } from './each-element.ts';
import type { VFile } from 'vfile';
import { fileDataOf } from './file-data.ts';

/**
 * Records every link (`<a href>`) with its place in the source and every `id` on the page, so
 * `weeklog check` and the loader work from these facts instead of searching the HTML again.
 * Runs last: the ids of headings and footnotes and the contents list are in the tree by then.
 */
export default function rehypeCollectLinks() {
  return function transformer(tree: Root, file: VFile): void {
    const data = fileDataOf(file);
    eachElement(tree, (node) => {
      const id = node.properties.id;
      if (typeof id === 'string' && id !== '') data.ids.push(id);
      const href = node.properties.href;
      if (node.tagName !== 'a' || typeof href !== 'string') return;
      const start = node.position?.start;
      data.links.push({ href, line: start ? start.line + data.lineOffset : 0, column: start?.column ?? 0 });
    });
  };
}
