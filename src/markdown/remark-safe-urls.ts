import type { Image, ImageReference, Link, LinkReference, Nodes, Parents, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { describeUnsafeUrl, isSafeUrl } from '../urls.ts';
import { eachNode } from './each-node.ts';
import { reportAt } from './file-data.ts';

/**
 * Applies the one URL policy (`isSafeUrl` in src/urls.ts) to Markdown links, images and
 * reference definitions: `[x](javascript:alert(1))` is reported at its place and becomes its
 * text, an image its alt text, so no page, feed, `/links/` entry or search result links to it.
 * Raw HTML is `rehype-safe-urls`' part.
 */
export default function remarkSafeUrls() {
  return function transformer(tree: Root, file: VFile): void {
    const report = (node: Nodes, url: string): void => {
      const what = node.type === 'image' ? 'Image from' : node.type === 'definition' ? 'Reference to' : 'Link to';
      reportAt(file, node, {
        ruleId: 'unsafe-url',
        message:
          `${what} ${describeUnsafeUrl(url)} is shown as text: only http, https, mailto, relative and #fragment URLs become links ` +
          '(images may also be data:image/png, jpeg, gif or webp). Use one of those, or put the URL in `code`.',
      });
    };

    // Definitions apply to the whole document, wherever they stand.
    const unsafeDefinitions = new Set<string>();
    eachNode(tree, (node) => {
      if (node.type !== 'definition' || isSafeUrl(node.url, 'link') || isSafeUrl(node.url, 'image')) return;
      unsafeDefinitions.add(node.identifier);
      report(node, node.url);
    });
    replaceUnsafe(tree, unsafeDefinitions, report);
  };
}

/**
 * Replaces the unsafe links and images under `parent`, in document order, as
 * `visit` would with `[SKIP, index + replacement.length]`: what replaced a node is not walked.
 */
function replaceUnsafe(parent: Parents, unsafeDefinitions: ReadonlySet<string>, report: (node: Nodes, url: string) => void): void {
  const children = parent.children as Nodes[];
  let index = 0;
  while (index < children.length) {
    const node = children[index]!;
    const replacement = replacementOf(node, unsafeDefinitions, report);
    if (replacement !== null) {
      children.splice(index, 1, ...replacement);
      index += replacement.length;
      continue;
    }
    if ('children' in node) replaceUnsafe(node, unsafeDefinitions, report);
    index++;
  }
}

/** What an unsafe link or image becomes, or `null` to keep the node. */
function replacementOf(node: Nodes, unsafeDefinitions: ReadonlySet<string>, report: (node: Nodes, url: string) => void): PhrasingContent[] | null {
  switch (node.type) {
    case 'link':
      return unsafe(node, node.url, 'link', report) ? (node as Link).children : null;
    case 'image':
      return unsafe(node, node.url, 'image', report) ? altText(node) : null;
    case 'linkReference':
      return unsafeDefinitions.has(node.identifier) ? (node as LinkReference).children : null;
    case 'imageReference':
      return unsafeDefinitions.has(node.identifier) ? altText(node) : null;
    default:
      return null;
  }
}

function unsafe(node: Nodes, url: string, use: 'link' | 'image', report: (node: Nodes, url: string) => void): boolean {
  if (isSafeUrl(url, use)) return false;
  report(node, url);
  return true;
}

function altText(node: Image | ImageReference): PhrasingContent[] {
  return node.alt ? [{ type: 'text', value: node.alt, position: node.position }] : [];
}
