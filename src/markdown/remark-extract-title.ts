import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { fileDataOf } from './file-data.ts';

export interface Options {
  /** Take the title even when the document's `extractTitle` flag is off (default: `false`). */
  always?: boolean | null | undefined;
}

const emptyOptions: Options = {};
const ONLY_COMMENTS = /^\s*(?:<!--[\s\S]*?-->\s*)*$/;

/** Skipped when looking for the first content node: they render to nothing visible. */
function isInvisible(node: RootContent): boolean {
  return node.type === 'definition' || (node.type === 'html' && ONLY_COMMENTS.test(node.value));
}

/**
 * Notes without front matter carry their title as a leading `# heading`: take its text as the
 * title and remove it, so the page does not show it twice. Only the first content node counts.
 */
export default function remarkExtractTitle(options?: Options | null | undefined) {
  const settings = options || emptyOptions;
  return function transformer(tree: Root, file: VFile): void {
    const data = fileDataOf(file);
    if (!settings.always && !data.extractTitle) return;
    const index = tree.children.findIndex((node) => !isInvisible(node));
    const first = tree.children[index];
    if (first?.type !== 'heading' || first.depth !== 1) return;
    const title = toString(first).trim();
    if (title === '') return;
    data.title = title;
    tree.children.splice(index, 1);
  };
}
