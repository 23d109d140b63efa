import type { Element, ElementContent, Nodes } from 'hast';
import { toString } from 'hast-util-to-string';
import { isElement } from './hast-helpers.ts';

/**
 * How a block of a digest can start a link item. Each recogniser looks only at
 * the start of one block; `rehype-link-items` decides, from what came before,
 * whether the block starts an item or belongs to the note of the open one.
 */

/** The link that starts an item and what follows it in the same block (the start of the note). */
export interface ItemStart {
  link: Element;
  title: string;
  url: string;
  /** Inline nodes after the link in the same paragraph or list item. */
  rest: ElementContent[];
}

// Only absolute web URLs are recommendations: relative links point around the site itself.
const WEB_URL = /^https?:\/\/[^\s/]/iu;
/** `1、` `2.` `3．` `4)` `5）` before the link; `1.` only reaches here in a paragraph, where it is not a list. */
const NUMBER_MARK = /^\s*\d{1,3}\s*[、.．)）]\s*$/u;
/** What may follow a link that stands alone: `（英文）`, `(PDF)`, punctuation. */
const ANNOTATION = /[（(][^）)]{0,30}[）)]/gu;
const PUNCTUATION_OR_SPACE = /^[\s\p{P}\p{S}]*$/u;

function isBlank(node: ElementContent): boolean {
  return (node.type === 'text' && node.value.trim() === '') || node.type === 'comment';
}

/** Children without leading blank text. */
function trimStart(children: readonly ElementContent[]): ElementContent[] {
  let index = 0;
  while (index < children.length && isBlank(children[index])) index++;
  return children.slice(index);
}

/** An `<a>` to a web page with visible text: a linked image alone is a picture, not a recommendation. */
function asItemLink(node: Nodes | undefined): { link: Element; title: string; url: string } | null {
  if (!isElement(node, 'a')) return null;
  const url = typeof node.properties.href === 'string' ? node.properties.href.trim() : '';
  const title = toString(node).replace(/\s+/gu, ' ').trim();
  if (!WEB_URL.test(url) || title === '') return null;
  return { link: node, title, url };
}

/** `[title](url)…` or `**[title](url)** …` at the start of `children`. */
export function leadingLink(children: readonly ElementContent[]): ItemStart | null {
  const [first, ...after] = trimStart(children);
  const direct = asItemLink(first);
  if (direct) return { ...direct, rest: after };
  // `- **[title](url)** note`: the emphasis must hold only the link.
  if (isElement(first, 'strong') || isElement(first, 'em')) {
    const inner = trimStart(first.children);
    const wrapped = inner.length === 1 || inner.slice(1).every(isBlank) ? asItemLink(inner[0]) : null;
    if (wrapped) return { ...wrapped, rest: after };
  }
  return null;
}

/** `1、[标题](url)` written as a paragraph (Chinese numbering is not Markdown list syntax). */
export function numberedStart(paragraph: Element): ItemStart | null {
  const [first, ...after] = trimStart(paragraph.children);
  if (first?.type !== 'text' || !NUMBER_MARK.test(first.value)) return null;
  return leadingLink(after);
}

/** A paragraph that is only a link, perhaps with `（英文）` or punctuation after it. */
export function loneLinkStart(paragraph: Element): ItemStart | null {
  const start = leadingLink(paragraph.children);
  if (!start) return null;
  const rest = start.rest.map((node) => toString(node)).join('').replace(ANNOTATION, '');
  return PUNCTUATION_OR_SPACE.test(rest) ? start : null;
}

/** A list item that starts with a link: `- [title](url) note`, `1. [title](url)：note`. */
export function listItemStart(item: Element): { start: ItemStart; body: ElementContent[] } | null {
  const children = trimStart(item.children);
  const first = children[0];
  // A loose list wraps the item's text in a paragraph.
  if (isElement(first, 'p')) {
    const start = leadingLink(first.children);
    return start ? { start, body: children.slice(1) } : null;
  }
  const start = leadingLink(children);
  if (!start) return null;
  // Inline content of a tight item runs up to its first block (a nested list).
  const blockAt = start.rest.findIndex((node) => isElement(node) && BLOCK_TAGS.has(node.tagName));
  if (blockAt < 0) return { start, body: [] };
  return { start: { ...start, rest: start.rest.slice(0, blockAt) }, body: start.rest.slice(blockAt) };
}

const BLOCK_TAGS = new Set(['ul', 'ol', 'p', 'div', 'pre', 'blockquote', 'table']);
