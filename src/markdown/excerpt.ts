import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { toText } from 'hast-util-to-text';
import { filterTree, hasClass, headingDepth, isCodeBlock, isElement, rootOf, withHighlightedCode } from './hast-helpers.ts';

/** Blocks that may hold the excerpt's text; they are kept and cut inside. */
const CONTAINERS = new Set(['blockquote', 'ul', 'ol', 'details', 'div', 'section', 'article', 'figure']);
/** Cut only between these, never inside: they make no sense half shown. */
const ATOMIC = new Set(['table', 'hr', 'iframe', 'video', 'audio', 'svg', 'math', 'dl']);
/** `。！？；` end a sentence anywhere; `.!?` only before a space or the end, not in `v1.2` or `e.g`. */
export const SENTENCE_END = /[。！？；]|[.!?](?=\s|$)/gu;
const CLOSING = /^[”’」』）)\]"'》]*/u;

/** Excerpts sit on list pages beside other posts: no ids, heading anchors, TOC or footnotes. */
function isExcerptChrome(node: RootContent): boolean {
  if (node.type === 'comment') return true;
  if (!isElement(node)) return false;
  if (node.tagName === 'a' && hasClass(node, 'heading-anchor')) return true;
  if (node.tagName === 'nav' && hasClass(node, 'toc')) return true;
  if (node.tagName === 'section' && node.properties.dataFootnotes !== undefined) return true;
  return node.tagName === 'sup' && node.children.some((child) => isElement(child) && child.properties.dataFootnoteRef !== undefined);
}

/** Drops ids: they would repeat on list pages. Relative URLs are rebased later, once the post's URL is known. */
function withoutId(node: Element): Element {
  if (node.properties.id === undefined) return node;
  const { id: _id, ...properties } = node.properties;
  return { ...node, properties };
}

/** An excerpt's HTML, and its text as a summary reads it (see `summaryText`). */
export interface Excerpt {
  html: string;
  text: string;
}

/** Elements a summary leaves out: code, and what a reader never sees as text. */
const NOT_SUMMARY_TEXT = new Set(['pre', 'script', 'style', 'template', 'svg']);

function isNotSummaryText(node: RootContent): boolean {
  return node.type === 'element' && NOT_SUMMARY_TEXT.has(node.tagName);
}

/** Plain text of `nodes` for a summary: code blocks left out, whitespace collapsed to single spaces. */
export function summaryText(nodes: readonly RootContent[]): string {
  return toText(rootOf(filterTree(nodes, isNotSummaryText)))
    .replace(/\s+/g, ' ')
    .trim();
}

function cleanExcerpt(nodes: readonly RootContent[]): RootContent[] {
  return filterTree(nodes, isExcerptChrome, withoutId);
}

function htmlOf(cleaned: RootContent[]): string {
  return toHtml(rootOf(withHighlightedCode(cleaned)), { allowDangerousHtml: true }).trim();
}

export function excerptHtml(nodes: readonly RootContent[]): string {
  return htmlOf(cleanExcerpt(nodes));
}

/**
 * The excerpt of `nodes` with its summary text, read from the same nodes: parsing the HTML again
 * for its text cost a render thread about 2 % of its time.
 */
export function excerptOf(nodes: readonly RootContent[]): Excerpt {
  const cleaned = cleanExcerpt(nodes);
  return { html: htmlOf(cleaned), text: summaryText(cleaned) };
}

/** The part of the page before the `<!-- more -->` marker, at `path` (child indices from the root). */
export function moreExcerpt(tree: Root, path: readonly number[]): Excerpt {
  return excerptOf(cutAtPath(tree.children, path));
}

function cutAtPath<T extends RootContent>(children: readonly T[], path: readonly number[]): T[] {
  const [index, ...rest] = path;
  const before = children.slice(0, index);
  const holder = children[index];
  if (rest.length > 0 && holder?.type === 'element') {
    before.push({ ...holder, children: cutAtPath(holder.children, rest) });
  }
  return before;
}

/**
 * Whole top-level blocks up to about `length` characters of text; the last paragraph is cut at a
 * sentence end. Headings are left out (a heading alone is a poor teaser); code blocks and tables
 * are skipped before any text and end the excerpt after it.
 */
export function autoExcerptHtml(tree: Root, length: number): string {
  return excerptHtml(autoExcerptNodes(tree, length));
}

/** `autoExcerptHtml` with its summary text. */
export function autoExcerpt(tree: Root, length: number): Excerpt {
  return excerptOf(autoExcerptNodes(tree, length));
}

function autoExcerptNodes(tree: Root, length: number): RootContent[] {
  const picked = pickBlocks(tree.children, length, 0);
  // One block per line, like the page itself.
  return picked.nodes.flatMap((node, index): RootContent[] => (index === 0 ? [node] : [{ type: 'text', value: '\n' }, node]));
}

/**
 * The automatic excerpt as it would be without the first 1, 2, … text blocks, each with the text
 * of the block it leaves out. Whether a block is boilerplate (the intro every issue opens with) is
 * known only once every post is read; the site then takes the excerpt after the boilerplate.
 */
export function excerptsAfterLead(tree: Root, length: number, max = 3): { lead: string; html: string }[] {
  const leads: number[] = [];
  tree.children.forEach((node, index) => {
    if (leads.length >= max || !isElement(node) || headingDepth(node) > 0 || isExcerptChrome(node)) return;
    if (isCodeBlock(node) || ATOMIC.has(node.tagName) || toString(node).trim() === '') return;
    leads.push(index);
  });
  return leads.map((index) => ({
    lead: toString(tree.children[index] as Element).trim(),
    html: autoExcerptHtml({ ...tree, children: tree.children.slice(index + 1) }, length),
  }));
}

interface Picked<T> {
  nodes: T[];
  /** Characters of text taken so far, including what came before this container. */
  used: number;
}

function pickBlocks<T extends RootContent>(children: readonly T[], budget: number, usedBefore: number): Picked<T> {
  const nodes: T[] = [];
  let used = usedBefore;
  for (const node of children) {
    if (!isElement(node) || headingDepth(node) > 0 || isExcerptChrome(node)) continue;
    if (isCodeBlock(node) || ATOMIC.has(node.tagName)) {
      if (used > 0) return { nodes, used };
      continue;
    }
    const length = toString(node).trim().length;
    if (length === 0) continue; // images alone make a poor teaser
    if (used + length <= budget) {
      nodes.push(node);
      used += length;
      continue;
    }
    if (CONTAINERS.has(node.tagName)) {
      const inner = pickBlocks(node.children, budget, used);
      if (inner.nodes.length > 0) nodes.push({ ...node, children: inner.nodes } as T);
      return { nodes, used: inner.used };
    }
    const cut = cutInline(node, budget - used, used === 0);
    if (cut) nodes.push(cut as T);
    return { nodes, used: budget };
  }
  return { nodes, used };
}

/** A copy of a text block cut at the last sentence end within `room` characters. */
function cutInline(node: Element, room: number, mustShowSomething: boolean): Element | null {
  const text = toString(node);
  let best = 0;
  let first = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    const withClosing = end + (CLOSING.exec(text.slice(end))?.[0].length ?? 0);
    first ||= withClosing;
    if (withClosing <= room) best = withClosing;
  }
  if (best > 0) return { ...node, children: truncate(node.children, best) };
  if (!mustShowSomething) return null;
  // A first sentence somewhat over the budget reads better than a cut one.
  if (first > 0 && first <= room * 1.5) return { ...node, children: truncate(node.children, first) };
  const children = truncate(node.children, room);
  children.push({ type: 'text', value: '…' });
  return { ...node, children };
}

/** Copies inline content up to `limit` characters of text; elements stay whole or are cut inside. */
function truncate(children: readonly ElementContent[], limit: number): ElementContent[] {
  const result: ElementContent[] = [];
  let left = limit;
  for (const child of children) {
    if (left <= 0) break;
    if (child.type === 'text') {
      result.push(child.value.length <= left ? child : { type: 'text', value: child.value.slice(0, left) });
      left -= child.value.length;
    } else if (child.type === 'element') {
      const length = toString(child).length;
      result.push(length <= left ? child : { ...child, children: truncate(child.children, left) });
      left -= length;
    }
  }
  return result;
}
