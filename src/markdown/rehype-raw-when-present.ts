import type { Comment, Element, Root } from 'hast';
import type { Raw } from 'mdast-util-to-hast';
import rehypeRaw, { type Options } from 'rehype-raw';
import type { VFile } from 'vfile';
import { reportAt } from './file-data.ts';

/**
 * Deepest nesting of elements raw HTML may build. The tree walkers after this plugin recurse, so
 * deeper trees overflowed the stack at a depth that depended on the stack's size and the JIT's
 * state (in a render thread from ~1500 levels, in-process from 2000–4000): whether a post was
 * refused varied with how many posts a build rendered. A fixed bound decides it the same way everywhere.
 */
export const MAX_ELEMENT_DEPTH = 256;

/**
 * An HTML block or inline HTML that is one comment and nothing else (`<!-- more -->`), whose text
 * parse5 keeps as written: it may not start or end with `-`, nor hold `--`, `<`, `>`, a carriage
 * return or NUL (parse5 rewrites those two).
 */
const LONE_COMMENT = /^<!--(?![->])((?:[^<>\-\r\0]|-(?!-))*)(?<!-)-->$/u;

/**
 * rehype-raw re-parses the whole tree through parse5 (about a tenth of a post's render time);
 * most posts have no raw HTML at all, so only pay for it when there is some. Raw HTML that is only
 * lone comments (Hexo's `<!-- more -->` is in most posts) becomes comment nodes directly, as
 * parse5 would make them.
 */
export default function rehypeRawWhenPresent(options?: Options | null | undefined) {
  const transform = rehypeRaw(options);
  return function transformer(tree: Root, file: VFile): Root {
    const raws: RawPlace[] = [];
    collectRaw(tree, raws);
    if (raws.length === 0) return tree;
    if (raws.every(({ parent, index }) => LONE_COMMENT.test((parent.children[index] as Raw).value))) {
      for (const { parent, index } of raws) {
        const raw = parent.children[index] as Raw;
        const comment: Comment = { type: 'comment', value: LONE_COMMENT.exec(raw.value)![1]! };
        if (raw.position) comment.position = raw.position;
        parent.children[index] = comment;
      }
      return tree;
    }
    const parsed = transform(tree, file);
    const deepest = elementPastDepth(parsed, MAX_ELEMENT_DEPTH);
    if (!deepest) return parsed;
    reportAt(file, deepest, {
      severity: 'error',
      ruleId: 'nesting-too-deep',
      message: `HTML elements nest more than ${MAX_ELEMENT_DEPTH} levels deep here, so the post is not rendered. Flatten the nested elements.`,
    });
    return { type: 'root', children: [] };
  };
}

interface RawPlace {
  parent: Root | Element;
  index: number;
}

function collectRaw(parent: Root | Element, raws: RawPlace[]): void {
  const children = parent.children;
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    if (node.type === 'raw') raws.push({ parent, index });
    else if (node.type === 'element') collectRaw(node, raws);
  }
}

/** The first element deeper than `limit`, found without recursion (the tree may be deep). */
function elementPastDepth(tree: Root, limit: number): Element | undefined {
  const stack: [Root | Element, number][] = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (depth + 1 > limit) return child;
      stack.push([child, depth + 1]);
    }
  }
  return undefined;
}
