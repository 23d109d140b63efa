import type { Nodes, Root } from 'mdast';
import type { Processor } from 'unified';

/** What every GFM literal autolink, URL or e-mail, holds: `http://`, `https://`, `www.` or an `@`. */
const MAY_BE_LITERAL = /https?:\/\/|www\.|@/iu;
/** The transform mdast-util-gfm-autolink-literal adds to remark-gfm's parser extensions. */
const TRANSFORM_NAME = 'transformGfmAutolinkLiterals';

type Transform = (tree: Root) => Root | undefined | void;

/**
 * remark-gfm finds literal autolinks after parsing by walking every node with unist-util-visit-parents
 * (a closure and a `defineProperty` per node): a tenth of a render thread's time, although most
 * posts link only with `[text](url)`. Its transform now runs only when a text node holds something a
 * literal autolink is made of; it looks at nothing else, so the tree comes out the same. Use it right
 * after remark-gfm. If remark-gfm ever names its transform differently, nothing is skipped.
 */
export default function remarkGfmLiteralGuard(this: Processor): void {
  guard(this.data('fromMarkdownExtensions') ?? []);
}

function guard(extensions: readonly unknown[]): void {
  for (const extension of extensions) {
    if (Array.isArray(extension)) {
      guard(extension);
      continue;
    }
    const transforms = (extension as { transforms?: Transform[] } | null)?.transforms;
    if (!Array.isArray(transforms)) continue;
    transforms.forEach((transform, index) => {
      if (transform.name !== TRANSFORM_NAME) return;
      transforms[index] = (tree) => (mayHoldLiteral(tree) ? transform(tree) : undefined);
    });
  }
}

/** True when a text node, the only kind the transform reads, could hold a literal autolink. */
function mayHoldLiteral(node: Nodes): boolean {
  if (node.type === 'text') return MAY_BE_LITERAL.test(node.value);
  if (!('children' in node)) return false;
  for (const child of node.children) if (mayHoldLiteral(child)) return true;
  return false;
}
