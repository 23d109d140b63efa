import type { Link, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';

/** Full-width punctuation (`，。；：！？、）」`…): never part of a URL written in Chinese prose. */
const FULL_WIDTH_PUNCTUATION = /[\u3000-\u303f\uff00-\uffef]/u;

/** A GFM autolink literal shows its own address: `https://a.b`, `www.a.b`, `a@b.c`. */
function isLiteralAutolink(link: Link): link is Link & { children: [Text] } {
  const [child] = link.children;
  if (link.children.length !== 1 || child.type !== 'text') return false;
  return link.url === child.value || link.url === `http://${child.value}` || link.url === `mailto:${child.value}`;
}

/**
 * remark-gfm ends an autolink literal only at ASCII punctuation or a space, so in
 * `见 https://github.com，还有` the link swallows `，还有`. Cut such links at the first full-width
 * punctuation mark and give the rest back to the text.
 */
export default function remarkCjkAutolink() {
  return function transformer(tree: Root): void {
    visit(tree, 'link', (node, index, parent) => {
      if (parent === undefined || index === undefined || !isLiteralAutolink(node)) return undefined;
      const text = node.children[0].value;
      let cut = text.search(FULL_WIDTH_PUNCTUATION);
      if (cut <= 0) return undefined;
      // `[http://a.b]，` is a bracketed address in prose, not a URL ending in `]`.
      while (text[cut - 1] === ']' && !text.slice(0, cut).includes('[')) cut -= 1;
      if (cut <= 0) return undefined;
      const prefix = node.url.slice(0, node.url.length - text.length);
      const kept = text.slice(0, cut);
      node.children = [{ type: 'text', value: kept }];
      node.url = prefix + kept;
      parent.children.splice(index + 1, 0, { type: 'text', value: text.slice(cut) });
      return index + 2;
    });
  };
}
