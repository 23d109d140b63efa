import type { Root, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';
import { filterTree, hasClass, headingDepth, isCodeBlock, isElement, rootOf } from './hast-helpers.ts';
import type { HeadingInfo, LinkItem, Section } from './types.ts';

/** What search and reading time need from a rendered page. */
export interface Outline {
  text: string;
  sections: Section[];
}

/** Parts of the page that repeat other text or are not prose: anchors, the TOC, footnote back links. */
function isChrome(node: RootContent): boolean {
  if (!isElement(node)) return node.type === 'comment';
  return (
    (node.tagName === 'a' && (hasClass(node, 'heading-anchor') || node.properties.dataFootnoteBackref !== undefined)) ||
    (node.tagName === 'nav' && hasClass(node, 'toc')) ||
    (node.tagName === 'div' && hasClass(node, 'code-header'))
  );
}

function isChromeOrCode(node: RootContent): boolean {
  return isChrome(node) || isCodeBlock(node);
}

/** Plain text of `nodes`, blocks on their own lines, no blank-line runs. */
export function plainText(nodes: readonly RootContent[], withCode: boolean): string {
  const kept = filterTree(nodes, withCode ? isChrome : isChromeOrCode);
  return toText(rootOf(kept))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Splits the page at its top-level headings. `text` leaves code out (reading time);
 * `sections` keep code, so a search for a command finds the section that shows it.
 * A section whose heading is a link item carries the item's URL.
 */
export function buildOutline(tree: Root, headings: readonly HeadingInfo[], linkItems: readonly LinkItem[] = []): Outline {
  const headingById = new Map(headings.map((heading) => [heading.id, heading]));
  const itemUrlByHeading = new Map(linkItems.filter((item) => item.depth > 0).map((item) => [item.anchor, item.url]));
  const sections: Section[] = [];
  const children = tree.children;

  let current: { anchor: string | null; heading: string; nodes: RootContent[] } = { anchor: null, heading: '', nodes: [] };
  const closeSection = (): void => {
    const text = plainText(current.nodes, true);
    if (current.anchor === null && text === '') return;
    const section: Section = { anchor: current.anchor, heading: current.heading, text };
    const linkUrl = current.anchor === null ? undefined : itemUrlByHeading.get(current.anchor);
    if (linkUrl !== undefined) section.linkUrl = linkUrl;
    sections.push(section);
  };

  for (const node of children) {
    const depth = headingDepth(node);
    const info = depth > 0 && isElement(node) ? headingById.get(String(node.properties.id)) : undefined;
    if (!info || !isElement(node)) {
      current.nodes.push(node);
      continue;
    }
    closeSection();
    current = { anchor: info.id, heading: info.text, nodes: [] };
  }
  closeSection();
  return { text: plainText(children, false), sections };
}
