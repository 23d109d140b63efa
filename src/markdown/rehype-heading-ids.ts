import type { Element, Root } from 'hast';
import type { Problem } from '../problems.ts';
import GithubSlugger from 'github-slugger';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';
import { fileDataOf } from './file-data.ts';
import { headingDepth, isFootnotes } from './hast-helpers.ts';

export interface Options {
  /** Class of the anchor link added after the heading text (default: `'heading-anchor'`). */
  anchorClass?: string | null | undefined;
  /** Visible content of the anchor link (default: `'#'`). */
  anchorText?: string | null | undefined;
}

const emptyOptions: Options = {};

/**
 * Gives every heading a unique id with github-slugger semantics (Chinese kept, Latin lower-cased,
 * punctuation dropped; `section-N` when nothing is left) and a visible `#` link after its text.
 * The link is hidden from assistive technology, so the heading's name stays its own text.
 * The headings are recorded in document order with their source line.
 */
export default function rehypeHeadingIds(options?: Options | null | undefined) {
  const settings = options || emptyOptions;
  const anchorClass = settings.anchorClass ?? 'heading-anchor';
  const anchorText = settings.anchorText ?? '#';

  return function transformer(tree: Root, file: VFile): void {
    const data = fileDataOf(file);
    const slugger = new GithubSlugger();
    let ordinal = 0;

    const walk = (parent: Root | Element, inFootnotes: boolean): void => {
      for (const node of parent.children) {
        if (node.type !== 'element') continue;
        const depth = headingDepth(node);
        if (depth === 0) {
          walk(node, inFootnotes || isFootnotes(node));
          continue;
        }
        // remark-rehype's "Footnotes" label is not part of the outline.
        if (inFootnotes) continue;
        ordinal++;
        const text = toString(node).replace(/\s+/g, ' ').trim();
        const written = typeof node.properties.id === 'string' && node.properties.id !== '' ? node.properties.id : null;
        const id = written ?? (slugger.slug(text) || slugger.slug(`section-${ordinal}`));
        if (written) slugger.slug(written); // later duplicates of a hand-written id still get a suffix
        if (text === '') data.problems.push(emptyHeadingProblem(file.path, node, data.lineOffset));
        node.properties.id = id;
        node.children.push(anchorLink(id, anchorClass, anchorText));
        data.headings.push({ depth, id, text, line: (node.position?.start.line ?? 0) + data.lineOffset });
      }
    };
    walk(tree, false);
  };
}

function anchorLink(id: string, className: string, text: string): Element {
  return {
    type: 'element',
    tagName: 'a',
    properties: { className: [className], href: `#${id}`, ariaHidden: 'true', tabIndex: -1 },
    children: [{ type: 'text', value: text }],
  };
}

/** A heading without text has no name for screen readers and shows as a bare `#` in the TOC. */
function emptyHeadingProblem(file: string, node: Element, lineOffset: number): Problem {
  const start = node.position?.start;
  return {
    file,
    line: start ? start.line + lineOffset : 0,
    column: start?.column ?? 0,
    severity: 'warning',
    ruleId: 'empty-heading',
    message: 'This heading has no text, so screen readers and the table of contents show nothing for it. Write a heading text or remove the heading.',
  };
}
