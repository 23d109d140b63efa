import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';

const TOC_MARKER = /^\s*(?:\[toc\]|\[\[toc\]\])\s*$/i;

/** Attribute that marks the placeholder `rehype-toc` fills once heading ids exist. */
export const TOC_PLACEHOLDER_PROPERTY = 'dataTocPlaceholder';

/**
 * A paragraph that is only `[TOC]` or `[[toc]]` (Typora and friends) becomes an empty
 * `<nav>` placeholder; the list itself is built after the headings got their ids.
 */
export default function remarkTocMarker() {
  return function transformer(tree: Root): void {
    for (const node of tree.children) {
      if (node.type !== 'paragraph' || !TOC_MARKER.test(toString(node))) continue;
      // A link or image would also stringify to "toc"; only literal text is a marker.
      if (node.children.some((child) => child.type !== 'text')) continue;
      node.children = [];
      node.data = { ...node.data, hName: 'nav', hProperties: { [TOC_PLACEHOLDER_PROPERTY]: '' } };
    }
  };
}
