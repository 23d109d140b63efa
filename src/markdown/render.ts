import { VFile } from 'vfile';
import { createFileData } from './file-data.ts';
import { autoExcerptHtml, moreExcerptHtml } from './excerpt.ts';
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
  const data = createFileData(options.lineOffset ?? 0, options.extractTitle ?? false);
  if (options.linkItemShapes) data.linkItemShapes = options.linkItemShapes;
  const file = new VFile({ path: options.path, value, data: { weeklog: data } });
  const tree = await processor.run(processor.parse(file), file);
  const html = processor.stringify(tree, file).trim();
  const outline = buildOutline(tree, data.headings, data.linkItems);

  const rendered: RenderedMarkdown = {
    html,
    autoExcerptHtml: autoExcerptHtml(tree, options.excerptLength ?? DEFAULT_EXCERPT_LENGTH),
    toc: data.toc,
    headings: data.headings,
    text: outline.text,
    sections: outline.sections,
    linkItems: data.linkItems,
    assets: data.assets,
    links: data.links,
    ids: data.ids,
    tocInText: data.tocInText,
    problems: data.problems,
  };
  if (data.title !== undefined) rendered.title = data.title;
  if (data.morePath !== undefined) {
    // A marker before any content gives no excerpt; the post then falls back like one without it.
    const more = moreExcerptHtml(tree, data.morePath);
    if (more !== '') rendered.moreExcerptHtml = more;
  }
  return rendered;
}

/** Renders a short Markdown text (a front matter `description`) to block HTML (`<p>…</p>`) for excerpts. */
export async function renderInlineMarkdown(value: string): Promise<string> {
  const processor = getInlineProcessor();
  const tree = await processor.run(processor.parse(value));
  return processor.stringify(tree).trim();
}
