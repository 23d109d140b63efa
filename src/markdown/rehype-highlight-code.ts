import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';
import { reportAt } from './file-data.ts';
import { isElement } from './hast-helpers.ts';
import { CodeHighlighter } from './highlighter.ts';

export interface Options {
  /** The process-wide highlighter (required). */
  highlighter: CodeHighlighter;
  /** Blocks with more lines are shown as plain text, with a warning: tokenizing costs time per line (default: `2000`). */
  maxLines?: number | null | undefined;
}

interface CodeBlock {
  pre: Element;
  parent: Root | Element;
  index: number;
  code: string;
  language: string | null;
}

/**
 * Highlights every `<pre><code>` with shiki (one pass, classes coloured by code.css for both
 * schemes) and wraps it as `<div class="code-block" data-language="go"><div class="code-header">
 * <span class="code-label">go</span></div><pre>…</pre></div>`; the copy button joins the header, so
 * it never covers code.
 * Unknown languages are shown as plain text and reported once per block, with their place.
 */
export default function rehypeHighlightCode(options: Options) {
  const highlighter = options.highlighter;
  const maxLines = options.maxLines ?? 2000;

  return async function transformer(tree: Root, file: VFile): Promise<void> {
    const blocks: CodeBlock[] = [];
    collectBlocks(tree, blocks);
    if (blocks.length === 0) return;

    await highlighter.prepare(new Set(blocks.flatMap((block) => (block.language ? [block.language] : []))));
    for (const block of blocks) {
      if (block.language !== null && !highlighter.isLoaded(block.language)) {
        reportAt(file, block.pre, {
          ruleId: 'unknown-language',
          message:
            `Unknown code language \`${block.language}\`; the block is shown as plain text. ` +
            'Use a language shiki knows (e.g. `ini`, `nginx`) or none.',
        });
      }
      const long = block.language !== null && lineCount(block.code) > maxLines;
      if (long) {
        reportAt(file, block.pre, {
          ruleId: 'code-block-too-long',
          message: `This code block has more than ${maxLines} lines, so it is shown as plain text. Split it, or link to the file instead.`,
        });
      }
      const pre = highlighter.highlight(block.code, long ? null : block.language);
      block.parent.children[block.index] = wrap({ ...pre, position: block.pre.position }, block.language);
    }
  };
}

/** Every `<pre>` that holds a `<code>`, in document order; nothing inside a `<pre>` is looked at. */
function collectBlocks(parent: Root | Element, blocks: CodeBlock[]): void {
  const children = parent.children;
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    if (node.type !== 'element') continue;
    if (node.tagName !== 'pre') {
      collectBlocks(node, blocks);
      continue;
    }
    const code = node.children.find((child) => isElement(child, 'code'));
    if (isElement(code)) blocks.push({ pre: node, parent, index, code: toString(code).replace(/\n$/, ''), language: languageOf(code) });
  }
}

function lineCount(code: string): number {
  let count = 1;
  for (let at = code.indexOf('\n'); at !== -1; at = code.indexOf('\n', at + 1)) count++;
  return count;
}

function languageOf(code: Element): string | null {
  const classes = Array.isArray(code.properties.className) ? code.properties.className : [];
  for (const name of classes) {
    if (typeof name === 'string' && name.startsWith('language-')) return CodeHighlighter.normalize(name.slice(9));
  }
  return null;
}

function wrap(pre: Element, language: string | null): Element {
  const label: ElementContent[] =
    language === null ? [] : [{ type: 'element', tagName: 'span', properties: { className: ['code-label'] }, children: [{ type: 'text', value: language }] }];
  const header: Element = { type: 'element', tagName: 'div', properties: { className: ['code-header'] }, children: label };
  const children: ElementContent[] = [header, pre];
  return {
    type: 'element',
    tagName: 'div',
    properties: language === null ? { className: ['code-block'] } : { className: ['code-block'], dataLanguage: language },
    children,
    position: pre.position,
  };
}
