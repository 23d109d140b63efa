import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Processor } from 'unified';
import { getCodeHighlighter } from './highlighter.ts';
import rehypeCollectAssets from './rehype-collect-assets.ts';
import rehypeCollectLinks from './rehype-collect-links.ts';
import rehypeHeadingIds from './rehype-heading-ids.ts';
import rehypeHighlightCode from './rehype-highlight-code.ts';
import rehypeLinkItems from './rehype-link-items.ts';
import rehypeImageSizes from './rehype-image-sizes.ts';
import rehypeMoreMarker from './rehype-more-marker.ts';
import rehypeRawWhenPresent from './rehype-raw-when-present.ts';
import rehypeSafeUrls from './rehype-safe-urls.ts';
import rehypeTables from './rehype-tables.ts';
import rehypeToc from './rehype-toc.ts';
import remarkCjkAutolink from './remark-cjk-autolink.ts';
import remarkExtractTitle from './remark-extract-title.ts';
import remarkGfmLiteralGuard from './remark-gfm-literal-guard.ts';
import remarkGfmSyntaxGuard from './remark-gfm-syntax-guard.ts';
import remarkSafeUrls from './remark-safe-urls.ts';
import remarkSourceLimits from './remark-source-limits.ts';
import remarkUnclosed from './remark-unclosed.ts';
import remarkTocMarker from './remark-toc-marker.ts';

export type MarkdownProcessor = Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>;

// Raw HTML in posts (`<u>`, `<br>`, `<details>`, `<img>`) is the author's own and passes through.
const REHYPE_OPTIONS = { allowDangerousHtml: true } as const;

let processorPromise: Promise<MarkdownProcessor> | undefined;

/** The process-wide Markdown processor; documents pass their own settings in `file.data.weeklog`. */
export function getMarkdownProcessor(): Promise<MarkdownProcessor> {
  processorPromise ??= getCodeHighlighter().then((highlighter) =>
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkGfmLiteralGuard)
      // Both wrap the parser; the guard needs the text micromark reads, after the limits escaped it.
      .use(remarkGfmSyntaxGuard)
      .use(remarkSourceLimits)
      .use(remarkCjkAutolink)
      .use(remarkSafeUrls)
      .use(remarkUnclosed)
      .use(remarkExtractTitle)
      .use(remarkTocMarker)
      .use(remarkRehype, REHYPE_OPTIONS)
      .use(rehypeRawWhenPresent)
      .use(rehypeSafeUrls)
      .use(rehypeMoreMarker)
      .use(rehypeHeadingIds)
      .use(rehypeToc)
      .use(rehypeLinkItems)
      .use(rehypeTables)
      .use(rehypeCollectAssets)
      .use(rehypeCollectLinks)
      .use(rehypeImageSizes)
      // Last: it turns each code block into hundreds of spans that the walks above need not visit.
      .use(rehypeHighlightCode, { highlighter })
      .use(rehypeStringify, REHYPE_OPTIONS)
      .freeze(),
  );
  return processorPromise;
}

let inlineProcessor: MarkdownProcessor | undefined;

/** For short texts such as a front matter `description`: no ids, no highlighting. */
export function getInlineProcessor(): MarkdownProcessor {
  inlineProcessor ??= unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkGfmLiteralGuard)
    .use(remarkGfmSyntaxGuard)
    .use(remarkSourceLimits)
    .use(remarkCjkAutolink)
    .use(remarkSafeUrls)
    .use(remarkRehype, REHYPE_OPTIONS)
    .use(rehypeRawWhenPresent)
    .use(rehypeSafeUrls)
    .use(rehypeStringify, REHYPE_OPTIONS)
    .freeze();
  return inlineProcessor;
}
