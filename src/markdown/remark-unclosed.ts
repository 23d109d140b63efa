import type { Code, Html, Root } from 'mdast';
import type { VFile } from 'vfile';
import { eachNode } from './each-node.ts';
import { fileDataOf } from './file-data.ts';

/** What `/\s+$/u` would trim. */
const TRAILING_SPACE = /\s/u;

/**
 * An unclosed code fence turns the rest of its container (often the rest of the post) into code,
 * and an unclosed `<!--` hides it: both are valid Markdown, so nothing else would say a word.
 * Each is reported once, at the line that opened it, with how many lines it took.
 */
export default function remarkUnclosed() {
  return function transformer(tree: Root, file: VFile): void {
    const data = fileDataOf(file);
    const source = String(file.value);
    const warn = (place: { line: number; column: number } | undefined, ruleId: string, message: string): void => {
      data.problems.push({
        file: file.path,
        line: place ? place.line + data.lineOffset : 0,
        column: place?.column ?? 0,
        severity: 'warning',
        ruleId,
        message,
      });
    };

    // One walk; fences are reported before comments, as two walks would.
    const codes: Code[] = [];
    const htmls: Html[] = [];
    eachNode(tree, (node) => {
      if (node.type === 'code') codes.push(node);
      else if (node.type === 'html') htmls.push(node);
    });

    for (const node of codes) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) continue;
      const fence = /^[ \t]*(`{3,}|~{3,})/u.exec(source.slice(start, start + 200))?.[1];
      if (fence === undefined) continue;
      // Only the last line can close the fence: split the block into lines only to report it.
      const block = source.slice(start, end);
      let stop = block.length;
      while (stop > 0 && TRAILING_SPACE.test(block[stop - 1]!)) stop--;
      const lastLineStart = block.lastIndexOf('\n', stop - 1) + 1;
      // A closing fence is the same character, at least as long, alone on its line (after container markers).
      const closing = new RegExp(`^(?:[ \\t>]*)${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`, 'u');
      if (lastLineStart > 0 && closing.test(block.slice(lastLineStart, stop))) continue;
      const lines = block.slice(0, stop).split('\n');
      warn(
        node.position?.start,
        'unclosed-fence',
        `The code fence ${fence} opened here is never closed, so ${lineCount(lines.length - 1)} after it ${lines.length === 2 ? 'is' : 'are'} shown as code. ` +
          `Close it with ${fence} on a line of its own.`,
      );
    }

    for (const node of htmls) {
      const opened = node.value.lastIndexOf('<!--');
      if (opened === -1 || node.value.indexOf('-->', opened + 4) !== -1) continue;
      const start = node.position?.start;
      const before = node.value.slice(0, opened);
      const newlines = before.split('\n').length - 1;
      const place = start && { line: start.line + newlines, column: newlines === 0 ? start.column + opened : opened - before.lastIndexOf('\n') };
      const hidden = node.value.slice(opened).replace(/\s+$/u, '').split('\n').length;
      warn(
        place,
        'unclosed-comment',
        `The HTML comment <!-- opened here is never closed, so ${lineCount(hidden)} from it on ${hidden === 1 ? 'is' : 'are'} hidden from the page, feeds and search. ` +
          'Close it with -->, or write &lt;!-- to show it as text.',
      );
    }
  };
}

function lineCount(count: number): string {
  return count === 1 ? '1 line' : `${count} lines`;
}
