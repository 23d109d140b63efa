import type { Root } from 'mdast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { fileDataOf } from './file-data.ts';
import { scanSource, type SourceLimits } from './source-limits.ts';

export interface Options {
  /** Deepest nesting of lists and block quotes; a deeper line is an error and the post is not rendered (default: `32`). */
  maxNesting?: number | null | undefined;
  /** Emphasis markers (`*`, `_`, `~` runs) per paragraph before that paragraph's markers are shown as written (default: `1000`). */
  maxMarkersPerBlock?: number | null | undefined;
  /** Sum over a document's paragraphs of (markers)² before further paragraphs' markers are shown as written (default: `4_000_000`). */
  maxMarkerWork?: number | null | undefined;
}

const emptyOptions: Options = {};

/**
 * Bounds the parser's work on one document (see `source-limits.ts`). Use it after `remark-parse`
 * and every other plugin that wraps the parser: it wraps them all, so the limits hold before
 * micromark sees the text.
 */
export default function remarkSourceLimits(this: Processor, options?: Options | null | undefined): void {
  const settings = options || emptyOptions;
  const limits: SourceLimits = {
    maxNesting: settings.maxNesting ?? 32,
    maxMarkersPerBlock: settings.maxMarkersPerBlock ?? 1000,
    maxMarkerWork: settings.maxMarkerWork ?? 4_000_000,
  };
  const parse = this.parser;
  if (!parse) throw new TypeError('remark-source-limits must be used after remark-parse');

  this.parser = function parser(document: string, file: VFile): Root {
    const data = fileDataOf(file);
    const { text, findings } = scanSource(document, limits);
    let refused = false;
    for (const finding of findings) {
      const line = finding.line + data.lineOffset;
      if (finding.kind === 'nesting') {
        refused = true;
        data.problems.push({
          file: file.path,
          line,
          column: finding.column,
          severity: 'error',
          ruleId: 'nesting-too-deep',
          message:
            `Lists and quotes nest ${finding.depth} levels deep here, past the limit of ${limits.maxNesting} ` +
            '(two columns of indentation count as a level), so the post is not rendered. Flatten the list or quote.',
        });
      } else {
        data.problems.push({
          file: file.path,
          line,
          column: 1,
          severity: 'warning',
          ruleId: 'too-many-emphasis-markers',
          message:
            finding.reason === 'block'
              ? `This paragraph has ${finding.markers} emphasis markers (\`*\`, \`_\`, \`~\`), past the limit of ${limits.maxMarkersPerBlock}, ` +
                'so they are shown as written. Split the paragraph, or put the text in a code block.'
              : `The post's emphasis markers (\`*\`, \`_\`, \`~\`) are past their budget of ${limits.maxMarkerWork} (the sum of each paragraph's count squared) ` +
                'from this paragraph on, so they are shown as written. Split the post, or put such text in code blocks.',
        });
      }
    }
    // A refused document is not parsed at all: the error keeps the post out of the site.
    return refused ? { type: 'root', children: [] } : (parse(text, file) as Root);
  };
}
