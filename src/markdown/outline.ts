import type { Element, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { toText } from 'hast-util-to-text';
import { filterTree, hasClass, headingDepth, isCodeBlock, isElement, rootOf } from './hast-helpers.ts';
import type { HeadingInfo, LinkItem, Section } from './types.ts';

/** What search and reading time need from a rendered page. */
export interface Outline {
  text: string;
  sections: Section[];
  linkItems: LinkItem[];
}

/** Link items are headings of these depths that start with a link (`## [title](url)`). */
const LINK_ITEM_MAX_DEPTH = 3;

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
 * Splits the page at its top-level headings. `text` and link items leave code out (reading time,
 * link notes); `sections` keep code, so a search for a command finds the section that shows it.
 */
export function buildOutline(tree: Root, headings: readonly HeadingInfo[]): Outline {
  const headingById = new Map(headings.map((heading) => [heading.id, heading]));
  const sections: Section[] = [];
  const linkItems: LinkItem[] = [];
  const children = tree.children;

  let current: { anchor: string | null; heading: string; nodes: RootContent[]; linkUrl?: string } = {
    anchor: null,
    heading: '',
    nodes: [],
  };
  const closeSection = (): void => {
    const text = plainText(current.nodes, true);
    if (current.anchor === null && text === '') return;
    const section: Section = { anchor: current.anchor, heading: current.heading, text };
    if (current.linkUrl !== undefined) section.linkUrl = current.linkUrl;
    sections.push(section);
  };

  for (let index = 0; index < children.length; index++) {
    const node = children[index];
    const depth = headingDepth(node);
    const info = depth > 0 && isElement(node) ? headingById.get(String(node.properties.id)) : undefined;
    if (!info || !isElement(node)) {
      current.nodes.push(node);
      continue;
    }
    closeSection();
    current = { anchor: info.id, heading: info.text, nodes: [] };
    const link = depth <= LINK_ITEM_MAX_DEPTH ? leadingLink(node) : null;
    if (link) {
      current.linkUrl = link.url;
      linkItems.push({ ...link, anchor: info.id, depth, line: info.line, text: plainText(bodyUntil(children, index, depth), false) });
    }
  }
  closeSection();
  return { text: plainText(children, false), sections, linkItems };
}

/** The nodes after the heading at `index` up to the next heading of the same or a higher level. */
function bodyUntil(children: readonly RootContent[], index: number, depth: number): RootContent[] {
  const body: RootContent[] = [];
  for (const node of children.slice(index + 1)) {
    const next = headingDepth(node);
    if (next > 0 && next <= depth) break;
    body.push(node);
  }
  return body;
}

function leadingLink(heading: Element): { title: string; url: string; domain: string } | null {
  const first = heading.children.find((child) => !(child.type === 'text' && child.value.trim() === ''));
  if (!isElement(first, 'a') || hasClass(first, 'heading-anchor')) return null;
  const url = typeof first.properties.href === 'string' ? first.properties.href : '';
  if (url === '') return null;
  return { title: toString(first).replace(/\s+/g, ' ').trim(), url, domain: domainOf(url) };
}

function domainOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    // Relative links have no host.
    return '';
  }
}
