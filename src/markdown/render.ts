import type { Root } from 'hast';
import { VFile } from 'vfile';
import { RenderError } from '../errors.ts';
import { createFileData } from './file-data.ts';
import { autoExcerpt, excerptsAfterLead, moreExcerpt } from './excerpt.ts';
import { withHighlightedCode } from './hast-helpers.ts';
import { buildOutline } from './outline.ts';
import { getInlineProcessor, getMarkdownProcessor, type MarkdownProcessor } from './processor.ts';
import type { RenderedMarkdown, RenderOptions } from './types.ts';

export type { RenderedMarkdown, RenderOptions } from './types.ts';

const DEFAULT_EXCERPT_LENGTH = 200;

/**
 * Renders one post body. The document is parsed once; the page HTML, excerpts, outline, assets
 * and problems all come from that one tree. The processor and highlighter are shared by the process.
 */
export async function renderMarkdown(value: string, options: RenderOptions & { processor?: MarkdownProcessor | undefined }): Promise<RenderedMarkdown> {
  const processor = options.processor ?? (await getMarkdownProcessor());
  const data = createFileData(options.lineOffset ?? 0, options.extractTitle ?? false, options.imageDirs);
  if (options.linkItemShapes) data.linkItemShapes = options.linkItemShapes;
  const file = new VFile({ path: options.path, value, data: { weeklog: data } });
  let tree: Root;
  let html: string;
  try {
    tree = await processor.run(processor.parse(file), file);
    html = processor.stringify({ ...tree, children: withHighlightedCode(tree.children) }, file).trim();
  } catch (cause) {
    if (!isStackOverflow(cause)) throw new RenderError(`Rendering ${options.path} failed unexpectedly.`, { cause });
    // Nesting the source limits do not see (raw HTML elements, links in links) can still be
    // too deep for the tree walkers; the post is then left out, named, instead of the build dying.
    data.problems.push({
      file: options.path,
      line: 0,
      column: 0,
      severity: 'error',
      ruleId: 'nesting-too-deep',
      message: 'The post nests too deeply to render (the stack overflowed), so it is left out. Flatten deeply nested HTML elements, lists or quotes.',
    });
    return emptyRender(data.problems);
  }
  const outline = buildOutline(tree, data.headings, data.linkItems);
  const auto = autoExcerpt(tree, options.excerptLength ?? DEFAULT_EXCERPT_LENGTH);

  const rendered: RenderedMarkdown = {
    html,
    autoExcerptHtml: auto.html,
    autoExcerptText: auto.text,
    excerptsAfterLead: excerptsAfterLead(tree, options.excerptLength ?? DEFAULT_EXCERPT_LENGTH),
    toc: data.toc,
    headings: data.headings,
    text: outline.text,
    sections: outline.sections,
    linkItems: data.linkItems,
    assets: data.assets,
    links: data.links,
    ids: data.ids,
    tocInText: data.tocInText,
    images: data.images,
    problems: data.problems,
  };
  if (data.title !== undefined) rendered.title = data.title;
  if (data.morePath !== undefined) {
    // A marker before any content gives no excerpt; the post then falls back like one without it.
    const more = moreExcerpt(tree, data.morePath);
    if (more.html !== '') {
      rendered.moreExcerptHtml = more.html;
      rendered.moreExcerptText = more.text;
    }
  }
  return rendered;
}

// Lives in errors.ts so the render threads' owner can throw it without loading the parser.
export { RenderError };

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/iu.test(error.message);
}

function emptyRender(problems: RenderedMarkdown['problems']): RenderedMarkdown {
  return { html: '', autoExcerptHtml: '', autoExcerptText: '', toc: [], headings: [], text: '', sections: [], linkItems: [], assets: [], links: [], ids: [], tocInText: false, images: [], problems };
}

/** Renders a short Markdown text (a front matter `description`) to block HTML (`<p>…</p>`) for excerpts. */
export async function renderInlineMarkdown(value: string): Promise<string> {
  const processor = getInlineProcessor();
  const tree = await processor.run(processor.parse(value));
  return processor.stringify(tree).trim();
}
