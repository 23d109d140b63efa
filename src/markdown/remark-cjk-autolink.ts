import type { Link, Nodes, Parents, Root, Text } from 'mdast';

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
    cutLinks(tree);
  };
}

function cutLinks(parent: Parents): void {
  const children = parent.children as Nodes[];
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    if (node.type === 'link' && isLiteralAutolink(node)) {
      const rest = cut(node);
      // The rest is plain text: nothing in it to walk.
      if (rest !== null) children.splice(++index, 0, rest);
    } else if ('children' in node) {
      cutLinks(node);
    }
  }
}

/** Cuts `link` at its first full-width punctuation mark; returns the text cut off, or `null`. */
function cut(link: Link & { children: [Text] }): Text | null {
  const text = link.children[0].value;
  let at = text.search(FULL_WIDTH_PUNCTUATION);
  if (at <= 0) return null;
  // `[http://a.b]，` is a bracketed address in prose, not a URL ending in `]`.
  while (text[at - 1] === ']' && !text.slice(0, at).includes('[')) at -= 1;
  if (at <= 0) return null;
  const prefix = link.url.slice(0, link.url.length - text.length);
  const kept = text.slice(0, at);
  link.children = [{ type: 'text', value: kept }];
  link.url = prefix + kept;
  return { type: 'text', value: text.slice(at) };
}
